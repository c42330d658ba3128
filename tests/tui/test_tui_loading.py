"""As `coach` starts the app: the first frame is the library loading, and the service (settings, catalog)
loads in a thread just after it (`CoachApp(load=...)`); the tests elsewhere give the app a ready Coach."""

from __future__ import annotations

import threading

from textual.widgets import OptionList, Select

from coach.core.config import ConfigError
from coach.scenario import CatalogError
from coach.tui.app import CoachApp
from coach.tui.screens.library import LOADING, LibraryScreen
from tests.tui.conftest import DEADLINES, PROMOTION, make_coach, settle


def option_texts(screen: LibraryScreen) -> list[str]:
    options = screen.query_one("#scenarios", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_the_first_frame_is_the_library_loading_then_the_scenarios_fill_it(monkeypatch):
    import gc

    frozen = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))
    gate = threading.Event()

    def load():
        gate.wait(10)
        return make_coach()

    app = CoachApp(load=load, pace=0.0, freeze_gc=True)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LibraryScreen) and app.loading
        assert option_texts(screen) == [LOADING] and screen.sub_title == LOADING
        await pilot.press("enter")  # nothing to open yet: said, not a crash
        await pilot.press("f5")
        await pilot.press("f9")
        assert app.screen is screen
        await pilot.press("p", "r", "o")  # typed while loading: the filter applies once the catalog is in
        assert frozen == []  # the collector resumes once start-up is over, the catalog included
        gate.set()
        await settle(pilot)
        assert not app.loading
        options = screen.query_one("#scenarios", OptionList)
        assert [options.get_option_at_index(i).id for i in range(options.option_count)] == [PROMOTION]
        assert screen.sub_title == "1 of 2 scenarios"
        assert len(screen.query_one("#difficulty", Select)._options) == 4  # blank + the three levels
        await pilot.press("escape")
        await pilot.pause()
        assert [options.get_option_at_index(i).id for i in range(options.option_count)] == [PROMOTION, DEADLINES]
        await pilot.pause()
        assert frozen == [True]


async def test_the_settings_theme_is_the_first_frames_and_the_validated_one_follows():
    gate = threading.Event()

    def load():
        gate.wait(10)
        coach = make_coach()
        coach.settings = coach.settings.model_copy(update={"theme": "nord"})
        return coach

    app = CoachApp(load=load, theme="textual-light", pace=0.0)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.theme == "textual-light"
        gate.set()
        await settle(pilot)
        assert app.theme == "nord"


async def test_invalid_settings_or_a_broken_library_end_the_app_with_the_reason():
    for error in (ConfigError("timeout: must be a number (config file: x)"), CatalogError("criteria.toml: broken")):
        def load(error=error):
            raise error

        app = CoachApp(load=load, pace=0.0)
        async with app.run_test() as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert app.load_error == str(error)
        assert app.return_code == 2
