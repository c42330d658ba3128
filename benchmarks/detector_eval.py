"""How well the move model finds the criteria: per-label precision, recall and F1 on every set.

    python benchmarks/detector_eval.py [--set train|dev|test|blind|care|all] [--only NAME] [--errors] [--no-casino]

Sets (see data/moves/README.md): the corpus's train, dev and test splits (train and dev are tuning material;
test is held out from every choice), each blind set in data/moves/blind/ (written and labelled before any
prediction on it was looked at; never trained on), and the care set's held-out rows. For each it prints the
per-label table, micro and macro F1, how often anything fires on neutral turns, and care: acute lines caught,
overload lines paused (should be 0). Then the held-out half of CaSiNo (Chawla et al., NAACL 2021, CC BY 4.0):
explores-constraints against `elicit-pref`, and false positives on small talk.
"""

from __future__ import annotations

import argparse

from coach.moves import corpus
from coach.moves.detector import Detector
from coach.moves.evaluation import CASINO_PATH, Report, evaluate, evaluate_casino
from coach.scenario import load_criteria
from coach.scenario.criteria import LIBRARY_IDS


def print_report(name: str, report: Report, errors: bool) -> None:
    print(f"\n{name}: {report.turns} turns")
    print(f"{'label':24} {'P':>5} {'R':>5} {'F1':>5} {'TP':>4} {'FP':>4} {'FN':>4}  support")
    for cid, c in report.per_criterion.items():
        print(f"{cid:24} {c.precision:5.2f} {c.recall:5.2f} {c.f1:5.2f} {c.tp:4} {c.fp:4} {c.fn:4}  {c.tp + c.fn}")
    m = report.micro
    print(f"{'micro':24} {m.precision:5.2f} {m.recall:5.2f} {m.f1:5.2f} {m.tp:4} {m.fp:4} {m.fn:4}")
    print(f"{'macro F1':24} {report.macro_f1:5.2f}")
    n = report.neutral
    print(f"neutral turns: {n.rows}, anything fired on {n.fired} ({n.rate:.1%}), a move on {n.moves_fired}")
    d = report.distress
    print(f"care: acute caught {d.tp} of {d.tp + d.fn}, paused on {d.fp} other lines"
          f" (of them overload: {report.overload_paused} of {report.overload_rows})")
    if errors:
        for row, expected, got in report.errors:
            print(f"  - {row.text!r}  (previous: {row.previous!r})")
            print(f"      missing {sorted(expected - got)}  extra {sorted(got - expected)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=["train", "dev", "test", "blind", "care", "all"], default="all")
    parser.add_argument("--errors", action="store_true", help="list every turn the model got wrong")
    parser.add_argument("--no-casino", action="store_true")
    parser.add_argument("--only", metavar="NAME", help="only the blind sets whose file name contains NAME: measure a "
                        "new set once, without reading the others")
    args = parser.parse_args()

    detector = Detector(load_criteria())
    labels = [c for c in LIBRARY_IDS]
    rows = corpus.load(corpus.training_files())
    splits = corpus.assign_splits(rows)
    wanted = ["train", "dev", "test", "blind", "care"] if args.set == "all" else [args.set]
    for split in ("train", "dev", "test"):
        if split in wanted:
            chosen = [r for r, s in zip(rows, splits) if s == split and r.source.split("-")[0] != "care"]
            print_report(f"{split} split", evaluate(detector, chosen, labels), args.errors and split != "train")
    if "care" in wanted:
        held = [r for r, s in zip(rows, splits) if s == "test" and r.source.startswith("care")]
        print_report("care set, held-out rows", evaluate(detector, held, labels), args.errors)
    if "blind" in wanted:
        for path in corpus.blind_files():
            if args.only and args.only not in path.name:
                continue
            print_report(f"BLIND {path.name}", evaluate(detector, list(corpus.read(path)), labels), args.errors)

    if args.no_casino or args.set not in ("all", "blind"):
        return
    if not CASINO_PATH.exists():
        print(f"\nCaSiNo: skipped ({CASINO_PATH} not found)")
        return
    c = evaluate_casino(detector, CASINO_PATH)
    e = c.elicit
    print(f"\nCaSiNo, held-out half ({c.rows} utterances; Chawla et al., NAACL 2021, CC BY 4.0)")
    print(f"explores-constraints vs elicit-pref: P {e.precision:.2f}  R {e.recall:.2f}  F1 {e.f1:.2f}"
          f"  (TP {e.tp}, FP {e.fp}, FN {e.fn})")
    for label, k in (("small-talk rows, only that label", c.small_talk_only), ("small-talk rows, all", c.small_talk),
                     ("non-strategic rows", c.non_strategic)):
        print(f"{label:34} {k.rows:5} rows: any criterion fired {k.rate:6.1%} ({k.fired}),"
              f" a move fired {k.move_rate:6.1%} ({k.moves_fired})")


if __name__ == "__main__":
    main()
