"""The trained move model: which moves a learner line makes, each with a confidence between 0 and 1.

A linear model over TF-IDF features (see `features.py`), one logistic output per label, trained by
`python -m coach.moves.train` on the corpus in `data/moves/` and shipped in the wheel as one `.npz` file.
At run time a process reads its first lines in plain Python and the rest with numpy (see `reading.py`). Each
label has two cut-offs learned on held-out rows: `clear` (the line makes the move: best F1) and `maybe` (95% of
real moves reach it: it came close, worth naming in feedback, not worth acting on).
"""

from __future__ import annotations

import math
import sys
import zlib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from coach.moves.features import (
    char_grams,
    cluster_features,
    features,
    previous_features,
    reading_spans,
    rule_features,
    sentence_features,
    split_sentence,
    word_features,
)
from coach.moves.reading import NumpyReading, PlainReading
from coach.moves.stored import StoredArray, read_arrays
from coach.moves.vocabulary import Vocabulary

if TYPE_CHECKING:
    import numpy as np

MODEL_PATH = Path(__file__).with_name("moves-model.npz")
HAZARD_MODEL_PATH = Path(__file__).with_name("hazard-model.npz")  # one output: a safety problem reported
QUESTION_MODEL_PATH = Path(__file__).with_name("question-model.npz")  # what a learner's question asks for
LEAVING_MODEL_PATH = Path(__file__).with_name("leaving-model.npz")  # one output: the learner is taking their leave
CARE_MODEL_PATH = Path(__file__).with_name("care-model.npz")  # one output: acute distress, not workload strain
ASKING_MODEL_PATH = Path(__file__).with_name("asking-model.npz")  # one output: the line puts a question to them
FEELINGS_MODEL_PATH = Path(__file__).with_name("feelings-model.npz")  # strain said of themselves; owning a remark
FEELINGS = ("strain", "apology")
MARKED_MODEL_PATH = Path(__file__).with_name("marked-model.npz")  # the moves coherence-script writers marked
MARKED_MOVES = ("impact-evidence", "business-value", "specific-ask", "phased-plan", "success-metrics",
                "explores-constraints", "collaborative-options", "next-steps", "specific-observation",
                "invites-perspective", "offers-support")
# The question reader's outputs (data/questions/LABELLING.md): what answering the question would give back.
TOPICS = ("constraint", "decision", "help", "timing", "feelings", "personal", "verdict", "check", "choice", "favour",
          "offer", "ask", "other", "none")
_GRAM_CACHE = 50_000  # words whose character n-gram columns are remembered
_READ_CACHE = 4096  # turns whose reading is remembered (a workshop report reads each session's turns)
# Lines a process reads in plain Python before it imports numpy for the rest: numpy's import (about 45 ms)
# costs as much as the plain reading's extra 0.3 ms a line over about 150 lines (`benchmarks/detector_speed.py`
# prints both readings' speed), and a command that scores one session reads 20 to 40.
PLAIN_READS = 150
CARE = "care-acute"  # the extra output that pauses a rehearsal: acute distress, not workload strain
GATE = "makes-a-move"  # the extra output that says whether the turn makes any move at all (see `MoveModel._gated`)


@dataclass(frozen=True)
class Scores:
    """One line's confidence per label, with the model's cut-offs to read it."""

    confidence: dict[str, float]
    clear: dict[str, float]
    maybe: dict[str, float]


