"""One message in the conversation. Counterpart replies stream into a Markdown widget."""

from __future__ import annotations

import time

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, Markdown, Static
from textual.timer import Timer
from textual.widgets.markdown import MarkdownStream

FRAME = 1 / 30  # the most often a streaming reply is re-parsed and laid out

STATUS_LABELS = {
    "interrupted": "reply interrupted",
    "cancelled": "reply stopped",
    "unanswered": "no reply yet",
    "withheld": "paused for care, not sent to the counterpart",
}


class MessageView(Vertical, can_focus=True):
    """Focus a message (Tab, or click) and press c to copy it."""

    BINDINGS = [Binding("c", "copy", "Copy message")]

    def __init__(self, speaker: str, who: str, text: str = "", status: str = "complete", number: int | None = None):
        super().__init__(classes=f"message {speaker}")
        self.speaker = speaker
        self.who = who
        self.text = text
        self.status = status
        self.number = number

    def compose(self) -> ComposeResult:
        yield Label(self._heading(), classes="who")
        if self.speaker == "learner":
            yield Static(self.text, classes="body", markup=False)
        else:
            yield Markdown(self.text or "…", classes="body")

    def _heading(self) -> str:
        prefix = f"{self.number}. " if self.number else ""
        note = f"  ({STATUS_LABELS[self.status]})" if self.status in STATUS_LABELS else ""
        return f"{prefix}{self.who}{note}"

    def stream(self) -> ReplyStream:
        return ReplyStream(self)

    def markdown_stream(self) -> MarkdownStream:
        body = self.query_one(Markdown)
        body.update("")
        return Markdown.get_stream(body)

    async def finish(self, text: str, status: str = "complete") -> None:
        """One full render at the end, so streamed lists and fences end up correct."""
        self.text, self.status = text, status
        self.query_one(".who", Label).update(self._heading())
        if self.speaker == "learner":
            self.query_one(".body", Static).update(text)
        else:
            await self.query_one(Markdown).update(text)

    def set_status(self, status: str) -> None:
        self.status = status
        self.query_one(".who", Label).update(self._heading())

    def action_copy(self) -> None:
        self.app.copy(self.text, "Message copied")


class ReplyStream:
    """Streams chunks into a message's Markdown through Markdown.get_stream, at most one write per frame.

    Every write to a MarkdownStream re-parses the paragraph being written and lays the conversation out
    again, so writing each token as it arrives costs O(reply length) per token and a fast server outruns
    the screen. Chunks that arrive within a frame are joined into one write; a timer writes the tail
    when the chunks pause. The MarkdownStream starts with the first write: one stopped before its task
    ever ran raises CancelledError from stop().
    """

    def __init__(self, view: MessageView, frame: float = FRAME):
        self.view = view
        self.frame = frame
        self.pending: list[str] = []
        self.markdown: MarkdownStream | None = None
        self.last = 0.0
        self.timer: Timer | None = None
        self.stopped = False

    async def write(self, text: str) -> None:
        if self.stopped or not text:
            return
        self.pending.append(text)
        wait = self.last + self.frame - time.monotonic()
        if wait <= 0:
            await self.flush()
        elif self.timer is None:
            self.timer = self.view.set_timer(wait, self._on_timer)

    async def _on_timer(self) -> None:
        self.timer = None
        await self.flush()

    async def flush(self) -> None:
        if self.timer is not None:
            self.timer.stop()
            self.timer = None
        if self.stopped or not self.pending:
            return
        text = "".join(self.pending)
        self.pending.clear()
        self.last = time.monotonic()
        if self.markdown is None:
            self.markdown = self.view.markdown_stream()
        await self.markdown.write(text)

    async def stop(self) -> None:
        """Stop streaming; what is still pending is dropped, as the caller renders the full text next."""
        self.stopped = True
        if self.timer is not None:
            self.timer.stop()
            self.timer = None
        self.pending.clear()
        if self.markdown is not None:
            await self.markdown.stop()
