"""Settings written to the config file without ever showing the key; the help screen covers every key in
every footer; the command palette offers the main actions."""

from __future__ import annotations

import tomli
from textual.binding import Binding
from textual.command import CommandPalette
from textual.widgets import Input, Select, Static

from coach.core import paths
from coach.core.config import load_settings
from coach.tui.screens.briefing import BriefingScreen
from coach.tui.screens.help import HelpScreen, help_text
from coach.tui.screens.library import LibraryScreen
from coach.tui.screens.progress import ProgressScreen
from coach.tui.screens.rehearsal import RehearsalScreen
from coach.tui.screens.scorecard import ScorecardScreen
from coach.tui.screens.settings import SettingsScreen
from coach.tui.screens.transcript import TranscriptScreen
from tests.tui.conftest import make_app, open_rehearsal, say, until

KEY = "sk-test-THISISSECRET-0123456789abcd"


async def open_settings(pilot) -> SettingsScreen:
    await pilot.press("f9")
    await until(pilot, lambda: isinstance(pilot.app.screen, SettingsScreen), "settings")
    await pilot.pause()
    return pilot.app.screen


async def test_settings_are_saved_to_the_config_file_and_the_key_is_never_shown():
    app = make_app()
    async with app.run_test(size=(100, 50)) as pilot:
        await pilot.pause()
        screen = await open_settings(pilot)
        assert str(paths.config_file()) in str(screen.query_one("#config-path", Static).render())
        screen.query_one("#engine", Select).value = "openai"
        screen.query_one("#base_url", Input).value = "http://localhost:11434/v1"
        screen.query_one("#model", Input).value = "llama3.1:8b"
        screen.query_one("#context_budget", Input).value = "12000"
        screen.query_one("#api_key", Input).focus()
        await pilot.press(*KEY)
        await pilot.pause()
        assert KEY not in app.export_screenshot()  # typed into a password field: masked
        screen.query_one("#theme", Select).value = "textual-light"
        await pilot.pause()
        assert app.theme == "textual-light"  # previewed at once
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, LibraryScreen), "the library")

        data = tomli.loads(paths.config_file().read_text())
        assert data["engine"] == "openai" and data["model"] == "llama3.1:8b"
        assert data["base_url"] == "http://localhost:11434/v1" and data["context_budget"] == 12000
        assert data["theme"] == "textual-light" and data["api_key"] == KEY
        assert oct(paths.config_file().stat().st_mode & 0o777) == "0o600"
        assert load_settings().model == "llama3.1:8b"
        assert app.coach.settings.model == "llama3.1:8b"
        assert "model llama3.1:8b at http://localhost:11434/v1" in str(app.screen.query_one("#engine-line", Static).render())

        screen = await open_settings(pilot)
        source = str(screen.query_one("#key-source", Static).render())
        assert "config file" in source and "sk-…abcd" in source
        assert screen.query_one("#api_key", Input).value == ""
        assert KEY not in app.export_screenshot()
        for widget in screen.query(Static):
            assert KEY not in str(widget.render())


async def test_a_bad_value_is_explained_and_nothing_is_written():
    app = make_app()
    async with app.run_test(size=(100, 50)) as pilot:
        await pilot.pause()
        screen = await open_settings(pilot)
        screen.query_one("#context_budget", Input).value = "12"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        error = screen.query_one("#context_budget-error", Static)
        assert error.display and "whole number of tokens from 500" in str(error.render())  # words, not pydantic's
        assert not paths.config_file().exists()


async def test_a_bad_base_url_is_refused_at_save_with_a_message_under_it():
    app = make_app()
    async with app.run_test(size=(100, 50)) as pilot:
        await pilot.pause()
        screen = await open_settings(pilot)
        assert app.focused is screen.query_one("#engine", Select)  # something is focused on open
        screen.query_one("#base_url", Input).value = "notaurl"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        error = screen.query_one("#base_url-error", Static)
        assert error.display and "http://" in str(error.render())
        assert app.focused is screen.query_one("#base_url", Input)
        assert not paths.config_file().exists()
        screen.query_one("#base_url", Input).value = "http://localhost:11434/v1"
        await pilot.pause()
        assert not error.display
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, LibraryScreen), "the library")


async def test_a_letter_in_the_budget_is_refused_and_the_field_says_why():
    app = make_app()
    async with app.run_test(size=(100, 50)) as pilot:
        await pilot.pause()
        screen = await open_settings(pilot)
        screen.query_one("#context_budget", Input).focus()
        await pilot.press("end", "k")
        await pilot.pause()
        assert screen.query_one("#context_budget", Input).value == "8000"
        assert "Digits only" in str(screen.query_one("#context_budget-error", Static).render())


