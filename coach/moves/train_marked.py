"""Train the marked-moves reader from data/moves/marked/ and write coach/moves/marked-model.npz.

    pip install -e ".[train]" && python -m coach.moves.train_marked

The same TF-IDF + logistic-regression reading as the move model (`features.py`, `MoveModel`), one output per move,
learned from the learner lines of the read coherence scripts and the moves their writers marked (written blind, in
every register, as whole conversations; stricter than the move corpus's labels). The counterpart praises a move only
where the move model is sure of it and this reader agrees at its own cut-off (`coach/rehearsal/dialogue/credit.py`):
praise for what was not said is worse than none. Each line is read as typed out in full, alone. Deterministic like
the move model; each output's cut-off is its best F1 on 5-fold cross-validation.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from coach.moves import corpus
from coach.moves.in_full import in_full
from coach.moves.model import MARKED_MODEL_PATH, MARKED_MOVES
from coach.moves.train import marked_rows, train_reader

MARKED = corpus.ROOT / "marked"
C_GRID = (4.0,)  # one strength: 34,000 lines and eleven outputs take five minutes a fit on two cores


def training_files(root: Path = MARKED) -> list[Path]:
    return sorted(root.glob("*.jsonl"))


def rows(paths: list[Path]) -> tuple[list[corpus.Row], np.ndarray]:
    """Each line as the reader sees it (typed out in full, alone), and one column per move: marked or not."""
    return marked_rows(paths, MARKED_MOVES, lambda text: (in_full(text), None), _marks)


def _marks(row: dict) -> list:
    moves = row.get("moves")
    if not isinstance(moves, list) or not set(moves) <= set(MARKED_MOVES):
        return [None]  # not a mark: the line is reported with its file and number
    return [m in moves for m in MARKED_MOVES]


def train(out: Path = MARKED_MODEL_PATH, verbose: bool = True, root: Path = MARKED) -> None:
    data, y = rows(training_files(root))
    C = train_reader(out, MARKED_MOVES, data, y, C_GRID, 1.0, verbose)
    if verbose:
        print(f"{len(data)} lines; C={C}; wrote {out} ({out.stat().st_size / 1e6:.1f} MB)")


def main() -> None:
    parser = argparse.ArgumentParser(description="Train the marked-moves reader from data/moves/marked/.")
    parser.add_argument("--out", type=Path, default=MARKED_MODEL_PATH)
    train(parser.parse_args().out)


if __name__ == "__main__":
    main()
