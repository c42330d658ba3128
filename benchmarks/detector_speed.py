"""How fast the offline move detector is: turns per second on one core, overall and by turn length.

    python benchmarks/detector_speed.py [TURNS] [--repeat N]

Turns come from tests/data/detector_eval.jsonl, each with its counterpart's previous line: the set as written
(mostly one or two sentences), then the same turns grouped into length bands, joining consecutive turns into
paragraphs for the longer bands (learners who think aloud write 300 to 600 characters a turn).
Target: well over 1,000 turns per second on realistic turns (it is also the live-hint engine, run on every
keystroke pause), and long turns not falling far behind.
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
BANDS = ((0, 80), (80, 160), (160, 320), (320, 700))  # characters


def paragraphs(rows: list[dict], low: int, high: int) -> list[tuple[str, str | None]]:
    """Turns of `low` to `high` characters: single turns where they fall in the band, else consecutive turns
    joined until they reach it."""
    out, buf = [], []
    for r in rows:
        if low <= len(r["text"]) < high and not buf:
            out.append((r["text"], r.get("previous")))
            continue
        buf.append(r)
        text = " ".join(b["text"] for b in buf)
        if len(text) >= high:
            buf = [r]
        elif len(text) >= low:
            out.append((text, buf[0].get("previous")))
            buf = []
    return out


def timed(detector: Detector, turns: list[tuple[str, str | None]], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        for text, previous in turns:
            detector.detect(text, previous)
        runs.append(time.perf_counter() - start)
    return sorted(runs)[len(runs) // 2]




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
    print(f"loaded the library and compiled the detector in {build * 1000:.0f} ms")

    median = timed(detector, turns, args.repeat)
    chars = sum(len(t) for t, _ in turns)
    print(
        f"scored {len(turns):,} turns ({chars / len(turns):.0f} characters on average) in {median * 1000:.0f} ms:"
        f" {len(turns) / median:,.0f} turns/s (median of {args.repeat} runs)"
    )
    print(f"\n{'turn length':>16} {'turns':>6} {'avg chars':>10} {'turns/s':>9} {'µs/turn':>8}")
    for low, high in BANDS:
        band = paragraphs(rows, low, high)
        band = list(itertools.islice(itertools.cycle(band), max(200, args.turns // 4)))
        t = timed(detector, band, args.repeat)
        avg = sum(len(x) for x, _ in band) / len(band)
        print(f"{f'{low}-{high} chars':>16} {len(band):6} {avg:10.0f} {len(band) / t:9,.0f} {t / len(band) * 1e6:8.0f}")


if __name__ == "__main__":
    main()