async def test_cancel_restores_the_theme():
    app = make_app()
    async with app.run_test(size=(100, 50)) as pilot:
        await pilot.pause()
        screen = await open_settings(pilot)
        screen.query_one("#theme", Select).value = "textual-light"
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.theme == "textual-dark"
        assert not paths.config_file().exists()


async def test_a_key_from_the_environment_is_named_not_shown(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    app = make_app(settings=load_settings())
    async with app.run_test(size=(100, 50)) as pilot:
        await pilot.pause()
        screen = await open_settings(pilot)
        source = str(screen.query_one("#key-source", Static).render())
        assert "environment (OPENAI_API_KEY)" in source
        assert screen.query_one("#api_key", Input).disabled
        assert "Set by OPENAI_API_KEY" in screen.query_one("#api_key", Input).placeholder
        assert KEY not in app.export_screenshot()
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, LibraryScreen), "the library")
        assert KEY not in paths.config_file().read_text()  # the environment's key stays there


def written(binding: Binding) -> list[str]:
    """How the help text writes a key: `F2`, `Ctrl+S`, `Esc`, `Enter`, or a plain letter."""
    names = {"escape": "Esc", "enter": "Enter"}
    out = []
    for key in binding.key.split(","):
        if key in names:
            out.append(f"`{names[key]}`")
        elif key.startswith("ctrl+"):
            out.append(f"`Ctrl+{key[5:].upper()}`")
        else:
            out.append(f"`{key.upper() if key.startswith('f') and key[1:].isdigit() else key}`")
    return out


def test_help_covers_every_key_shown_in_every_footer():
    from coach.tui.app import CoachApp

    screens = [CoachApp, LibraryScreen, BriefingScreen, RehearsalScreen, ScorecardScreen, ProgressScreen,
               TranscriptScreen, SettingsScreen]
    text = help_text() + help_text(workshop=True)  # Ctrl+N (switch participant) shows in workshop mode only
    for owner in screens:
        for binding in owner.BINDINGS:
            if isinstance(binding, Binding) and binding.show and binding.description:
                assert any(w in text for w in written(binding)), f"{owner.__name__}: {binding.key} is not in the help"
    for extra in ("`Ctrl+J`", "`Ctrl+P`", "`Ctrl+C`"):
        assert extra in text
    assert "F9" not in help_text(workshop=True) and "## Settings" not in help_text(workshop=True)


async def test_help_screen_opens_from_anywhere_and_closes():
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "help")
        assert "Rehearsal" in app.screen.query_one("Markdown").source
        await pilot.press("f1")  # F1 again closes it: help toggles, it never stacks
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("f1")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "help")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        await open_rehearsal(pilot)
        await pilot.press("f1")  # also while typing in the composer
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "help")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, RehearsalScreen)


async def test_command_palette_opens_and_runs_main_actions():
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette), "the command palette")
        await pilot.press(*"progress")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ProgressScreen), "progress")


async def test_command_palette_starts_a_scenario_by_name():
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette), "the command palette")
        await pilot.press(*"rehearse missed")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, BriefingScreen), "the briefing")
        assert app.screen.item.scenario.id == "missed-deadlines"


async def test_command_palette_offers_the_rehearsal_actions_there():
    from coach.tui.commands import CoachCommands

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = await open_rehearsal(pilot)
        await say(pilot, "I'd like to talk about the Senior role.")  # the scorecard needs a line
        names = [name for name, _, _ in CoachCommands(screen)._commands()]
        for action in ("Hint", "Rewind to one of your lines", "Retry", "Copy the transcript", "End and score"):
            assert action in names
        await pilot.press("ctrl+p")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette), "the command palette")
        await pilot.press(*"end and score")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ScorecardScreen), "the scorecard")


async def test_the_palette_theme_toggle_matches_theme_and_is_saved():
    from coach.tui.commands import CoachCommands

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        names = [name for name, _, _ in CoachCommands(app.screen)._commands()]
        assert any("Theme" in n for n in names)
        await pilot.press("ctrl+p")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette), "the command palette")
        await pilot.press(*"theme: toggle")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await until(pilot, lambda: app.theme == "textual-light", "the light theme")
        await until(pilot, lambda: paths.config_file().exists(), "the config file")
        assert tomli.loads(paths.config_file().read_text())["theme"] == "textual-light"
