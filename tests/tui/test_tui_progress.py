"""Progress: per-criterion first/best/latest and trend; past sessions open their transcript and scorecard;
an unfinished session resumes, also in a new app after a restart; workshop mode."""

from __future__ import annotations

import asyncio

import pytest
from textual.widgets import DataTable, Input, Markdown, Static

from coach.rehearsal.store import SessionStore
from coach.tui.screens.library import LibraryScreen
from coach.tui.screens.participant import ParticipantScreen
from coach.tui.screens.progress import ProgressScreen
from coach.tui.screens.rehearsal import RehearsalScreen
from coach.tui.screens.rewind import RewindScreen
from coach.tui.screens.scorecard import ScorecardScreen
from coach.tui.screens.transcript import TranscriptScreen
from coach.tui.widgets.composer import Composer
from tests.tui.conftest import (
    CASE,
    DEADLINES,
    PROMOTION,
    WEAK,
    at,
    make_app,
    open_rehearsal,
    play_session,
    sample_card,
    say,
    settle,
    texts,
    until,
)


async def open_progress(pilot) -> ProgressScreen:
    await settle(pilot)  # a screen just shown (the library after ctrl+l) has its bindings before F5 is pressed
    await pilot.press("f5")
    await until(pilot, lambda: isinstance(pilot.app.screen, ProgressScreen), "progress")
    await settle(pilot)
    return pilot.app.screen


def rows(table: DataTable) -> list[list[str]]:
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_per_criterion_progress_and_the_session_list(utc):
    play_session(PROMOTION, WEAK, session_id="s-first", when=at(1), card=sample_card(25.0, (1, 1, 0, 2), "s-first"))
    play_session(PROMOTION, CASE, session_id="s-second", when=at(2), card=sample_card(62.5, (3, 2, 1, 4), "s-second"))
    play_session(PROMOTION, CASE[:1], session_id="s-open", when=at(3), score=False)
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = await open_progress(pilot)
        criteria = rows(screen.query_one("#criteria", DataTable))
        assert ["A clear, specific ask", "1/4", "3/4", "3/4", "▂▄"] in criteria
        assert ["Explicit next steps", "2/4", "4/4", "4/4", "▃▅"] in criteria
        label = str(screen.query_one("#trends", Static).render()).splitlines()[0]
        assert label == "Ask for a promotion after a visible win · first 25, best 62, latest 62"
        sessions = rows(screen.query_one("#sessions", DataTable))
        assert [r[0] for r in sessions] == ["2025-03-03 10:00", "2025-03-02 10:00", "2025-03-01 10:00"]  # newest first
        assert sessions[0][1:] == ["", "paused", "realistic", "1", "Ask for a promotion after a visible win"]
        assert sessions[1][1] == "62"
        assert app.focused is screen.query_one("#sessions", DataTable)


async def test_a_session_opens_its_transcript_and_its_saved_scorecard(utc):
    play_session(PROMOTION, CASE, session_id="s-second", when=at(2), card=sample_card(62.5, session_id="s-second"))
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        await open_progress(pilot)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, TranscriptScreen), "the transcript")
        await pilot.pause()
        transcript = app.screen.query_one("#transcript", Markdown).source
        assert CASE[0] in transcript and "62/100" in transcript
        assert app.screen.sub_title == "Session: Ask for a promotion after a visible win"
        await pilot.press("c")
        assert CASE[0] in app.clipboard
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, ScorecardScreen), "the scorecard")
        await settle(pilot)
        assert app.screen.card.total == 62.5  # the saved one, not scored again
        await pilot.press("escape")  # back where it came from
        await pilot.pause()
        assert isinstance(app.screen, TranscriptScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)


