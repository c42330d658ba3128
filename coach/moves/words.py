"""Static word vectors for meaning beyond shared words: "decision by Thursday" is close to "answer by the 14th".

A table of about 20,000 English words, each a 256-number vector taken from WordLlama's token embeddings (MIT;
built once by `python -m coach.moves.build_words`, which needs the `train` extra). At run time it is a numpy
lookup: a line's vector is the mean of its known words' vectors, unit length. Criteria defined by an author's
example lines are recognised with it (see `custom.py`).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

from coach.moves.features import normalise, tokens

WORDS_PATH = Path(__file__).with_name("word-vectors.npz")


class WordVectors:
    def __init__(self, words: list[str], vectors: np.ndarray, background: list[str] = ()):
        self.index = {w: i for i, w in enumerate(words)}
        self.vectors = vectors.astype(np.float32)
        self.dims = vectors.shape[1]
        # Varied learner lines from the corpus: the "everything else" an author's criterion is told from.
        self.background = list(background)

    @classmethod
    def load(cls, path: Path = WORDS_PATH) -> WordVectors:
        with np.load(path, allow_pickle=False) as data:
            return cls(bytes(data["words"]).decode("utf-8").split("\n"), data["vectors"],
                       bytes(data["background"]).decode("utf-8").split("\n"))

    def embed(self, text: str) -> np.ndarray:
        rows = [i for w in tokens(normalise(text)) if (i := self.index.get(w)) is not None]
        if not rows:
            return np.zeros(self.dims, np.float32)
        v = self.vectors[rows].mean(axis=0)
        return v / (float(np.linalg.norm(v)) or 1.0)


@lru_cache(maxsize=1)
def shared_words() -> WordVectors:
    return WordVectors.load()
