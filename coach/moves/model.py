"""The trained move model: which moves a learner line makes, each with a confidence between 0 and 1.

A linear model over TF-IDF features (see `features.py`), one logistic output per label, trained by
`python -m coach.moves.train` on the corpus in `data/moves/` and shipped in the wheel as one `.npz` file.
Run time needs numpy only. Each label has two cut-offs learned on held-out rows: `clear` (the line makes the
move: best F1) and `maybe` (95% of real moves reach it: it came close, worth naming in feedback, not worth
acting on).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from pathlib import Path

import numpy as np

from coach.moves.features import (
    char_grams,
    features,
    previous_features,
    reading_spans,
    rule_features,
    sentence_features,
    split_sentence,
    word_features,
)
from coach.moves.vocabulary import Vocabulary

MODEL_PATH = Path(__file__).with_name("moves-model.npz")
HAZARD_MODEL_PATH = Path(__file__).with_name("hazard-model.npz")  # one output: a safety problem reported
_GRAM_CACHE = 50_000  # words whose character n-gram columns are remembered
_READ_CACHE = 4096  # turns whose reading is remembered (a workshop report reads each session's turns)
_ONE_HOT = np.eye(4, dtype=np.float32)  # kind of feature -> its column in the per-kind norms
CARE = "care-acute"  # the extra output that pauses a rehearsal: acute distress, not workload strain


@dataclass(frozen=True)
class Scores:
    """One line's confidence per label, with the model's cut-offs to read it."""

    confidence: dict[str, float]
    clear: dict[str, float]
    maybe: dict[str, float]


class MoveModel:
    def __init__(self, labels: Sequence[str], vocabulary: Vocabulary, idf: np.ndarray, weights: np.ndarray,
                 bias: np.ndarray, context_start: int, clear: np.ndarray, maybe: np.ndarray, kind: np.ndarray):
        self.labels = tuple(labels)
        self.vocabulary = vocabulary
        self.idf = idf
        self.weights = weights
        self.bias = bias
        self.context_start = context_start  # columns from here on are context ("p:") features
        # Each kind of feature is weighed as its own block, so a few rule signals are not drowned out by the
        # hundreds of character n-grams of a long sentence: 0 words, 1 character n-grams, 2 rules, 3 word pairs
        # and triples (see `feature_kinds`).
        self.kind = kind
        self._grams: dict[str, list[int]] = {}
        self._read: dict[tuple[str, str | None], Analysis] = {}
        self.clear = dict(zip(self.labels, map(float, clear)))
        self.maybe = dict(zip(self.labels, map(float, maybe)))

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> MoveModel:
        with np.load(path, allow_pickle=False) as data:
            files = set(data.files)
            # A file from before the keys and kinds were stored has them worked out from its feature strings.
            terms = None if {"keys", "kind"} <= files else bytes(data["vocabulary"]).decode("utf-8").split("\n")
            return cls(
                labels=bytes(data["labels"]).decode("utf-8").split("\n"),
                vocabulary=Vocabulary(data["keys"], data["key_columns"]) if terms is None else Vocabulary.of(terms),
                idf=data["idf"].astype(np.float32, copy=False),
                # Kept as stored (float16): converting all of it took half the load, and a turn reads only the
                # rows of its own features (converted as they are read).
                weights=data["weights"],
                bias=data["bias"].astype(np.float32, copy=False),
                context_start=int(data["context_start"]),
                clear=data["clear"],
                maybe=data["maybe"],
                kind=data["kind"] if "kind" in files else feature_kinds(terms),
            )

    def _weigh(self, counts: Counter[int]) -> tuple[np.ndarray, np.ndarray]:
        """Column indices and TF-IDF values of feature counts, each kind of feature L2-normalised on its own."""
        idx = np.fromiter(counts, dtype=np.int64, count=len(counts))
        tf = np.fromiter((1.0 + math.log(c) for c in counts.values()), dtype=np.float32, count=len(counts))
        v = tf * self.idf[idx]
        kind = self.kind[idx]
        norms = np.sqrt(np.bincount(kind, weights=v * v, minlength=4)).astype(np.float32)
        v /= np.maximum(norms[kind], 1e-12)
        return idx, v

    def _counts(self, terms: list[str]) -> Counter[int]:
        return Counter(self.vocabulary.columns(terms))

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
        for a, b in reading_spans(text):
            own.update(self._counts(sentence_features(text[a:b])))
        if not own:
            return np.zeros(0, np.int64), np.zeros(0, np.float32)
        idx = np.fromiter(own, dtype=np.int64, count=len(own))
        v = np.fromiter((1.0 + math.log(c) for c in own.values()), dtype=np.float32, count=len(own)) * self.idf[idx]
        return idx, v / (float(np.sqrt(v @ v)) or 1.0)

    def _join(self, own: Counter[int], context: Counter[int]) -> tuple[np.ndarray, np.ndarray]:
        blocks = [self._weigh(c) for c in (own, context) if c]
        if not blocks:
            return np.zeros(0, np.int64), np.zeros(0, np.float32)
        return np.concatenate([b[0] for b in blocks]), np.concatenate([b[1] for b in blocks])

    def score(self, text: str, previous: str | None = None) -> Scores:
        return self.analyse(text, previous).scores

    def analyse(self, text: str, previous: str | None = None) -> Analysis:
        """The line's scores, and each sentence's scores in the same context: the sentence that best shows a
        move is the one to quote back. Remembered per (line, previous line), so the counterpart, the hint, the
        scorecard, `coach check` and reports share one reading of each turn in a process."""
        key = (text, previous)
        found = self._read.get(key)
        if found is None:
            found = self._read[key] = self._analyse(text, previous)
            if len(self._read) > _READ_CACHE:
                self._read.pop(next(iter(self._read)))
        return found

    def _analyse(self, text: str, previous: str | None) -> Analysis:
        """One matrix product for the line and all its sentences."""
        spans = reading_spans(text)
        # Column of every known feature of every sentence, and which sentence it came from.
        found = [self._sentence_columns(text[a:b]) for a, b in spans]
        logits = self._context_logits(previous) + self.bias
        n_rows = 1 + (len(spans) if len(spans) > 1 else 0)  # the whole turn, then each sentence
        if any(found):
            cols = np.fromiter(chain.from_iterable(found), dtype=np.int64)
            sentence = np.repeat(np.arange(len(found)), [len(cs) for cs in found])
            columns, where = np.unique(cols, return_inverse=True)
            width = len(columns)
            row = sentence + 1 if n_rows > 1 else np.zeros_like(where)
            counts = np.bincount(row * width + where, minlength=n_rows * width).reshape(n_rows, width).astype(np.float32)
            if n_rows > 1:
                counts[0] = counts[1:].sum(axis=0)
            values = np.where(counts > 0, 1.0 + np.log(np.maximum(counts, 1.0)), 0.0) * self.idf[columns]
            kind = self.kind[columns]
            # each kind of feature normalised on its own, as in `_weigh`: per-row, per-kind norms in one product
            norms = np.sqrt((values * values) @ _ONE_HOT[kind])
            values /= np.maximum(norms[:, kind], 1e-12)
            logits = values @ self.weights[columns].astype(np.float32) + logits
        probabilities = 1.0 / (1.0 + np.exp(-np.atleast_2d(logits)))
        turn = probabilities[0]
        if n_rows > 1:  # the whole turn pulled halfway up to its best sentence (as in training's cut-offs)
            turn = (turn + np.maximum(turn, probabilities[1:].max(axis=0))) / 2
        scores = Scores(dict(zip(self.labels, map(float, turn))), self.clear, self.maybe)
        parts = tuple(probabilities[1:]) if len(spans) > 1 else tuple(probabilities[:1]) if spans else ()
        return Analysis(scores, tuple(spans), parts)

    def _sentence_columns(self, sentence: str) -> list[int]:
        """The vocabulary columns of a sentence's features (as `sentence_features` would list them), with each
        word's character n-gram columns remembered: most of a line's features, and words repeat."""
        vocab, grams = self.vocabulary, self._grams
        words, norm = split_sentence(sentence)
        own = list(word_features(words))
        rules = list(rule_features(words, norm))
        new = {w: list(char_grams(w)) for w in words if w not in grams}
        vocab.prefetch(chain(own, rules, *new.values()))  # one search for the sentence's unseen features
        for word, its_grams in new.items():
            grams[word] = vocab.columns(its_grams)
            if len(grams) > _GRAM_CACHE:
                grams.pop(next(iter(grams)))
        cols = vocab.columns(own)
        for word in words:
            known = grams.get(word)
            cols += vocab.columns(list(char_grams(word))) if known is None else known
        cols += vocab.columns(rules)
        return cols

    def _context_logits(self, previous: str | None) -> np.ndarray:
        context = self._counts(list(previous_features(previous)))
        if not context:
            return np.zeros(len(self.labels), np.float32)
        idx, val = self._weigh(context)
        return val @ self.weights[idx].astype(np.float32)


def term_kind(term: str) -> int:
    """0 a word, 1 a character n-gram, 2 a rule, 3 a word pair or triple (see `MoveModel.kind`)."""
    return 1 if term.startswith("#") else 2 if term.startswith("r:") else 3 if " " in term else 0


def feature_kinds(terms: Sequence[str]) -> np.ndarray:
    """The kind of each column's feature, in column order."""
    return np.fromiter(map(term_kind, terms), np.int8, len(terms))


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
    """The bundled model, loaded once per process (about 10 ms): every feature asks this one."""
    return MoveModel.load()


@lru_cache(maxsize=1)
def shared_hazard_model() -> MoveModel | None:
    """The bundled hazard reader (same reading, one output), loaded once, where the offline counterpart is built."""
    return MoveModel.load(HAZARD_MODEL_PATH) if HAZARD_MODEL_PATH.is_file() else None
