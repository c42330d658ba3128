"""The rehearsal: a whole offline conversation to its end, the input, the hint, the status line, copying,
and the care pause."""

from __future__ import annotations

from textual.widgets import Button, Markdown, Static

from coach.rehearsal.store import SessionStore
from coach.tui.screens.rehearsal import CarePanel, RehearsalScreen
from coach.tui.screens.scorecard import ScorecardScreen
from coach.tui.widgets.composer import Composer
from coach.tui.widgets.message import FlatMessage, MessageView
from tests.tui.conftest import (
    WEAK,
    make_app,
    open_rehearsal,
    rehearsing,
    say,
    settle,
    texts,
    until,
)


async def test_a_whole_offline_rehearsal_until_the_counterpart_closes():
    async with rehearsing() as (app, pilot, screen):
        assert texts(screen) == ["Priya Raman: Hey, good to see you. We've only got half an hour today, so what's on your mind?"]
        for turn in range(20):
            if screen.rehearsal.ended:
                break
            await say(pilot, WEAK[turn % len(WEAK)])
        assert screen.rehearsal.ended, "the counterpart should close a vague conversation"
        session = screen.rehearsal.session
        views = list(screen.query(MessageView))
        assert [v.speaker for v in views] == [t.speaker for t in session.turns]
        assert views[-1].text == session.turns[-1].text  # the closing line, rendered in full at the end
        assert isinstance(views[-1], FlatMessage)  # plain speech: rendered in full as one widget at the end
        assert str(views[-1].render()) == f"Priya Raman · turn {len(session.turns)}\n{session.turns[-1].text}"
        assert all(v.number == n for n, v in enumerate(views, start=1))
        composer = screen.query_one(Composer)
        assert "conversation is over" in str(composer.border_title)
        assert "ended" in str(screen.query_one("#status", Static).render())
        # Saved on disk as it went.
        saved = SessionStore.default().load(session.id)
        assert saved.ended and len(saved.turns) == len(session.turns)
        # Enter does nothing more now; F8 shows the scorecard.
        composer.text = "one more thing"
        await pilot.press("enter")
        assert len(screen.rehearsal.session.turns) == len(session.turns)
        await pilot.press("f8")
        await until(pilot, lambda: isinstance(app.screen, ScorecardScreen), "the scorecard")
        await settle(pilot)
        assert app.screen.card is not None


async def test_agreement_shows_in_the_status_line_and_ends_the_conversation():
    from tests.tui.conftest import ScriptedEngine

    engine = ScriptedEngine(replies=["Go on.", "Okay. You've made the case: I'll nominate you for March."], agrees_after=2)
    async with rehearsing(engine=engine) as (app, pilot, screen):
        await say(pilot, "I'd like you to nominate me for Senior in March.")
        assert not screen.rehearsal.ended
        await say(pilot, "Since June I've cut our on-call pages by a third.")
        assert screen.rehearsal.session.outcome == "agreed" and screen.rehearsal.ended
        assert str(screen.query_one("#status", Static).render()) == "openai · fake-model · your lines 2 of 10 · agreed"
        assert any("conversation is over" in n.message for n in app._notifications)


async def test_typing_enter_sends_and_ctrl_j_adds_a_new_line():
    async with rehearsing() as (app, pilot, screen):
        composer = screen.query_one(Composer)
        assert app.focused is composer
        await pilot.press(*"First line", "ctrl+j", *"second line")
        assert composer.text == "First line\nsecond line"
        await pilot.press("enter")
        await settle(pilot)
        learner = [v for v in screen.query(MessageView) if v.speaker == "learner"]
        assert learner[-1].text == "First line\nsecond line"
        assert composer.text == ""
        assert screen.rehearsal.session.turns[1].text == "First line\nsecond line"
        assert screen.rehearsal.session.turns[2].speaker == "partner"


