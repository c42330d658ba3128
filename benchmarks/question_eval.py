"""How well the offline counterpart hears what a learner's question asks: the trained question reader against the
hand-written cues it replaced, on the blind question sets.

    python benchmarks/question_eval.py [--set PATH]

Each row of data/questions/blind/*.jsonl is one sentence, the learner's whole line and the topic a person gave it
(data/questions/LABELLING.md). The reader is read as the app reads it (`hearing.hear`); the cues as they were
before it (the same function with no reader). Prints accuracy and per-topic F1 for both, and how often each one
hears a question where there is none, or none where there is one.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from coach.moves.model import TOPICS  # noqa: E402
from coach.rehearsal.dialogue import hearing, topics  # noqa: E402

BLIND = Path(__file__).resolve().parents[1] / "data" / "questions" / "blind"


def heard_topic(sentence: str, line: str) -> str:
    """The topic the app hears for this sentence of the line, in the reader's labels ("none": not a question)."""
    text = hearing.in_full(line)
    said = hearing.sentences(text)
    target = hearing.in_full(sentence)
    index = next((i for i, s in enumerate(said) if target in s or s in target), None)
    question = None if index is None else hearing.question_in(said, index, text, [])
    if question is None:
        return "none"
    return "ask" if question.request and question.topic != "check" else question.topic


def report(name: str, gold: list[str], got: list[str]) -> None:
    right = sum(g == p for g, p in zip(gold, got))
    print(f"{name}: accuracy {right / len(gold):.3f} ({right} of {len(gold)})")
    missed = sum(g != "none" and p == "none" for g, p in zip(gold, got))
    invented = sum(g == "none" and p != "none" for g, p in zip(gold, got))
    print(f"  real questions heard as none: {missed} of {sum(g != 'none' for g in gold)}; "
          f"non-questions heard as questions: {invented} of {sum(g == 'none' for g in gold)}")
    for topic in TOPICS:
        tp = sum(g == topic and p == topic for g, p in zip(gold, got))
        f1 = 2 * tp / max(1, sum(p == topic for p in got) + sum(g == topic for g in gold))
        print(f"  {topic:<11} F1 {f1:.2f}  ({sum(g == topic for g in gold)} rows)")
    confused = Counter((g, p) for g, p in zip(gold, got) if g != p).most_common(8)
    print("  most confused (gold -> heard): " + ", ".join(f"{g}->{p} {n}" for (g, p), n in confused))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, action="append", help="a blind set (default: every file in data/questions/blind)")
    args = parser.parse_args()
    for path in args.set or sorted(BLIND.glob("*.jsonl")):
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        gold = [r["topic"] for r in rows]
        print(f"== {path.name}: {len(rows)} questions")
        report("question reader", gold, [heard_topic(r["text"], r["line"]) for r in rows])
        with mock.patch.object(topics, "shared_question_model", lambda: None):
            report("hand-written cues", gold, [heard_topic(r["text"], r["line"]) for r in rows])


if __name__ == "__main__":
    main()
