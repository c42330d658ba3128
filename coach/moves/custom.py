"""Criteria the model was not trained on, recognised from an author's example lines.

A small head over static word vectors (`words.py`) is trained when the scenario loads, the examples against the
counter-examples and a background of varied learner lines. Authors write sentences, not patterns, and
`coach validate` leaves each example out in turn to say which one the others would not recognise. (The regex
escape hatch is `signals.py`.) Imported only for a scenario that has such criteria: it needs numpy.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from coach.moves.model import MoveModel, shared_model
from coach.moves.words import WordVectors, shared_words

# A line shows the criterion when it is nearer the examples' centre than this share of ordinary learner lines
# (the background). Chosen on the move corpus, by making criteria from 8 example rows of each move and measuring
# on other rows: 0.6 and 0.7 scored alike (F1 0.62); the stricter one suits an author's narrower criteria.
SHOWN_AT = 0.7
# `coach validate` names an example when the others, without it, would rank it below half of ordinary lines.
UNRECOGNISED_BELOW = 0.5


WORD_SHARE = 0.5  # closeness is half word meaning (static vectors), half shared wording (the model's features)


@dataclass(frozen=True)
class _Line:
    meaning: np.ndarray  # unit word-vector mean
    wording: dict[int, float]  # the move model's unit TF-IDF vector


def _read(text: str, words: WordVectors, model: MoveModel) -> _Line:
    idx, val = model.line_vector(text)
    return _Line(words.embed(text), dict(zip(idx.tolist(), val.tolist())))


@lru_cache(maxsize=2)
def _background(words: WordVectors, model: MoveModel) -> list[_Line]:
    """The ordinary learner lines, read once per process: every criterion of every scenario ranks against them."""
    return [_read(b, words, model) for b in words.background]


class ExampleHead:
    """A criterion defined by example lines: how a line ranks against ordinary learner lines (the background)
    by closeness to the examples' centre, in meaning and in wording; a line nearer a counter-example than to
    every example is not it."""

    def __init__(self, examples: Sequence[str], counter: Sequence[str] = (), words: WordVectors | None = None,
                 model: MoveModel | None = None):
        self.words = words or shared_words()
        self.model = model or shared_model()
        self.examples = [self._line(e) for e in examples]
        self.counter = [self._line(c) for c in counter]
        self._background = _background(self.words, self.model)
        self._scale = self._centre(self.examples)

    def _line(self, text: str) -> _Line:
        return _read(text, self.words, self.model)

    @staticmethod
    def _closeness(a: _Line, b: _Line) -> float:
        small, big = sorted((a.wording, b.wording), key=len)
        wording = sum(v * big.get(k, 0.0) for k, v in small.items())
        return WORD_SHARE * float(a.meaning @ b.meaning) + (1 - WORD_SHARE) * wording

    def _centre(self, lines: list[_Line]) -> tuple[_Line, np.ndarray]:
        meaning = np.mean([x.meaning for x in lines], axis=0)
        meaning /= float(np.linalg.norm(meaning)) or 1.0
        wording: dict[int, float] = {}
        for x in lines:
            for k, v in x.wording.items():
                wording[k] = wording.get(k, 0.0) + v / len(lines)
        norm = float(np.sqrt(sum(v * v for v in wording.values()))) or 1.0
        centre = _Line(meaning, {k: v / norm for k, v in wording.items()})
        return centre, np.sort([self._closeness(b, centre) for b in self._background])

    @staticmethod
    def _rank(line: _Line, centre: tuple[_Line, np.ndarray]) -> float:
        point, background = centre
        return float(np.searchsorted(background, ExampleHead._closeness(line, point))) / max(1, len(background))

    @classmethod
    def build(cls, examples: Sequence[str], counter: Sequence[str] = ()) -> ExampleHead:
        return cls(examples, counter)

    def probability(self, text: str) -> float:
        """Where the text ranks among ordinary lines by closeness to the examples (0-1); held under the line
        when a counter-example is nearer than every example."""
        line = self._line(text)
        rank = self._rank(line, self._scale)
        if self.counter:
            nearest_counter = max(self._closeness(line, c) for c in self.counter)
            if nearest_counter > max(self._closeness(line, e) for e in self.examples):
                rank = min(rank, SHOWN_AT - 0.01)
        return rank

    def confidence(self, text: str) -> float:
        """Rescaled so that the line counts as shown at 0.5, like the model's own outputs."""
        p = self.probability(text)
        return float(p ** (np.log(0.5) / np.log(SHOWN_AT))) if p > 0 else 0.0

    def unrecognised(self) -> list[int]:
        """Examples the others would not recognise (each left out in turn), by position."""
        return [i for i, line in enumerate(self.examples)
                if self._rank(line, self._centre(self.examples[:i] + self.examples[i + 1 :])) < UNRECOGNISED_BELOW]


MIN_EXAMPLES = 5


def example_problems(criteria: Sequence) -> list[tuple[tuple, str]]:
    """What `coach validate` says about criteria defined by examples: too few, or an example the others would
    not recognise (so a learner who says it would get no credit). Each with its place in `[[rubric.custom]]`."""
    out: list[tuple[tuple, str]] = []
    for i, criterion in enumerate(criteria):
        if not criterion.examples:
            continue
        if len(criterion.examples) < MIN_EXAMPLES:
            out.append((("rubric", "custom", i, "examples"),
                        f"give at least {MIN_EXAMPLES} example lines (it has {len(criterion.examples)}), in the "
                        "different ways learners would say it"))
            continue
        head = ExampleHead.build(criterion.examples, criterion.counter_examples)
        for j in head.unrecognised():
            out.append((("rubric", "custom", i, "examples", j),
                        "the other examples would not recognise this one: add two or three more lines like it, "
                        "or move it to another criterion"))
    return out