async def test_status_line_shows_engine_and_turns():
    async with rehearsing() as (app, pilot, screen):
        status = screen.query_one("#status", Static)
        assert str(status.render()) == "offline · your lines 0 of 10"
        await say(pilot, "I wanted to talk about my promotion.")
        assert str(status.render()) == "offline · your lines 1 of 10"


async def test_status_line_shows_model_tokens_and_cost():
    from tests.tui.conftest import ScriptedEngine

    async with rehearsing(engine=ScriptedEngine(usage=(1000, 234))) as (app, pilot, screen):
        assert str(screen.query_one("#status", Static).render()) == "openai · fake-model · your lines 0 of 10"
        await say(pilot, "I wanted to talk about my promotion.")
        status = str(screen.query_one("#status", Static).render())
        assert status.startswith("openai · fake-model · your lines 1 of 10 · 1,234 tokens · ")
        assert status.endswith("cost unknown") or "≈ $" in status  # a price is known only for listed models


async def test_hint_is_off_until_asked_and_goes_away_after_sending():
    async with rehearsing() as (app, pilot, screen):
        hint = screen.query_one("#hint", Static)
        assert not hint.display
        await pilot.press("f2")
        assert hint.display
        first = str(hint.render())
        assert first.startswith("Hint: ") and len(first) > 10
        await pilot.press("f2")
        assert not hint.display
        await pilot.press("f2")
        await say(pilot, "I'm not sure. Whatever you think.")
        assert not hint.display  # the hint was about the previous line
        await pilot.press("f2")
        assert "Hint:" in str(hint.render())


async def test_copy_a_message_and_the_whole_transcript():
    async with rehearsing() as (app, pilot, screen):
        await say(pilot, "I'd like to talk about the Senior role.")
        partner = list(screen.query(MessageView))[-1]
        partner.focus()
        await pilot.press("c")
        assert app.clipboard == partner.text
        learner = list(screen.query(MessageView))[1]
        learner.focus()
        await pilot.press("ctrl+c")  # with nothing selected, Ctrl+C copies the focused message
        assert app.clipboard == "I'd like to talk about the Senior role."
        screen.query_one(Composer).focus()
        await pilot.press("f7")
        assert "I'd like to talk about the Senior role." in app.clipboard
        assert partner.text in app.clipboard
        assert any("copied" in n.message for n in app._notifications)


async def test_copy_selected_text_in_the_input():
    async with rehearsing() as (app, pilot, screen):
        composer = screen.query_one(Composer)
        composer.text = "keep this line"
        composer.select_all()
        await pilot.press("ctrl+c")
        assert app.clipboard == "keep this line"


async def test_care_pause_shows_a_panel_and_carry_on_continues():
    async with rehearsing() as (app, pilot, screen):
        await say(pilot, "Honestly, some days I don't want to be alive.")
        panel = screen.query_one(CarePanel)
        assert "Carry on" in str(panel.query_one("#care-continue", Button).label)
        assert screen.rehearsal.session.outcome == "care-pause"
        withheld = [v for v in screen.query(MessageView) if v.status == "withheld"]
        assert withheld and "not sent to the counterpart" in withheld[0].heading
        partner_lines = [t for t in screen.rehearsal.session.turns if t.speaker == "partner"]
        assert len(partner_lines) == 1  # the counterpart never saw it
        await pilot.click("#care-continue")
        await pilot.pause()
        assert not screen.query(CarePanel)
        assert screen.rehearsal.session.outcome == "in-progress"
        assert app.focused is screen.query_one(Composer)
        await say(pilot, "Okay. I'd like to talk about my promotion.")
        assert screen.rehearsal.session.turns[-1].speaker == "partner"


async def test_stop_here_after_a_care_pause_goes_back_to_the_library():
    from coach.tui.screens.library import LibraryScreen

    async with rehearsing() as (app, pilot, screen):
        await say(pilot, "I'm falling apart, to be honest.")
        await pilot.click("#care-stop")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        saved = SessionStore.default().load(screen.rehearsal.session.id)
        assert saved.outcome == "care-pause" and not saved.ended


