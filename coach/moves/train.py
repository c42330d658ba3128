"""Train the move model from data/moves/ and write coach/moves/moves-model.npz.

    pip install -e ".[train]" && python -m coach.moves.train [--report]

Deterministic: the split, the vocabulary, the solver (liblinear) and the cut-offs depend only on the corpus.
The regularisation strength and each label's cut-offs are chosen by 5-fold cross-validation over the train and
dev rows; the test split and the blind sets are never used for any choice. scikit-learn and scipy are needed
here only; the app reads the result with numpy.
"""

from __future__ import annotations

import argparse
import json
import math
import zlib
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import numpy as np

from coach.moves import corpus
from coach.moves.features import features
from coach.moves.model import GATE, MODEL_PATH, MoveModel, feature_kinds
from coach.moves.vocabulary import Vocabulary

# A feature seen in fewer rows than this is left out: at 3 (round 16) the vocabulary is a third smaller (so
# every command that scores loads faster) for the same cross-validated F1, and fewer neutral turns fire.
MIN_DF = 3
# The weights file must stay under 10 MB (about 50 bytes a column): past this many columns, a first plain fit ranks
# them by their largest weight over the labels and the model is trained on the strongest (`strongest_columns`). On a
# dev check, dropping the weakest 4% after fitting left micro-F1 where it was (0.858 against 0.857).
MAX_COLUMNS = 195_000
C_GRID = (32.0,)  # 8 lost to 16 past 12,000 rows, 4 never won; 16 tied 32 at 0.818 on round 32's 48,000 rows, and every
# shipped round since 20 was chosen at 32, so the command trains 32 alone (in half the time) and reproduces the shipped model
# How a line is said does not depend on what came before it: the flags read the line alone, so "Give me the
# promotion or I'll quit" is an ultimatum after "Fair question." as after anything else (on cross-validation,
# aggression F1 0.671 alone against 0.672 with the previous line, hedging 0.862 against 0.858).
READ_ALONE = frozenset(corpus.FLAGS)
# An extra output: does the turn make any move or flag at all? Trained on the same features, it lets a turn that
# reads as small talk or logistics keep only the moves it is well past sure of (see `MoveModel`); its cut-off and
# margin are chosen on cross-validation (`gate_cutoffs`), never at the cost of micro-F1.
GATE_CUTS = (0.1, 0.2, 0.3, 0.4, 0.5)
GATE_MARGINS = (0.1, 0.2, 0.3, 1.0)


def build_vocabulary(rows: list[corpus.Row], min_df: int = MIN_DF) -> tuple[list[str], np.ndarray, int]:
    own_df: Counter[str] = Counter()
    ctx_df: Counter[str] = Counter()
    for row in rows:
        by_sentence, ctx = features(row.text, row.previous)
        own_df.update({f for sentence in by_sentence for f in sentence})
        ctx_df.update(set(ctx))
    own_terms = sorted(t for t, c in own_df.items() if c >= min_df)
    ctx_terms = sorted(t for t, c in ctx_df.items() if c >= min_df)
    n = len(rows)
    idf = [math.log((1 + n) / (1 + own_df[t])) + 1 for t in own_terms]
    idf += [math.log((1 + n) / (1 + ctx_df[t])) + 1 for t in ctx_terms]
    return own_terms + ctx_terms, np.asarray(idf, np.float32), len(own_terms)


def reader(vocabulary: list[str], idf: np.ndarray):
    """A model with no weights yet: it turns rows into the features the trained model will read."""
    arrays = {"idf": idf, "weights": np.zeros((len(idf), 1), np.float32), "bias": np.zeros(1, np.float32),
              "kind": feature_kinds(vocabulary)}
    return MoveModel(corpus.LABELS, Vocabulary.of(vocabulary), arrays, 0, [0.0], [0.0])


def matrix(rows: list[corpus.Row], vocabulary: list[str], idf: np.ndarray):
    from scipy.sparse import csr_matrix

    shell = reader(vocabulary, idf)
    indptr, indices, data = [0], [], []
    for row in rows:
        idx, val = shell.vectorise(row.text, row.previous)
        indices.extend(idx.tolist())
        data.extend(val.tolist())
        indptr.append(len(indices))
    return csr_matrix((np.asarray(data, np.float32), np.asarray(indices), np.asarray(indptr)),
                      shape=(len(rows), len(idf)))


