"""The move model's arithmetic: from a line's feature columns to a probability per label, two ways.

Both compute the same thing: TF-IDF values (1 + log count, times the column's idf), each kind of feature
normalised to unit length on its own (so a few rule signals are not drowned out by the hundreds of character
n-grams of a long sentence), times the weights. A line's logits are the sum of its own block's, the previous
line's block's and the bias, so each block is computed once per text (`MoveModel` adds them up): `rows` gives
the line's own logits, row 0 for the whole turn (its sentences' counts summed) and, when the turn has more than
one sentence, one row per sentence; `block` gives the previous line's.

`NumpyReading` does it in a few matrix products: fastest for many lines. `PlainReading` does it in plain
Python over the file's bytes: a line costs more, but a command that reads ten turns skips numpy's import.
They agree to about 1e-6 (numpy works in float32), which tests check.
"""

from __future__ import annotations

import math
import struct
from collections import Counter
from itertools import chain
from operator import mul
from typing import TYPE_CHECKING

from coach.moves.stored import StoredArray

if TYPE_CHECKING:
    import numpy as np

KINDS = 5  # 0 words, 1 character n-grams, 2 rules, 3 word pairs and triples, 4 word clusters (`model.term_kind`)
_COLUMNS = 60_000  # columns whose idf, kind and weights the plain reading keeps unpacked


def _value(count: int, idf: float) -> float:
    """A feature's TF-IDF value before normalising: (1 + log count) times its idf."""
    return idf if count == 1 else (1.0 + math.log(count)) * idf


class PlainReading:
    def __init__(self, idf: StoredArray, weights: StoredArray, kind: StoredArray):
        self.labels = weights.shape[1]
        self._idf, self._weights = idf, weights
        self._kind = kind.values()
        self._row = struct.Struct(f"<{self.labels}{'e' if weights.descr == '<f2' else 'f'}")
        self._width = self._row.size
        self._idf_code = struct.Struct("<e" if idf.descr == "<f2" else "<f")
        self._cache: dict[int, tuple[float, int, tuple[float, ...]]] = {}

    def rows(self, found: list[list[int]]) -> list[list[float]]:
        sentences = [Counter(cols) for cols in found]
        if len(sentences) <= 1:
            return [self.block(sentences[0] if sentences else Counter())]
        parts = [self._sums(counts) for counts in sentences]
        # The whole turn's sums are its sentences' sums, corrected for the features found in more than one
        # sentence (their counts add up before the log): each feature's weights are multiplied in once, not twice.
        sums = [[sum(column) for column in zip(*(p[0][k] for p in parts))] for k in range(KINDS)]
        squares = [sum(p[1][k] for p in parts) for k in range(KINDS)]
        found_in = Counter(c for counts in sentences for c in counts)
        for c in (c for c, n in found_in.items() if n > 1):
            idf, kind, row = self._column(c)
            each = [_value(counts[c], idf) for counts in sentences if c in counts]
            whole = _value(sum(counts[c] for counts in sentences), idf)
            squares[kind] += whole * whole - sum(v * v for v in each)
            delta = whole - sum(each)
            sums[kind] = [a + delta * w for a, w in zip(sums[kind], row)]
        return [self._finish(sums, squares), *(self._finish(*p) for p in parts)]

    def block(self, counts: Counter[int]) -> list[float]:
        """Weights times the unit-per-kind TF-IDF values of one block of features."""
        return self._finish(*self._sums(counts))

    def _sums(self, counts: Counter[int]) -> tuple[list[list[float]], list[float]]:
        """Per kind of feature: weights times TF-IDF values, and the sum of the values' squares (not yet
        normalised, so a turn's sentences can be added up)."""
        known, column = self._cache.get, self._column
        by_kind: tuple[list, ...] = tuple([] for _ in range(KINDS))
        for c, n in counts.items():
            idf, kind, row = known(c) or column(c)
            by_kind[kind].append((_value(n, idf), row))
        sums, squares = [], []
        for entries in by_kind:
            if not entries:
                sums.append([0.0] * self.labels)
                squares.append(0.0)
                continue
            values = [v for v, _ in entries]
            sums.append([sum(map(mul, values, weights)) for weights in zip(*[row for _, row in entries])])
            squares.append(sum(map(mul, values, values)))
        return sums, squares

    def _finish(self, sums: list[list[float]], squares: list[float]) -> list[float]:
        """Each kind's sums scaled to the unit length of its values, added up."""
        scale = [1.0 / max(math.sqrt(s), 1e-12) for s in squares]
        return [sum(map(mul, scale, by_label)) for by_label in zip(*sums)]

    def _column(self, column: int) -> tuple[float, int, tuple[float, ...]]:
        """A column's idf, kind and weight row, unpacked from the file's bytes the first time it is met."""
        found = self._cache.get(column)
        if found is None:
            if len(self._cache) > _COLUMNS:
                self._cache.clear()
            idf = self._idf_code.unpack_from(self._idf.data, column * self._idf_code.size)[0]
            row = self._row.unpack_from(self._weights.data, column * self._width)
            found = self._cache[column] = (idf, self._kind[column], row)
        return found


class NumpyReading:
    def __init__(self, idf: np.ndarray, weights: np.ndarray, kind: np.ndarray):
        import numpy as np

        self._np = np
        self.idf, self.weights, self.kind = idf, weights, kind
        self._one_hot = np.eye(KINDS, dtype=np.float32)  # kind of feature -> its column in the per-kind norms

    def weigh(self, counts: Counter[int]) -> tuple[np.ndarray, np.ndarray]:
        """Column indices and TF-IDF values of feature counts, each kind of feature L2-normalised on its own."""
        np = self._np
        idx = np.fromiter(counts, dtype=np.int64, count=len(counts))
        tf = np.fromiter((1.0 + math.log(c) for c in counts.values()), dtype=np.float32, count=len(counts))
        v = tf * self.idf[idx]
        kind = self.kind[idx]
        norms = np.sqrt(np.bincount(kind, weights=v * v, minlength=KINDS)).astype(np.float32)
        v /= np.maximum(norms[kind], 1e-12)
        return idx, v

    def block(self, counts: Counter[int]) -> list[float]:
        if not counts:
            return [0.0] * self.weights.shape[1]
        idx, val = self.weigh(counts)
        return (val @ self.weights[idx].astype(self._np.float32)).tolist()

    def rows(self, found: list[list[int]]) -> list[list[float]]:
        """One matrix product for the turn and all its sentences."""
        np = self._np
        n_rows = 1 + (len(found) if len(found) > 1 else 0)  # the whole turn, then each sentence
        if not any(found):
            return [[0.0] * self.weights.shape[1] for _ in range(n_rows)]
        # Column of every known feature of every sentence, and which sentence it came from.
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
        norms = np.sqrt((values * values) @ self._one_hot[kind])  # per row, per kind, in one product
        values /= np.maximum(norms[:, kind], 1e-12)
        return (values @ self.weights[columns].astype(np.float32)).tolist()