async def test_f8_mid_conversation_scores_and_leaves_the_session_resumable():
    async with rehearsing() as (app, pilot, screen):
        await say(pilot, "I'd like you to nominate me for Senior in March.")
        await pilot.press("f8")
        await until(pilot, lambda: isinstance(app.screen, ScorecardScreen), "the scorecard")
        await settle(pilot)
        assert "ended early" in str(app.screen.query_one("#total", Static).render())
        saved = SessionStore.default().load(screen.rehearsal.session.id)
        assert saved.outcome == "ended-early" and saved.scorecard is not None


async def test_rehearsal_screen_is_the_live_screen_after_start():
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        await open_rehearsal(pilot)
        assert isinstance(app.screen, RehearsalScreen)
        # Briefing was replaced, so the stack is: library (the default screen), rehearsal.
        assert len(app.screen_stack) == 2


async def test_mouse_selection_in_a_message_is_copied_with_ctrl_c():
    from textual.geometry import Offset
    from textual.selection import Selection

    async with rehearsing() as (app, pilot, screen):
        await say(pilot, "I'd like to talk about the Senior role.")
        learner = list(screen.query(MessageView))[1]
        # What a mouse drag over the second line of the message does: select "I'd like to talk".
        screen.selections = {learner: Selection(Offset(0, 1), Offset(16, 1))}
        await pilot.pause()
        await pilot.press("ctrl+c")
        assert app.clipboard == "I'd like to talk"


async def test_replies_are_one_widget_with_paragraph_breaks_and_tables_keep_markdown():
    from coach.tui.widgets.message import MarkdownMessage
    from tests.tui.conftest import ScriptedEngine

    engine = ScriptedEngine(reply="That is **fair**, and `calibration` is in *March*.")
    async with rehearsing(engine=engine) as (app, pilot, screen):
        await say(pilot, "A line with *stars* and [brackets] stays as I typed it.")
        learner, partner = list(screen.query(MessageView))[-2:]
        assert isinstance(learner, FlatMessage) and isinstance(partner, FlatMessage)
        assert str(learner.render()).endswith("A line with *stars* and [brackets] stays as I typed it.")
        body = partner.render()
        assert str(body) == "Priya Raman · turn 3\nThat is fair, and calibration is in March."
        styles = {str(body)[span.start:span.end]: str(span.style) for span in body.spans}
        assert styles["fair"] == "bold" and styles["March"] == "italic" and "text-accent" in styles["calibration"]
        engine.reply = "Two things:\n\n- the **budget**\n- the timing\n\nAnd one more."
        await say(pilot, "What are your concerns?")
        last = list(screen.query(MessageView))[-1]
        assert isinstance(last, FlatMessage)  # a list is drawn as text too: one light widget per message
        assert str(last.render()).endswith("Two things:\n\n• the budget\n• the timing\n\nAnd one more.")
        engine.reply = "| a | b |\n|---|---|\n| 1 | 2 |"
        await say(pilot, "A table?")
        last = list(screen.query(MessageView))[-1]
        assert isinstance(last, MarkdownMessage)  # a table needs Markdown's own layout
        assert "| 1 | 2 |" in last.query_one(Markdown).source


async def test_f8_with_nothing_said_refuses_instead_of_scoring_nothing():
    async with rehearsing() as (app, pilot, screen):
        await pilot.press("f8")
        await pilot.pause()
        assert app.screen is screen
        assert any("Say something first" in n.message for n in app._notifications)
        assert SessionStore.default().load(screen.rehearsal.session.id).scorecard is None


