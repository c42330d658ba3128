"""Train the hazard reader from data/hazards/ and write coach/moves/hazard-model.npz.

    pip install -e ".[train]" && python -m coach.moves.train_hazards

The same TF-IDF + logistic-regression reading as the move model (`features.py`, `MoveModel`), with one output:
does the line report a physical danger at work? Positives and near misses come from data/hazards/; every move
corpus row the hand-written reader does not flag, in the files listed in data/hazards/ordinary-files.txt, is an
ordinary line besides (a conversation is mostly not about safety). Deterministic like the move model; the cut-off
is chosen by 5-fold cross-validation (best F1).
The app reads the result as it reads the move model (`MoveModel`, in `coach.rehearsal.dialogue.hazards`), beside the hand-written reader.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import numpy as np

from coach.moves import corpus
from coach.moves.model import HAZARD_MODEL_PATH as HAZARD_MODEL
from coach.moves.train import train_reader

HAZARDS = corpus.ROOT.parent / "hazards"
C_GRID = (4.0, 16.0)


# Move-corpus lines that may report a danger are left out rather than called safe (a rough screen: it only keeps
# wrong "no" labels out of the ordinary lines).
_SAFETY_WORDS = re.compile(
    r"\b(?:safe|unsafe|danger\w*|hazard\w*|hurt|injur\w*|accident|guard|brakes?|ladder|stepladder|forklift|harness"
    r"|banksman|racking|spill\w*|leak\w*|slip\w*|trip(?:ped|ping)?|fell|fall(?:en|ing)?|crush\w*|trapped|fire\s+doors?"
    r"|fire\s+exits?|extinguisher|wires?|cables?|sockets?|burn\w*|scald\w*|electrocut\w*|clipped|knocked|ppe|hoist"
    r"|scaffold\w*|trench|shoring|dumper|reach\s+truck|tail-?lift|seat-?belts?|needles?|sharps)\b", re.IGNORECASE)


def ordinary_files(root: Path = HAZARDS) -> list[Path]:
    """The move-corpus files listed in ordinary-files.txt: fixed, so the reader changes only when it is retrained
    on purpose."""
    names = (root / "ordinary-files.txt").read_text(encoding="utf-8").splitlines()
    return [corpus.ROOT / name for name in names if name.strip() and not name.startswith("#")]


def rows(root: Path = HAZARDS) -> tuple[list[corpus.Row], np.ndarray]:
    out, y = [], []
    for path in sorted(root.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                data = json.loads(line)
                out.append(corpus.Row(data["text"], None, frozenset(), path.stem))
                y.append(bool(data["hazard"]))
    for row in corpus.load(ordinary_files(root)):
        if not _SAFETY_WORDS.search(row.text):
            out.append(corpus.Row(row.text, None, frozenset(), row.source))
            y.append(False)
    return out, np.array(y, np.int8)


def train(out: Path = HAZARD_MODEL, verbose: bool = True) -> None:
    data, y = rows()
    C = train_reader(out, "hazard", data, y, C_GRID, verbose=verbose)
    if verbose:
        print(f"{int(y.sum())} hazard lines, {int(len(y) - y.sum())} others; C={C}; wrote {out} "
              f"({out.stat().st_size / 1e6:.1f} MB)")


def main() -> None:
    parser = argparse.ArgumentParser(description="Train the hazard reader from data/hazards/.")
    parser.add_argument("--out", type=Path, default=HAZARD_MODEL)
    train(parser.parse_args().out)


if __name__ == "__main__":
    main()
