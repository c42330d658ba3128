"""The offline move detector: which criteria a learner's turn shows, with the exact spans.

It reads its signals from the criteria library (regular expressions per criterion) and applies the
shared rules here: sentence by sentence, a negation just before a cue cancels it, sarcastic sentences
show nothing, and `after-refusal` criteria need a refusal in the counterpart's previous line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from coach.scenario.criteria import Criterion, CriteriaLibrary

_FLAGS = re.IGNORECASE
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*", re.MULTILINE)
_NEGATION_WINDOW = 24  # characters before a cue in which a negation cancels it


def _normalise(text: str) -> str:
    # Same length as the input, so spans found in the normalised text index the original.
    return text.replace("\u2019", "'").replace("\u2018", "'")


@dataclass(frozen=True, slots=True)
class Hit:
    criterion: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Detection:
    text: str
    moves: tuple[Hit, ...] = ()
    flags: tuple[Hit, ...] = ()
    vague: bool = False
    distress: bool = False

    @property
    def move_ids(self) -> frozenset[str]:
        return frozenset(h.criterion for h in self.moves)

    @property
    def flag_ids(self) -> frozenset[str]:
        return frozenset(h.criterion for h in self.flags)


@dataclass
class _Compiled:
    criterion: Criterion
    groups: list[tuple[list[re.Pattern], list[re.Pattern]]]
    unless: list[re.Pattern] = field(default_factory=list)


def _compile(patterns: Iterable[str]) -> list[re.Pattern]:
    return [re.compile(p, _FLAGS) for p in patterns]


class Detector:
    def __init__(self, library: CriteriaLibrary, extra: Iterable[Criterion] = ()):
        lex = library.detector
        self._negation = _compile(lex.negations)
        self._refusal = _compile(lex.refusals)
        self._sarcasm = _compile(lex.sarcasm)
        self._vague = _compile(lex.vague)
        self._distress = _compile(lex.distress)
        self._criteria: list[_Compiled] = []
        for criterion in [*library.criterion, *extra]:
            if criterion.signals is None:
                continue
            groups = [(_compile(g.any), _compile(g.with_)) for g in criterion.signals.groups]
            self._criteria.append(_Compiled(criterion, groups, _compile(criterion.signals.unless)))

    def is_refusal(self, text: str | None) -> bool:
        return bool(text) and any(p.search(_normalise(text)) for p in self._refusal)

    def is_distress(self, text: str) -> bool:
        return any(p.search(_normalise(text)) for p in self._distress)

    def detect(self, text: str, previous: str | None = None) -> Detection:
        norm = _normalise(text)
        after_refusal = self.is_refusal(previous)
        moves: list[Hit] = []
        flags: list[Hit] = []
        for sentence in _SENTENCE.finditer(norm):
            s, offset = sentence.group(), sentence.start()
            sarcastic = any(p.search(s) for p in self._sarcasm)
            for c in self._criteria:
                signals = c.criterion.signals
                is_flag = c.criterion.kind == "flag"
                if sarcastic and not is_flag:
                    continue
                if signals.context == "after-refusal" and not after_refusal:
                    continue
                if any(p.search(s) for p in c.unless):
                    continue
                hit = self._match(c, s, signals.negatable)
                if hit is None:
                    continue
                start, end = hit[0] + offset, hit[1] + offset
                (flags if is_flag else moves).append(Hit(c.criterion.id, start, end, text[start:end]))
        moves = _first_per_criterion(moves)
        flags = _first_per_criterion(flags)
        words = len(norm.split())
        filler = sum(len(p.findall(norm)) for p in self._vague)
        vague = not moves and (words < 6 or filler >= 2)
        return Detection(text, tuple(moves), tuple(flags), vague, self.is_distress(text))

    def _match(self, c: _Compiled, sentence: str, negatable: bool) -> tuple[int, int] | None:
        for any_, with_ in c.groups:
            for pattern in any_:
                for m in pattern.finditer(sentence):
                    if negatable and self._negated(sentence, m.start()):
                        continue
                    if with_ and not any(w.search(sentence) for w in with_):
                        continue
                    return m.start(), m.end()
        return None

    def _negated(self, sentence: str, start: int) -> bool:
        window = sentence[max(0, start - _NEGATION_WINDOW) : start]
        return any(p.search(window) for p in self._negation)


def _first_per_criterion(hits: list[Hit]) -> list[Hit]:
    seen: dict[str, Hit] = {}
    for hit in hits:
        seen.setdefault(hit.criterion, hit)
    return list(seen.values())
