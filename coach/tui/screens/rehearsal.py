"""Rehearsal: the conversation, a streaming counterpart, and the learner's input, which is never lost."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Header, Static
from textual.worker import Worker, WorkerState

from coach.core.text_safety import clean, clean_line
from coach.tui.text import app_error, shown
from coach.tui.widgets.composer import Composer
from coach.tui.widgets.footer import CoachFooter
from coach.tui.widgets.message import MarkdownMessage, MessageView, message_view
from coach.tui.widgets.status import status_text

if TYPE_CHECKING:  # loaded by the starter (in a thread), so opening the screen does not wait for them
    from coach.core.events import Event
    from coach.core.session import Turn
    from coach.rehearsal.rehearsal import Rehearsal


class ErrorNotice(Horizontal):
    def __init__(self, message: str):
        super().__init__(classes="error-notice")
        self.message = app_error(message)

    def compose(self) -> ComposeResult:
        yield Static(shown(f"⚠ {self.message}"), classes="error-text")
        yield Button("Retry (F4)", id="retry", variant="warning", compact=True)


def reflow(text: str) -> str:
    """Join a prompt file's hard-wrapped lines into paragraphs, so they wrap to the screen instead."""
    return "\n\n".join(" ".join(p.split()) for p in text.strip().split("\n\n") if p.strip())


class CarePanel(VerticalScroll):
    """The app stepping out of the role-play: the care message, then carry on or stop."""

    def __init__(self, message: str):
        super().__init__(id="care")
        self.message = message

    def compose(self) -> ComposeResult:
        yield Static(shown(reflow(self.message)), id="care-text")
        with Horizontal(id="care-buttons"):
            yield Button("Carry on", id="care-continue", variant="primary", compact=True)
            yield Button("Stop here (back to the library)", id="care-stop", compact=True)


Starter = Callable[[], "tuple[Rehearsal, list[str]]"]