class MoveModel:
    """`arrays` holds idf, weights (float16, one row per feature), bias and kind (each feature's kind, see
    `reading.py`), as numpy arrays or as a file's stored arrays (then lines can be read without numpy)."""

    def __init__(self, labels: Sequence[str], vocabulary: Vocabulary, arrays: Mapping[str, Any],
                 context_start: int, clear: Sequence[float], maybe: Sequence[float], gate_margin: float | None = None,
                 whole_turn: bool = False):
        self.labels = tuple(labels)
        # A reader trained on whole turns (the care reader) is read that way: not pulled up to its best sentence,
        # so "I won't be here after Friday." inside a line about a new job is read with the rest of the line.
        self.whole_turn = whole_turn
        self.vocabulary = vocabulary
        self.arrays = arrays
        self.context_start = context_start  # columns from here on are context ("p:") features
        self._grams: dict[str, list[int]] = {}
        self._read: dict[tuple[str, str | None], Analysis] = {}
        self.clear = dict(zip(self.labels, map(float, clear)))
        self.maybe = dict(zip(self.labels, map(float, maybe)))
        # The gate (see `_gated`): its column, its cut-off, and per move it may hold back, the confidence below
        # which it does (cut-off plus margin) and the one it holds it at (just under the cut-off).
        self._gate: tuple[int, float, list[tuple[int, float, float]]] | None = None
        if gate_margin is not None and GATE in self.labels:
            held = [(j, min(self.clear[label] + gate_margin, 0.999), self.clear[label] * 0.99)
                    for j, label in enumerate(self.labels) if label not in (GATE, CARE)]
            self._gate = (self.labels.index(GATE), self.clear[GATE], held)
        bias = arrays["bias"]
        self._bias = list(bias.unpack()) if isinstance(bias, StoredArray) else [float(b) for b in bias]
        # A line's own logits per text, the previous line's per previous line: the model is linear, so the
        # blocks add up, and the same line read after two different lines is one reading and two contexts.
        self._own: dict[str, tuple[list[tuple[int, int]], list[list[float]]]] = {}
        self._context: dict[str | None, list[float]] = {}
        parts = [arrays[k] for k in ("idf", "weights", "kind")]
        stored = all(isinstance(a, StoredArray) for a in parts) and parts[1].descr in ("<f2", "<f4")
        self._plain = PlainReading(*parts) if stored else None
        self.plain_reads_left = PLAIN_READS
        self.reading: Literal["auto", "plain", "numpy"] = "auto"  # which arithmetic; "auto": see PLAIN_READS
        self.fingerprint: str | None = None  # set for a model read from a file (`load`)

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> MoveModel:
        data = read_arrays(path)
        # A file from before the keys and kinds were stored has them worked out from its feature strings.
        terms = None if {"keys", "kind"} <= data.keys() else _feature_strings(data)
        arrays = {k: data[k] for k in ("idf", "weights", "bias")}
        arrays["kind"] = data["kind"] if terms is None else feature_kinds(terms)
        model = cls(
            labels=data["labels"].data.tobytes().decode("utf-8").split("\n"),
            vocabulary=(Vocabulary(data["keys"].values(), data["key_columns"].values()) if terms is None
                        else Vocabulary.of(terms)),
            arrays=arrays,
            context_start=int(data["context_start"].unpack()[0]),
            clear=data["clear"].unpack(),
            maybe=data["maybe"].unpack(),
            gate_margin=data["gate"].unpack()[0] if "gate" in data else None,
            whole_turn="whole_turn" in data,
        )
        # What tells one trained model from another, cheaply: a retrained model has other biases and cut-offs.
        crc = 0
        for name in ("labels", "bias", "clear", "maybe", "idf"):
            crc = zlib.crc32(data[name].data, crc)
        model.fingerprint = f"{crc:08x}-{len(data['weights'].data)}"
        return model

    @cached_property
    def numpy_reading(self) -> NumpyReading:
        import numpy as np

        def array(name: str) -> np.ndarray:
            a = self.arrays[name]
            return a.numpy() if isinstance(a, StoredArray) else a

        # The weights stay float16, as stored: converting all of them took half the load, and a line reads only
        # the rows of its own features (converted as they are read).
        return NumpyReading(array("idf").astype(np.float32, copy=False), array("weights"), array("kind"))

    def _reading(self) -> NumpyReading | PlainReading:
        if self._plain is not None and (self.reading == "plain" or self.reading == "auto" and self.plain_reads_left > 0
                                        and "numpy" not in sys.modules):
            return self._plain
        return self.numpy_reading

    def forget(self) -> None:
        """Forget every line read (benchmarks time cold readings)."""
        self._read.clear()
        self._own.clear()
        self._context.clear()

    def _counts(self, terms: list[str]) -> Counter[int]:
        return Counter(self.vocabulary.columns(terms))

    def vectorise(self, text: str, previous: str | None) -> tuple[np.ndarray, np.ndarray]:
        """Column indices and values of a whole line (its sentences summed) with its context (for training)."""
        by_sentence, context = features(text, previous)
        own: Counter[int] = Counter()
        for sentence in by_sentence:
            own.update(self._counts(sentence))
        return self.join(own, self._counts(context))

    def join(self, own: Counter[int], context: Counter[int]) -> tuple[np.ndarray, np.ndarray]:
        """Column indices and values of a line's own feature counts beside its context's, each block weighed."""
        import numpy as np

        blocks = [self.numpy_reading.weigh(c) for c in (own, context) if c]
        if not blocks:
            return np.zeros(0, np.int64), np.zeros(0, np.float32)
        return np.concatenate([b[0] for b in blocks]), np.concatenate([b[1] for b in blocks])

    def line_vector(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """The line's own features only (no context), unit length: for comparing lines with each other."""
        import numpy as np

        own: Counter[int] = Counter()
        for a, b in reading_spans(text):
            own.update(self._counts(sentence_features(text[a:b])))
        if not own:
            return np.zeros(0, np.int64), np.zeros(0, np.float32)
        idx = np.fromiter(own, dtype=np.int64, count=len(own))
        tf = np.fromiter((1.0 + math.log(c) for c in own.values()), dtype=np.float32, count=len(own))
        v = tf * self.numpy_reading.idf[idx]
        return idx, v / (float(np.sqrt(v @ v)) or 1.0)

    def score(self, text: str, previous: str | None = None) -> Scores:
        return self.analyse(text, previous).scores

    def analyse(self, text: str, previous: str | None = None) -> Analysis:
        """The line's scores, and each sentence's scores in the same context: the sentence that best shows a
        move is the one to quote back. Remembered per (line, previous line), so the counterpart, the hint, the
        scorecard, `coach check` and reports share one reading of each turn in a process."""
        return _remembered(self._read, (text, previous), lambda key: self._analyse(*key))

    def _analyse(self, text: str, previous: str | None) -> Analysis:
        spans, own = _remembered(self._own, text, self._own_logits)
        context = _remembered(self._context, previous, self._context_logits)
        base = [b + c for b, c in zip(self._bias, context)]
        rows = [[_sigmoid(x + y) for x, y in zip(row, base)] for row in own]
        turn = rows[0]
        if len(rows) > 1 and not self.whole_turn:  # the turn pulled halfway up to its best sentence (as in training)
            best = [max(column) for column in zip(*rows[1:])]
            turn = [(t + max(t, b)) / 2 for t, b in zip(turn, best)]
        if self._gate is not None:
            turn, rows = self._gated(turn, rows)
        scores = Scores(dict(zip(self.labels, turn)), self.clear, self.maybe)
        parts = tuple(map(tuple, rows[1:] if len(rows) > 1 else rows if spans else ()))
        return Analysis(scores, tuple(spans), parts)

    def _gated(self, turn: list[float], rows: list[list[float]]) -> tuple[list[float], list[list[float]]]:
        """A turn the gate reads as making no move (small talk, logistics, thanks) keeps only the moves it is well
        past sure of: each other move is held just under its cut-off, whole and sentence by sentence, so it still
        counts as "came close". Care is never held back. (Chosen on cross-validation: as many moves found, a
        third fewer such turns firing one; see `train.gate_cutoffs`.)"""
        g, cut, held = self._gate
        if turn[g] >= cut:
            return turn, rows
        hold = [(j, cap) for j, limit, cap in held if turn[j] < limit]
        if not hold:
            return turn, rows
        turn, rows = list(turn), [list(row) for row in rows]
        for row in (turn, *rows):
            for j, cap in hold:
                row[j] = min(row[j], cap)
        return turn, rows

    def _own_logits(self, text: str) -> tuple[list[tuple[int, int]], list[list[float]]]:
        spans = reading_spans(text)
        found = [self._sentence_columns(text[a:b]) for a, b in spans]
        reading = self._reading()
        if reading is self._plain:
            self.plain_reads_left -= 1
        return spans, reading.rows(found)

    def _context_logits(self, previous: str | None) -> list[float]:
        return self._reading().block(self._counts(list(previous_features(previous))))

    def _sentence_columns(self, sentence: str) -> list[int]:
        """The vocabulary columns of a sentence's features (as `sentence_features` would list them), with each
        word's character n-gram columns remembered: most of a line's features, and words repeat."""
        vocab, grams = self.vocabulary, self._grams
        words, norm = split_sentence(sentence)
        cols = vocab.columns(list(word_features(words, singles=False)))
        for word in words:
            known = grams.get(word)
            if known is None:  # the word's own column, then its n-grams'
                known = grams[word] = vocab.columns([word, *char_grams(word)])
                if len(grams) > _GRAM_CACHE:
                    grams.pop(next(iter(grams)))
            cols += known
        cols += vocab.columns(list(rule_features(words, norm)))
        cols += vocab.columns(cluster_features(words))
        return cols


def _feature_strings(data: Mapping[str, StoredArray]) -> list[str]:
    """The vocabulary's feature strings, kept in the file to read it by (stored compressed since round 37: the run
    time reads the keys instead, and the strings were a fifth of the file)."""
    if "vocabulary" in data:
        raw = data["vocabulary"].data.tobytes()
    else:
        raw = zlib.decompress(data["vocabulary_z"].data.tobytes())
    return raw.decode("utf-8").split("\n")


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)  # never overflows for a negative x
    return e / (1.0 + e)


