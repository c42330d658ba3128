"""Text from outside (models, servers, files, people) made safe to show in a terminal.

A terminal obeys the control characters in what it prints: ESC and 8-bit C1 sequences can retitle the
window, write the clipboard (OSC 52) or clear the screen. So every text that reaches a terminal passes
through `clean`, which removes whole escape sequences first (so no "]0;title" junk is left behind) and
then every other C0 and C1 control character except newline and tab. Nothing here ever raises.
"""

from __future__ import annotations

import re

# Characters that start a sequence: ESC, and the 8-bit C1 forms of CSI, OSC, DCS, SOS, PM and APC.
_INTRODUCERS = "\x1b\x9b\x9d\x90\x98\x9e\x9f"
# A string sequence's payload stops at any control character: it can never run over the next
# introducer, which keeps the search linear in the length of the text.
_STRING_BODY = r"[^\x00-\x1f\x7f-\x9f]*"
_STRING_START = r"(?:\x1b[\]PX^_]|[\x9d\x90\x98\x9e\x9f])"
_CSI = r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]"
# ESC c, ESC 7, ESC ( B ...: any final byte but those that start CSI and the string sequences.
_OTHER_ESC = r"\x1b[\x20-\x2f]*[\x30-\x4f\x51-\x57\x59\x5a\x5c\x60-\x7e]"

# Complete sequences only: what a stream can release (a string sequence ends in BEL, ST or a newline).
_COMPLETE = re.compile(rf"{_CSI}|{_STRING_START}{_STRING_BODY}(?:\x07|\x1b\\|\x9c|(?=\n))|{_OTHER_ESC}")
# At the end of a text a string sequence left open is dropped too: a terminal would have swallowed it.
_SEQUENCE = re.compile(rf"{_CSI}|{_STRING_START}{_STRING_BODY}(?:\x07|\x1b\\|\x9c|(?=\n)|\Z)|{_OTHER_ESC}")
# What a sequence looks like before it is complete: held back by a stream, as more may follow.
_PREFIX = re.compile(rf"(?:(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*|{_STRING_START}{_STRING_BODY}\x1b?|\x1b[\x20-\x2f]*)\Z")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_C1_OR_DEL = re.compile(r"[\x7f-\x9f]")

HOLD_MAX = 256  # a stream holds back at most this much of an unfinished sequence


def clean(text: str) -> str:
    """`text` without escape sequences or control characters, newline and tab kept (CR is dropped, so
    Windows line endings read as newlines)."""
    if not text or not _CONTROL.search(text):
        return text  # the common case: nothing to remove, no copy
    return _CONTROL.sub("", _SEQUENCE.sub("", text))


def clean_line(text: str) -> str:
    """`clean`, on one line: for a name, a title or a table cell."""
    return " ".join(clean(text).split())


def has_control(text: str) -> bool:
    return bool(_CONTROL.search(text))


def first_control(text: str) -> str | None:
    """The first control character in `text` (not newline or tab) as U+XXXX, or None."""
    found = _CONTROL.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


def clean_data(value: object) -> object:
    """Every string in nested dicts and lists cleaned: for data about to be laid out as Markdown or
    HTML, whose escaping would otherwise break a sequence apart before `clean` could see it whole."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {clean_data(k): clean_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_data(v) for v in value]
    return value


def json_safe(text: str) -> str:
    """JSON text whose C1 and DEL characters are written as \\u escapes: the same data, but nothing a
    terminal acts on (json and pydantic already escape C0, and C1 can only occur inside strings)."""
    return _C1_OR_DEL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class StreamCleaner:
    """`clean` for text that arrives in pieces: a sequence split across two pieces is held back until it
    is complete (at most HOLD_MAX characters), so it is removed whole rather than left as junk."""

    def __init__(self) -> None:
        self._held = ""

    def feed(self, piece: str) -> str:
        text = self._held + piece
        self._held = ""
        cut = _unfinished(text)
        if cut >= 0:
            text, self._held = text[:cut], text[cut:]
        if not _CONTROL.search(text):
            return text
        # Not the end of the text: a string sequence still open here is not swallowed to the end, as
        # `clean` would do at the real end (only one longer than HOLD_MAX can be open here).
        return _CONTROL.sub("", _COMPLETE.sub("", text))

    def finish(self) -> str:
        held, self._held = self._held, ""
        return clean(held)


def _unfinished(text: str) -> int:
    """Where a sequence that may still be completed starts, within the last HOLD_MAX characters; -1 if
    there is none."""
    start = max(0, len(text) - HOLD_MAX)
    while True:
        at = _next_introducer(text, start)
        if at < 0:
            return -1
        done = _COMPLETE.match(text, at)
        if done is not None:
            start = done.end()
        elif _PREFIX.match(text, at):
            return at
        else:
            start = at + 1  # a stray introducer that can never start a sequence: `clean` drops it


def _next_introducer(text: str, start: int) -> int:
    found = [i for i in (text.find(ch, start) for ch in _INTRODUCERS) if i >= 0]
    return min(found) if found else -1
