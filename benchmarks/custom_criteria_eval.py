"""How well criteria defined by an author's example lines are recognised, on test lines written blind.

    python benchmarks/custom_criteria_eval.py [FILE]

Reads data/moves/blind/custom-criteria-*.json: criteria, each with examples, counter-examples and labelled test
lines (paraphrases that show it; near misses, negations and unrelated lines that do not), written before the
recogniser was run on them. Prints per criterion precision, recall and F1, the examples `coach validate` would
name, and the totals.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from coach.moves.corpus import ROOT
from coach.moves.custom import ExampleHead
from coach.moves.evaluation import Counts


def main() -> None:
    paths = [Path(p) for p in sys.argv[1:]] or sorted((ROOT / "blind").glob("custom-criteria-*.json"))
    total = Counts()
    for path in paths:
        print(f"\n{path.name}")
        print(f"{'criterion':28} {'P':>5} {'R':>5} {'F1':>5}  examples named by validate")
        for c in json.loads(path.read_text(encoding="utf-8")):
            head = ExampleHead.build(c["examples"], c.get("counter_examples", []))
            counts = Counts()
            for test in c["tests"]:
                counts.add(head.confidence(test["text"]) >= 0.5, bool(test["shows"]))
            total.tp, total.fp, total.fn = total.tp + counts.tp, total.fp + counts.fp, total.fn + counts.fn
            print(f"{c['id']:28} {counts.precision:5.2f} {counts.recall:5.2f} {counts.f1:5.2f}  {head.unrecognised()}")
    print(f"\n{'all':28} {total.precision:5.2f} {total.recall:5.2f} {total.f1:5.2f}")


if __name__ == "__main__":
    main()