def _remembered(memo: dict, key, compute):
    """memo[key], computed the first time; the oldest entry is forgotten past `_READ_CACHE` entries."""
    found = memo.get(key)
    if found is None:
        found = memo[key] = compute(key)
        if len(memo) > _READ_CACHE:
            memo.pop(next(iter(memo)))
    return found


def term_kind(term: str) -> int:
    """0 a word, 1 a character n-gram, 2 a rule, 3 a word pair or triple, 4 a word cluster or a pair of them
    (see `reading.py`)."""
    if term.startswith("k:"):
        return 4
    return 1 if term.startswith("#") else 2 if term.startswith("r:") else 3 if " " in term else 0


def feature_kinds(terms: Sequence[str]) -> np.ndarray:
    """The kind of each column's feature, in column order."""
    import numpy as np

    return np.fromiter(map(term_kind, terms), np.int8, len(terms))


@dataclass(frozen=True)
class Analysis:
    """A line read by the model: its scores, and per sentence (start, end) the probability of each label."""

    scores: Scores
    spans: tuple[tuple[int, int], ...]
    by_sentence: tuple[tuple[float, ...], ...]

    def best_span(self, label: str, labels: Sequence[str]) -> tuple[int, int] | None:
        if not self.spans:
            return None
        j = list(labels).index(label)
        best = max(range(len(self.spans)), key=lambda k: self.by_sentence[k][j])
        return self.spans[best]