async def test_keys_typed_right_after_start_reach_the_input():
    """Ctrl+S and the next keys arrive together, as from a fast typist: none of them is lost."""
    from textual import events

    from tests.tui.conftest import PROMOTION

    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        app.open_briefing(PROMOTION)
        await pilot.pause()
        for key in ["ctrl+s", "h", "i", "space", "t", "h", "e", "r", "e"]:
            app.post_message(events.Key(key, " " if key == "space" else key if len(key) == 1 else None))
        await until(pilot, lambda: isinstance(app.screen, RehearsalScreen) and app.screen.ready, "the rehearsal")
        await settle(pilot)
        assert app.screen.query_one(Composer).text == "hi there"
        assert app.screen.focused is app.screen.query_one(Composer)


async def test_enter_while_the_rehearsal_is_starting_sends_once_it_is_ready():
    import threading

    from tests.tui.conftest import PROMOTION

    app = make_app()
    gate = threading.Event()
    async with app.run_test() as pilot:
        await pilot.pause()
        original = app.coach.start

        def slow_start(*args, **kwargs):
            gate.wait(5)
            return original(*args, **kwargs)

        app.coach.start = slow_start
        app.open_briefing(PROMOTION)
        await pilot.pause()
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, RehearsalScreen), "the rehearsal screen")
        screen = app.screen
        assert not screen.ready and "Starting" in str(screen.query_one("#status", Static).render())
        screen.query_one(Composer).text = "I'd like to talk about the Senior role."
        await pilot.press("enter")
        gate.set()
        await until(pilot, lambda: screen.ready, "the rehearsal to start")
        await settle(pilot)
        assert [t.speaker for t in screen.rehearsal.session.turns] == ["partner", "learner", "partner"]


async def test_a_start_that_fails_comes_back_to_the_briefing_and_says_why():
    from coach.core.config import Settings
    from coach.tui.screens.briefing import BriefingScreen
    from tests.tui.conftest import PROMOTION

    app = make_app(settings=Settings(engine="openai"))  # no model name: the engine cannot be built
    async with app.run_test() as pilot:
        await pilot.pause()
        app.open_briefing(PROMOTION)
        await pilot.pause()
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, BriefingScreen) and app.screen.is_mounted
                    and any(n.severity == "error" for n in app._notifications), "the briefing again")
        message = next(n.message for n in app._notifications if n.severity == "error")
        assert "Settings (F9" in message and "--model" not in message


async def test_ctrl_l_leaves_for_the_library_and_the_session_waits_paused():
    from coach.tui.screens.library import LibraryScreen

    async with rehearsing() as (app, pilot, screen):
        await say(pilot, "I'd like to talk about the Senior role.")
        await pilot.press("ctrl+l")
        await until(pilot, lambda: isinstance(app.screen, LibraryScreen), "the library")
        assert SessionStore.default().load(screen.rehearsal.session.id).outcome == "paused"
        assert [s.id for s in app.coach.sessions()] == [screen.rehearsal.session.id]


async def test_f6_shows_the_public_briefing_never_the_hidden_brief():
    from coach.tui.screens.briefing import BriefingDialog

    async with rehearsing() as (app, pilot, screen):
        await pilot.press("f6")
        await until(pilot, lambda: isinstance(app.screen, BriefingDialog), "the briefing dialog")
        shown = app.screen.query_one(Markdown).source
        scenario = screen.rehearsal.scenario
        assert scenario.learner.goal.strip()[:40] in shown
        assert scenario.counterpart.private_goal.strip()[:40] not in shown
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is screen, "the rehearsal again")
        assert screen.focused is screen.query_one(Composer)


async def test_the_status_line_counts_your_lines_and_messages_number_every_turn():
    async with rehearsing() as (app, pilot, screen):
        await say(pilot, "I'd like to talk about the Senior role.")
        await say(pilot, "Since June I've cut our on-call pages by a third.")
        assert "your lines 2 of 10" in str(screen.query_one("#status", Static).render())
        headings = [m.heading for m in screen.query(MessageView)]
        assert headings[3] == "You · turn 4"  # as the scorecard's evidence and the rewind list number it
