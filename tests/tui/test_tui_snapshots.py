"""SVG snapshots of the key screens at 80×24 and 120×40 (and the rehearsal in the light theme).

Deterministic, and apart from the domain's wording: the fixture scenarios, a scripted counterpart shown
as the offline engine (so a change in the offline engine or the detector does not move these layout
snapshots), fixed session ids and dates shown in UTC, fixed scorecards, no pacing, no blinking cursors,
no notifications. Update with `pytest tests/tui --snapshot-update`,
then look at the SVGs in tests/tui/__snapshots__.
"""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from coach.tui.screens.briefing import BriefingScreen
from coach.tui.screens.progress import ProgressScreen
from coach.tui.screens.scorecard import CriterionRow, ScorecardScreen
from tests.tui.conftest import (
    CASE,
    PROMOTION,
    WEAK,
    ScriptedOffline,
    at,
    make_app,
    open_rehearsal,
    play_session,
    sample_card,
    say,
    settle,
    until,
)

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


async def steady(pilot) -> None:
    """No blinking cursor and no toasts in a snapshot."""
    await settle(pilot)
    for widget in pilot.app.screen.query("Input"):
        widget.cursor_blink = False  # an Input then shows its cursor steadily
    for widget in pilot.app.screen.query("TextArea"):
        # A TextArea draws its cursor only while blinking and in the "on" phase: hold it there, so the
        # snapshot does not depend on which phase a loaded machine happened to catch.
        widget._pause_blink(visible=widget.has_focus)
        widget.refresh()
    pilot.app.clear_notifications()
    # A DataTable sizes its columns to new rows when it is next idle: on a busy machine that can come after the
    # snapshot, and a column drawn at its header's width fails the comparison.
    await until(pilot, lambda: not any(t._require_update_dimensions or t._updated_cells or t._new_rows
                                       for t in pilot.app.screen.query(DataTable)), "the tables' column widths")
    # A header line drawn before the widths changed can stay cached (the rows below it are right): draw them afresh.
    for table in pilot.app.screen.query(DataTable):
        table._clear_caches()
        table.refresh()
    await pilot.pause()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_library(snap_compare, size):
    async def run_before(pilot):
        await steady(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)


def test_library_with_a_broken_file(snap_compare):
    """At 80x24 the files that could not load take one line; the list keeps the screen."""
    from tests.tui.conftest import BROKEN

    async def run_before(pilot):
        await steady(pilot)

    assert snap_compare(make_app(extra=[BROKEN]), terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_briefing(snap_compare, size):
    async def run_before(pilot):
        pilot.app.open_briefing(PROMOTION)
        await until(pilot, lambda: isinstance(pilot.app.screen, BriefingScreen), "the briefing")
        await steady(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)


REPLIES = [
    "Right. And where are you going with this? Let's be concrete: what do you want to happen, and by when?",
    "Okay, so you're asking to be nominated for Senior in March. That's clear. The migration was great work, "
    "genuinely. But one strong project isn't a promotion case on its own. What else is there?",
]


def scripted_app():
    return make_app(engine=ScriptedOffline(replies=REPLIES))


async def mid_conversation(pilot) -> None:
    await open_rehearsal(pilot)
    await say(pilot, "I wanted to talk about my role. The migration went really well.")
    await say(pilot, "I'd like you to nominate me for Senior in the March calibration.")
    await steady(pilot)


@pytest.mark.parametrize("size", SIZES)
def test_rehearsal_mid_conversation(snap_compare, size):
    assert snap_compare(scripted_app(), terminal_size=size, run_before=mid_conversation)


def test_rehearsal_light_theme(snap_compare):
    app = scripted_app()
    app.theme = "textual-light"
    assert snap_compare(app, terminal_size=(80, 24), run_before=mid_conversation)


@pytest.mark.parametrize("size", SIZES)
def test_scorecard(snap_compare, size):
    session = play_session(PROMOTION, CASE, session_id="s-case", when=at(3), score=False, engine=ScriptedOffline())

    async def run_before(pilot):
        pilot.app.push_screen(ScorecardScreen(session, sample_card()))
        await until(pilot, lambda: isinstance(pilot.app.screen, ScorecardScreen) and pilot.app.screen.query(CriterionRow),
                    "the scorecard")
        await steady(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_progress(snap_compare, size, utc):
    engine = ScriptedOffline()
    played = [(1, WEAK, 25.0, (1, 1, 0, 2)), (2, CASE, 62.5, (3, 2, 1, 4)), (3, WEAK[:1], 75.0, (4, 3, 2, 3))]
    for day, lines, total, scores in played:
        sid = f"s-{day}"
        play_session(PROMOTION, lines, session_id=sid, when=at(day), card=sample_card(total, scores, sid), engine=engine)
    play_session(PROMOTION, CASE[:1], session_id="s-open", when=at(4), score=False, engine=engine)

    async def run_before(pilot):
        await pilot.press("f5")
        # The sessions are read in a worker the screen starts when it is shown: wait for the screen and for what the
        # worker shows (waiting for workers alone can come before a busy machine has started it), then for the rest.
        await until(pilot, lambda: isinstance(pilot.app.screen, ProgressScreen)
                    and pilot.app.screen.query_one("#sessions", DataTable).row_count > 0, "the sessions")
        await pilot.app.workers.wait_for_complete()
        # Both tables are filled in one pass once the sessions are read: wait for the criteria too, or a table still
        # to be filled passes the wait for column widths below and is filled after it.
        await until(pilot, lambda: all(t.row_count > 0 for t in pilot.app.screen.query(DataTable)), "every table's rows")
        await steady(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)