@lru_cache(maxsize=1)
def shared_model() -> MoveModel:
    """The bundled model, loaded once per process (a few ms): every feature asks this one."""
    return MoveModel.load()


@lru_cache(maxsize=1)
def shared_question_model() -> MoveModel | None:
    """The bundled question reader, loaded once, where the offline counterpart is built."""
    return MoveModel.load(QUESTION_MODEL_PATH) if QUESTION_MODEL_PATH.is_file() else None


@lru_cache(maxsize=1)
def shared_asking_model() -> MoveModel | None:
    """The bundled asking reader (same reading, one output), loaded once, where the offline counterpart is built."""
    return MoveModel.load(ASKING_MODEL_PATH) if ASKING_MODEL_PATH.is_file() else None


@lru_cache(maxsize=1)
def shared_marked_model() -> MoveModel | None:
    """The bundled marked-moves reader (same reading, one output per move), loaded once, where praise is weighed."""
    return MoveModel.load(MARKED_MODEL_PATH) if MARKED_MODEL_PATH.is_file() else None


@lru_cache(maxsize=1)
def shared_hazard_model() -> MoveModel | None:
    """The bundled hazard reader (same reading, one output), loaded once, where the offline counterpart is built."""
    return MoveModel.load(HAZARD_MODEL_PATH) if HAZARD_MODEL_PATH.is_file() else None


@lru_cache(maxsize=1)
def shared_leaving_model() -> MoveModel | None:
    """The bundled leave-taking reader (same reading, one output), loaded once, where the counterpart is built."""
    return MoveModel.load(LEAVING_MODEL_PATH) if LEAVING_MODEL_PATH.is_file() else None


@lru_cache(maxsize=1)
def shared_care_model() -> MoveModel | None:
    """The bundled care reader (one output, the line alone), loaded once, where a rehearsal checks for distress."""
    return MoveModel.load(CARE_MODEL_PATH) if CARE_MODEL_PATH.is_file() else None


@lru_cache(maxsize=1)
def shared_feelings_model() -> MoveModel | None:
    """The bundled feelings reader (same reading, two outputs), loaded once, where the counterpart is built."""
    return MoveModel.load(FEELINGS_MODEL_PATH) if FEELINGS_MODEL_PATH.is_file() else None
