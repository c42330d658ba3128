"""The scorecard: total, per-criterion bars with the learner's own words, what to change, the debrief and
the judge; retry the scenario, retry from a turn, export Markdown, copy, back to the library."""

from __future__ import annotations

from textual.widgets import Markdown, Static

from coach.core import paths
from coach.core.config import Settings
from coach.rehearsal.store import SessionStore
from coach.tui.screens.library import LibraryScreen
from coach.tui.screens.rehearsal import RehearsalScreen
from coach.tui.screens.rewind import RewindScreen
from coach.tui.screens.scorecard import CriterionRow, ScorecardScreen
from coach.tui.widgets.composer import Composer
from tests.tui.conftest import (
    CASE,
    PROMOTION,
    at,
    make_app,
    play_session,
    sample_card,
    settle,
    until,
)


async def show_scorecard(pilot, session, card=None) -> ScorecardScreen:
    pilot.app.push_screen(ScorecardScreen(session, card))
    await until(pilot, lambda: isinstance(pilot.app.screen, ScorecardScreen), "the scorecard")
    screen = pilot.app.screen
    # The card is scored in a worker that starts when the screen mounts: wait for it to begin showing, so
    # settle() has that worker to wait for (on a busy machine the screen can be current before it mounts).
    await until(pilot, lambda: screen.query("#total"), "the card")
    await settle(pilot)
    return screen


def unscored(**kwargs):
    return play_session(PROMOTION, CASE, session_id="s-case", when=at(3), score=False, **kwargs)


async def test_scores_the_session_and_saves_the_scorecard_with_it():
    session = unscored()
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = await show_scorecard(pilot, session)
        card = screen.card
        assert card is not None
        total = str(screen.query_one("#total", Static).render())
        assert total.startswith(f"{card.total:.0f}/100 · Ask for a promotion after a visible win · realistic")
        assert str(screen.query_one("#judge", Static).render()).startswith("Judged by the offline")
        assert [r.c.id for r in screen.query(CriterionRow)] == [c.id for c in card.criteria]
        assert "What to change next time" in screen.query_one("#changes", Markdown).source
        assert "Expert debrief" in screen.query_one("#debrief", Markdown).source
        saved = SessionStore.default().load(session.id)
        assert saved.scorecard.total == card.total  # Progress can show it


async def test_bars_evidence_better_line_flags_and_debrief():
    session = unscored()
    card = sample_card(scores=(3, 2, 0, 4))
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        pilot.app.push_screen(ScorecardScreen(session, card))
        await until(pilot, lambda: pilot.app.screen.query(CriterionRow), "the scorecard")
        screen = app.screen
        assert str(screen.query_one("#total", Static).render()) == (
            "62/100 · Ask for a promotion after a visible win · realistic · no agreement")
        rows = {r.c.id: r for r in screen.query(CriterionRow)}
        for cid, score in [("specific-ask", 3), ("impact-evidence", 2), ("explores-constraints", 0), ("next-steps", 4)]:
            bar = str(rows[cid].query_one(".bar", Static).render())
            assert bar == "██" * score + "░░" * (4 - score)
            assert rows[cid].query_one(".bar").has_class(f"score-{score}")
            assert f"{score}/4" in str(rows[cid].query_one(".criterion-score", Static).render())
        ask = rows["specific-ask"].query_one(Markdown).source
        assert "> “I'd like you to nominate me for Senior in the March calibration.” (turn 2)" in ask
        assert "**A better line:** “What would make this hard to take to calibration this year?”" in ask
        assert "**A better line:**" not in rows["next-steps"].query_one(Markdown).source  # full marks: no better line
        assert "not evidenced" in rows["explores-constraints"].query_one(Markdown).source
        changes = screen.query_one("#changes", Markdown).source
        assert "1. Ask about the budget" in changes and "## Flags" in changes and "**Hedging**" in changes
        debrief = screen.query_one("#debrief", Markdown).source
        assert "Priya agrees to nominate you" in debrief and "Lines an expert might use" in debrief


async def test_export_markdown_and_copy_the_scorecard():
    session = unscored()
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        screen = await show_scorecard(pilot, session)
        await pilot.press("e")
        exported = paths.data_dir() / "exports" / f"{session.id}.md"
        assert exported.exists()
        text = exported.read_text()
        assert CASE[0] in text and "/100" in text
        assert oct(exported.stat().st_mode & 0o777) == "0o600"
        await pilot.press("c")
        assert app.clipboard and f"{screen.card.total:.0f}/100" in app.clipboard


async def test_retry_the_scenario_starts_it_again_at_the_same_level():
    session = play_session(PROMOTION, CASE, session_id="s-tough", when=at(3), difficulty="tough", score=False)
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        await show_scorecard(pilot, session)
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, RehearsalScreen), "a new rehearsal")
        rehearsal = app.screen.rehearsal
        assert rehearsal.session.id != session.id
        assert rehearsal.scenario.id == PROMOTION and rehearsal.difficulty == "tough"
        assert len(rehearsal.session.turns) == 1


async def test_retry_from_a_chosen_turn():
    session = unscored()
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        await show_scorecard(pilot, session)
        await pilot.press("t")
        await until(pilot, lambda: isinstance(app.screen, RewindScreen), "the turn picker")
        await pilot.press("home", "down", "enter")  # the second of the learner's lines
        await until(pilot, lambda: isinstance(app.screen, RehearsalScreen), "the rehearsal")
        await settle(pilot)
        screen = app.screen
        assert screen.rehearsal.session.id == session.id  # the same session, rewound
        assert screen.query_one(Composer).text == CASE[1]
        assert len(screen.rehearsal.session.turns) == 3
        assert screen.rehearsal.session.branches


async def test_escape_after_a_rehearsal_goes_back_to_the_library():
    session = unscored()
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        pilot.app.push_screen(ScorecardScreen(session, came_from_rehearsal=True))
        await until(pilot, lambda: isinstance(pilot.app.screen, ScorecardScreen), "the scorecard")
        await settle(pilot)
        keys = {a.binding.key: a.binding.description for a in app.screen.active_bindings.values()}
        assert keys["escape"] == "Library"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)


async def test_the_total_has_a_bar_and_changes_read_whole():
    from coach.tui.screens.scorecard import changes_markdown, total_bar

    session = unscored()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = await show_scorecard(pilot, session, sample_card(total=62.5))
        assert str(screen.query_one("#total-bar", Static).render()) == total_bar(62.5) == "█" * 12 + "░" * 8
    card = sample_card()
    card.top_changes = ["Explores constraints: this never came up. For example: “What would make this hard?”."]
    assert "For example: “What would make this hard?”\n" in changes_markdown(card)  # no “…?”.


async def test_a_failing_model_judge_falls_back_to_the_offline_judge_and_says_so(monkeypatch):
    session = unscored()
    app = make_app(settings=Settings(model="fake-model", base_url="http://127.0.0.1:9/v1"))

    async def broken_judge(*args, **kwargs):
        raise RuntimeError("judge server unreachable")

    monkeypatch.setattr("coach.scoring.llm_judge.score_llm", broken_judge)
    async with app.run_test() as pilot:
        await pilot.pause()
        screen = await show_scorecard(pilot, session)
        assert screen.card is not None and screen.card.judge == "offline"
        assert any("offline judge instead" in n.message for n in app._notifications)
        assert "offline judge instead" in screen.card.notes[0]  # the card says so too, wherever it is shown
