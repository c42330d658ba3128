"""Train the leave-taking reader from data/leaving/ and write coach/moves/leaving-model.npz.

    pip install -e ".[train]" && python -m coach.moves.train_leaving

The same TF-IDF + logistic-regression reading as the move model (`features.py`, `MoveModel`), with one output:
does this turn end the conversation? Each row is read as the app reads a turn (`closing.reading`: its last
sentences, with the whole turn as context). Deterministic like the move model; the regularisation strength and
the cut-off are chosen by 5-fold cross-validation for the best F-score with precision weighted up (beta 0.5): a
goodbye heard where there was none ends the rehearsal on a question, a goodbye missed costs one more question.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from coach.moves import corpus
from coach.moves.closing import reading
from coach.moves.model import LEAVING_MODEL_PATH
from coach.moves.train import build_vocabulary, matrix, out_of_fold, sentence_matrix, train_reader

LEAVING = corpus.ROOT.parent / "leaving"
C_GRID = (4.0, 16.0)
BETA = 0.5  # precision counts for more than recall (see above)


def training_files(root: Path = LEAVING) -> list[Path]:
    return sorted(root.glob("rows-*.jsonl"))


def rows(paths: list[Path]) -> tuple[list[corpus.Row], np.ndarray, list[str]]:
    """Each turn as the reader sees it, its label, and its whole text."""
    out, y, texts = [], [], []
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            data = json.loads(line)
            if not isinstance(data.get("leaving"), bool) or not str(data.get("text", "")).strip():
                raise ValueError(f"{path.name}:{number}: needs a text and leaving: true or false")
            end, context = reading(data["text"])
            out.append(corpus.Row(end, context, frozenset(), path.stem))
            y.append(data["leaving"])
            texts.append(data["text"])
    return out, np.array(y, np.int8), texts


def cross_validated(root: Path = LEAVING, C: float | None = None) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Held-out confidences for every training row (for choosing how the app combines the reader and the rules)."""
    data, y, texts = rows(training_files(root))
    vocab, idf, _ = build_vocabulary(data, min_df=2)
    X = matrix(data, vocab, idf)
    P = out_of_fold(X, y[:, None], np.ones((len(data), 1), bool), C or C_GRID[-1], sentence_matrix(data, vocab, idf))
    return P[:, 0], y, texts


def train(out: Path = LEAVING_MODEL_PATH, verbose: bool = True, root: Path = LEAVING) -> None:
    data, y, _ = rows(training_files(root))
    C = train_reader(out, "leaving", data, y, C_GRID, BETA, verbose)
    if verbose:
        print(f"{int(y.sum())} leaving turns, {int(len(y) - y.sum())} others; C={C}; wrote {out} "
              f"({out.stat().st_size / 1e6:.1f} MB)")


def main() -> None:
    parser = argparse.ArgumentParser(description="Train the leave-taking reader from data/leaving/.")
    parser.add_argument("--out", type=Path, default=LEAVING_MODEL_PATH)
    train(parser.parse_args().out)


if __name__ == "__main__":
    main()