def sentence_matrix(rows: list[corpus.Row], vocabulary: list[str], idf: np.ndarray):
    """Each sentence of every multi-sentence row, in its row's context, and which row it belongs to: the model
    reads a turn as a whole and sentence by sentence (see `MoveModel.analyse`), so its cut-offs are chosen on
    the same combined reading."""
    from scipy.sparse import csr_matrix

    from coach.moves.features import previous_features, reading_spans, sentence_features

    shell = reader(vocabulary, idf)
    indptr, indices, data, owner = [0], [], [], []
    for i, row in enumerate(rows):
        spans = reading_spans(row.text)
        if len(spans) <= 1:
            continue
        context = shell._counts(list(previous_features(row.previous)))
        for a, b in spans:
            idx, val = shell.join(shell._counts(sentence_features(row.text[a:b])), context)
            indices.extend(idx.tolist())
            data.extend(val.tolist())
            indptr.append(len(indices))
            owner.append(i)
    S = csr_matrix((np.asarray(data, np.float32), np.asarray(indices, np.int64), np.asarray(indptr)),
                   shape=(len(owner), len(idf)))
    return S, np.asarray(owner, np.int64)


def targets(rows: list[corpus.Row]) -> np.ndarray:
    return np.array([[label in r.labels for label in corpus.LABELS] for r in rows], dtype=np.int8)


def fit_one(X, y: np.ndarray, C: float):
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=C, solver="liblinear", class_weight="balanced", max_iter=1000, random_state=0)
    model.fit(X, y)
    return model.coef_.ravel().astype(np.float32), float(model.intercept_[0])


# Moves and flags are read by two fits of the same features, averaged: the plain one, and one where each column is
# scaled by how much more often it shows in the label's lines than in the others' (the naive Bayes log-count ratio
# of Wang and Manning's NBSVM). The two weigh rare, telling words differently, and their average held up better on
# text nobody trained on (read sets am to aq, a dev check: micro-F1 0.844 against 0.832 for the plain fit alone;
# then the fresh set ar, measured once: 0.847 against 0.843, round 40 in data/moves/README.md).
# Averaged weights are one linear model again, so the shipped file and the run time are unchanged. Care keeps its
# single fit: its cut-off is set by a different rule (see `cutoffs`).
PAIRED = frozenset((*corpus.MOVES, *corpus.FLAGS))


