"""Write asked-lines.jsonl: every learner line of the read coherence scripts, marked by whether it asks something.

    python data/questions/asked/build.py 2 121      # the first set, the dev set, and sets 2 … 121

The coherence scripts were written blind, by many writers in many registers, as whole conversations, and each
writer marked the lines that put a direct question to the counterpart (`question`, FORMAT.md of any set: a request
put as a question counts, a rhetorical one does not). Those marks teach the asking reader
(`python -m coach.moves.train_asking`) to hear a question the hand-written cues have no shape for ("Fa decides if I
can gie it up is it you or the heidie", "Is possible to become Senior this year or not"). Only read sets belong
here: a set that will judge a change stays out until it has.
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
    out = [{"text": line["text"], "asks": line.get("question") is not None,
            "source": f"{folder.relative_to(DATA).parts[0]}/{path.name}"} for folder, path, line in lines]
    target = Path(__file__).with_name("asked-lines.jsonl")
    target.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in out), encoding="utf-8")
    print(f"{len(out)} lines ({sum(r['asks'] for r in out)} asking) from {len(folders)} folders -> {target}")


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
