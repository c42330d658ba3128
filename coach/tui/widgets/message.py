"""One message in the conversation.

A finished message is one widget that renders its heading and text as a single Content (FlatMessage):
a long session is then one widget per turn, so turn 50 lays out about as fast as turn 1, and its text
can still be selected with the mouse. A counterpart reply streams into a Markdown widget
(MarkdownMessage, through Markdown.get_stream); when it ends it gets one full render, as a FlatMessage
with its paragraphs, lists, headings, quotes and code drawn as styled text (flat_body); only a table
keeps Markdown's own layout. So a long session holds one light widget per message, whatever the replies
look like.
"""

from __future__ import annotations

import time

from markdown_it import MarkdownIt
from markdown_it.token import Token
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content, Span
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Label, Markdown
from textual.widgets.markdown import MarkdownStream

from coach.core.text_safety import clean

FRAME = 1 / 30  # the most often a streaming reply is re-parsed and laid out

STATUS_LABELS = {
    "interrupted": "reply interrupted",
    "cancelled": "reply stopped",
    "unanswered": "no reply yet",
    "withheld": "paused for care, not sent to the counterpart",
}

INLINE_STYLES = {"strong": "bold", "em": "italic", "s": "strike", "link": "underline"}
CODE_STYLE = "$text-accent"
_PARSER = MarkdownIt("commonmark").enable(["strikethrough", "table"])


def streaming_parser() -> MarkdownIt:
    """Textual's parser ("gfm-like") without linkify: scanning for bare URLs is 20 times the rest of the
    parse, and a streamed paragraph is parsed again on every write."""
    return MarkdownIt("gfm-like", {"linkify": False})


def inline_content(token: Token) -> Content:
    """A markdown inline token (one paragraph) as styled Content."""
    text: list[str] = []
    spans: list[Span] = []
    opened: list[tuple[str, int]] = []
    position = 0

    def add(piece: str) -> None:
        nonlocal position
        text.append(piece)
        position += len(piece)

    for child in token.children or []:
        kind = child.type
        if kind in ("text", "html_inline"):
            add(child.content)
        elif kind == "softbreak":
            add(" ")
        elif kind == "hardbreak":
            add("\n")
        elif kind == "code_inline":
            spans.append(Span(position, position + len(child.content), CODE_STYLE))
            add(child.content)
        elif kind == "image":
            add(child.content or str(child.attrs.get("alt", "")))
        elif kind.endswith("_open") and kind[:-5] in INLINE_STYLES:
            opened.append((INLINE_STYLES[kind[:-5]], position))
        elif kind.endswith("_close") and kind[:-6] in INLINE_STYLES and opened:
            style, start = opened.pop()
            spans.append(Span(start, position, style))
    return Content("".join(text), spans=spans)


def flat_body(markdown: str) -> Content | None:
    """The text as one styled Content: paragraphs apart by a blank line, list items one a line (marked
    "•" or their number, nested ones indented), headings in bold, quotes marked "▌", code as it is.
    None when it has blocks only Markdown can lay out (tables). Built in one pass: the blocks are joined
    once at the end, so a reply of many paragraphs costs its length, not its length squared."""
    markdown = clean(markdown)
    blocks: list[tuple[Content, bool]] = []  # (block, joined to the one before by a single newline)
    depth = quote = 0
    marker: str | None = None
    heading = False
    last_in_list = False

    def add(body: Content) -> None:
        nonlocal marker, last_in_list
        indent = "  " * max(0, depth - 1)
        first = rest = indent
        if depth:
            first = indent + (marker or "  ")
            rest = indent + " " * len(marker or "  ")
            marker = None
        bar = "▌ " * quote
        lines = body.split("\n") if "\n" in body.plain else [body]
        text = Content("\n").join(
            Content(bar + (first if i == 0 else rest)) + line for i, line in enumerate(lines)
        )
        blocks.append((text, bool(depth) and last_in_list))
        last_in_list = bool(depth)

    for token in _PARSER.parse(markdown):
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
            if not depth:
                last_in_list = False
        elif kind == "list_item_open":
            marker = f"{token.info}{token.markup} " if token.info else "• "
        elif kind == "blockquote_open":
            quote += 1
        elif kind == "blockquote_close":
            quote -= 1
        elif kind == "heading_open":
            heading = True
        elif kind == "heading_close":
            heading = False
        elif kind == "inline":
            body = inline_content(token)
            add(body.stylize("bold") if heading else body)
        elif kind in ("fence", "code_block"):
            add(Content.styled(token.content.rstrip("\n"), CODE_STYLE))
        elif kind == "hr":
            add(Content("─" * 24))
        elif kind == "html_block":
            add(Content(token.content.rstrip("\n")))
        elif kind not in ("paragraph_open", "paragraph_close", "list_item_close"):
            return None  # a table, or something new: Markdown's own layout
    if not blocks:
        return Content("")
    pieces = [blocks[0][0]]
    for block, tight in blocks[1:]:
        pieces += [Content("\n" if tight else "\n\n"), block]
    return Content("").join(pieces)


