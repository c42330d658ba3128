"""How fast the offline move detector is, on one core: turns per second by length, and that cost stays linear.

    python benchmarks/detector_speed.py [--repeat N]

Turns come from the move corpus (data/moves/), each with its counterpart's previous line, joined into
paragraphs of about 65, 200 and 2,000 characters. Target: at least 2,000 turns/s at 200 characters (numpy's
reading, which any process uses after its first 150 lines). The plain-Python reading, which a process uses for
its first lines (it saves numpy's import), is timed beside it.
Then adversarial shapes (comma-spliced, one phrase repeated, no sentence end) at 1 kB, 10 kB and 100 kB:
10x the size should cost at most about 12x the time (lines are read up to a cap, so long ones flatten out).
"""

from __future__ import annotations

import argparse
import random
import time

from coach.moves import corpus
from coach.moves.detector import Detector
from coach.scenario import load_criteria

LENGTHS = (65, 200, 2000)


def paragraphs(rows: list[corpus.Row], target: int, count: int = 400) -> list[tuple[str, str | None]]:
    out, buf = [], []
    for row in rows:
        buf.append(row.text)
        text = " ".join(buf)
        if len(text) >= target * 0.8:
            out.append((text[: int(target * 1.2)], row.previous))
            buf = []
        if len(out) == count:
            break
    return out


def rate(library, turns: list[tuple[str, str | None]], repeat: int, reading: str = "numpy") -> float:
    best = float("inf")
    for _ in range(repeat):
        detector = Detector(library)
        detector.model.reading = reading
        detector.model.forget()  # timed cold: the model remembers the turns it has read
        start = time.perf_counter()
        for text, previous in turns:
            detector.detect(text, previous)
        best = min(best, time.perf_counter() - start)
    return len(turns) / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    library = load_criteria()
    Detector(library)  # load the model before timing
    rows = corpus.load(corpus.training_files())
    random.Random(0).shuffle(rows)  # a fixed sample of every writer's rows, whatever files are added
    print(f"{'length':>8} {'turns':>6} {'turns/s':>9} {'plain':>9}")
    for length in LENGTHS:
        turns = paragraphs(rows, length)
        mean = sum(len(t) for t, _ in turns) / len(turns)
        print(f"{mean:8.0f} {len(turns):6} {rate(library, turns, args.repeat):9.0f}"
              f" {rate(library, turns, args.repeat, 'plain'):9.0f}")

    shapes = {
        "comma-spliced": "we shipped it, the client was happy, the team grew, ",
        "repeated phrase": "week one ",
        "no sentence end": "i'll just do it and ",
    }
    print(f"\n{'shape':18} {'1 kB ms':>9} {'10 kB ms':>9} {'100 kB ms':>10} {'10k/1k':>7} {'100k/10k':>9}")
    for name, unit in shapes.items():
        times = []
        for size in (1_000, 10_000, 100_000):
            text = (unit * (size // len(unit) + 1))[:size]
            start = time.perf_counter()
            for _ in range(5):
                detector = Detector(library)
                detector.model.forget()
                detector.detect(text, None)
            times.append((time.perf_counter() - start) / 5 * 1000)
        print(f"{name:18} {times[0]:9.2f} {times[1]:9.2f} {times[2]:10.2f} {times[1] / times[0]:7.1f}"
              f" {times[2] / times[1]:9.1f}")


if __name__ == "__main__":
    main()
