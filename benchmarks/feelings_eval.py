"""Does the counterpart hear strain and an apology? The hand-written phrases alone against phrases-or-reader, on the
blind feelings sets.

    python benchmarks/feelings_eval.py [--set FILE]

For each feeling: lines that say it heard (of all that do), and other lines taken for it (of all that do not).
Blind sets live in data/feelings/blind/: written and labelled before any prediction on them, measured once.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from coach.moves.model import FEELINGS
from coach.rehearsal.dialogue.hearing import in_full
from coach.rehearsal.dialogue.remarks import feelings_in

BLIND = Path(__file__).resolve().parents[1] / "data" / "feelings" / "blind"


def measure(path: Path) -> None:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    print(f"== {path.name}: {len(rows)} lines")
    for name, reader in (("phrases alone", False), ("phrases or reader", True)):
        heard = [feelings_in(in_full(r["text"]), reader=reader) for r in rows]
        parts = []
        for k in FEELINGS:
            yes = [h[k] for r, h in zip(rows, heard) if r[k]]
            no = [h[k] for r, h in zip(rows, heard) if not r[k]]
            parts.append(f"{k}: heard {sum(yes)}/{len(yes)}, others taken {sum(no)}/{len(no)}")
        print(f"  {name:18} " + "; ".join(parts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, help="one blind file (default: every file in data/feelings/blind)")
    args = parser.parse_args()
    for path in [args.set] if args.set else sorted(BLIND.glob("*.jsonl")):
        measure(path)


if __name__ == "__main__":
    main()