class RehearsalScreen(Screen):
    # Priority: the composer (a TextArea) has keys of its own (F6 selects a line, F7 all) that must not win.
    BINDINGS = [
        # Not in the footer: the status line says "… is replying (Esc stops)" while a reply comes, so the
        # footer never changes (and is never rebuilt) twice a turn.
        Binding("escape", "cancel", "Stop", show=False, priority=True),
        Binding("f2", "hint", "Hint", priority=True),
        Binding("f3", "rewind", "Rewind", priority=True),
        Binding("f4", "retry", "Retry", priority=True),
        Binding("f6", "briefing", "Brief", priority=True),
        Binding("f7", "copy_all", "Copy all", show=False, priority=True),  # in the help and the palette
        Binding("f8", "end", "Score", priority=True),
        Binding("ctrl+l", "leave", "Library", priority=True),
        Binding("ctrl+c", "copy_selection", "Copy", show=False, priority=True),
    ]

    def __init__(self, rehearsal: Rehearsal | None = None, prefill: str = "", starter: Starter | None = None,
                 on_fail: Callable[[], object] | None = None):
        """With `starter` (called in a thread: it may import and build a model client) the screen opens at
        once, its input focused and taking keys, and the conversation appears when the starter returns.
        If it fails, `on_fail` is called (e.g. to bring the briefing back), else the screen is popped."""
        super().__init__()
        self.on_fail = on_fail
        if rehearsal is None and starter is None:
            raise ValueError("a rehearsal or a starter is needed")
        self.rehearsal: Rehearsal = rehearsal  # type: ignore[assignment] - set by the starter before use
        self.starter = starter
        self.prefill = prefill
        self._streaming = False
        self.pending: str | None = None  # a line sent before the conversation was ready

    @property
    def streaming(self) -> bool:
        return self._streaming

    @streaming.setter
    def streaming(self, value: bool) -> None:
        self._streaming = value

    @property
    def ready(self) -> bool:
        return self.rehearsal is not None

    def on_unmount(self) -> None:
        if self.rehearsal is not None:
            self.rehearsal.close()  # another coach may open this session now

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel":
            return True  # stops a reply; otherwise says how to end or leave
        if action in ("hint", "rewind", "retry", "end", "copy_all", "briefing") and not self.ready:
            return False
        return True

    # -- layout ------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield VerticalScroll(id="conversation")
        yield Static("", id="hint")
        yield Composer(id="composer")
        yield Static("", id="status")
        yield CoachFooter()

    async def on_mount(self) -> None:
        self.query_one("#hint").display = False
        composer = self.query_one(Composer)
        composer.border_title = "Your line · Enter sends · Ctrl+J new line"
        composer.text = clean(self.prefill)  # a line taken back from a session file
        self.set_focus(composer)  # now, not after a refresh: keys typed straight after Ctrl+S land in it
        composer.move_cursor(composer.document.end)
        if self.rehearsal is None:
            self.query_one("#status", Static).update(shown("Starting the rehearsal…"))
            self.start_in_thread()
            return
        await self.show_rehearsal()

    @work(thread=True, exclusive=True, group="start", exit_on_error=False)
    def start_in_thread(self) -> tuple[Rehearsal, list[str]]:
        assert self.starter is not None
        return self.starter()

    async def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "start":
            return
        if event.state == WorkerState.SUCCESS:
            self.rehearsal, notes = event.worker.result
            for note in notes:
                self.notify(note, timeout=6)
            await self.show_rehearsal()
        elif event.state == WorkerState.ERROR:
            from coach.service.coach import CoachError

            error = event.worker.error
            message = str(error) if isinstance(error, CoachError) else f"Could not start: {type(error).__name__}: {error}"
            self.notify(app_error(message), severity="error", timeout=8)
            self.dismiss_start()

    def dismiss_start(self) -> None:
        """The rehearsal could not start: back to the screen it was started from (the briefing, a session)."""
        if self.app.screen is not self:
            return
        if self.on_fail is not None:
            self.on_fail()
        elif len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    async def show_rehearsal(self) -> None:
        self.rehearsal.listen(lambda message: self.notify(message, timeout=6))  # "rate limited (429); waiting 5 s"
        s = self.rehearsal.scenario
        self.sub_title = clean_line(f"{s.title} · {self.rehearsal.difficulty}")
        await self.rebuild()
        conversation = self.query_one("#conversation", VerticalScroll)
        conversation.anchor()
        self.after_change()
        self.refresh_bindings()
        if self.rehearsal.unanswered_line is not None:
            await self.show_error("Your last line has not had a reply yet. Enter sends it again (or edit it first).")
        elif self.rehearsal.cut_off_line is not None:
            await self.show_error("The last reply did not finish. F4 asks again.")
        elif self.rehearsal.care_message is not None:
            await self.show_care(self.rehearsal.care_message)
        if self.pending is not None:  # Enter was pressed while the rehearsal was starting
            text, self.pending = self.pending, None
            await self.submit(text)

    def who(self, turn: Turn) -> str:
        if turn.speaker == "learner":
            return "You"
        if turn.speaker == "care":
            return "coach"
        return self.rehearsal.scenario.counterpart.name

    async def rebuild(self) -> None:
        """Render the live line from the session (start, resume, rewind): one widget per turn."""
        conversation = self.query_one("#conversation", VerticalScroll)
        await conversation.remove_children()
        views = [
            message_view(t.speaker, self.who(t), t.text, t.status, number)
            for number, t in enumerate(self.rehearsal.session.turns, start=1)
            if t.speaker != "care"
        ]
        await conversation.mount_all(views)

    def after_change(self) -> None:
        self.query_one("#status", Static).update(shown(status_text(self.rehearsal, self.app.coach.settings)))
        composer = self.query_one(Composer)
        if self.rehearsal.ended:
            composer.border_title = "The conversation is over · F8 for your scorecard · F3 to rewind"
        else:
            composer.border_title = "Your line · Enter sends · Ctrl+J new line"

    async def clear_notices(self) -> None:
        await self.query(".error-notice").remove()
        await self.query("#care").remove()

    async def show_error(self, message: str) -> None:
        conversation = self.query_one("#conversation", VerticalScroll)
        await conversation.mount(ErrorNotice(message))
        conversation.scroll_end(animate=False)

    async def show_care(self, message: str) -> None:
        await self.query("#care").remove()
        await self.mount(CarePanel(message), before=self.query_one(Composer))
        self.query_one("#care-continue", Button).focus()  # Enter carries on; Tab reaches "Stop here"

    # -- sending -----------------------------------------------------------------------------------

    @on(Composer.Submitted)
    async def _submitted(self, event: Composer.Submitted) -> None:
        if not self.ready:
            self.pending = event.text  # sent as soon as the conversation is ready
            self.query_one("#status", Static).update(shown("Starting the rehearsal… your line goes as soon as it is ready."))
            return
        await self.submit(event.text)

    async def submit(self, text: str) -> None:
        if self.streaming:
            self.notify("The reply is still coming; press Esc to stop it first.", severity="warning")
            return
        if self.rehearsal.ended:
            self.notify("The conversation is over. F8 shows your scorecard; F3 rewinds to try a line again.")
            return
        text = text.strip()
        if self.rehearsal.is_resend(text):
            # The same line again after a reply that was cut off: ask again, do not say it twice.
            self.notify("Asking again for a reply to your line (it is already in the conversation).", timeout=4)
            await self.action_retry()
            return
        self.query_one("#hint").display = False  # a hint is about one line: asked for again, not kept
        await self.clear_notices()
        if self.rehearsal.unanswered_line is not None:
            views = self.shown_messages()
            if views:
                await views[-1].remove()  # the new line replaces the one that got no reply
        conversation = self.query_one("#conversation", VerticalScroll)
        number = self.rehearsal.next_turn_number
        await conversation.mount(message_view("learner", "You", text, number=number))
        self.query_one(Composer).clear()
        conversation.anchor()
        self.run_reply(self.rehearsal.send(text), text)

    @work(exclusive=True, group="reply")
    async def run_reply(self, events: AsyncIterator[Event], sent: str) -> None:
        from coach.core.events import CarePause, Chunk, ReplyDone, ReplyFailed

        conversation = self.query_one("#conversation", VerticalScroll)
        view = MarkdownMessage("partner", self.rehearsal.scenario.counterpart.name, "", number=None)
        await conversation.mount(view)
        stream = view.stream()  # batched into one Markdown write per frame (see ReplyStream)
        stop = stream.stop
        self.streaming = True
        self.query_one("#status", Static).update(shown(status_text(self.rehearsal, self.app.coach.settings, replying=True)))
        parts: list[str] = []
        try:
            async for item in events:
                if isinstance(item, Chunk):
                    if not parts:  # the line is on the record now: count it in the status line
                        status = status_text(self.rehearsal, self.app.coach.settings, replying=True)
                        self.query_one("#status", Static).update(shown(status))
                    parts.append(item.text)
                    await stream.write(item.text)
                elif isinstance(item, ReplyDone):
                    await stop()
                    await view.finish(item.turn.text, number=len(self.rehearsal.session.turns))  # one full render
                    if item.turn.note:  # e.g. a reply cut because the server ignored the length limit
                        self.notify(f"Note: {item.turn.note}.", timeout=6)
                    if self.rehearsal.ended:
                        self.notify("The conversation is over. Press F8 for your scorecard.", timeout=6)
                elif isinstance(item, CarePause):
                    await stop()
                    view.discard()
                    await self.rebuild()
                    self.keep_text(sent)  # back in the input, to edit and send when they carry on
                    await self.show_care(item.message)
                elif isinstance(item, ReplyFailed):
                    await stop()
                    if item.partial:
                        # The line is on the record with part of a reply: the input stays empty (Enter would
                        # say it twice) and F4 asks again.
                        await view.finish(item.partial, "interrupted", len(self.rehearsal.session.turns))
                        await self.show_error(f"{item.error.message} Your line is kept; F4 asks again.")
                    else:
                        view.discard()
                        self.mark_unanswered()
                        self.keep_text(sent)
                        await self.show_error(item.error.message)
        except asyncio.CancelledError:  # Esc, F8, or the app closing: keep what arrived, marked
            await stop()
            partial = "".join(parts).strip()
            if self.is_attached and partial:
                await view.finish(partial, "cancelled", len(self.rehearsal.session.turns))
                if self.stopping:
                    self.notify("Reply stopped: what arrived is kept, marked \"reply stopped\". F4 asks again.",
                                timeout=4)
            elif self.is_attached:
                # Stopped before any of the reply came: the line waits for one, as after an error.
                view.discard()
                self.mark_unanswered()
                self.keep_text(sent)
                if self.stopping:
                    await self.show_error("Stopped before the reply began. Enter sends your line again; "
                                          "edit it first if you like.")
            raise
        except Exception as exc:  # noqa: BLE001 - a bug or an unexpected failure must not lose the line or the app
            await stop()
            view.discard()
            self.mark_unanswered()
            self.keep_text(sent)
            await self.show_error(f"Something went wrong while getting the reply ({type(exc).__name__}: {exc}).")
        finally:
            self.streaming = False
            self.stopping = False
            if self.is_attached:  # not when the app is closing mid-reply
                self.after_change()

    def shown_messages(self) -> list[MessageView]:
        """The messages on screen, without a discarded reply that is still being taken away."""
        return [v for v in self.query(MessageView) if v.display]

    def mark_unanswered(self) -> None:
        views = self.shown_messages()
        if views and views[-1].speaker == "learner":
            views[-1].set_status("unanswered")

    def keep_text(self, sent: str) -> None:
        """Put the learner's line back in the input after a failure: their words are never lost."""
        composer = self.query_one(Composer)
        if sent and not composer.text.strip():
            composer.text = clean(sent)
            composer.move_cursor(composer.document.end)

    # -- actions -----------------------------------------------------------------------------------

    stopping = False  # Esc asked the reply to stop (not F8, not the app closing)

    def action_cancel(self) -> None:
        if self.streaming:
            self.stopping = True
            self.workers.cancel_group(self, "reply")
        else:
            self.notify("F8 ends the rehearsal and shows your scorecard; Ctrl+L goes back to the library "
                        "(the session is saved).")

    def action_hint(self) -> None:
        from coach.rehearsal.hints import hint

        widget = self.query_one("#hint", Static)
        if widget.display:
            widget.display = False
            return
        widget.update(shown(f"Hint: {hint(self.rehearsal, self.app.coach.catalog.library)}"))
        widget.display = True

    async def action_retry(self) -> None:
        if self.streaming:
            return
        line = self.rehearsal.retry_line
        if line is not None:
            await self.clear_notices()
            if self.rehearsal.cut_off_line is not None:
                await self.shown_messages()[-1].remove()  # the part-reply: a new one replaces it
            composer = self.query_one(Composer)
            if composer.text.strip() == line.strip():
                composer.clear()  # it was put back after the error; it is being sent again now
            self.run_reply(self.rehearsal.retry(), line)
            return
        try:
            text = self.rehearsal.rewind_last()
        except ValueError as exc:
            self.notify(str(exc), severity="warning")
            return
        await self.after_rewind(text)

    def action_rewind(self) -> None:
        from coach.tui.screens.rewind import RewindScreen

        if self.streaming:
            return
        choices = [(n, t.text) for n, t in self.rehearsal.session.learner_turns if t.status != "withheld"]
        if not choices:
            self.notify("There is no line of yours to go back to yet.", severity="warning")
            return

        async def chosen(number: int | None) -> None:
            if number is not None:
                await self.after_rewind(self.rehearsal.rewind(number))

        self.app.push_screen(RewindScreen(choices), chosen)

    async def after_rewind(self, text: str) -> None:
        await self.clear_notices()
        await self.rebuild()
        composer = self.query_one(Composer)
        composer.text = clean(text)  # the rewound line, from the session (maybe a file written elsewhere)
        composer.focus()
        composer.move_cursor(composer.document.end)
        self.after_change()
        self.notify("Rewound: edit your line and press Enter. The earlier version is kept in the session.", timeout=4)

    def action_copy_all(self) -> None:
        from coach.service.export import transcript_markdown

        self.app.copy(transcript_markdown(self.rehearsal.session, self.rehearsal.scenario), "Transcript copied")

    def action_copy_selection(self) -> None:
        selected = self.get_selected_text() or self.query_one(Composer).selected_text
        if selected:
            self.app.copy(selected)
        elif isinstance(self.focused, MessageView):
            self.focused.action_copy()
        else:
            self.notify("Select text with the mouse (or focus a message) to copy it.", timeout=3)

    async def stop_reply(self) -> None:
        """Stop a reply that is coming and let the rehearsal save what arrived, before leaving the screen."""
        for worker in self.workers.cancel_group(self, "reply"):
            try:
                await worker.wait()
            except Exception:  # noqa: BLE001, S110 - cancelled or failed: either way it is over
                pass

    async def action_end(self) -> None:
        from coach.tui.screens.scorecard import ScorecardScreen

        if not self.rehearsal.learner_turn_count:
            self.notify("Say something first: a scorecard needs at least one line of yours. "
                        "Ctrl+L goes back to the library.", severity="warning", timeout=5)
            return
        if self.streaming:
            await self.stop_reply()
        self.rehearsal.finish()
        self.app.clear_notifications()  # the conversation's toasts ("Press F8…") would sit over the card
        self.app.switch_screen(ScorecardScreen(self.rehearsal.session, came_from_rehearsal=True))

    async def action_leave(self) -> None:
        """Back to the library; the session is saved and can be resumed from Progress (F5)."""
        if self.ready:
            if self.streaming:
                await self.stop_reply()
            self.rehearsal.pause()
            if self.rehearsal.learner_turn_count:
                self.notify("Paused: resume it from Progress (F5 in the library).", timeout=4)
        else:
            self.workers.cancel_group(self, "start")
        self.app.action_library()

    def action_briefing(self) -> None:
        from coach.tui.screens.briefing import BriefingDialog

        self.app.push_screen(BriefingDialog(self.rehearsal.scenario_file))


    @on(Button.Pressed, "#retry")
    async def _retry_pressed(self) -> None:
        await self.action_retry()

    @on(Button.Pressed, "#care-continue")
    async def _care_continue(self) -> None:
        self.rehearsal.continue_after_care()
        await self.clear_notices()
        composer = self.query_one(Composer)
        composer.focus()
        composer.move_cursor(composer.document.end)
        self.after_change()

    @on(Button.Pressed, "#care-stop")
    def _care_stop(self) -> None:
        self.app.action_library()
