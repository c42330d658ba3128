"""The trained move model: which moves a learner line makes, each with a confidence between 0 and 1.

A linear model over TF-IDF features (see `features.py`), one logistic output per label, trained by
`python -m coach.moves.train` on the corpus in `data/moves/` and shipped in the wheel as one `.npz` file.
Run time needs numpy only. Each label has two cut-offs learned on held-out rows: `clear` (the line makes the
move; precision first) and `maybe` (it came close: worth naming in feedback, not worth acting on).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from coach.moves.features import features, previous_features, sentence_features, sentence_spans

MODEL_PATH = Path(__file__).with_name("moves-model.npz")
CARE = "care-acute"  # the extra output that pauses a rehearsal: acute distress, not workload strain


@dataclass(frozen=True)
class Scores:
    """One line's confidence per label, with the model's cut-offs to read it."""

    confidence: dict[str, float]
    clear: dict[str, float]
    maybe: dict[str, float]

    def shown(self) -> frozenset[str]:
        return frozenset(k for k, v in self.confidence.items() if v >= self.clear[k])

    def close(self) -> frozenset[str]:
        return frozenset(k for k, v in self.confidence.items() if v >= self.maybe[k])


class MoveModel:
    def __init__(self, labels: Sequence[str], vocabulary: dict[str, int], idf: np.ndarray, weights: np.ndarray,
                 bias: np.ndarray, context_start: int, clear: np.ndarray, maybe: np.ndarray):
        self.labels = tuple(labels)
        self.vocabulary = vocabulary
        self.idf = idf
        self.weights = weights
        self.bias = bias
        self.context_start = context_start  # columns from here on are context ("p:") features
        self.clear = dict(zip(self.labels, map(float, clear)))
        self.maybe = dict(zip(self.labels, map(float, maybe)))

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> MoveModel:
        with np.load(path, allow_pickle=False) as data:
            vocab = bytes(data["vocabulary"]).decode("utf-8").split("\n")
            return cls(
                labels=bytes(data["labels"]).decode("utf-8").split("\n"),
                vocabulary={term: i for i, term in enumerate(vocab)},
                idf=data["idf"].astype(np.float32),
                weights=data["weights"].astype(np.float32),
                bias=data["bias"].astype(np.float32),
                context_start=int(data["context_start"]),
                clear=data["clear"],
                maybe=data["maybe"],
            )

    def _weigh(self, counts: Counter[int]) -> tuple[np.ndarray, np.ndarray]:
        """Column indices and L2-normalised TF-IDF values of one block of feature counts."""
        idx = np.fromiter(counts, dtype=np.int64, count=len(counts))
        tf = np.fromiter((1.0 + math.log(c) for c in counts.values()), dtype=np.float32, count=len(counts))
        v = tf * self.idf[idx]
        v /= float(np.sqrt(v @ v)) or 1.0
        return idx, v

    def _counts(self, terms: list[str]) -> Counter[int]:
        vocab = self.vocabulary
        return Counter(i for f in terms if (i := vocab.get(f)) is not None)

    def vectorise(self, text: str, previous: str | None) -> tuple[np.ndarray, np.ndarray]:
        """Column indices and values of a whole line (its sentences summed) with its context."""
        by_sentence, context = features(text, previous)
        own: Counter[int] = Counter()
        for sentence in by_sentence:
            own.update(self._counts(sentence))
        return self._join(own, self._counts(context))

    def line_vector(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """The line's own features only (no context), unit length: for comparing lines with each other."""
        own: Counter[int] = Counter()
        for a, b in sentence_spans(text):
            own.update(self._counts(sentence_features(text[a:b])))
        return self._join(own, Counter())

    def _join(self, own: Counter[int], context: Counter[int]) -> tuple[np.ndarray, np.ndarray]:
        blocks = [self._weigh(c) for c in (own, context) if c]
        if not blocks:
            return np.zeros(0, np.int64), np.zeros(0, np.float32)
        return np.concatenate([b[0] for b in blocks]), np.concatenate([b[1] for b in blocks])

    def _probabilities(self, idx: np.ndarray, val: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-(val @ self.weights[idx] + self.bias)))

    def score(self, text: str, previous: str | None = None) -> Scores:
        return self.analyse(text, previous).scores

    def analyse(self, text: str, previous: str | None = None) -> Analysis:
        """The line's scores, and each sentence's scores in the same context: the sentence that best shows a
        move is the one to quote back. One matrix product for the line and all its sentences."""
        spans = sentence_spans(text)
        by_sentence = [self._counts(sentence_features(text[a:b])) for a, b in spans]
        whole: Counter[int] = Counter()
        for counts in by_sentence:
            whole.update(counts)
        rows = [whole, *by_sentence] if len(spans) > 1 else [whole]
        logits = self._context_logits(previous) + self.bias
        if whole:
            columns = np.fromiter(whole, dtype=np.int64, count=len(whole))
            where = {c: k for k, c in enumerate(columns.tolist())}
            counts = np.zeros((len(rows), len(columns)), np.float32)
            for r, row in enumerate(rows):
                for c, n in row.items():
                    counts[r, where[c]] = n
            values = np.where(counts > 0, 1.0 + np.log(np.maximum(counts, 1.0)), 0.0) * self.idf[columns]
            values /= np.maximum(np.linalg.norm(values, axis=1, keepdims=True), 1e-12)
            logits = values @ self.weights[columns] + logits
        probabilities = 1.0 / (1.0 + np.exp(-np.atleast_2d(logits)))
        turn = probabilities[0]
        if len(rows) > 1:  # the whole turn pulled halfway up to its best sentence (as in training's cut-offs)
            turn = (turn + np.maximum(turn, probabilities[1:].max(axis=0))) / 2
        scores = Scores(dict(zip(self.labels, map(float, turn))), self.clear, self.maybe)
        parts = tuple(probabilities[1:]) if len(spans) > 1 else tuple(probabilities[:1]) if spans else ()
        return Analysis(scores, tuple(spans), parts)

    def _context_logits(self, previous: str | None) -> np.ndarray:
        context = self._counts(list(previous_features(previous)))
        if not context:
            return np.zeros(len(self.labels), np.float32)
        idx, val = self._weigh(context)
        return val @ self.weights[idx]


@dataclass(frozen=True)
class Analysis:
    """A line read by the model: its scores, and per sentence (start, end) the probability of each label."""

    scores: Scores
    spans: tuple[tuple[int, int], ...]
    by_sentence: tuple[np.ndarray, ...]

    def best_span(self, label: str, labels: Sequence[str]) -> tuple[int, int] | None:
        if not self.spans:
            return None
        j = list(labels).index(label)
        best = max(range(len(self.spans)), key=lambda k: self.by_sentence[k][j])
        return self.spans[best]


@lru_cache(maxsize=1)
def shared_model() -> MoveModel:
    """The bundled model, loaded once per process (about 30 ms): every feature asks this one."""
    return MoveModel.load()
