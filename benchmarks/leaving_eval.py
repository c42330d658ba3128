"""Does the counterpart hear a goodbye? The hand-written leave-taking rules against the trained reader.

    python benchmarks/leaving_eval.py             # the blind sets in data/leaving/blind/
    python benchmarks/leaving_eval.py --cv        # cross-validated on the training rows (needs the [train] extra)

For each reader: precision, recall and F1 with "the turn ends the conversation" as positive, and the share of
other turns read as a goodbye (a counterpart that says goodbye to a question is worse than one that asks once more).
"The app" is what the offline counterpart hears (`coach.rehearsal.dialogue.leaving.takes_leave`).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coach.moves.closing import heard_leaving  # noqa: E402
from coach.rehearsal.dialogue.leaving import takes_leave, takes_leave_by_rules  # noqa: E402

BLIND = ROOT / "data" / "leaving" / "blind"


def figures(predicted: list[bool], gold: list[bool]) -> str:
    tp = sum(p and g for p, g in zip(predicted, gold))
    fp = sum(p and not g for p, g in zip(predicted, gold))
    fn = sum(g and not p for p, g in zip(predicted, gold))
    others = sum(not g for g in gold)
    p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
    return (f"P {p:.2f}  R {r:.2f}  F1 {2 * tp / max(1, 2 * tp + fp + fn):.3f}  "
            f"others read as goodbye {fp}/{others} ({fp / max(1, others):.1%})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv", action="store_true", help="cross-validated figures on the training rows")
    parser.add_argument("paths", nargs="*", type=Path, help="blind files (default: data/leaving/blind/*.jsonl)")
    args = parser.parse_args()
    if args.cv:
        from coach.moves.train import best_f1
        from coach.moves.train_leaving import BETA, cross_validated

        P, y, texts = cross_validated()
        _, cut = best_f1(P, y, BETA)
        gold = [bool(v) for v in y]
        rules = [takes_leave_by_rules(t) for t in texts]
        model = [bool(p >= cut) for p in P]
        print(f"{len(gold)} training rows, cross-validated (cut-off {cut:.2f}):")
        print(f"  rules            {figures(rules, gold)}")
        print(f"  reader           {figures(model, gold)}")
        print(f"  rules or reader  {figures([a or b for a, b in zip(rules, model)], gold)}")
        return 0
    paths = args.paths or sorted(BLIND.glob("*.jsonl"))
    for path in paths:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        gold = [bool(r["leaving"]) for r in rows]
        rules = [takes_leave_by_rules(r["text"]) for r in rows]
        model = [bool(heard_leaving(r["text"])) for r in rows]
        app = [takes_leave(r["text"]) for r in rows]
        print(f"{path.name}: {len(rows)} turns, {sum(gold)} end the conversation")
        print(f"  rules            {figures(rules, gold)}")
        print(f"  reader           {figures(model, gold)}")
        print(f"  rules or reader  {figures([a or b for a, b in zip(rules, model)], gold)}")
        print(f"  the app          {figures(app, gold)}  (the rules, or the reader unless the turn asks a question)")
        later = [i for i, r in enumerate(rows) if r.get("turn", 2) > 1]
        if len(later) < len(rows):  # whole conversations: the engine never takes a first turn for a goodbye
            print(f"  the app, turns after the first  "
                  f"{figures([app[i] for i in later], [gold[i] for i in later])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