async def test_retry_from_a_turn_of_a_past_session_leaves_no_stale_score(utc):
    play_session(PROMOTION, CASE, session_id="s-second", when=at(2), card=sample_card(62.5, session_id="s-second"))
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        screen = await open_progress(pilot)
        assert rows(screen.query_one("#sessions", DataTable))[0][1] == "62"
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, TranscriptScreen), "the transcript")
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, ScorecardScreen), "the scorecard")
        await settle(pilot)
        await pilot.press("t")
        await until(pilot, lambda: isinstance(app.screen, RewindScreen), "the turn picker")
        await pilot.press("home", "down", "enter")  # the second line
        await until(pilot, lambda: isinstance(app.screen, RehearsalScreen), "the rehearsal")
        await settle(pilot)
        assert SessionStore.default().load("s-second").scorecard is None
        await pilot.press("ctrl+l")  # back to the library, then Progress again
        await until(pilot, lambda: isinstance(app.screen, LibraryScreen), "the library")
        screen = await open_progress(pilot)
        row = rows(screen.query_one("#sessions", DataTable))[0]
        assert row[1] == "" and row[2] == "paused"
        await pilot.press("ctrl+q")
    again = make_app()  # and after a restart
    async with again.run_test() as pilot:
        await pilot.pause()
        screen = await open_progress(pilot)
        assert rows(screen.query_one("#sessions", DataTable))[0][1] == ""


async def test_an_empty_progress_screen_says_what_to_do():
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        screen = await open_progress(pilot)
        assert "No scored sessions yet" in str(screen.query_one("#trends", Static).render())
        assert screen.query_one("#sessions", DataTable).row_count == 0
        await pilot.press("u", "enter")  # nothing selected: nothing happens, no crash
        assert isinstance(app.screen, ProgressScreen)


async def test_resume_an_unfinished_session_after_a_restart():
    first = make_app()
    async with first.run_test() as pilot:
        await pilot.pause()
        screen = await open_rehearsal(pilot)
        await say(pilot, "I'd like to talk about the Senior role.")
        session_id = screen.rehearsal.session.id
        before = texts(screen)
        await pilot.press("ctrl+q")  # quit mid-conversation: the session is already saved
    assert SessionStore.default().load(session_id).outcome == "in-progress"

    second = make_app()  # a new app, as after a restart
    async with second.run_test() as pilot:
        await pilot.pause()
        await open_progress(pilot)
        await pilot.press("u")
        await until(pilot, lambda: isinstance(second.screen, RehearsalScreen), "the resumed rehearsal")
        await settle(pilot)
        screen = second.screen
        assert screen.rehearsal.session.id == session_id
        assert texts(screen) == before
        assert second.focused is screen.query_one(Composer)
        await say(pilot, "I'd like you to nominate me for Senior in March.")
        assert len(screen.rehearsal.session.turns) == 5
        assert len(SessionStore.default().load(session_id).turns) == 5


async def test_unscored_sessions_are_scored_one_at_a_time_while_the_app_keeps_running(utc):
    """Finished sessions without a scorecard are scored when Progress opens, each off the event loop, with
    the count shown: the loop turns between (and during) them, so the app never freezes."""
    for n in range(3):
        assert play_session(PROMOTION, WEAK * 6, session_id=f"s-{n}", when=at(n + 1), score=False).ended
    app = make_app()
    ticks = 0
    labels, ticks_at = [], []

    async def ticker():
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0)

    score = app.coach.score_in_thread

    async def counted(session):
        labels.append(str(app.screen.query_one("#trends", Static).render()))
        ticks_at.append(ticks)
        return await score(session)

    app.coach.score_in_thread = counted
    async with app.run_test() as pilot:
        await pilot.pause()
        task = asyncio.create_task(ticker())
        screen = await open_progress(pilot)
        await app.workers.wait_for_complete()
        await settle(pilot)
        task.cancel()
        assert labels == [f"Scoring {n} of 3 unscored sessions…" for n in (1, 2, 3)]
        assert ticks_at[0] < ticks_at[1] < ticks_at[2]
        assert "first" in str(screen.query_one("#trends", Static).render())  # the trend, no longer the count
    assert all(SessionStore.default().load(f"s-{n}").scorecard is not None for n in range(3))


async def test_a_finished_session_cannot_be_resumed_but_opens():
    session = play_session(PROMOTION, WEAK * 6, session_id="s-done", when=at(1))
    assert session.ended
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        await open_progress(pilot)
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        assert any("has ended" in n.message for n in app._notifications)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, TranscriptScreen), "the transcript")
        assert not app.screen.check_action("resume", ())  # no resume key for a finished session


