"""Model servers found on this machine, offered in the app: a line on the library on first run (looked for
after the first frame, never blocking it), and in Settings a "Find local servers" button whose choice
fills the server and model, and a "Test connection" that checks them end to end."""

from __future__ import annotations

import tomli
from textual.widgets import Input, OptionList, Select, Static

from coach.core import paths
from coach.core.config import Settings
from coach.llm.discover import Port, discover
from coach.tui.screens.library import LibraryScreen
from coach.tui.screens.settings import SettingsScreen
from tests.doctor_fakes import KEY, DoctorServer
from tests.tui.conftest import make_app, settle, until


def text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def open_settings(pilot) -> SettingsScreen:
    await pilot.press("f9")
    await until(pilot, lambda: isinstance(pilot.app.screen, SettingsScreen), "settings")
    await pilot.pause()
    return pilot.app.screen


async def test_first_run_offers_a_server_found_on_this_machine():
    with DoctorServer(models=["smol", "tiny"]) as server:
        # Warmed first, and the test app looks for seconds, not 0.3 s: a cold server and cold imports on a busy
        # CI machine once took longer than that (the look itself is what is tested, not their start-up).
        assert await discover([Port(server.port, "llama.cpp")], budget=10.0)
        app = make_app(local_ports=[Port(server.port, "llama.cpp")])
        async with app.run_test(size=(110, 40)) as pilot:
            library = app.screen
            assert isinstance(library, LibraryScreen)
            await until(pilot, lambda: "Found on this machine" in text(library, "#engine-line"), "the offer")
            assert "llama.cpp (smol +1 more); F9 Settings to use it." in text(library, "#engine-line")

            screen = await open_settings(pilot)  # already listed there: no second look needed
            options = screen.query_one("#local-servers", OptionList)
            assert options.display and options.option_count == 2


async def test_no_look_once_a_model_is_set_or_on_a_shared_machine():
    with DoctorServer() as server:
        ports = [Port(server.port, "llama.cpp")]
        for app in (make_app(local_ports=ports, settings=Settings(model="m", base_url="http://127.0.0.1:9/v1")),
                    make_app(local_ports=ports, settings=Settings(engine="offline")),
                    make_app(local_ports=ports, workshop=True)):
            async with app.run_test(size=(110, 40)) as pilot:
                await settle(pilot)
                await pilot.pause(0.1)
                assert app.coach.local_found == [] and not app.workers


async def test_find_local_servers_fills_the_server_and_model_and_save_writes_them():
    with DoctorServer(models=["smol", "tiny"]) as server:
        assert await discover([Port(server.port, "llama.cpp")], budget=10.0)  # warmed, as above
        app = make_app(local_ports=[Port(server.port, "llama.cpp")], settings=Settings(engine="offline"))
        async with app.run_test(size=(110, 50)) as pilot:
            await pilot.pause()
            screen = await open_settings(pilot)
            assert not screen.query_one("#local-servers", OptionList).display
            await pilot.click("#find")
            await settle(pilot)
            options = screen.query_one("#local-servers", OptionList)
            assert options.display and app.focused is options
            assert "Found on this machine: llama.cpp (smol +1 more)" in text(screen, "#server-report")
            await pilot.press("down", "enter")
            await pilot.pause()
            assert screen.query_one("#base_url", Input).value == server.url
            assert screen.query_one("#model", Input).value == "tiny"
            assert screen.query_one("#engine", Select).value == "auto"  # offline was set: a server means a model
            await pilot.press("ctrl+s")
            await until(pilot, lambda: isinstance(app.screen, LibraryScreen), "the library")
            data = tomli.loads(paths.config_file().read_text())
            assert (data["base_url"], data["model"], data["engine"]) == (server.url, "tiny", "auto")
            assert app.coach.settings.model == "tiny"


async def test_find_local_servers_says_when_there_is_none():
    app = make_app()
    async with app.run_test(size=(110, 50)) as pilot:
        await pilot.pause()
        screen = await open_settings(pilot)
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert "No model server found on this machine" in text(screen, "#server-report")
        assert not screen.query_one("#local-servers", OptionList).display


async def test_test_connection_checks_what_the_form_says_before_it_is_saved():
    with DoctorServer(refuse_schema=500) as good, DoctorServer(key=KEY) as locked:
        app = make_app()
        async with app.run_test(size=(110, 60)) as pilot:
            await pilot.pause()
            screen = await open_settings(pilot)
            screen.query_one("#base_url", Input).value = good.url
            screen.query_one("#model", Input).value = "fake"
            await pilot.click("#test")
            await until(pilot, lambda: "Usable." in text(screen, "#server-report"), "the check")
            report = text(screen, "#server-report")
            assert f"{good.url}, model fake" in report and "json_schema     no    refused (HTTP 500)" in report
            assert "model judge via json_object" in report

            screen.query_one("#base_url", Input).value = locked.url
            await pilot.press("ctrl+t")
            await until(pilot, lambda: "Not usable." in text(screen, "#server-report"), "the second check")
            assert "needs an API key (401)" in text(screen, "#server-report")
            assert not paths.config_file().exists(), "testing saves nothing"
