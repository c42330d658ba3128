"""Train the asking reader from data/questions/asked/ and write coach/moves/asking-model.npz.

    pip install -e ".[train]" && python -m coach.moves.train_asking

The same TF-IDF + logistic-regression reading as the move model (`features.py`, `MoveModel`), with one output:
does this line put a question to the counterpart? The hand-written cues in `hearing.py` hear a question by its
shape; the reader hears the ones they have no shape for (dialect, no question mark, a statement's word order), and
the counterpart asks it only where the cues heard none (`hearing.asked_by_reader`). Each line is read as typed out
in full (`in_full.py`: "u" as "you"), alone. Deterministic like the move model; the regularisation strength
and the cut-off are chosen by 5-fold cross-validation.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from coach.moves import corpus
from coach.moves.in_full import in_full
from coach.moves.model import ASKING_MODEL_PATH
from coach.moves.train import marked_rows, train_reader

ASKED = corpus.ROOT.parent / "questions" / "asked"
C_GRID = (4.0, 16.0)


def training_files(root: Path = ASKED) -> list[Path]:
    return sorted(root.glob("*.jsonl"))


def rows(paths: list[Path]) -> tuple[list[corpus.Row], np.ndarray]:
    """Each line as the reader sees it (typed out in full, alone), and whether it asks."""
    data, y = marked_rows(paths, ("asks",), lambda text: (in_full(text), None))
    return data, y[:, 0]


def train(out: Path = ASKING_MODEL_PATH, verbose: bool = True, root: Path = ASKED) -> None:
    data, y = rows(training_files(root))
    C = train_reader(out, "asks", data, y, C_GRID, 1.0, verbose)
    if verbose:
        print(f"{int(y.sum())} asking lines, {int(len(y) - y.sum())} others; C={C}; wrote {out} "
              f"({out.stat().st_size / 1e6:.1f} MB)")


def main() -> None:
    parser = argparse.ArgumentParser(description="Train the asking reader from data/questions/asked/.")
    parser.add_argument("--out", type=Path, default=ASKING_MODEL_PATH)
    train(parser.parse_args().out)


if __name__ == "__main__":
    main()
