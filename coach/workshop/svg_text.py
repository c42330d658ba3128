"""Measuring and wrapping SVG label text without a font engine, so chart labels are never cut.

Widths are DejaVu Sans advances (what `sans-serif` is on most Linux desktops; Arial and Helvetica are
narrower), with a margin, so a label measured to fit does fit wherever the report is opened.
"""

from __future__ import annotations

import unicodedata

# Advance widths of ' ' to '~' in hundredths of an em (DejaVu Sans).
_ASCII = [int(w) for w in (
    "32 40 46 84 64 95 78 27 39 39 50 84 32 36 32 34 64 64 64 64 64 64 64 64 64 64 34 34 84 84 84 53 100 68 69 70 "
    "77 63 58 77 75 29 29 66 56 86 75 79 60 79 69 63 61 73 68 99 69 61 69 39 34 39 84 50 50 61 63 55 63 62 35 63 "
    "63 28 28 58 28 97 63 61 63 63 41 52 39 63 59 82 59 59 52 64 34 64 84"
).split()]
MARGIN = 1.06
ELLIPSIS = "…"


def _char(ch: str) -> int:
    if " " <= ch <= "~":
        return _ASCII[ord(ch) - 32]
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    base = unicodedata.normalize("NFKD", ch)[:1]
    if " " <= base <= "~":  # é, ł, Ż: about as wide as their base letter
        return _ASCII[ord(base) - 32] + 4
    if unicodedata.east_asian_width(ch) in ("W", "F") or unicodedata.category(ch)[0] in "PS":
        return 100  # CJK, emoji, dashes and other symbols: a full em at most
    return 80


def text_width(text: str, size: float) -> float:
    """The width of `text` at `size` px, never less than it renders."""
    return sum(map(_char, text)) * size / 100 * MARGIN


def _fit(text: str, width: float, size: float, ellipsis: str = "") -> str:
    """The longest start of `text` that fits `width` with `ellipsis` after it."""
    room, end = width - text_width(ellipsis, size), 0
    for ch in text:
        room -= text_width(ch, size)
        if room < 0:
            break
        end += 1
    return text[:end].rstrip() + ellipsis if ellipsis else text[:end]


def wrap(text: str, width: float, size: float, lines: int = 2) -> list[str]:
    """`text` in at most `lines` lines of at most `width` px, broken between words (inside a word only when it
    is wider than a line); what does not fit ends in an ellipsis."""
    words, out = text.split(), []
    while words and len(out) < lines:
        line = ""
        while words and text_width(f"{line} {words[0]}".strip(), size) <= width:
            line = f"{line} {words.pop(0)}".strip()
        if not line:  # one word wider than a line: break it
            line = _fit(words[0], width, size) or words[0][:1]
            rest = words[0][len(line):]
            words[0:1] = [rest] if rest else []
        out.append(line)
    if words:
        out[-1] = _fit(f"{out[-1]} {' '.join(words)}", width, size, ELLIPSIS)
    return out or [""]
