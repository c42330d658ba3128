"""Small helpers every command shares for printing, and the guard on everything they print.

Whatever a command prints can carry text from outside: a model's reply, a server's error, a scenario
file, a transcript, a participant's name. A terminal obeys escape sequences in it (retitling the window,
writing the clipboard, clearing the screen), so while a command runs, standard output and standard
error pass everything through `clean`. JSON keeps every character: its control characters are written
as \\u escapes instead.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from coach.core.text_safety import clean, json_safe


class SafeStream:
    """A text stream that cleans what is written to it; everything else is the stream it wraps."""

    def __init__(self, inner: TextIO):
        self._inner = inner

    def write(self, text: str) -> int:
        self._inner.write(clean(text))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def unguarded(stream: TextIO) -> TextIO:
    """The stream under the guard, for coach's own styling codes around text already cleaned (see
    coach/cli/terminal.py); anything else goes through the guard."""
    return stream._inner if isinstance(stream, SafeStream) else stream


@contextmanager
def terminal_safe() -> Iterator[None]:
    """Standard output and error cleaned for as long as the block runs."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(out), SafeStream(err)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err


def json_text(data: Any) -> str:
    return json_safe(json.dumps(data, indent=2, ensure_ascii=False))


def print_json(data: Any) -> None:
    sys.stdout.write(json_text(data) + "\n")


def fail(message: str, code: int = 1) -> int:
    print(f"coach: {clean(message)}", file=sys.stderr)  # cleaned here too: `coach` (the app) prints unwrapped
    return code
