"""How well the offline move detector finds the criteria: per-criterion precision, recall and F1.

    python benchmarks/detector_eval.py [--split dev|test|all] [--errors] [--no-casino]

Reads the labelled turns in tests/data/detector_eval.jsonl (see tests/data/README.md) and prints a table
for the dev split (used for tuning) and the test split (written first, never tuned on). Then, if the
CaSiNo corpus is at /work/shared/data/casino/casino_annotated.jsonl (or $COACH_CASINO), it prints
`explores-constraints` against CaSiNo's human `elicit-pref` label and the false-positive rates on its
small-talk and non-strategic rows. CaSiNo: Chawla et al., "CaSiNo: A Corpus of Campsite Negotiation
Dialogues for Automatic Negotiation Systems", NAACL 2021, CC BY 4.0.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from coach.scenario import load_criteria
from coach.scenario.criteria import LIBRARY_IDS
from coach.scoring.detector import Detector
from coach.scoring.evaluation import CASINO_PATH, Report, evaluate, evaluate_casino, load_rows

EVAL_SET = Path(__file__).resolve().parent.parent / "tests" / "data" / "detector_eval.jsonl"


def print_report(name: str, report: Report, errors: bool) -> None:
    print(f"\n{name}: {report.turns} turns")
    print(f"{'criterion':24} {'P':>5} {'R':>5} {'F1':>5} {'TP':>4} {'FP':>4} {'FN':>4}  support")
    for cid, c in report.per_criterion.items():
        print(f"{cid:24} {c.precision:5.2f} {c.recall:5.2f} {c.f1:5.2f} {c.tp:4} {c.fp:4} {c.fn:4}  {c.tp + c.fn}")
    m = report.micro
    print(f"{'micro':24} {m.precision:5.2f} {m.recall:5.2f} {m.f1:5.2f} {m.tp:4} {m.fp:4} {m.fn:4}")
    macro = sum(c.f1 for c in report.per_criterion.values()) / len(report.per_criterion)
    print(f"{'macro F1':24} {macro:5.2f}")
    d = report.distress
    print(f"{'distress':24} {d.precision:5.2f} {d.recall:5.2f} {d.f1:5.2f} {d.tp:4} {d.fp:4} {d.fn:4}  {d.tp + d.fn}")
    if errors:
        for row, expected, got in report.errors:
            print(f"  - {row['text']!r}  (previous: {row.get('previous')!r})")
            print(f"      missing {sorted(expected - got)}  extra {sorted(got - expected)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "test", "all"], default="all")
    parser.add_argument("--errors", action="store_true", help="list every turn the detector got wrong")
    parser.add_argument("--no-casino", action="store_true")
    args = parser.parse_args()

    detector = Detector(load_criteria())
    splits = ["dev", "test"] if args.split == "all" else [args.split]
    for split in splits:
        report = evaluate(detector, load_rows(EVAL_SET, split), LIBRARY_IDS)
        print_report(f"{split} split", report, args.errors)

    if args.no_casino:
        return
    if not CASINO_PATH.exists():
        print(f"\nCaSiNo: skipped ({CASINO_PATH} not found)")
        return
    c = evaluate_casino(detector, CASINO_PATH)
    e = c.elicit
    print(f"\nCaSiNo ({c.rows} utterances; Chawla et al., NAACL 2021, CC BY 4.0)")
    print(
        f"explores-constraints vs elicit-pref: P {e.precision:.2f}  R {e.recall:.2f}  F1 {e.f1:.2f}"
        f"  (TP {e.tp}, FP {e.fp}, FN {e.fn})"
    )
    for label, k in (
        ("small-talk rows, only that label", c.small_talk_only),
        ("small-talk rows, all", c.small_talk),
        ("non-strategic rows", c.non_strategic),
    ):
        print(
            f"{label:34} {k.rows:5} rows: any criterion fired {k.rate:6.1%} ({k.fired}),"
            f" a move fired {k.move_rate:6.1%} ({k.moves_fired})"
        )


if __name__ == "__main__":
    main()
