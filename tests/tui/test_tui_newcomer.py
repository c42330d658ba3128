"""The app from a newcomer's list (issue 14, item 7): the care panel keeps the learner's line; the briefing's
difficulty works with Tab and the arrows; Progress per scenario with a labelled chart and a filter; workshop
mode switches participant; no stale toast over the scorecard; a failed screenshot says why."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from textual.widgets import DataTable, Input, Select, Static

from coach.core.counterpart import ReplyEnd, TurnContext
from coach.tui.screens.briefing import BriefingScreen, LevelPicker
from coach.tui.screens.library import LibraryScreen
from coach.tui.screens.participant import ParticipantScreen
from coach.tui.screens.progress import ProgressScreen
from coach.tui.screens.rehearsal import CarePanel, RehearsalScreen
from coach.tui.screens.scorecard import ScorecardScreen
from coach.tui.widgets.composer import Composer
from tests.tui.conftest import (
    CASE,
    DEADLINES,
    PROMOTION,
    WEAK,
    ScriptedEngine,
    at,
    make_app,
    open_rehearsal,
    play_session,
    rehearsing,
    sample_card,
    say,
    settle,
    until,
)

DISTRESS = "Honestly, some days I don't want to be alive."


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


# -- 1. the care panel keeps what the learner had typed ------------------------------------------------


async def test_the_care_panel_keeps_the_line_and_carry_on_brings_it_back_to_edit():
    async with rehearsing() as (app, pilot, screen):
        await say(pilot, DISTRESS)
        composer = screen.query_one(Composer)
        assert screen.query(CarePanel) and composer.text == DISTRESS  # withheld, and still theirs
        await pilot.click("#care-continue")
        await pilot.pause()
        assert not screen.query(CarePanel)
        assert app.focused is composer and composer.text == DISTRESS
        await pilot.press("end", *" Anyway.")  # the cursor is at the end: they edit straight on
        assert composer.text == DISTRESS + " Anyway."


class CareAfterWaiting(ScriptedEngine):
    """A model that steps out of role (care) once the test has typed ahead during its reply."""

    def __init__(self):
        super().__init__()
        self.go = asyncio.Event()

    async def stream(self, ctx: TurnContext) -> AsyncIterator[str | ReplyEnd]:
        self.calls += 1
        await self.go.wait()
        yield ReplyEnd(care=True)


async def test_a_line_typed_ahead_is_not_replaced_when_the_care_panel_appears():
    engine = CareAfterWaiting()
    app = make_app(engine=engine)
    async with app.run_test() as pilot:
        await pilot.pause()
        engine.go.set()  # the opening line
        screen = await open_rehearsal(pilot)
        engine.go.clear()
        composer = screen.query_one(Composer)
        composer.text = "I'm so tired of all this."
        await pilot.press("enter")
        await until(pilot, lambda: screen.streaming, "the reply to begin")
        composer.text = "Next, the numbers"  # typed while the reply was coming
        engine.go.set()
        await settle(pilot)
        assert screen.query(CarePanel)
        assert composer.text == "Next, the numbers"


# -- 2. the briefing's difficulty: Tab order and arrows, as the hint says --------------------------------


async def test_tab_goes_between_difficulty_and_start_and_the_arrows_choose():
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        app.open_briefing(PROMOTION)
        await until(pilot, lambda: isinstance(app.screen, BriefingScreen), "the briefing")
        await pilot.pause()
        screen = app.screen
        levels, start = screen.query_one(LevelPicker), screen.query_one("#start")
        hint = str(screen.query_one("#start-bar").border_title)
        assert "←/→ choose the difficulty" in hint and "Enter starts" in hint
        assert [w.id for w in screen.focus_chain] == ["levels", "start"]  # the briefing scrolls with PgUp/PgDn
        assert app.focused is start
        await pilot.press("tab")
        assert app.focused is levels
        await pilot.press("right")  # chosen at once: no Space or Enter needed
        assert screen.difficulty == "tough"
        assert "tough:" in str(screen.query_one("#level-description", Static).render())
        await pilot.press("right")  # the ends hold: "tough" does not wrap round to "gentle"
        assert screen.difficulty == "tough"
        await pilot.press("left", "left", "left")
        assert screen.difficulty == "gentle"
        await pilot.press("shift+tab")
        assert app.focused is start
        await pilot.press("right")  # the arrows choose from the Start button too, and focus the difficulty
        assert app.focused is levels and screen.difficulty == "realistic"
        await pilot.press("enter")  # Enter on the difficulty starts, at that level
        await until(pilot, lambda: isinstance(app.screen, RehearsalScreen), "the rehearsal")
        await settle(pilot)
        assert app.screen.rehearsal.difficulty == "realistic"


# -- 3. Progress per scenario, with a labelled chart and a filter ------------------------------------------


def rows(table: DataTable) -> list[list[str]]:
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


PROMOTION_TITLE = "Ask for a promotion after a visible win"
DEADLINES_TITLE = "Talk to a report about missed deadlines"


async def test_progress_charts_each_scenario_and_the_filter_narrows_everything(utc):
    play_session(PROMOTION, WEAK, session_id="s-p1", when=at(1), card=sample_card(25.0, (1, 1, 0, 2), "s-p1"))
    play_session(PROMOTION, CASE, session_id="s-p2", when=at(2), card=sample_card(62.5, (3, 2, 1, 4), "s-p2"))
    play_session(DEADLINES, WEAK, session_id="s-d1", when=at(3))  # scored by the offline judge
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f5")
        await until(pilot, lambda: isinstance(app.screen, ProgressScreen), "progress")
        await settle(pilot)
        screen = app.screen
        heading = str(screen.query_one("#trends-title").render())
        assert "out of 100" in heading and "oldest → newest" in heading
        chart = str(screen.query_one("#trends", Static).render())
        assert f"{PROMOTION_TITLE} · first 25, best 62, latest 62" in chart
        assert "100┤    ▂▂\n  0┤ ▄▄ ██" in chart  # a 0-100 axis; one column per session, oldest first
        assert f"{DEADLINES_TITLE} · one scored session:" in chart  # one bar is not a trend: no chart
        select = screen.query_one("#scenario", Select)
        assert [str(prompt) for prompt, _ in select._options] == ["All scenarios", DEADLINES_TITLE, PROMOTION_TITLE]
        assert len(rows(screen.query_one("#sessions", DataTable))) == 3

        await pilot.press("s")  # the filter, from the keyboard: newest scenario first
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        assert select.value == PROMOTION
        chart = str(screen.query_one("#trends", Static).render())
        assert PROMOTION_TITLE in chart and DEADLINES_TITLE not in chart
        criteria = rows(screen.query_one("#criteria", DataTable))
        assert [r[0] for r in criteria] == ["A clear, specific ask", "Evidence of impact", "Explicit next steps",
                                            "Explores the other side's constraints"]  # this scenario's only
        assert ["A clear, specific ask", "1/4", "3/4", "3/4", "▂▄"] in criteria
        sessions = rows(screen.query_one("#sessions", DataTable))
        assert [r[-1] for r in sessions] == [PROMOTION_TITLE, PROMOTION_TITLE]
        assert app.focused is screen.query_one("#sessions", DataTable)  # Enter and u act on the sessions again

        await pilot.press("enter")  # a session and back: the filter holds
        await until(pilot, lambda: not isinstance(app.screen, ProgressScreen), "the transcript")
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is screen, "progress again")
        await settle(pilot)
        assert select.value == PROMOTION and len(rows(screen.query_one("#sessions", DataTable))) == 2


async def test_a_finished_session_never_scored_is_scored_by_the_loading_worker(utc):
    from coach.rehearsal.store import SessionStore

    done = play_session(PROMOTION, WEAK * 6, session_id="s-done", when=at(1), score=False)
    assert done.ended and done.scorecard is None
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("f5")
        await until(pilot, lambda: isinstance(app.screen, ProgressScreen), "progress")
        await settle(pilot)
        assert f"{PROMOTION_TITLE} · one scored session:" in str(app.screen.query_one("#trends", Static).render())
        assert SessionStore.default().load("s-done").scorecard is not None


def test_sessions_by_scenario_most_recently_played_first():
    from coach.service.progress import by_scenario

    played = [play_session(PROMOTION, WEAK[:1], session_id="s-a", when=at(1), score=False),
              play_session(DEADLINES, WEAK[:1], session_id="s-b", when=at(2), score=False),
              play_session(PROMOTION, WEAK[:1], session_id="s-c", when=at(3), score=False)]
    groups = by_scenario(played)
    assert list(groups) == [PROMOTION, DEADLINES]
    assert [s.id for s in groups[PROMOTION]] == ["s-c", "s-a"]


# -- 4. workshop mode: the next participant without a restart ----------------------------------------------


async def test_an_empty_name_says_why_it_is_needed():
    app = make_app(workshop=True)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ParticipantScreen)
        why = app.screen.query_one("#participant-why", Static)
        assert not why.display
        await pilot.press("enter")
        assert isinstance(app.screen, ParticipantScreen) and why.display
        assert "your sessions are saved under it" in str(why.render())


async def test_switch_participant_from_the_library_without_a_restart():
    from coach.tui.commands import CoachCommands

    for sid, scenario, day, who in [("s-alex", PROMOTION, 1, "Alex"), ("s-sam", DEADLINES, 2, "Sam")]:
        play_session(scenario, CASE, session_id=sid, when=at(day), participant=who, card=sample_card(session_id=sid))
    app = make_app(workshop=True, participant="Alex")
    async with app.run_test() as pilot:
        await pilot.pause()
        library = app.screen
        assert isinstance(library, LibraryScreen) and "ctrl+n" in library.active_bindings
        assert "Switch participant" in [name for name, _, _ in CoachCommands(library)._commands()]
        await pilot.press("ctrl+n")
        await until(pilot, lambda: isinstance(app.screen, ParticipantScreen), "the name prompt")
        assert "now: Alex" in str(app.screen.query_one("Label").render())
        assert app.focused is app.screen.query_one(Input)
        assert [name for name, _, _ in CoachCommands(app.screen)._commands()] == ["Help"]  # nothing goes around it
        await pilot.press("escape")  # changed their mind: Alex stays
        await until(pilot, lambda: app.screen is library, "the library")
        assert app.coach.participant == "Alex"

        await pilot.press("ctrl+n")
        await until(pilot, lambda: isinstance(app.screen, ParticipantScreen), "the name prompt")
        await pilot.press("enter")  # empty: said why, still asked
        assert app.screen.query_one("#participant-why").display
        await pilot.press(*"Sam", "enter")
        await until(pilot, lambda: app.screen is library, "the library")
        assert app.coach.participant == "Sam"
        assert "Participant: Sam" in str(library.query_one("#engine-line", Static).render())
        assert [s.id for s in app.coach.sessions()] == ["s-sam"]  # only the new participant's sessions


async def test_no_switch_participant_outside_workshop_mode():
    from coach.tui.commands import CoachCommands

    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert "ctrl+n" not in app.screen.active_bindings
        assert "Switch participant" not in [name for name, _, _ in CoachCommands(app.screen)._commands()]
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)


# -- 5. no stale toast over the scorecard ----------------------------------------------------------------


async def test_the_conversations_toasts_are_cleared_when_the_scorecard_opens():
    app = make_app(engine=ScriptedEngine(closes_after=1))
    async with app.run_test() as pilot:
        await pilot.pause()
        await open_rehearsal(pilot)
        await say(pilot, "I'd like you to nominate me for Senior in March.")
        assert any("conversation is over" in m for m in messages(app))
        await pilot.press("f8")
        await until(pilot, lambda: isinstance(app.screen, ScorecardScreen), "the scorecard")
        await settle(pilot)
        assert not any("conversation is over" in m for m in messages(app))


# -- 6. a failed screenshot says why ------------------------------------------------------------------------


async def screenshot_from_the_palette(pilot) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*"Screenshot")
    await pilot.pause(0.3)  # the palette searches in the background
    await pilot.press("enter")


async def test_a_failed_screenshot_says_why(monkeypatch, tmp_path):
    missing = tmp_path / "no-such-folder"  # e.g. no Downloads folder (a read-only one fails the same way)
    monkeypatch.setattr("textual.app.user_downloads_path", lambda: missing)
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        await screenshot_from_the_palette(pilot)
        await until(pilot, lambda: any("screenshot" in m.lower() for m in messages(app)), "the screenshot's notice")
        notice = next(n for n in app._notifications if "screenshot" in n.message.lower())
        assert notice.severity == "error" and "\n" not in notice.message
        assert notice.message.startswith("The screenshot was not saved: No such file or directory: ")
        assert str(missing) in notice.message


async def test_a_saved_screenshot_says_where(monkeypatch, tmp_path):
    monkeypatch.setattr("textual.app.user_downloads_path", lambda: tmp_path)
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        await screenshot_from_the_palette(pilot)
        await until(pilot, lambda: any("creenshot" in m for m in messages(app)), "the screenshot's notice")
        saved = list(tmp_path.glob("*.svg"))
        assert len(saved) == 1
        assert f"Screenshot saved to {saved[0]}" in messages(app)  # plain text, no "[$text-success]" markup
