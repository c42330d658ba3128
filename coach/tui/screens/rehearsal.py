"""Rehearsal: the conversation, a streaming counterpart, and the learner's input, which is never lost."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Header, Static

from coach.rehearsal.rehearsal import CarePause, Chunk, Event, Rehearsal, ReplyDone, ReplyFailed
from coach.rehearsal.session import Turn
from coach.scoring.hints import hint
from coach.tui.widgets.composer import Composer
from coach.tui.widgets.footer import CoachFooter
from coach.tui.widgets.message import MarkdownMessage, MessageView, message_view
from coach.tui.widgets.status import status_text


class ErrorNotice(Horizontal):
    def __init__(self, message: str):
        super().__init__(classes="error-notice")
        self.message = message

    def compose(self) -> ComposeResult:
        yield Static(f"⚠ {self.message}", classes="error-text")
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
        yield Static(reflow(self.message), id="care-text", markup=False)
        with Horizontal(id="care-buttons"):
            yield Button("Carry on", id="care-continue", variant="primary", compact=True)
            yield Button("Stop here (back to the library)", id="care-stop", compact=True)


class RehearsalScreen(Screen):
    # Priority: the composer (a TextArea) has keys of its own (F7 selects all) that must not win here.
    BINDINGS = [
        Binding("escape", "cancel", "Stop", priority=True),
        Binding("f2", "hint", "Hint", priority=True),
        Binding("f3", "rewind", "Rewind", priority=True),
        Binding("f4", "retry", "Retry", priority=True),
        Binding("f7", "copy_all", "Copy all", priority=True),
        Binding("f8", "end", "Score", priority=True),
        Binding("ctrl+c", "copy_selection", "Copy", show=False, priority=True),
    ]

    def __init__(self, rehearsal: Rehearsal, prefill: str = ""):
        super().__init__()
        self.rehearsal = rehearsal
        self.prefill = prefill
        self._streaming = False

    @property
    def streaming(self) -> bool:
        return self._streaming

    @streaming.setter
    def streaming(self, value: bool) -> None:
        self._streaming = value
        self.refresh_bindings()  # "Stop reply" is in the footer only while a reply is coming

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel":
            return self.streaming
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
        s = self.rehearsal.scenario
        self.sub_title = f"{s.title} · {self.rehearsal.difficulty}"
        self.query_one("#hint").display = False
        composer = self.query_one(Composer)
        composer.border_title = "Your line · Enter sends · Ctrl+J new line"
        composer.text = self.prefill
        await self.rebuild()
        conversation = self.query_one("#conversation", VerticalScroll)
        conversation.anchor()
        composer.focus()
        composer.move_cursor(composer.document.end)
        self.after_change()
        last = self.rehearsal.session.turns[-1]
        if last.speaker == "learner" and last.status == "unanswered":
            await self.show_error("Your last line has not had a reply yet.")
        elif last.speaker == "care":
            await self.show_care(last.text)

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
        self.query_one("#status", Static).update(status_text(self.rehearsal, self.app.coach.settings))
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
        if self.streaming:
            self.notify("The reply is still coming; press Esc to stop it first.", severity="warning")
            return
        if self.rehearsal.ended:
            self.notify("The conversation is over. F8 shows your scorecard; F3 rewinds to try a line again.")
            return
        text = event.text.strip()
        self.query_one("#hint").display = False  # a hint is about one line: asked for again, not kept
        await self.clear_notices()
        turns = self.rehearsal.session.turns
        if turns and turns[-1].speaker == "learner" and turns[-1].status == "unanswered":
            views = self.shown_messages()
            if views:
                await views[-1].remove()  # the new line replaces the one that got no reply
        conversation = self.query_one("#conversation", VerticalScroll)
        number = len(turns) + 1
        if turns and turns[-1].status == "unanswered":
            number -= 1
        await conversation.mount(message_view("learner", "You", text, number=number))
        self.query_one(Composer).clear()
        conversation.anchor()
        self.run_reply(self.rehearsal.send(text), text)

    @work(exclusive=True, group="reply")
    async def run_reply(self, events: AsyncIterator[Event], sent: str) -> None:
        conversation = self.query_one("#conversation", VerticalScroll)
        view = MarkdownMessage("partner", self.rehearsal.scenario.counterpart.name, "", number=None)
        await conversation.mount(view)
        stream = view.stream()  # batched into one Markdown write per frame (see ReplyStream)
        stop = stream.stop
        self.streaming = True
        self.query_one("#status", Static).update(status_text(self.rehearsal, self.app.coach.settings, replying=True))
        parts: list[str] = []
        try:
            async for item in events:
                if isinstance(item, Chunk):
                    if not parts:  # the line is on the record now: count it in the status line
                        status = status_text(self.rehearsal, self.app.coach.settings, replying=True)
                        self.query_one("#status", Static).update(status)
                    parts.append(item.text)
                    await stream.write(item.text)
                elif isinstance(item, ReplyDone):
                    await stop()
                    await view.finish(item.turn.text, number=len(self.rehearsal.session.turns))  # one full render
                    if self.rehearsal.ended:
                        self.notify("The conversation is over. Press F8 for your scorecard.", timeout=6)
                elif isinstance(item, CarePause):
                    await stop()
                    view.discard()
                    await self.rebuild()
                    await self.show_care(item.message)
                elif isinstance(item, ReplyFailed):
                    await stop()
                    if item.partial:
                        await view.finish(item.partial, "interrupted", len(self.rehearsal.session.turns))
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
            elif self.is_attached:
                view.discard()
            raise
        except Exception as exc:  # noqa: BLE001 - a bug or an unexpected failure must not lose the line or the app
            await stop()
            view.discard()
            self.mark_unanswered()
            self.keep_text(sent)
            await self.show_error(f"Something went wrong while getting the reply ({type(exc).__name__}: {exc}).")
        finally:
            self.streaming = False
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
            composer.text = sent
            composer.move_cursor(composer.document.end)

    # -- actions -----------------------------------------------------------------------------------

    def action_cancel(self) -> None:
        if self.streaming:
            self.workers.cancel_group(self, "reply")
            self.notify("Reply stopped; what arrived is kept and marked.", timeout=3)
        else:
            self.notify("F8 ends the rehearsal and shows your scorecard; Ctrl+Q quits (the session is saved).")

    def action_hint(self) -> None:
        widget = self.query_one("#hint", Static)
        if widget.display:
            widget.display = False
            return
        widget.update(f"Hint: {hint(self.rehearsal, self.app.coach.catalog.library)}")
        widget.display = True

    async def action_retry(self) -> None:
        if self.streaming:
            return
        turns = self.rehearsal.session.turns
        waiting = turns and (
            (turns[-1].speaker == "learner" and turns[-1].status == "unanswered")
            or (turns[-1].speaker == "partner" and turns[-1].status in ("interrupted", "cancelled"))
        )
        if waiting:
            await self.clear_notices()
            if turns[-1].speaker == "partner":
                await self.shown_messages()[-1].remove()
            self.query_one(Composer).clear()
            self.run_reply(self.rehearsal.retry(), turns[-1].text if turns[-1].speaker == "learner" else "")
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
        composer.text = text
        composer.focus()
        composer.move_cursor(composer.document.end)
        self.after_change()
        self.notify("Rewound: edit your line and press Enter. The earlier version is kept in the session.", timeout=4)

    def action_copy_all(self) -> None:
        from coach.export import transcript_markdown

        self.app.copy(transcript_markdown(self.rehearsal.session, self.rehearsal.scenario), "Transcript copied")

    def action_copy_selection(self) -> None:
        selected = self.get_selected_text() or self.query_one(Composer).selected_text
        if selected:
            self.app.copy(selected)
        elif isinstance(self.focused, MessageView):
            self.focused.action_copy()
        else:
            self.notify("Select text with the mouse (or focus a message) to copy it.", timeout=3)

    async def action_end(self) -> None:
        from coach.tui.screens.scorecard import ScorecardScreen

        if self.streaming:  # stop the reply and let the rehearsal save what arrived before leaving
            for worker in self.workers.cancel_group(self, "reply"):
                try:
                    await worker.wait()
                except Exception:  # noqa: BLE001, S110 - cancelled or failed: either way it is over
                    pass
        self.rehearsal.pause()
        self.app.switch_screen(ScorecardScreen(self.rehearsal.session))

    @on(Button.Pressed, "#retry")
    async def _retry_pressed(self) -> None:
        await self.action_retry()

    @on(Button.Pressed, "#care-continue")
    async def _care_continue(self) -> None:
        self.rehearsal.continue_after_care()
        await self.clear_notices()
        self.query_one(Composer).focus()
        self.after_change()

    @on(Button.Pressed, "#care-stop")
    def _care_stop(self) -> None:
        self.app.action_library()
