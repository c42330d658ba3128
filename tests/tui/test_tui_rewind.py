"""Rewind: F4 takes back the last line to rephrase it; F3 goes back to any earlier line through a dialog.
Rewound turns are kept in the session's branches, never deleted."""

from __future__ import annotations

from textual.widgets import OptionList

from coach.rehearsal.store import SessionStore
from coach.tui.screens.rewind import RewindScreen
from coach.tui.widgets.composer import Composer
from coach.tui.widgets.message import MessageView
from tests.tui.conftest import rehearsing, say, texts, until

FIRST = "I'd like to talk about the Senior role."
SECOND = "Since June I've cut our on-call pages by a third."
THIRD = "I guess I'd like more, sort of."


async def test_f4_takes_back_the_last_line_and_a_new_version_is_sent():
    async with rehearsing() as (app, pilot, screen):
        await say(pilot, FIRST)
        await say(pilot, THIRD)
        before = texts(screen)
        assert len(before) == 5
        await pilot.press("f4")
        await pilot.pause()
        composer = screen.query_one(Composer)
        assert composer.text == THIRD  # back in the input, ready to edit
        assert texts(screen) == before[:3]
        session = screen.rehearsal.session
        assert len(session.turns) == 3
        assert [t.text for t in session.branches[-1].turns][0] == THIRD  # kept, not deleted
        composer.text = "I'd like you to nominate me for Senior in the March calibration."
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert len(texts(screen)) == 5
        assert screen.rehearsal.session.turns[3].text.startswith("I'd like you to nominate me")
        assert [v.number for v in screen.query(MessageView)] == [1, 2, 3, 4, 5]


async def test_f4_with_nothing_said_yet_explains_itself():
    async with rehearsing() as (app, pilot, screen):
        await pilot.press("f4")
        await pilot.pause()
        assert len(screen.rehearsal.session.turns) == 1
        assert any("no line of yours" in n.message for n in app._notifications)


async def test_f3_goes_back_to_an_earlier_turn_through_the_dialog():
    async with rehearsing() as (app, pilot, screen):
        for line in (FIRST, SECOND, THIRD):
            await say(pilot, line)
        await pilot.press("f3")
        await until(pilot, lambda: isinstance(app.screen, RewindScreen), "the rewind dialog")
        dialog = app.screen
        options = dialog.query_one(OptionList)
        assert options.option_count == 3
        assert options.highlighted == 2  # starts on the latest line
        assert str(options.get_option_at_index(0).prompt) == f"turn 2: {FIRST}"  # numbered as the messages are
        await pilot.press("up", "enter")  # the second line (turn 4)
        await until(pilot, lambda: app.screen is screen, "the rehearsal again")
        await pilot.pause()
        assert screen.query_one(Composer).text == SECOND
        assert len(screen.rehearsal.session.turns) == 3  # opening, first line, its reply
        assert len(texts(screen)) == 3
        assert screen.rehearsal.session.branches[-1].from_turn == 4
        saved = SessionStore.default().load(screen.rehearsal.session.id)
        assert len(saved.turns) == 3 and saved.branches  # saved as it happened


async def test_f3_escape_changes_nothing():
    async with rehearsing() as (app, pilot, screen):
        await say(pilot, FIRST)
        await pilot.press("f3")
        await until(pilot, lambda: isinstance(app.screen, RewindScreen), "the rewind dialog")
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is screen, "the rehearsal again")
        assert len(screen.rehearsal.session.turns) == 3
        assert not screen.rehearsal.session.branches
        assert screen.query_one(Composer).text == ""


async def test_rewind_after_the_end_reopens_the_conversation():
    async with rehearsing() as (app, pilot, screen):
        for turn in range(20):
            if screen.rehearsal.ended:
                break
            await say(pilot, "I'm not sure. Whatever you think." if turn % 2 else "Kind of everything, really.")
        assert screen.rehearsal.ended
        await pilot.press("f3")
        await until(pilot, lambda: isinstance(app.screen, RewindScreen), "the rewind dialog")
        await pilot.press("home", "enter")  # back to the very first line
        await until(pilot, lambda: app.screen is screen, "the rehearsal again")
        await pilot.pause()
        assert not screen.rehearsal.ended
        assert "Enter sends" in str(screen.query_one(Composer).border_title)
        await say(pilot, "I'd like you to nominate me for Senior in the March calibration.")
        assert screen.rehearsal.session.turns[-1].speaker == "partner"