def log_count_ratio(X, y: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    """Each column's log ratio of how often it is present in positive rows to how often in negative ones
    (smoothed by `alpha`, each side normalised), as a positive scale: its sign is the fit's to learn."""
    present = (X > 0).astype(np.float32)
    p = np.asarray(present[y == 1].sum(axis=0)).ravel() + alpha
    q = np.asarray(present[y == 0].sum(axis=0)).ravel() + alpha
    r = np.abs(np.log((p / p.sum()) / (q / q.sum())))
    return (r / r.mean()).astype(np.float32)


def fit_paired(X, y: np.ndarray, C: float):
    """The plain fit and the ratio-scaled fit of one label, averaged into one set of weights (see PAIRED)."""
    from scipy.sparse import diags

    w_plain, b_plain = fit_one(X, y, C)
    r = log_count_ratio(X, y)
    w_scaled, b_scaled = fit_one((X @ diags(r)).tocsr(), y, C)
    return (w_plain + w_scaled * r) / 2, (b_plain + b_scaled) / 2


def fit_label(label: str):
    return fit_paired if label in PAIRED else fit_one


def masks(rows: list[corpus.Row]) -> np.ndarray:
    """Which rows inform which label: a CaSiNo row only speaks for the labels its mapping covers."""
    return np.array([[r.informs is None or label in r.informs for label in corpus.LABELS] for r in rows], bool)


def without_context(X, context_start: int):
    """The same rows with the previous line's columns emptied (for the labels in READ_ALONE)."""
    from scipy.sparse import diags

    keep = np.ones(X.shape[1], np.float32)
    keep[context_start:] = 0
    return (X @ diags(keep)).tocsr()


def out_of_fold(X, Y: np.ndarray, M: np.ndarray, C: float, sentences=None, folds: int = 5,
                alone=None, fit=lambda j: fit_one) -> np.ndarray:
    """Held-out probabilities for every row, read as the model reads a turn (`combine`). `alone`: the rows and
    their sentences without the previous line, which the labels in READ_ALONE are fitted on. `fit(j)`: how column
    j is fitted."""
    S, owner = sentences if sentences is not None else (None, None)
    fold_of = np.arange(X.shape[0]) % folds
    P = np.zeros(Y.shape, np.float32)
    for k in range(folds):
        te = fold_of == k
        for j in range(Y.shape[1]):
            A, AS = alone if alone is not None and corpus.LABELS[j] in READ_ALONE else (X, S)
            tr = (fold_of != k) & M[:, j]
            w, b = fit(j)(A[tr], Y[tr, j], C)
            P[te, j] = 1 / (1 + np.exp(-(A[te] @ w + b)))
            if owner is not None:
                mine = te[owner]
                best = P[:, j].copy()
                np.maximum.at(best, owner[mine], 1 / (1 + np.exp(-(AS[mine] @ w + b))))
                P[te, j] = combine(P[te, j], best[te])
    return P


def combine(whole, best_sentence):
    """A turn's confidence: the whole turn's, pulled halfway up to its best sentence's, so a clear ask is not
    diluted by the question after it. (On cross-validation: micro-F1 0.706 for the whole turn alone, 0.712 so,
    and 24% against 20% of neutral turns firing something.)"""
    return (whole + np.maximum(whole, best_sentence)) / 2


def best_f1(p: np.ndarray, y: np.ndarray, beta: float = 1.0) -> tuple[float, float]:
    """The cut-off with the best F-beta (beta 2 weighs recall four times as much as precision)."""
    best = (0.0, 0.5)
    b2 = beta * beta
    for t in np.arange(0.2, 0.96, 0.01):
        pred = p >= t
        tp = int((pred & (y == 1)).sum())
        f = (1 + b2) * tp / max(1, int(pred.sum()) + b2 * int(y.sum()))
        if f > best[0] + 1e-9:
            best = (f, float(t))
    return best


OVERLOAD_PAUSES = 0.01  # at most this share of the care set's overload lines may pause on the model's word alone
# And at most this share of ordinary lines (nerves, a plain ask, "that's all really"): a care pause that stops a
# rehearsal for nothing is worse than leaving an unusual acute line to the explicit phrase list.
ORDINARY_PAUSES = 0.001


def cutoffs(P: np.ndarray, Y: np.ndarray, overload: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """`clear` maximises F1 on held-out folds; `maybe` is the lower point where recall reaches 0.95 (or clear).
    Care is set apart: recall first (F2), but high enough that workload strain does not pause the rehearsal;
    the phrase list in `coach.moves.care` catches the explicit crisis lines above it."""
    clear, maybe = [], []
    for j, label in enumerate(corpus.LABELS):
        _, t = best_f1(P[:, j], Y[:, j], beta=2.0 if label == corpus.CARE else 1.0)
        if label == corpus.CARE and overload is not None and overload.any():
            t = max(t, float(np.quantile(P[overload, j], 1 - OVERLOAD_PAUSES)) + 1e-3)
            ordinary = ~overload & (Y[:, j] == 0)
            t = max(t, float(np.quantile(P[ordinary, j], 1 - ORDINARY_PAUSES)) + 1e-3)
        pos = np.sort(P[Y[:, j] == 1, j])
        low = float(pos[int(0.05 * len(pos))]) if len(pos) else t
        clear.append(t)
        maybe.append(min(t, max(0.1, low)))
    return np.asarray(clear, np.float32), np.asarray(maybe, np.float32)


def micro_f1(P: np.ndarray, Y: np.ndarray, clear: np.ndarray, pred: np.ndarray | None = None) -> float:
    pred = P >= clear if pred is None else pred
    tp = int((pred & (Y == 1)).sum())
    return 2 * tp / max(1, int(pred.sum()) + int(Y.sum()))


def gated(P: np.ndarray, G: np.ndarray, clear: np.ndarray, cut: float, margin: float) -> np.ndarray:
    """What fires once the gate holds back, on turns it reads as making no move, every move short of its
    cut-off plus `margin` (as `MoveModel` reads a turn)."""
    held = (G < cut)[:, None] & (P < np.minimum(clear + margin, 0.999))
    return (P >= clear) & ~held


def gate_cutoffs(P: np.ndarray, Y: np.ndarray, G: np.ndarray, clear: np.ndarray) -> tuple[float, float]:
    """The gate's cut-off and margin: of the settings whose cross-validated micro-F1 is no lower than without a
    gate, the one that leaves the fewest turns with no label firing anything; (0, 0), no gate, if none is."""
    neutral = Y.sum(axis=1) == 0
    floor = micro_f1(P, Y, clear)
    best = (0.0, 0.0)
    fewest = int((P[neutral] >= clear).any(axis=1).sum())
    for cut in GATE_CUTS:
        for margin in GATE_MARGINS:
            pred = gated(P, G, clear, cut, margin)
            fired = int(pred[neutral].any(axis=1).sum())
            if micro_f1(P, Y, clear, pred) >= floor - 1e-9 and fired < fewest:
                best, fewest = (cut, margin), fired
    return best


def strongest_columns(X, Y: np.ndarray, M: np.ndarray, C: float, limit: int) -> np.ndarray:
    """Which columns to keep (a mask, in column order): the `limit` with the largest weight for any label in one
    plain fit, or all of them when there are no more than `limit`."""
    keep = np.ones(X.shape[1], bool)
    if X.shape[1] <= limit:
        return keep
    largest = np.zeros(X.shape[1], np.float32)
    for j in range(Y.shape[1]):
        w, _ = fit_one(X[M[:, j]], Y[M[:, j], j], C)
        largest = np.maximum(largest, np.abs(w))
    keep[:] = False
    keep[np.argsort(-largest, kind="stable")[:limit]] = True
    return keep


def train(out: Path = MODEL_PATH, verbose: bool = True, root: Path = corpus.ROOT,
          casino_path: Path | None = corpus.CASINO_PATH, grid: tuple[float, ...] = C_GRID) -> None:
    rows = corpus.load(corpus.training_files(root))
    splits = corpus.assign_splits(rows)
    tuning = [r for r, s in zip(rows, splits) if s != "test"]
    casino = corpus.casino_rows(casino_path, "train") if casino_path and casino_path.is_file() else []
    tuning += casino
    vocab, idf, context_start = build_vocabulary(tuning)
    X = matrix(tuning, vocab, idf)
    Y = targets(tuning)
    M = masks(tuning)
    keep = strongest_columns(X, Y, M, grid[0], MAX_COLUMNS)
    if not keep.all():
        if verbose:
            print(f"{len(vocab)} features, the {int(keep.sum())} strongest kept")
        vocab, idf, context_start = [t for t, k in zip(vocab, keep) if k], idf[keep], int(keep[:context_start].sum())
        X = matrix(tuning, vocab, idf)
    sentences = sentence_matrix(tuning, vocab, idf)
    alone = (without_context(X, context_start), without_context(sentences[0], context_start))
    own = np.array([r.informs is None and r.source != "casino" for r in tuning])  # cut-offs: workplace rows only
    overload = np.array([r.care == "overload" for r in tuning])
    if verbose:
        print(f"{len(rows)} corpus rows ({Counter(splits)}), {len(casino)} CaSiNo rows; {len(vocab)} features")
    best = None
    for C in grid:
        P = out_of_fold(X, Y, M, C, sentences, alone=alone, fit=lambda j: fit_label(corpus.LABELS[j]))
        clear, maybe = cutoffs(P[own], Y[own], overload[own])
        score = micro_f1(P[own, :-1], Y[own, :-1], clear[:-1])
        if verbose:
            print(f"  C={C:<5} cross-validated micro-F1 {score:.3f}")
        if best is None or score > best[0] + 1e-6:
            best = (score, C, clear, maybe, P)
    _, C, clear, maybe, P = best
    moves = Y[:, :-1].any(axis=1).astype(np.int8)[:, None]  # any label but care
    G = out_of_fold(X, moves, own[:, None], C, sentences)[:, 0]
    gate = gate_cutoffs(P[own, :-1], Y[own, :-1], G[own], clear[:-1])
    if verbose:
        print(f"  gate cut-off {gate[0]}, margin {gate[1]}")
    labels = (*corpus.LABELS, GATE)
    weights = np.zeros((len(vocab), len(labels)), np.float32)
    bias = np.zeros(len(labels), np.float32)
    for j, label in enumerate(corpus.LABELS):
        A = alone[0] if label in READ_ALONE else X
        weights[:, j], bias[j] = fit_label(label)(A[M[:, j]], Y[M[:, j], j], C)
    weights[:, -1], bias[-1] = fit_one(X[own], moves[own, 0], C)
    clear, maybe = np.append(clear, gate[0]), np.append(maybe, gate[0])
    save(out, labels, vocab, idf, weights, bias, context_start, clear, maybe, gate=np.float32(gate[1]))
    if verbose:
        print(f"C={C}; wrote {out} ({out.stat().st_size / 1e6:.1f} MB)")


def train_reader(out: Path, labels: str | tuple[str, ...], data: list[corpus.Row], y: np.ndarray,
                 grid: tuple[float, ...], beta: float = 1.0, verbose: bool = True) -> float:
    """Train a small reader (the hazard, leave-taking and feelings readers) the move model's way: one output per
    label (`y`: one column each, or a vector for one label), the regularisation strength chosen by 5-fold
    cross-validation for the best mean F-beta and each output's cut-off for its best F-beta. Returns the C chosen."""
    labels = (labels,) if isinstance(labels, str) else tuple(labels)
    Y = y.reshape(len(data), len(labels))
    vocab, idf, context_start = build_vocabulary(data, min_df=2)
    X, M = matrix(data, vocab, idf), np.ones(Y.shape, bool)
    sentences = sentence_matrix(data, vocab, idf)
    best = None
    for C in grid:
        P = out_of_fold(X, Y, M, C, sentences)
        found = [best_f1(P[:, j], Y[:, j], beta) for j in range(len(labels))]
        score = float(np.mean([f for f, _ in found]))
        if verbose:
            print(f"  C={C:<5} cross-validated F{beta:g} " + ", ".join(
                f"{k + ' ' if len(labels) > 1 else ''}{f:.3f} at {c:.2f}" for k, (f, c) in zip(labels, found)))
        if best is None or score > best[0] + 1e-6:
            best = (score, C, np.array([c for _, c in found], np.float32))
    _, C, cuts = best
    weights = np.zeros((len(vocab), len(labels)), np.float32)
    bias = np.zeros(len(labels), np.float32)
    for j in range(len(labels)):
        weights[:, j], bias[j] = fit_one(X, Y[:, j], C)
    save(out, list(labels), vocab, idf, weights, bias, context_start, cuts, cuts)
    return C


def marked_rows(paths: list[Path], marks: tuple[str, ...],
                read: Callable[[str], tuple[str, str | None]] = lambda text: (text, None),
                marks_of: Callable[[dict], list] | None = None) -> tuple[list[corpus.Row], np.ndarray]:
    """The rows of a small reader's files (JSON Lines: a `text` and a true or false for each of `marks`, or whatever
    `marks_of` reads them from): each line as the reader reads it (`read`: what it scores and its context), and its
    marks, one column each."""
    out, y = [], []
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            data = json.loads(line)
            values = marks_of(data) if marks_of else [data.get(k) for k in marks]
            if not str(data.get("text", "")).strip() or not all(isinstance(v, bool) for v in values):
                raise ValueError(f"{path.name}:{number}: needs a text and {', '.join(marks)}: true or false")
            text, context = read(data["text"])
            out.append(corpus.Row(text, context, frozenset(), path.stem))
            y.append(values)
    return out, np.array(y, np.int8).reshape(-1, len(marks))


def save(out: Path, labels, vocab: list[str], idf: np.ndarray, weights: np.ndarray, bias: np.ndarray,
         context_start: int, clear: np.ndarray, maybe: np.ndarray, **extra: np.ndarray) -> None:
    """Write a model as `MoveModel.load` reads it. Stored, not compressed (the wheel compresses it anyway): every
    command that scores loads it, and inflating it took a third of the load. The kinds of the features are
    written out for the same reason, and so are the vocabulary's keys (see `vocabulary.py`); the feature strings,
    which the run time never reads, are kept compressed, for a file without keys or a person looking inside."""
    index = Vocabulary.of(vocab)
    np.savez(
        out,
        labels=np.frombuffer("\n".join(labels).encode(), np.uint8),
        vocabulary_z=np.frombuffer(zlib.compress("\n".join(vocab).encode("utf-8"), 9), np.uint8),
        idf=idf.astype(np.float16),
        weights=weights.astype(np.float16),
        bias=bias,
        context_start=np.int64(context_start),
        clear=clear,
        maybe=maybe,
        kind=feature_kinds(vocab),
        keys=index.keys,
        key_columns=index.key_columns,
        **extra,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description="Train the move model from data/moves/.")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args()
    train(args.out)


if __name__ == "__main__":
    main()
