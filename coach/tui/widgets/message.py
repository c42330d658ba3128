"""One message in the conversation. Counterpart replies stream into a Markdown widget."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, Markdown, Static
from textual.widgets.markdown import MarkdownStream

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

    def stream(self) -> MarkdownStream:
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
