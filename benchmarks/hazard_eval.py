"""How well the counterpart hears a safety problem said in passing: the share of hazard reports it takes up
first, and of near misses (office kit, idioms, deadlines, a danger already fixed) it takes for one.

    python benchmarks/hazard_eval.py [--set FILE] [--errors]

Each line is read on its own, as `hear` reads a learner line (a follow-up about a hazard reported earlier is
also heard through the conversation's memory, which a single line does not have).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coach.rehearsal.dialogue.hearing import hear  # noqa: E402

DEFAULT = ROOT / "benchmarks/data/hazards/hazards-2026-12-05.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=DEFAULT)
    parser.add_argument("--errors", action="store_true", help="list every line read wrongly")
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.set.read_text(encoding="utf-8").splitlines() if line.strip()]
    wrong = [(r, heard) for r in rows if (heard := hear(r["text"]).hazard) != r["hazard"]]
    reports = sum(r["hazard"] for r in rows)
    missed = sum(r["hazard"] for r, _ in wrong)
    alarms = len(wrong) - missed
    print(f"{args.set.name}: {len(rows)} lines")
    print(f"  hazard reports heard     {reports - missed}/{reports} = {(reports - missed) / max(reports, 1):.0%}")
    print(f"  near misses read as one  {alarms}/{len(rows) - reports}")
    if args.errors:
        for r, heard in wrong:
            print(f"  {'missed' if r['hazard'] else 'alarm '}  {r['text']}")


if __name__ == "__main__":
    main()
