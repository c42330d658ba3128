"""Row 6 (the reply paths; the detector's own patterns are being replaced apart from this): the end-of-reply
render no longer builds its text by repeated concatenation, and the streaming tail guard no longer
re-scans everything it holds for every chunk. Tests never time anything: they count the work done
(characters scanned, characters copied) on the adversarial shapes, which must stay proportional to the
length. benchmarks/adversarial_render.py prints the times."""

from __future__ import annotations

import re

import pytest
from textual.content import Content

from coach.rehearsal.engines import openai_chat
from coach.rehearsal.engines.openai_chat import MarkerFilter, TailGuard
from coach.tui.widgets.message import flat_body

SIZE = 200_000


class Counting:
    """A compiled pattern that adds up how many characters its searches were given to look at."""

    def __init__(self, pattern: re.Pattern):
        self.pattern = pattern
        self.scanned = 0

    def _count(self, text: str, pos: int = 0) -> None:
        self.scanned += len(text) - pos

    def finditer(self, text, pos=0, *args):
        self._count(text, pos)
        return self.pattern.finditer(text, pos, *args)

    def search(self, text, pos=0, *args):
        self._count(text, pos)
        return self.pattern.search(text, pos, *args)

    def match(self, text, pos=0, *args):
        found = self.pattern.match(text, pos, *args)
        self.scanned += (found.end() - pos) if found else 1
        return found

    def fullmatch(self, text, pos=0, *args):
        self._count(text, pos)
        return self.pattern.fullmatch(text, pos, *args)


@pytest.mark.parametrize("unit", ["and then i'll just do it ", "week one ", "we agreed, it moved, "])
def test_the_tail_guard_scans_a_reply_with_no_sentence_end_once(monkeypatch, unit):
    counters = {name: Counting(getattr(openai_chat, name)) for name in ("_SENTENCE_END", "_OPEN_END", "_ENDS_SENTENCE")}
    for name, counter in counters.items():
        monkeypatch.setattr(openai_chat, name, counter)
    text = (unit * (SIZE // len(unit) + 1))[:SIZE]
    guard = TailGuard(300)  # the default reply limit: holding starts after 210 chunks
    shown = [guard.feed(text[i : i + 4]) for i in range(0, SIZE, 4)]
    shown.append(guard.finish("", cut=False))
    assert "".join(shown) == text
    scanned = sum(c.scanned for c in counters.values())
    assert scanned <= 4 * SIZE, f"{scanned:,} characters scanned for a {SIZE:,}-character reply"


def test_the_marker_filter_takes_a_flood_of_brackets_in_one_pass(monkeypatch):
    opens = Counting(openai_chat._OPEN)
    markers = Counting(openai_chat._MARKER)
    monkeypatch.setattr(openai_chat, "_OPEN", opens)
    monkeypatch.setattr(openai_chat, "_MARKER", markers)
    text = ("[<[a<e" * (SIZE // 6 + 1))[:SIZE]
    flt = MarkerFilter()
    out = flt.feed(text) + flt.finish()
    assert out == text and not (flt.agreed or flt.closed or flt.care)
    # each search starts where the last stopped; what it is given is what is left of one chunk
    assert markers.scanned <= 2 * SIZE


@pytest.mark.parametrize("unit", ["A short paragraph.\n\n", "- an item with **bold** text\n", "> a quote\n>\n"])
def test_the_final_render_copies_each_character_a_bounded_number_of_times(monkeypatch, unit):
    copied = [0]
    add = Content.__add__

    def counting_add(self, other):
        result = add(self, other)
        copied[0] += len(result.plain)
        return result

    monkeypatch.setattr(Content, "__add__", counting_add)
    text = (unit * (SIZE // len(unit) + 1))[:SIZE]
    body = flat_body(text)
    assert body is not None and len(body.plain) >= SIZE // 2
    assert copied[0] <= 4 * SIZE, f"{copied[0]:,} characters copied by + for a {SIZE:,}-character reply"
