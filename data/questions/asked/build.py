"""Write asked-lines.jsonl: every learner line of the read coherence scripts, marked by whether it asks something.

    python data/questions/asked/build.py 2 121      # the first set, the dev set, and sets 2 … 121

The coherence scripts were written blind, by many writers in many registers, as whole conversations, and each
writer marked the lines that put a direct question to the counterpart (`question`, FORMAT.md of any set: a request
put as a question counts, a rhetorical one does not). Those marks teach the asking reader
(`python -m coach.moves.train_asking`) to hear a question the hand-written cues have no shape for ("Fa decides if I
can gie it up is it you or the heidie", "Is possible to become Senior this year or not"). Only read sets belong
here: a set that will judge a change stays out until it has.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from benchmarks.coherence_scripts import write_marked_lines  # noqa: E402


def main(first: int, last: int) -> None:
    target = Path(__file__).with_name("asked-lines.jsonl")
    out = write_marked_lines(target, first, last, lambda line: {"asks": line.get("question") is not None})
    folders = {row["source"].split("/")[0] for row in out}
    print(f"{len(out)} lines ({sum(r['asks'] for r in out)} asking) from {len(folders)} folders -> {target}")


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
