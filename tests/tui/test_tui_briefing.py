"""The briefing: the learner's side and the counterpart's public profile, never the hidden brief; difficulty;
which engine will play."""

from __future__ import annotations

from textual.widgets import Markdown, RadioButton, Static

from coach.core.config import Settings
from coach.tui.screens.briefing import BriefingScreen
from coach.tui.screens.library import LibraryScreen
from coach.tui.screens.rehearsal import RehearsalScreen
from tests.tui.conftest import PROMOTION, make_app, open_rehearsal, until


def screen_text(screen) -> str:
    parts = [w.source for w in screen.query(Markdown)]
    parts += [str(w.render()) for w in screen.query(Static)]
    return "\n".join(parts)


async def open_briefing(pilot, scenario_id: str = PROMOTION) -> BriefingScreen:
    pilot.app.open_briefing(scenario_id)
    await until(pilot, lambda: isinstance(pilot.app.screen, BriefingScreen), "the briefing")
    await pilot.pause()
    return pilot.app.screen


async def test_shows_the_learner_side_and_the_public_profile_only():
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_briefing(pilot)
        s = screen.item.scenario
        text = " ".join(screen_text(screen).split())
        for public in (s.title, s.learner.goal, s.counterpart.name, s.counterpart.role, s.counterpart.relationship):
            assert " ".join(public.split()) in text
        assert "checkout migration you led went live a week early" in text  # the situation
        assert "Priya agrees to nominate you for March" in text  # the good outcome
        # The hidden brief never reaches the screen.
        assert " ".join(s.counterpart.private_goal.split()) not in text
        for secret in s.counterpart.hidden_constraints:
            assert secret not in text
        for objection in s.counterpart.objections:
            assert objection.line not in text
        assert "Marco" not in text
        assert " ".join(s.counterpart.concession.summary.split()) not in text


async def test_offline_default_is_obvious_when_no_model_is_configured():
    app = make_app()
    async with app.run_test() as pilot:
        screen = await open_briefing(pilot)
        played_by = str(screen.query_one("#played-by", Static).render())
        assert "built-in offline counterpart" in played_by
        assert "No model is set up" in played_by


async def test_names_the_model_when_one_is_configured():
    app = make_app(settings=Settings(model="llama3.1:8b", base_url="http://localhost:11434/v1"))
    async with app.run_test() as pilot:
        screen = await open_briefing(pilot)
        played_by = str(screen.query_one("#played-by", Static).render())
        assert "llama3.1:8b" in played_by and "localhost:11434" in played_by


async def test_difficulty_choice_is_used_for_the_session():
    app = make_app()
    async with app.run_test() as pilot:
        screen = await open_briefing(pilot)
        assert screen.difficulty == "realistic"  # the scenario's own level is preselected
        assert "realistic:" in str(screen.query_one("#level-description", Static).render())
        tough = next(b for b in screen.query(RadioButton) if b.name == "tough")
        tough.value = True
        await pilot.pause()
        assert "tough: Priya is under pressure" in str(screen.query_one("#level-description", Static).render())
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, RehearsalScreen), "the rehearsal")
        assert app.screen.rehearsal.difficulty == "tough"
        assert "tough" in app.screen.sub_title


async def test_difficulty_with_the_keyboard_and_start_with_enter():
    app = make_app()
    async with app.run_test() as pilot:
        screen = await open_briefing(pilot)
        screen.query_one("#levels").focus()
        await pilot.press("left")  # from "realistic" to "gentle": the arrows choose
        assert screen.difficulty == "gentle"
        screen.query_one("#start").focus()
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, RehearsalScreen), "the rehearsal")
        assert app.screen.rehearsal.difficulty == "gentle"


async def test_escape_goes_back_and_a_failing_start_explains_itself():
    app = make_app(settings=Settings(engine="openai"))  # a model engine without a model name
    async with app.run_test() as pilot:
        screen = await open_briefing(pilot)
        assert "no model name is set" in str(screen.query_one("#played-by", Static).render())
        await pilot.press("ctrl+s")
        await until(pilot, lambda: any("model name" in n.message for n in app._notifications), "the reason")
        await until(pilot, lambda: isinstance(app.screen, BriefingScreen), "the briefing again")  # with the reason
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)


async def test_starting_from_the_library_with_keys_alone():
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press(*"promotion", "enter")
        await until(pilot, lambda: isinstance(app.screen, BriefingScreen), "the briefing")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, RehearsalScreen), "the rehearsal")
        assert app.screen.rehearsal.scenario.id == PROMOTION


async def test_open_rehearsal_helper_reaches_the_rehearsal():
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        screen = await open_rehearsal(pilot, difficulty="gentle")
        assert screen.rehearsal.difficulty == "gentle"
