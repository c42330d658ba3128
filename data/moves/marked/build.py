"""Write marked-lines.jsonl: every learner line of the read coherence scripts, with the moves its writer marked.

    python data/moves/marked/build.py 2 150      # the first set, the dev set, and sets 2 … 150

Each coherence script (benchmarks/data/coherence-N/) was written blind by a writer who saw only the public briefings
and the criteria, and each line carries the moves the writer meant it to make clearly (level 2). Those marks are
stricter than the move corpus's labels, and they are what the coherence checker counts praise against. They teach
the marked-moves reader (`python -m coach.moves.train_marked`), the second opinion the counterpart asks before it
praises a move (`coach/rehearsal/dialogue/credit.py`). Only read sets belong here: a set that will judge a change
stays out until it has.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from benchmarks.coherence_scripts import write_marked_lines  # noqa: E402
from coach.moves.model import MARKED_MOVES  # noqa: E402


def main(first: int, last: int) -> None:
    target = Path(__file__).with_name("marked-lines.jsonl")
    out = write_marked_lines(target, first, last,
                             lambda line: {"moves": [m for m in MARKED_MOVES if m in line.get("moves", [])]})
    print(f"{len(out)} lines from {len({row['source'].split('/')[0] for row in out})} folders -> {target}")


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
