"""Row 6 (the reply paths; the detector's own patterns are being replaced apart from this): the end-of-reply
render no longer builds its text by repeated concatenation, and the model reply's hygiene (which cleans
the text so far at sentence ends) stops taking text once a reply has run far past its budget. Tests never time anything: they count the work done
(characters scanned, characters copied) on the adversarial shapes, which must stay proportional to the
length. benchmarks/adversarial_render.py prints the times."""

from __future__ import annotations

import re

import pytest
from textual.content import Content

from coach.rehearsal.engines import hygiene, markers
from coach.rehearsal.engines.markers import MarkerFilter
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


@pytest.mark.parametrize("unit", ["and then i'll just do it ", "week one ", "we agreed, it moved, ", "A. ", "No! ",
                                  "a" * 30 + ". ", "(pause) *sigh* ", "A short paragraph.\n\n"])
def test_the_reply_hygiene_does_bounded_work_whatever_the_size(monkeypatch, catalog, unit):
    cleaned = [0]
    clean = hygiene.clean

    def counting(text, voice):
        cleaned[0] += len(text)
        return clean(text, voice)

    monkeypatch.setattr(hygiene, "clean", counting)
    text = (unit * (SIZE // len(unit) + 1))[:SIZE]
    voice = hygiene.Voice.of(catalog.get("promotion-after-win").scenario, 90)
    reply = hygiene.Assembler(voice, hygiene.Earlier([]), hold=False)
    shown = [reply.feed(text[i : i + 4]) for i in range(0, SIZE, 4)]
    reply.close(complete=False)
    shown.append(reply.release())
    assert reply.runaway
    taken = 90 * hygiene.RUNAWAY * hygiene.CHARS_PER_WORD  # the most of a reply it takes, in characters
    assert len(reply.raw) <= taken + 4
    assert cleaned[0] <= 12 * taken, f"{cleaned[0]:,} characters cleaned for a {SIZE:,}-character reply"
    assert len("".join(shown)) <= len(reply.raw)


def test_the_marker_filter_takes_a_flood_of_brackets_in_one_pass(monkeypatch):
    opens = Counting(markers._OPEN)
    found = Counting(markers._MARKER)
    monkeypatch.setattr(markers, "_OPEN", opens)
    monkeypatch.setattr(markers, "_MARKER", found)
    text = ("[<[a<e" * (SIZE // 6 + 1))[:SIZE]
    flt = MarkerFilter()
    out = flt.feed(text) + flt.finish()
    assert out == text and not (flt.agreed or flt.closed or flt.care)
    # each search starts where the last stopped; what it is given is what is left of one chunk
    assert found.scanned <= 2 * SIZE


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
