"""Write next/coherence-scripts.jsonl: the learner lines of the read coherence scripts, with the moves their
writers marked, as training rows for the moves those marks speak for.

    python data/moves/next/from_scripts.py 2 79      # the first set, sets 2 … 79, and the dev set

Each coherence script (benchmarks/data/coherence-N/) is a whole conversation written blind by a writer who saw the
briefings and the criteria, with the moves each line clearly makes (level 2) marked; the checker already trusts
those marks. They are not labelled like the rest of the corpus, so a row says only what its marks can say
(`informs`, as for CaSiNo): the moves its scenario's writers were asked to mark (the employee's moves; in the
performance conversation, where the learner is the manager, the manager's moves and the five shared ones), never
the flags (not marked), never `recover-from-no` (it needs the refusal before it, and the counterpart's line is not
in the script). Such rows set no cut-off and train no gate (`coach.moves.train`).
"""

import json
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[3] / "benchmarks" / "data"
EMPLOYEE = ["impact-evidence", "business-value", "specific-ask", "phased-plan", "success-metrics",
            "explores-constraints", "collaborative-options", "next-steps"]
MANAGER = ["specific-observation", "invites-perspective", "offers-support", "success-metrics",
           "collaborative-options", "next-steps", "explores-constraints", "phased-plan"]
MANAGER_SIDE = "compassionate-performance-conversation"


def main(first: int, last: int) -> None:
    folders = [DATA / "coherence-dev", DATA / "coherence" / "scripts",
               *(DATA / f"coherence-{n}" / "scripts" for n in range(first, last + 1))]
    out, seen = [], set()
    for folder in folders:
        for path in sorted(folder.glob("*.json")):
            script = json.loads(path.read_text(encoding="utf-8"))
            informs = MANAGER if script["scenario_id"] == MANAGER_SIDE else EMPLOYEE
            for line in script["lines"]:
                text = line["text"].strip()
                if not text or text in seen:
                    continue
                seen.add(text)
                out.append({"text": text, "previous": None, "moves": sorted(set(line["moves"]) & set(informs)),
                            "flags": [], "informs": informs, "scenario": script["scenario_id"],
                            "speaker": "manager" if script["scenario_id"] == MANAGER_SIDE else "employee",
                            "source": f"{folder.relative_to(DATA)}/{path.name}"})
    target = Path(__file__).with_name("coherence-scripts.jsonl")  # next/: round 43 did not ship
    target.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out), encoding="utf-8")
    print(f"{len(out)} lines, {sum(bool(r['moves']) for r in out)} with a move, from {len(folders)} sets: {target}")


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