def heading_text(who: str, status: str, number: int | None) -> str:
    """"You · turn 4": turns numbered as the scorecard's evidence and the rewind list number them."""
    turn = f" · turn {number}" if number else ""
    note = f"  ({STATUS_LABELS[status]})" if status in STATUS_LABELS else ""
    return f"{who}{turn}{note}"


class MessageView(Widget, can_focus=True):
    """What every message has: who, the text, its status and turn number; focus it and press c to copy."""

    BINDINGS = [Binding("c", "copy", "Copy message")]

    def __init__(self, speaker: str, who: str, text: str = "", status: str = "complete", number: int | None = None):
        super().__init__(classes=f"message {speaker}")
        self.speaker = speaker
        self.who = clean(who)
        self.text = clean(text)  # from a model, a person or a file: shown (and copied) without escape codes
        self.status = status
        self.number = number

    @property
    def heading(self) -> str:
        return heading_text(self.who, self.status, self.number)

    def set_status(self, status: str) -> None:
        self.status = status
        self.refresh(layout=True)

    def action_copy(self) -> None:
        self.app.copy(self.text, "Message copied")


class FlatMessage(MessageView):
    """A finished message as one widget: the heading, then the text (the learner's verbatim)."""

    COMPONENT_CLASSES = {"message--who"}
    DEFAULT_CSS = """
    FlatMessage { height: auto; }
    FlatMessage > .message--who { text-style: bold; color: $text-muted; }
    """

    def __init__(self, speaker: str, who: str, text: str = "", status: str = "complete", number: int | None = None,
                 body: Content | None = None):
        super().__init__(speaker, who, text, status, number)
        self.body = body

    def render(self) -> Content:
        heading = Content(self.heading).stylize(self.get_visual_style("message--who"))
        body = Content(self.text) if self.speaker == "learner" or self.body is None else self.body
        return Content("\n").join([heading, body])


class MarkdownMessage(MessageView):
    """A counterpart reply that is streaming, or that needs Markdown's layout (lists, code, quotes)."""

    DEFAULT_CSS = "MarkdownMessage { height: auto; layout: vertical; }"

    def compose(self) -> ComposeResult:
        yield Label(self.heading, classes="who", markup=False)
        yield Markdown(self.text or "…", classes="body", parser_factory=streaming_parser)  # cleaned in __init__

    def set_status(self, status: str) -> None:
        self.status = status
        self.query_one(".who", Label).update(self.heading)

    def stream(self) -> ReplyStream:
        return ReplyStream(self)

    def markdown_stream(self) -> MarkdownStream:
        body = self.query_one(Markdown)
        body.update("")
        return Markdown.get_stream(body)

    async def finish(self, text: str, status: str = "complete", number: int | None = None) -> MessageView:
        """One full render at the end; returns the widget that now shows the message (maybe a new one)."""
        text = clean(text)
        self.text, self.status, self.number = text, status, number
        body = flat_body(text)
        if body is not None and self.parent is not None:
            flat = FlatMessage(self.speaker, self.who, text, status, number, body)
            await self.parent.mount(flat, after=self)
            if self.has_focus:
                flat.focus()
            self.discard()
            return flat
        self.query_one(".who", Label).update(self.heading)
        await self.query_one(Markdown).update(text)  # waits for a streamed write still in progress
        return self

    def discard(self) -> None:
        """Hide this message at once and remove it when a streamed write still in progress has finished
        (the write would otherwise mount into a removed widget). Nothing waits for it."""
        self.display = False
        body = self.query_one(Markdown)

        async def remove_when_idle() -> None:
            async with body.lock:
                pass
            await self.remove()

        self.screen.run_worker(remove_when_idle(), group="discard")


def message_view(speaker: str, who: str, text: str, status: str = "complete", number: int | None = None) -> MessageView:
    """The widget for a finished message: flat, unless it is a reply with blocks only Markdown can show."""
    if speaker == "learner":
        return FlatMessage(speaker, who, text, status, number)
    body = flat_body(text)
    if body is None:
        return MarkdownMessage(speaker, who, text, status, number)
    return FlatMessage(speaker, who, text, status, number, body)


class ReplyStream:
    """Streams chunks into a message's Markdown through Markdown.get_stream, at most one write per frame.

    Every write to a MarkdownStream re-parses the paragraph being written and lays the conversation out
    again, so writing each token as it arrives costs O(reply length) per token and a fast server outruns
    the screen. Chunks that arrive within a frame are joined into one write; a timer writes the tail
    when the chunks pause. The MarkdownStream starts with the first write: one stopped before its task
    ever ran raises CancelledError from stop().
    """

    def __init__(self, view: MarkdownMessage, frame: float = FRAME):
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
        self.pending.append(clean(text))  # the rehearsal cleans replies already; this is the widget's own guard
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
        """Stop streaming without waiting: what is still queued is dropped, as the caller renders the whole
        text next (a write already in progress finishes in the background; see MarkdownMessage.discard)."""
        self.stopped = True
        if self.timer is not None:
            self.timer.stop()
            self.timer = None
        self.pending.clear()
        if self.markdown is not None:
            # MarkdownStream.stop() appends whatever it still holds: one more parse of the whole reply,
            # only to be replaced by the final render. It has no public way to drop that, hence _pending.
            self.markdown._pending.clear()
            await self.markdown.stop()
