"""Train the care reader and write coach/moves/care-model.npz.

    pip install -e ".[train]" && python -m coach.moves.train_care

Care is its own task: whether a line shows acute distress (the rehearsal pauses) or overload at work and ordinary
talk (it goes on). The move model once carried it as one more output, but a shared vocabulary is pruned for the
moves, and it reads the counterpart's previous line, which says nothing about the learner's state. This reader has
one output, the line alone, read whole (not sentence by sentence: "I won't be here after Friday." is not a crisis
in a line about a new job), and every column its rows use (the same TF-IDF + logistic-regression reading as the
move model: `features.py`, `MoveModel`).

Rows: the move corpus and the care set as listed in `data/moves/care-reader/corpus-files.txt`, its own rows (`data/moves/care-reader/`, which the
move model does not read), the blind care sets once measured (`data/moves/blind/care/`; never the unread ones), and
the learner lines of the read coherence scripts
(`data/moves/care-lines/`: ordinary talk in whole conversations, none acute). The regularisation strength is
chosen by 5-fold cross-validation; the cut-off is recall first (best F2) but raised until no more than 1% of the
overload lines and 0.1% of the ordinary lines pause on the model's word alone (as the move model's care output was);
`coach/moves/care.py` adds the explicit first-person crisis phrases on top.
"""

from __future__ import annotations

import argparse
import fnmatch
from pathlib import Path

import numpy as np

from coach.moves import corpus
from coach.moves.model import CARE_MODEL_PATH
from coach.moves.train import (
    ORDINARY_PAUSES,
    OVERLOAD_PAUSES,
    best_f1,
    build_vocabulary,
    fit_one,
    matrix,
    out_of_fold,
    save,
)

C_GRID = (4.0, 16.0)


def corpus_files(root: Path = corpus.ROOT) -> list[Path]:
    """The move-corpus files listed in care-reader/corpus-files.txt (every one, where there is no list): fixed, so a
    move-model round that adds rows to the corpus leaves the care reader as it is."""
    listed = root / "care-reader" / "corpus-files.txt"
    if not listed.exists():
        return corpus.training_files(root)
    names = listed.read_text(encoding="utf-8").splitlines()
    return [root / name for name in names if name.strip() and not name.startswith("#")]


def training_files(root: Path = corpus.ROOT) -> list[Path]:
    return [*corpus_files(root), *sorted((root / "care-reader").glob("*.jsonl")),
            *sorted((root / "blind" / "care").glob("*.jsonl")), *sorted((root / "care-lines").glob("*.jsonl"))]


def rows(paths: list[Path], without: tuple[str, ...] = ()) -> tuple[list[corpus.Row], np.ndarray, np.ndarray]:
    """Each line alone, whether it is acute, and whether it is overload (`without`: file stems left out)."""
    kept = [p for p in paths if not any(fnmatch.fnmatch(p.stem, pattern) for pattern in without)]
    data = corpus.load(kept)
    lines = [corpus.Row(r.text, None, frozenset({corpus.CARE} & r.labels), r.source, r.care) for r in data]
    return lines, np.array([r.care == "acute" for r in data], np.int8), np.array([r.care == "overload" for r in data])


def cutoff(p: np.ndarray, y: np.ndarray, overload: np.ndarray) -> float:
    """Recall first, but workload strain and ordinary talk pause on the model's word alone only rarely."""
    _, cut = best_f1(p, y, beta=2.0)
    ordinary = ~overload & (y == 0)
    cut = max(cut, float(np.quantile(p[overload], 1 - OVERLOAD_PAUSES)) + 1e-3)
    return max(cut, float(np.quantile(p[ordinary], 1 - ORDINARY_PAUSES)) + 1e-3)


def train(out: Path = CARE_MODEL_PATH, verbose: bool = True, root: Path = corpus.ROOT,
          without: tuple[str, ...] = ()) -> None:
    data, y, overload = rows(training_files(root), without)
    vocab, idf, context_start = build_vocabulary(data, min_df=2)
    X = matrix(data, vocab, idf)
    best = None
    for C in C_GRID:
        p = out_of_fold(X, y[:, None], np.ones((len(y), 1), bool), C)[:, 0]
        cut = cutoff(p, y, overload)
        caught = float((p[y == 1] >= cut).mean())
        if verbose:
            print(f"  C={C:<5} cross-validated: cut-off {cut:.3f}, acute caught {caught:.3f} by the model alone")
        if best is None or caught > best[0] + 1e-6:
            best = (caught, C, cut)
    _, C, cut = best
    weights, bias = fit_one(X, y, C)
    cuts = np.array([cut], np.float32)
    save(out, [corpus.CARE], vocab, idf, weights[:, None], np.array([bias], np.float32), context_start, cuts, cuts,
         whole_turn=np.int8(1))
    if verbose:
        print(f"{int(y.sum())} acute, {int(overload.sum())} overload, {int(len(y) - y.sum() - overload.sum())} other "
              f"lines; C={C}; wrote {out} ({out.stat().st_size / 1e6:.1f} MB)")


def main() -> None:
    parser = argparse.ArgumentParser(description="Train the care reader from data/moves/.")
    parser.add_argument("--out", type=Path, default=CARE_MODEL_PATH)
    parser.add_argument("--without", action="append", default=[], metavar="STEM",
                        help="leave out files whose name matches (a glob), e.g. to check it on a read care set")
    args = parser.parse_args()
    train(args.out, without=tuple(args.without))


if __name__ == "__main__":
    main()
