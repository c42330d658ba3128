"""Build coach/moves/word-vectors.npz from WordLlama's token embeddings (needs the `train` extra).

    python -m coach.moves.build_words              # the word vectors (needs wordllama)
    python -m coach.moves.build_words --clusters   # the word clusters the move model reads, from those vectors

The words are WordLlama's whole-word tokens plus every word of the move corpus; a word's vector is the mean of
its tokens' embeddings (256 dimensions; on criteria made from the move corpus, 64 dimensions recognised
lines a little worse: F1 0.61 against 0.63), as float16. The wheel's tokenizer lives in `tokenizers/`, so it is read from there
directly (WordLlama.load() looks in `tokenizer/` and would try to download).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import numpy as np

from coach.moves import corpus
from coach.moves.features import CLUSTERS_PATH, normalise, tokens
from coach.moves.words import WORDS_PATH, WordVectors

DIMS = 256
BACKGROUND = 400


def build() -> None:
    import wordllama
    from safetensors import safe_open
    from tokenizers import Tokenizer

    root = os.path.dirname(wordllama.__file__)
    with safe_open(os.path.join(root, "weights", "l2_supercat_256.safetensors"), "np") as f:
        table = f.get_tensor("embedding.weight").astype(np.float32)
    tokenizer = Tokenizer.from_file(os.path.join(root, "tokenizers", "l2_supercat_tokenizer_config.json"))
    words = {w[1:] for w in tokenizer.get_vocab() if w.startswith("▁") and w[1:].isalpha() and w[1:].islower()}
    for row in corpus.load(corpus.training_files()):
        words.update(t for t in tokens(normalise(row.text)) if t.isalpha() or "'" in t)
    ordered = sorted(w for w in words if len(w) > 1 or w in ("i", "a"))
    vectors = np.zeros((len(ordered), DIMS), np.float32)
    for k, word in enumerate(ordered):
        ids = tokenizer.encode(" " + word, add_special_tokens=False).ids
        vectors[k] = table[ids].mean(axis=0)[:DIMS]
    # Background lines: what an author's criterion is measured against when it has few counter-examples.
    rows = [r for r in corpus.load(corpus.training_files()) if r.care != "acute"]
    background = [" ".join(r.text.split()) for r in rows[:: max(1, len(rows) // BACKGROUND)][:BACKGROUND]]
    np.savez_compressed(WORDS_PATH, words=np.frombuffer("\n".join(ordered).encode("utf-8"), np.uint8),
                        vectors=vectors.astype(np.float16),
                        background=np.frombuffer("\n".join(background).encode("utf-8"), np.uint8))
    print(f"{len(ordered)} words; wrote {WORDS_PATH} ({WORDS_PATH.stat().st_size / 1e6:.1f} MB)")


CLUSTERS = 1000  # on a dev check (read sets am-ar): 250 0.852, 500 0.853, 1,000 0.857 micro-F1; none 0.848


def build_clusters(count: int = CLUSTERS, out: Path = CLUSTERS_PATH) -> None:
    """Group the word table into `count` clusters by k-means over unit-length vectors (seeded: the same table
    gives the same file). The move model reads a word's cluster as a feature (see `features.cluster_features`)."""
    from sklearn.cluster import KMeans

    table = WordVectors.load()
    words = sorted(table.index, key=table.index.get)
    vectors = table.vectors / np.maximum(np.linalg.norm(table.vectors, axis=1, keepdims=True), 1e-6)
    found = KMeans(n_clusters=count, n_init=1, random_state=0, max_iter=100).fit_predict(vectors)
    groups: list[list[str]] = [[] for _ in range(count)]
    for word, k in zip(words, found):
        groups[k].append(word)
    out.write_text("\n".join(" ".join(sorted(g)) for g in groups) + "\n", encoding="utf-8")
    print(f"{len(words)} words in {count} clusters; wrote {out}")


def main() -> None:
    parser = argparse.ArgumentParser(description="Build the word vectors, or the word clusters made from them.")
    parser.add_argument("--clusters", type=int, nargs="?", const=CLUSTERS, help=f"k-means clusters (default {CLUSTERS})")
    parser.add_argument("--out", type=Path, default=CLUSTERS_PATH, help="where the clusters are written")
    args = parser.parse_args()
    if args.clusters:
        build_clusters(args.clusters, args.out)
    else:
        build()


if __name__ == "__main__":
    main()
