"""Model errors appear inline with a retry and the learner's words stay in the input; Esc stops a reply
(the partial text kept and marked); the view follows a reply only while the learner is at the bottom."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widgets import Static

from coach.rehearsal.store import SessionStore
from coach.tui.screens.rehearsal import ErrorNotice
from coach.tui.screens.scorecard import ScorecardScreen
from coach.tui.widgets.composer import Composer
from coach.tui.widgets.message import MessageView
from tests.tui.conftest import (
    BrokenEngine,
    ScriptedEngine,
    SlowEngine,
    make_app,
    open_rehearsal,
    rehearsing,
    settle,
    until,
)

LINE = "I'd like you to nominate me for Senior in March."


async def send(pilot, text: str) -> None:
    composer = pilot.app.screen.query_one(Composer)
    composer.text = text
    composer.focus()
    await pilot.press("enter")


async def test_model_error_inline_text_kept_and_f4_retries():
    engine = ScriptedEngine(fail=1)
    async with rehearsing(engine=engine) as (app, pilot, screen):
        await send(pilot, LINE)
        await settle(pilot)
        notice = screen.query_one(ErrorNotice)
        assert "busy (HTTP 429)" in str(notice.query_one(".error-text", Static).render())
        assert screen.query_one(Composer).text == LINE  # never lost
        learner = list(screen.query(MessageView))[-1]
        assert learner.speaker == "learner" and learner.status == "unanswered"
        assert "no reply yet" in learner.heading
        assert SessionStore.default().load(screen.rehearsal.session.id).turns[-1].status == "unanswered"
        await pilot.press("f4")
        await settle(pilot)
        assert engine.calls == 2
        assert not screen.query(ErrorNotice)
        assert screen.query_one(Composer).text == ""
        views = list(screen.query(MessageView))
        assert [v.speaker for v in views] == ["partner", "learner", "partner"]
        assert views[-1].text == "Fine. Tell me more about the numbers."
        session = screen.rehearsal.session
        assert [t.speaker for t in session.turns] == ["partner", "learner", "partner"]
        assert session.turns[1].status == "complete"
        status = str(screen.query_one("#status", Static).render())
        assert status.startswith("openai · fake-model · your lines 1 of 10")


async def test_the_retry_button_works_too():
    engine = ScriptedEngine(fail=1)
    async with rehearsing(engine=engine) as (app, pilot, screen):
        await send(pilot, LINE)
        await settle(pilot)
        await pilot.click("#retry")
        await settle(pilot)
        assert engine.calls == 2 and not screen.query(ErrorNotice)
        assert screen.rehearsal.session.turns[-1].speaker == "partner"


async def test_after_an_error_an_edited_line_replaces_the_unanswered_one():
    engine = ScriptedEngine(fail=1)
    async with rehearsing(engine=engine) as (app, pilot, screen):
        await send(pilot, LINE)
        await settle(pilot)
        await send(pilot, "Let me put it differently: I'd like a Senior nomination in March.")
        await settle(pilot)
        session = screen.rehearsal.session
        assert [t.speaker for t in session.turns] == ["partner", "learner", "partner"]
        assert session.turns[1].text.startswith("Let me put it differently")
        assert session.branches[-1].turns[0].text == LINE  # the unanswered one is kept in a branch
        assert [v.speaker for v in screen.query(MessageView)] == ["partner", "learner", "partner"]


async def test_an_unexpected_failure_is_shown_inline_and_never_crashes_the_app():
    async with rehearsing(engine=BrokenEngine()) as (app, pilot, screen):
        await send(pilot, LINE)
        await settle(pilot)
        notice = screen.query_one(ErrorNotice)
        assert "socket exploded" in str(notice.query_one(".error-text", Static).render())
        assert screen.query_one(Composer).text == LINE
        await pilot.press("f4")
        await settle(pilot)
        assert screen.rehearsal.session.turns[-1].speaker == "partner"


async def test_esc_stops_a_slow_reply_and_keeps_the_partial_text_marked():
    engine = SlowEngine(words=500, delay=0.01)
    async with rehearsing(engine=engine) as (app, pilot, screen):
        await send(pilot, LINE)
        await until(pilot, lambda: engine.sent >= 20, "part of the reply")
        assert screen.streaming
        assert "replying" in str(screen.query_one("#status", Static).render())
        await pilot.press("escape")
        await settle(pilot)
        assert engine.sent < 500  # it stopped early
        assert not screen.streaming
        partner = list(screen.query(MessageView))[-1]
        assert partner.speaker == "partner" and partner.status == "cancelled"
        assert "(reply stopped)" in partner.heading
        assert partner.text.startswith("word0 word1 word2")
        session = screen.rehearsal.session
        assert session.turns[-1].status == "cancelled"
        assert session.turns[-1].text == partner.text
        assert SessionStore.default().load(session.id).turns[-1].status == "cancelled"
        # F4 asks again for a full reply; the stopped one is kept in a branch.
        engine.words = 5
        await pilot.press("f4")
        await settle(pilot)
        assert session.turns[-1].status == "complete"
        assert session.turns[-1].text == "word0 word1 word2 word3 word4"
        assert session.branches[-1].turns[0].status == "cancelled"


async def test_enter_while_a_reply_is_coming_keeps_the_new_line():
    engine = SlowEngine(words=200, delay=0.01)
    async with rehearsing(engine=engine) as (app, pilot, screen):
        await send(pilot, LINE)
        await until(pilot, lambda: engine.sent >= 5, "part of the reply")
        await send(pilot, "A second thought")
        assert screen.query_one(Composer).text == "A second thought"  # not sent, not lost
        await pilot.press("escape")
        await settle(pilot)


async def test_the_view_follows_a_reply_only_while_at_the_bottom():
    engine = SlowEngine(words=600, delay=0.005)
    app = make_app(engine=engine)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = await open_rehearsal(pilot)
        conversation = screen.query_one("#conversation", VerticalScroll)
        await send(pilot, LINE)
        await until(pilot, lambda: conversation.max_scroll_y > 10, "a reply taller than the screen")
        await pilot.pause()
        assert conversation.scroll_y == conversation.max_scroll_y  # following
        conversation.scroll_relative(y=-8, animate=False)  # the learner scrolls up to read (as a mouse wheel does)
        await pilot.pause()
        held = conversation.scroll_y
        assert held < conversation.max_scroll_y
        grown = conversation.max_scroll_y
        await until(pilot, lambda: conversation.max_scroll_y > grown + 5, "more of the reply")
        assert conversation.scroll_y == held  # left where they were reading
        conversation.scroll_end(animate=False)  # back to the bottom: following again
        await pilot.pause()
        grown = conversation.max_scroll_y
        await until(pilot, lambda: conversation.max_scroll_y > grown + 5, "more of the reply")
        await pilot.pause()
        assert conversation.scroll_y == conversation.max_scroll_y
        await pilot.press("escape")
        await settle(pilot)


async def test_f8_during_a_reply_stops_it_and_shows_the_scorecard():
    engine = SlowEngine(words=500, delay=0.01)
    async with rehearsing(engine=engine) as (app, pilot, screen):
        await send(pilot, LINE)
        await until(pilot, lambda: engine.sent >= 10, "part of the reply")
        await pilot.press("f8")
        await until(pilot, lambda: isinstance(app.screen, ScorecardScreen), "the scorecard")
        await settle(pilot)
        saved = SessionStore.default().load(screen.rehearsal.session.id)
        assert saved.turns[-1].status == "cancelled"
        assert saved.outcome == "ended-early"


class DroppingEngine(ScriptedEngine):
    """Streams part of a reply, then the connection drops (the first call only)."""

    async def stream(self, ctx):
        from coach.core.errors import EngineError

        if not self.calls:
            self.calls += 1
            yield "Well, the budget "
            raise EngineError("dropped", "The connection dropped part-way through the reply; what arrived is kept.")
        async for item in super().stream(ctx):  # counts the call
            yield item


async def test_after_a_dropped_reply_the_input_is_empty_and_enter_never_says_the_line_twice():
    engine = DroppingEngine()
    async with rehearsing(engine=engine) as (app, pilot, screen):
        await send(pilot, LINE)
        await settle(pilot)
        composer = screen.query_one(Composer)
        assert composer.text == ""  # the line is on the record: putting it back would invite sending it twice
        notice = str(screen.query_one(ErrorNotice).query_one(".error-text", Static).render())
        assert "F4 asks again" in notice
        partner = list(screen.query(MessageView))[-1]
        assert partner.status == "interrupted" and "(reply interrupted)" in partner.heading
        # The same line typed again is a retry, not a second turn.
        await send(pilot, LINE)
        await settle(pilot)
        session = screen.rehearsal.session
        assert [t.speaker for t in session.turns] == ["partner", "learner", "partner"]
        assert session.turns[-1].status == "complete" and engine.calls == 2
        assert [v.speaker for v in screen.query(MessageView)] == ["partner", "learner", "partner"]
        assert not screen.query(ErrorNotice)


async def test_esc_before_any_text_arrives_keeps_the_line_waiting_for_a_reply():
    engine = SlowEngine(words=5, delay=1.0)  # nothing arrives for a second: an unreachable model
    async with rehearsing(engine=engine) as (app, pilot, screen):
        await send(pilot, LINE)
        await until(pilot, lambda: screen.streaming, "the reply to start")
        await pilot.press("escape")
        await settle(pilot)
        assert engine.sent == 0
        composer = screen.query_one(Composer)
        assert composer.text == LINE  # back in the input: Enter sends it again
        learner = list(screen.query(MessageView))[-1]
        assert learner.speaker == "learner" and "(no reply yet)" in learner.heading
        assert screen.query(ErrorNotice)
        assert not any("what arrived is kept" in n.message for n in app._notifications)
        assert SessionStore.default().load(screen.rehearsal.session.id).turns[-1].status == "unanswered"
        engine.delay = 0.0
        await pilot.press("enter")  # sent again: it replaces the unanswered one, never a second copy
        await settle(pilot)
        session = screen.rehearsal.session
        assert [t.speaker for t in session.turns] == ["partner", "learner", "partner"]
        assert [v.speaker for v in screen.query(MessageView)] == ["partner", "learner", "partner"]


async def test_errors_in_the_app_point_to_settings_not_to_flags():
    from coach.tui.text import app_error

    message = ("Could not connect to http://localhost:1/v1: connection refused. Is the server running "
               "(for Ollama: `ollama serve`)? Check --base-url or OPENAI_BASE_URL.")
    assert app_error(message).endswith("Check the server URL in Settings (F9 in the library).")
