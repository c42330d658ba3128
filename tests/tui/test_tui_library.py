"""The library: every scenario with its title, category, difficulty and summary; filters; broken files."""

from __future__ import annotations

from textual.widgets import Input, OptionList, Select, Static

from coach.tui.screens.briefing import BriefingScreen
from coach.tui.screens.library import LibraryScreen, ProblemsScreen
from coach.tui.screens.progress import ProgressScreen
from coach.tui.screens.settings import SettingsScreen
from tests.tui.conftest import BROKEN, DEADLINES, PROMOTION, make_app, until


def shown(screen: LibraryScreen) -> list[str]:
    options = screen.query_one("#scenarios", OptionList)
    ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
    return [i for i in ids if i]  # not the "no scenario matches" line


def prompt_text(screen: LibraryScreen, index: int) -> str:
    return str(screen.query_one("#scenarios", OptionList).get_option_at_index(index).prompt)


async def test_lists_every_scenario_with_title_category_difficulty_and_summary():
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        assert shown(screen) == [PROMOTION, DEADLINES]  # sorted by category: career, management
        text = prompt_text(screen, 0)
        assert "Ask for a promotion after a visible win" in text
        assert "career · realistic" in text
        assert "checkout migration" in text  # the summary
        assert "you lead (manager)" in prompt_text(screen, 1)
        assert screen.sub_title == "2 of 2 scenarios"
        assert "offline engine" in str(screen.query_one("#engine-line", Static).render())
        assert not screen.query_one("#problems").display  # no broken files: no problems box


async def test_typing_filters_and_enter_opens_the_briefing():
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        screen = app.screen
        assert app.focused is screen.query_one("#filter", Input)
        await pilot.press(*"deadline")
        assert shown(screen) == [DEADLINES]
        assert screen.sub_title == "1 of 2 scenarios"
        await pilot.press(*" zzz")
        assert shown(screen) == []
        await pilot.press("enter")  # nothing matches: a warning, no crash, still the library
        assert isinstance(app.screen, LibraryScreen)
        for _ in range(4):
            await pilot.press("backspace")
        assert shown(screen) == [DEADLINES]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        assert app.screen.item.scenario.id == DEADLINES


async def test_typing_on_the_list_goes_to_the_filter():
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("down")  # from the filter to the list
        assert isinstance(app.focused, OptionList)
        await pilot.press("down")
        assert screen.query_one("#scenarios", OptionList).highlighted == 1
        await pilot.press(*"promo")
        assert isinstance(app.focused, Input)
        assert screen.query_one("#filter", Input).value == "promo"
        assert shown(screen) == [PROMOTION]


async def test_category_and_difficulty_filters():
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        screen = app.screen
        category = screen.query_one("#category", Select)
        difficulty = screen.query_one("#difficulty", Select)
        category.value = "management"
        await pilot.pause()
        assert shown(screen) == [DEADLINES]
        category.clear()
        difficulty.value = "realistic"
        await pilot.pause()
        assert shown(screen) == [PROMOTION]
        category.value = "management"  # management and realistic: nothing
        await pilot.pause()
        assert shown(screen) == []
        difficulty.clear()
        category.clear()
        await pilot.pause()
        assert shown(screen) == [PROMOTION, DEADLINES]


async def test_category_filter_with_the_keyboard():
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.screen.query_one("#category", Select).focus()
        await pilot.press("enter")  # open the drop-down
        await pilot.press("down", "down", "enter")  # past the blank entry to "management"
        await pilot.pause()
        assert app.screen.query_one("#category", Select).value == "management"
        assert shown(app.screen) == [DEADLINES]


async def test_invalid_scenario_files_are_listed_with_their_errors_never_a_crash():
    app = make_app(extra=[BROKEN])
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert shown(screen) == [PROMOTION, DEADLINES]  # the good ones still load
        problems = screen.query_one("#problems", Static)
        assert problems.display and problems.size.height == 1  # one line, however many problems
        text = str(problems.render())
        assert "1 scenario file could not be loaded" in text and "F6 shows them" in text
        await pilot.press("f6")
        await until(pilot, lambda: isinstance(app.screen, ProblemsScreen), "the problems dialog")
        files = app.screen.query_one("#problem-files", OptionList)
        assert files.option_count == 1 and app.screen.focused is files  # one line per file, reachable by keys
        line = str(files.get_option_at_index(0).prompt)
        assert "half-written.toml" in line and "more)" in line
        details = str(app.screen.query_one("#problem-details", Static).render())
        assert "difficulty" in details  # the one-line error for the bad level
        assert "summary: required field is missing" in details
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is screen, "the library again")


async def test_esc_clears_the_filter_and_no_match_says_so():
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press(*"zzzz")
        await pilot.pause()
        assert shown(screen) == []
        options = screen.query_one("#scenarios", OptionList)
        assert "No scenario matches" in str(options.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen  # nothing to open
        await pilot.press("escape")
        await pilot.pause()
        assert screen.query_one("#filter", Input).value == ""
        assert shown(screen) == [PROMOTION, DEADLINES]


async def test_the_footer_shows_enter_open_from_the_filter():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        keys = {b.key: b.description for b in (a.binding for a in app.screen.active_bindings.values()) if b.show}
        assert keys.get("enter") == "Open"


async def test_progress_and_settings_are_reachable():
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        await pilot.press("escape")
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)


async def test_the_real_command_freezes_startup_objects_out_of_the_gc(monkeypatch):
    import gc

    from coach.tui.app import CoachApp
    from tests.tui.conftest import make_coach

    frozen = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))
    app = CoachApp(make_coach(), pace=0.0, freeze_gc=True)  # as coach/cli/app_command.py runs it
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert frozen == [True]
