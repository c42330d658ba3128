"""Reading a streamed reply: the outcome markers taken out wherever the chunks split them, and a hard bound
on how much of one reply is taken from a server, whatever it sends."""

from __future__ import annotations

import re

from coach.llm import tokens

# <agreed/>, <agreed>, </agreed>, < agreed />, [agreed], <END/>, ...
_MARKER = re.compile(r"[<\[]\s*/?\s*(agreed|end|care)\s*/?\s*[>\]]", re.I)
# Anything that could still grow into a marker: held back until it does or cannot.
_MARKER_PREFIX = re.compile(
    r"[<\[]\s*/?\s*(?:a(?:g(?:r(?:e(?:e(?:d\s*/?\s*)?)?)?)?)?|e(?:n(?:d\s*/?\s*)?)?|c(?:a(?:r(?:e\s*/?\s*)?)?)?)?", re.I
)
_HOLD_MAX = 24


class MarkerFilter:
    """Takes the outcome markers out of streamed text, wherever the chunk boundaries fall."""

    __slots__ = ("agreed", "closed", "care", "_held", "_trim", "_last")

    def __init__(self) -> None:
        self.agreed = False
        self.closed = False
        self.care = False  # the model stepped out of role (prompt rule 8)
        self._held = ""
        self._trim = False  # a marker was taken out after a space: drop the space that follows it
        self._last = ""  # the last character let through

    def feed(self, text: str) -> str:
        if not self._held and "<" not in text and "[" not in text:
            return self._emit(self._put(text))  # the common case: nothing to look at
        return self._emit(self._scan(self._held + text, final=False))

    def finish(self) -> str:
        """The end of the reply: release whatever was held (it was not a marker)."""
        return self._emit(self._scan(self._held, final=True))

    def _put(self, piece: str) -> str:
        if self._trim and piece:
            piece = piece.lstrip(" \t")
            if piece:
                self._trim = False
        return piece

    def _emit(self, out: str) -> str:
        if out:
            self._last = out[-1]
        return out

    def drop(self) -> str:
        """The stream broke: release held text unless it may be the start of a marker."""
        held, self._held = self._held, ""
        return "" if _MARKER_PREFIX.fullmatch(held) else held

    def _scan(self, text: str, final: bool) -> str:
        # One pass by index: no slicing off the front and no re-joining of the output per '<' or '[',
        # so a reply full of them costs its length, not its length squared.
        out: list[str] = []
        last = self._last  # the last character let through so far
        pos, size = 0, len(text)
        while pos < size:
            found = _OPEN.search(text, pos)
            cut = found.start() if found else size
            piece = self._put(text[pos:cut])
            if piece:
                out.append(piece)
                last = piece[-1]
            pos = cut
            if pos == size:
                break
            marker = _MARKER.match(text, pos)
            if marker:
                kind = marker.group(1).lower()
                if kind == "agreed":
                    self.agreed = True
                elif kind == "care":
                    self.care = True
                else:
                    self.closed = True
                pos = marker.end()
                # "Deal. <agreed/> Thanks." reads "Deal. Thanks.", not "Deal.  Thanks."
                self._trim = self._trim or not last or last.isspace()
                continue
            if not final and size - pos <= _HOLD_MAX and _MARKER_PREFIX.fullmatch(text, pos):
                break  # may still become a marker: wait for the next chunk
            piece = self._put(text[pos])
            if piece:
                out.append(piece)
                last = piece
            pos += 1
        self._held = text[pos:]
        return "".join(out)


_OPEN = re.compile(r"[<\[]")


class ReplyLimit:
    """The most of one reply coach takes, whatever the server sends: twice `max_tokens` (as coach counts
    them) or eight characters per token, whichever comes first. A server that honours max_tokens never
    comes near; one that ignores it cannot put megabytes into the transcript (and into every later
    request, as context). Tokens are counted over pieces of at least COUNT_EVERY characters, so a
    stream of one-character chunks is not over-counted, and counting costs the reply's length once."""

    TOKEN_SLACK = 2
    CHARS_PER_TOKEN = 8
    COUNT_EVERY = 256

    def __init__(self, max_tokens: int, counter: tokens.TokenCounter):
        self.max_tokens = max_tokens * self.TOKEN_SLACK
        self.max_chars = max_tokens * self.CHARS_PER_TOKEN
        self.counter = counter
        self.chars = 0
        self.tokens = 0
        self.over: str | None = None  # "characters" or "tokens", once the limit is reached
        self._uncounted: list[str] = []
        self._uncounted_size = 0

    def take(self, text: str) -> tuple[str, bool]:
        """The part of `text` within the limit, and whether the limit has now been reached."""
        room = self.max_chars - self.chars
        if len(text) >= room:
            text, self.over = text[:room], "characters"
        self.chars += len(text)
        self._uncounted.append(text)
        self._uncounted_size += len(text)
        if self._uncounted_size >= self.COUNT_EVERY or self.over:
            self.tokens += self.counter.count("".join(self._uncounted))
            self._uncounted, self._uncounted_size = [], 0
            if self.tokens > self.max_tokens and not self.over:
                self.over = "tokens"
        return text, self.over is not None

    def describe(self) -> str:
        return f"{self.max_tokens:,} tokens" if self.over == "tokens" else f"{self.max_chars:,} characters"
