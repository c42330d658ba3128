"""Train the question reader from data/questions/ and write coach/moves/question-model.npz.

    pip install -e ".[train]" && python -m coach.moves.train_questions

What a learner's question asks the counterpart for (its topic: a worry, who decides, what would help, a time,
how they are, small talk, their verdict, a check on a proposal, a choice, a favour, an offer, the learner's own
ask put as a question, something else, or nothing at all): the same TF-IDF + logistic-regression reading as the
move model (`features.py`, `MoveModel`), one output per topic, the question sentence read with the learner's
whole line as its context. The topic is the output with the highest confidence. Deterministic like the move
model; the regularisation strength is chosen by 5-fold cross-validation (accuracy).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import numpy as np

from coach.moves import corpus
from coach.moves.model import QUESTION_MODEL_PATH, TOPICS
from coach.moves.train import build_vocabulary, fit_one, matrix, out_of_fold, save, sentence_matrix

QUESTIONS = corpus.ROOT.parent / "questions"
C_GRID = (4.0, 16.0)


def rows(paths: list[Path]) -> list[corpus.Row]:
    """Each labelled sentence, read in its line (the context the app gives it)."""
    out = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                data = json.loads(line)
                if data["topic"] not in TOPICS:
                    raise ValueError(f"{path.name}: unknown topic {data['topic']!r}")
                out.append(corpus.Row(data["text"], data.get("line") or None, frozenset({data["topic"]}), path.stem))
    return out


def training_files(root: Path = QUESTIONS) -> list[Path]:
    return sorted(root.glob("questions-*.jsonl"))


def targets(data: list[corpus.Row]) -> np.ndarray:
    return np.array([[topic in r.labels for topic in TOPICS] for r in data], np.int8)


def report(P: np.ndarray, Y: np.ndarray) -> str:
    pred, gold = P.argmax(1), Y.argmax(1)
    lines = [f"accuracy {float((pred == gold).mean()):.3f} on {len(gold)} questions"]
    for j, topic in enumerate(TOPICS):
        tp = int(((pred == j) & (gold == j)).sum())
        f1 = 2 * tp / max(1, int((pred == j).sum()) + int((gold == j).sum()))
        lines.append(f"  {topic:<11} F1 {f1:.2f}  ({int((gold == j).sum())} rows)")
    return "\n".join(lines)


def train(out: Path = QUESTION_MODEL_PATH, verbose: bool = True, root: Path = QUESTIONS) -> None:
    data = rows(training_files(root))
    vocab, idf, context_start = build_vocabulary(data, min_df=2)
    X, Y = matrix(data, vocab, idf), targets(data)
    M = np.ones(Y.shape, bool)
    sentences = sentence_matrix(data, vocab, idf)
    if verbose:
        print(f"{len(data)} questions {dict(Counter(t for r in data for t in r.labels).most_common())}; {len(vocab)} features")
    best = None
    for C in C_GRID:
        P = out_of_fold(X, Y, M, C, sentences)
        accuracy = float((P.argmax(1) == Y.argmax(1)).mean())
        if verbose:
            print(f"  C={C:<5} cross-validated {report(P, Y)}")
        if best is None or accuracy > best[0] + 1e-6:
            best = (accuracy, C)
    _, C = best
    weights = np.zeros((len(vocab), len(TOPICS)), np.float32)
    bias = np.zeros(len(TOPICS), np.float32)
    for j in range(len(TOPICS)):
        weights[:, j], bias[j] = fit_one(X, Y[:, j], C)
    half = np.full(len(TOPICS), 0.5, np.float32)  # unused: a topic is the highest output, not one over a cut-off
    save(out, TOPICS, vocab, idf, weights, bias, context_start, half, half)
    if verbose:
        print(f"C={C}; wrote {out} ({out.stat().st_size / 1e6:.1f} MB)")


def main() -> None:
    parser = argparse.ArgumentParser(description="Train the question reader from data/questions/.")
    parser.add_argument("--out", type=Path, default=QUESTION_MODEL_PATH)
    train(parser.parse_args().out)


if __name__ == "__main__":
    main()
