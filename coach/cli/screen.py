"""What `coach rehearse` shows: the conversation on standard output, problems on standard error.

Text is wrapped at words to the terminal's width (COLUMNS when set; a pipe or a file, with no width to
fit, keeps each paragraph on one line), never in the middle of a word, and a reply streamed in chunks
is wrapped as it arrives. Names are bold and asides dim only on a terminal, and not with NO_COLOR set:
tests, pipes and files see plain text. Everything shown is cleaned of escape sequences first; the only
codes written are coach's own.
"""

from __future__ import annotations

import os
import shutil
import sys
import textwrap

from coach.cli.output import unguarded
from coach.core.text_safety import clean

BOLD, DIM, RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"
MIN_WIDTH = 20


def _isatty(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # a stream without a terminal behind it, or closed
        return False


def colour_wanted(stream=None) -> bool:
    stream = stream if stream is not None else sys.stdout
    return _isatty(stream) and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def line_width(stream=None) -> int | None:
    """The columns to wrap at: COLUMNS when it is set, the terminal's width at a terminal, else None."""
    raw = os.environ.get("COLUMNS", "").strip()
    if raw.isdigit() and int(raw) > 0:
        return max(int(raw), MIN_WIDTH)
    if _isatty(stream if stream is not None else sys.stdout):
        return max(shutil.get_terminal_size().columns, MIN_WIDTH)
    return None


def hanging(lead: str, width: int | None) -> str:
    """The indent for a paragraph's later lines: under its first word when the lead is short."""
    if width is None:
        return ""
    return " " * len(lead) if len(lead) <= width * 2 // 5 else "  "


def wrap(text: str, width: int | None, lead: str = "", indent: str = "") -> list[str]:
    """`lead` + `text` as lines no wider than `width`, broken only between words (a word longer than a
    line stands on its own line). Each line of `text` is a paragraph of its own; blank lines are kept.
    With no width, each paragraph is one line."""
    paragraphs = text.split("\n")
    if width is None:
        return [lead + paragraphs[0], *paragraphs[1:]]
    lines: list[str] = []
    for i, paragraph in enumerate(paragraphs):
        first = lead if i == 0 else indent
        if not paragraph.strip():
            lines.append(first.rstrip())
            continue
        lines += textwrap.wrap(paragraph.strip(), width, initial_indent=first, subsequent_indent=indent,
                               break_long_words=False, break_on_hyphens=False) or [first]
    return lines


class Screen:
    """The counterpart's name is printed with the first words of its reply, so a care message or an
    error never follows a dangling "Name: "."""

    def __init__(self, quiet: bool, *, width: int | None = None, colour: bool | None = None, auto: bool = True):
        self.quiet = quiet
        self.width = line_width() if auto and width is None else width
        self.colour = colour_wanted() if colour is None else colour
        self.open = False  # a reply line has been started and not ended
        self.last = ""
        # Where a streamed reply has got to: the column, the word not yet written, a space owed before it.
        self.col, self.word, self.space, self.fresh, self.indent = 0, "", False, True, ""

    # -- writing ---------------------------------------------------------------------------------------

    def _write(self, text: str, style: str = "") -> None:
        text = clean(text)
        if style and self.colour and text:
            unguarded(sys.stdout).write(style + text + RESET)
        else:
            sys.stdout.write(text)

    def _flush(self) -> None:
        sys.stdout.flush()

    def say(self, text: str = "", style: str = "", lead: str = "", lead_style: str = BOLD) -> None:
        """A block of text, wrapped; `lead` (a name or a label) starts it, bold on a terminal."""
        if self.quiet:
            return
        self.end_line()
        text, lead = clean(text), clean(lead)
        indent = hanging(lead, self.width) if lead else ""
        for i, line in enumerate(wrap(text, self.width, lead, indent)):
            if i == 0 and lead:
                self._write(lead.rstrip(), lead_style)
                line = line[len(lead.rstrip()):]
            self._write(line, style)
            sys.stdout.write("\n")
        self._flush()

    def gap(self) -> None:
        if not self.quiet:
            self.end_line()
            sys.stdout.write("\n")

    def prompt(self, text: str) -> None:
        """The prompt for a line typed at the terminal (no newline after it)."""
        self.end_line()
        self._write(text.rstrip(), BOLD)
        sys.stdout.write(text[len(text.rstrip()):])
        self._flush()

    def problem(self, text: str) -> None:
        self.end_line()
        print(f"coach: {text}", file=sys.stderr, flush=True)

    # -- a reply, as it streams in --------------------------------------------------------------------

    def reply(self, name: str, text: str) -> None:
        if self.quiet or not text:
            return
        if not self.open:
            text = text.lstrip()
            if not text:
                return
            self._write(f"{name}:", BOLD)
            sys.stdout.write(" ")
            self.open = True
            lead = f"{name}: "
            self.col, self.word, self.space, self.fresh = len(lead), "", False, True
            self.indent = hanging(lead, self.width)
        if self.width is None:
            self._write(text)
        else:
            for ch in text:
                if ch == "\n":
                    self._put_word()
                    sys.stdout.write("\n")
                    self.col, self.space, self.fresh = 0, False, True
                elif ch.isspace():
                    self._put_word()
                    self.space = True
                else:
                    self.word += ch
        self._flush()
        self.last = text[-1]

    def _put_word(self) -> None:
        """The word held back, on this line if it fits, else on the next (a reply is never cut mid-word)."""
        if not self.word or self.width is None:
            return
        if self.col == 0:  # a new paragraph inside the reply
            sys.stdout.write(self.indent)
            self.col = len(self.indent)
        gap = 1 if self.space and not self.fresh else 0
        if not self.fresh and self.col + gap + len(self.word) > self.width:
            sys.stdout.write("\n" + self.indent)
            self.col, gap = len(self.indent), 0
        self._write(" " * gap + self.word)
        self.col += gap + len(self.word)
        self.word, self.space, self.fresh = "", False, False

    def end_reply(self, suffix: str = "") -> None:
        if self.quiet or not self.open:
            return
        if self.width is None:
            if suffix:
                self._write(suffix if self.last.isspace() else " " + suffix)
        else:
            self._put_word()
            if suffix:
                self.word, self.space = suffix, True
                self._put_word()
        sys.stdout.write("\n")
        self._flush()
        self.open = False

    def end_line(self) -> None:
        if self.open:
            self.end_reply()
