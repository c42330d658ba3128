"""As `coach` starts the app: the first frame is the library loading, and the service (settings, catalog)
loads just after it (`CoachApp(load=...)`); the tests elsewhere give the app a ready Coach."""

from __future__ import annotations

from textual.widgets import Input, OptionList, Select

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

    frozen, seen = [], []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))

    def load():  # runs after the first frame: what that frame showed, and keys pressed before the catalog is in
        screen = app.screen
        seen.append((isinstance(screen, LibraryScreen), option_texts(screen), screen.sub_title, list(frozen)))
        screen.action_open()  # nothing to open yet: said, not a crash
        app.action_progress()
        app.action_settings()
        screen.query_one("#filter", Input).value = "pro"  # typed while loading: applied once the catalog is in
        return make_coach()

    app = CoachApp(load=load, pace=0.0, freeze_gc=True)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        # the collector resumes once start-up is over, the catalog included
        assert seen == [(True, [LOADING], LOADING, [])]
        screen = app.screen
        assert isinstance(screen, LibraryScreen) and not app.loading
        options = screen.query_one("#scenarios", OptionList)
        assert [options.get_option_at_index(i).id for i in range(options.option_count)] == [PROMOTION]
        assert screen.sub_title == "1 of 2 scenarios"
        assert len(screen.query_one("#difficulty", Select)._options) == 4  # blank + the three levels
        await pilot.press("escape")
        await pilot.pause()
        assert [options.get_option_at_index(i).id for i in range(options.option_count)] == [PROMOTION, DEADLINES]
        assert frozen == [True]


async def test_the_settings_theme_is_the_first_frames_and_the_validated_one_follows():
    themes = []

    def load():
        themes.append(app.theme)
        coach = make_coach()
        coach.settings = coach.settings.model_copy(update={"theme": "nord"})
        return coach

    app = CoachApp(load=load, theme="textual-light", pace=0.0)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert themes == ["textual-light"]
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
