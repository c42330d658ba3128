"""The move model's vocabulary: which column, if any, a feature string has.

The model file stores one 64-bit key per feature (CRC-32 and Adler-32 of its UTF-8 bytes), sorted, with the
feature's column, so loading the vocabulary is reading two arrays: building a dict of 112,000 strings took
15-27 ms of every command that scores. A line's features are hashed and searched together, and every answer is
remembered, so a feature met before costs one dict lookup, as it did before. The keys are searched with
`bisect` over the stored bytes, so a command that reads a few turns needs no numpy (see `stored.py`).
"""

from __future__ import annotations

import zlib
from bisect import bisect_left
from collections.abc import Sequence

_MEMO = 200_000  # feature strings whose column (or absence) is remembered; forgotten all at once when full


def feature_key(term: str) -> int:
    data = term.encode("utf-8")
    return zlib.crc32(data) << 32 | zlib.adler32(data)


class Vocabulary:
    def __init__(self, keys: Sequence[int], columns: Sequence[int]):
        self.keys = keys  # sorted (a memoryview of the file's bytes, or of a numpy array at training time)
        self.key_columns = columns  # the column of each key
        self._memo: dict[str, int] = {}  # -1: not in the vocabulary

    @classmethod
    def of(cls, terms: Sequence[str]) -> Vocabulary:
        """The vocabulary whose column i is terms[i] (at training time, and for a file without stored keys)."""
        import numpy as np

        keys = np.fromiter(map(feature_key, terms), np.uint64, len(terms))
        order = np.argsort(keys, kind="stable")
        keys = keys[order]
        if len(keys) > 1 and bool((keys[1:] == keys[:-1]).any()):
            raise ValueError("two features of the vocabulary share a key; the model cannot tell them apart")
        return cls(memoryview(keys), memoryview(order.astype(np.int32)))

    def __len__(self) -> int:
        return len(self.keys)

    def columns(self, terms: Sequence[str]) -> list[int]:
        """The columns of the terms the vocabulary has, in order (a term listed twice counts twice)."""
        memo = self._memo
        if len(memo) > _MEMO:
            memo.clear()
        get = memo.get
        found = [get(t) for t in terms]
        if None in found:
            self._learn([t for t, c in zip(terms, found) if c is None])
            found = [memo[t] for t in terms]
        return [c for c in found if c >= 0]

    def get(self, term: str) -> int | None:
        found = self.columns([term])
        return found[0] if found else None

    def _learn(self, terms: list[str]) -> None:
        keys, columns, memo = self.keys, self.key_columns, self._memo
        n = len(keys)
        for term in dict.fromkeys(terms):
            key = feature_key(term)
            at = bisect_left(keys, key)
            memo[term] = columns[at] if at < n and keys[at] == key else -1
