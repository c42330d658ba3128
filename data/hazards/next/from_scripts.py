"""Write coherence-lines.jsonl: every learner line of the read coherence scripts, a report of a danger or not.

    python data/hazards/next/from_scripts.py 2 79      # the first set, sets 2 … 79, and the dev set

The coherence scripts (benchmarks/data/coherence-N/) are whole conversations written blind; their writers marked a
line `offtopic: "hazard"` when it reports a physical safety problem in plain words, or comes back to one reported
earlier ("those pallets are still across the fire exit. Can you radio the warehouse now?"). A first report is kept
as one; a return to it is left out (asking whether something got sorted is the shape of many harmless questions:
"is the kitchen still out of oat milk, or did facilities sort it?"). Every other line is ordinary talk with all its jokes, complaints ("the photocopier's always jammed") and small talk: the near misses a
reader has to leave alone.
"""

import json
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[3] / "benchmarks" / "data"


def main(first: int, last: int) -> None:
    folders = [DATA / "coherence-dev", DATA / "coherence" / "scripts",
               *(DATA / f"coherence-{n}" / "scripts" for n in range(first, last + 1))]
    out, seen = [], set()
    for folder in folders:
        for path in sorted(folder.glob("*.json")):
            reported = False
            for line in json.loads(path.read_text(encoding="utf-8"))["lines"]:
                text, hazard = line["text"].strip(), line.get("offtopic") == "hazard"
                if hazard and reported:
                    continue  # a return to the danger: its shape ("still broken, or did estates sort it?") is no report
                reported |= hazard
                if text and text not in seen:
                    seen.add(text)
                    out.append({"text": text, "hazard": hazard,
                                "note": f"{folder.relative_to(DATA)}/{path.name}: {line.get('offtopic') or 'on topic'}"})
    target = Path(__file__).with_name("coherence-lines.jsonl")  # in next/: the round did not ship
    target.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out), encoding="utf-8")
    print(f"{len(out)} lines, {sum(r['hazard'] for r in out)} reporting a danger, from {len(folders)} sets: {target}")


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
