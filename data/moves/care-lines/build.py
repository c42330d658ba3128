"""Write coherence-lines.jsonl: every learner line of the read coherence sets, for the care reader only.

    python data/moves/care-lines/build.py 2 79      # the first set, sets 2 … 79, and the dev set

The coherence scripts were written blind, by many writers in many registers, as whole conversations; none of
their lines is acute distress (a script is a rehearsal, not a crisis), so they are the ordinary talk the care reader
must not pause on. Lines a writer marked `offtopic: "vulnerability"` ("I'm knackered, some nights I sit in the car
park before I can face driving home") are kept as overload. Only `care` is labelled here: the move model does not
read this folder (its moves are the scripts' annotations, which do not label flags).
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from benchmarks.coherence_scripts import raw_lines  # noqa: E402

DATA = ROOT / "benchmarks" / "data"


def main(first: int, last: int) -> None:
    lines = raw_lines(first, last)
    folders = {folder for folder, _, _ in lines}
    out = [{"text": line["text"], "care": "overload" if line.get("offtopic") == "vulnerability" else None,
            "source": f"{folder.relative_to(DATA)}/{path.name}"} for folder, path, line in lines]
    target = Path(__file__).with_name("coherence-lines.jsonl")
    target.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out), encoding="utf-8")
    print(f"{len(out)} lines ({sum(r['care'] == 'overload' for r in out)} overload) from {len(folders)} sets: {target}")


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