async def test_workshop_mode_asks_the_name_hides_settings_and_others_sessions():
    play_session(PROMOTION, CASE, session_id="s-alex", when=at(1), participant="Alex", card=sample_card(session_id="s-alex"))
    play_session(DEADLINES, CASE, session_id="s-sam", when=at(2), participant="Sam Lee", card=sample_card(session_id="s-sam"))
    app = make_app(workshop=True)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ParticipantScreen)
        assert app.focused is app.screen.query_one(Input)
        await pilot.press("enter")  # an empty name is refused
        assert isinstance(app.screen, ParticipantScreen)
        await pilot.press(*"  Sam   Lee ", "enter")
        await until(pilot, lambda: isinstance(app.screen, LibraryScreen), "the library")
        assert app.coach.participant == "Sam Lee"
        library = app.screen
        assert "Participant: Sam Lee" in str(library.query_one("#engine-line", Static).render())
        assert "F9" not in str(library.query_one("#engine-line", Static).render())
        assert "f9" not in library.active_bindings  # no settings key in the footer
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)  # settings stay locked
        screen = await open_progress(pilot)
        sessions = rows(screen.query_one("#sessions", DataTable))
        assert len(sessions) == 1 and sessions[0][-1] == "Talk to a report about missed deadlines"
        await pilot.press("escape")
        screen = await open_rehearsal(pilot)
        assert screen.rehearsal.session.participant == "Sam Lee"


async def test_workshop_palette_offers_no_settings():
    from coach.tui.commands import CoachCommands

    app = make_app(workshop=True, participant="Sam")
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)  # a known participant is not asked again
        provider = CoachCommands(app.screen)
        names = [name for name, _, _ in provider._commands()]
        assert "Settings" not in names and "Progress" in names


async def test_resume_a_session_whose_last_line_got_no_reply():
    from coach.tui.screens.rehearsal import ErrorNotice
    from tests.tui.conftest import ScriptedEngine

    first = make_app(engine=ScriptedEngine(fail=1))
    async with first.run_test() as pilot:
        await pilot.pause()
        screen = await open_rehearsal(pilot)
        await say(pilot, "I'd like you to nominate me for Senior in March.")
        assert screen.query(ErrorNotice)
        session_id = screen.rehearsal.session.id
        await pilot.press("ctrl+q")  # gave up and quit: the line is saved, unanswered

    engine = ScriptedEngine()
    second = make_app(engine=engine)
    async with second.run_test() as pilot:
        await pilot.pause()
        await open_progress(pilot)
        await pilot.press("u")
        await until(pilot, lambda: isinstance(second.screen, RehearsalScreen), "the resumed rehearsal")
        await settle(pilot)
        screen = second.screen
        assert screen.rehearsal.session.id == session_id
        assert "has not had a reply yet" in str(screen.query_one(ErrorNotice).query_one(".error-text", Static).render())
        await pilot.press("f4")
        await settle(pilot)
        assert engine.calls == 1 and not screen.query(ErrorNotice)
        assert [t.speaker for t in screen.rehearsal.session.turns] == ["partner", "learner", "partner"]


async def test_workshop_name_prompt_cannot_be_gone_around():
    from coach.tui.commands import CoachCommands

    play_session(PROMOTION, CASE, session_id="s-alex", when=at(1), participant="Alex", card=sample_card(session_id="s-alex"))
    app = make_app(workshop=True)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ParticipantScreen)
        names = [name for name, _, _ in CoachCommands(app.screen)._commands()]
        assert names == ["Help"]  # no progress, no rehearsal, no library from the palette
        app.action_progress()
        app.open_briefing(PROMOTION)
        app.action_library()
        await pilot.pause()
        assert isinstance(app.screen, ParticipantScreen)
        assert app.coach.sessions() == []  # the core shows nothing without a name either
        await pilot.press(*"alex", "enter")  # case and spacing do not make another person
        await until(pilot, lambda: isinstance(app.screen, LibraryScreen), "the library")
        assert [s.id for s in app.coach.sessions()] == ["s-alex"]


def test_workshop_core_refuses_to_start_without_a_name():
    from coach.service.coach import CoachError
    from tests.tui.conftest import make_coach

    coach = make_coach()
    coach.workshop = True
    with pytest.raises(CoachError, match="name"):
        coach.start(PROMOTION)


def test_the_totals_chart_is_on_a_fixed_scale():
    from coach.tui.screens.progress import totals_chart

    # 55 and 64 differ by a little (not empty against full); 100 fills both rows, 0 leaves them empty.
    assert totals_chart([55.0, 64.0, 100.0, 0.0]) == "▁▁ ▂▂ ██\n██ ██ ██"
