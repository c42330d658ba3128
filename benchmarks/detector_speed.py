"""How fast the offline move detector is: scores 1,000 turns on one core and prints turns per second.

    python benchmarks/detector_speed.py [TURNS] [--repeat N]

Turns come from tests/data/detector_eval.jsonl, cycled, each with its counterpart's previous line.
Target: well over 1,000 turns per second (it is also the live-hint engine, run on every keystroke pause).
"""

from __future__ import annotations

import argparse
import itertools
import json
import time
from pathlib import Path

from coach.scenario import load_criteria
from coach.scoring.detector import Detector

EVAL_SET = Path(__file__).resolve().parent.parent / "tests" / "data" / "detector_eval.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("turns", nargs="?", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5, help="timed runs; the median is reported")
    args = parser.parse_args()

    rows = [json.loads(line) for line in EVAL_SET.read_text(encoding="utf-8").splitlines() if line.strip()]
    turns = [(r["text"], r.get("previous")) for r in itertools.islice(itertools.cycle(rows), args.turns)]

    start = time.perf_counter()
    detector = Detector(load_criteria())
    build = time.perf_counter() - start

    runs = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        for text, previous in turns:
            detector.detect(text, previous)
        runs.append(time.perf_counter() - start)
    median = sorted(runs)[len(runs) // 2]
    chars = sum(len(t) for t, _ in turns)
    print(f"loaded the library and compiled the detector in {build * 1000:.0f} ms")
    print(
        f"scored {len(turns):,} turns ({chars / len(turns):.0f} characters on average) in {median * 1000:.0f} ms:"
        f" {len(turns) / median:,.0f} turns/s (median of {args.repeat} runs; best {len(turns) / min(runs):,.0f})"
    )


if __name__ == "__main__":
    main()
