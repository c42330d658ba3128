"""Train the feelings reader from data/feelings/ and write coach/moves/feelings-model.npz.

    pip install -e ".[train]" && python -m coach.moves.train_feelings

The same TF-IDF + logistic-regression reading as the move model (`features.py`, `MoveModel`), with two outputs:
does the learner say how they are, and it is not good (`strain`), and do they own a mistake or a remark
(`apology`)? A line is read alone: how someone says they are does not depend on the question before it.
Deterministic like the move model; the regularisation strength and each cut-off are chosen by 5-fold
cross-validation for the best F-score with precision weighted up (beta 0.5): warmth for a feeling nobody voiced
sounds odd, and the hand-written phrases (`coach.rehearsal.dialogue.hearing`) still hear the plain cases.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from coach.moves import corpus
from coach.moves.model import FEELINGS, FEELINGS_MODEL_PATH
from coach.moves.train import marked_rows, train_reader

ROWS = corpus.ROOT.parent / "feelings"
C_GRID = (4.0, 16.0)
BETA = 0.5


def training_files(root: Path = ROWS) -> list[Path]:
    return sorted(root.glob("rows-*.jsonl"))


def rows(paths: list[Path]) -> tuple[list[corpus.Row], np.ndarray]:
    """Each turn as the reader sees it (alone), and its two labels."""
    return marked_rows(paths, FEELINGS)


def train(out: Path = FEELINGS_MODEL_PATH, verbose: bool = True, root: Path = ROWS) -> None:
    data, Y = rows(training_files(root))
    C = train_reader(out, FEELINGS, data, Y, C_GRID, BETA, verbose)
    if verbose:
        counts = ", ".join(f"{int(Y[:, j].sum())} {k}" for j, k in enumerate(FEELINGS))
        print(f"{len(data)} rows ({counts}); C={C}; wrote {out} ({out.stat().st_size / 1e6:.1f} MB)")


def main() -> None:
    parser = argparse.ArgumentParser(description="Train the feelings reader from data/feelings/.")
    parser.add_argument("--out", type=Path, default=FEELINGS_MODEL_PATH)
    train(parser.parse_args().out)


if __name__ == "__main__":
    main()
