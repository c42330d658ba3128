"""Whole offline sessions played from learner scripts nobody tuned on (tests/data/answers/, written blind
from the public briefings): does the counterpart concede to strong play and hold out against the rest?

    python benchmarks/holdout_sessions.py [--details]

For every scenario, every script (strong, middling, weak, aggressive) and every difficulty, prints the
outcome (agreed, no-agreement, or paused: the script ran out first) and the offline score, then the share
of strong scripts that reached the concession at gentle and realistic, and whether any other script did.
"""

from __future__ import annotations

import argparse
import asyncio
from collections import defaultdict
from pathlib import Path

from coach.moves.detector import Detector
from coach.rehearsal.engines.offline import OfflineCounterpart
from coach.rehearsal.rehearsal import Rehearsal
from coach.scenario import LEVELS, load_catalog
from coach.scoring.score import score_offline

ANSWERS = Path(__file__).resolve().parent.parent / "tests" / "data" / "answers"


def turns(path: Path) -> list[str]:
    return [" ".join(p.split()) for p in path.read_text(encoding="utf-8-sig").replace("\r\n", "\n").split("\n\n") if p.strip()]


async def play(item, library, lines: list[str], level: str) -> tuple[str, float]:
    rehearsal = Rehearsal.begin(item, level, OfflineCounterpart(), Detector(library, item.scenario.rubric.custom))
    for line in lines:
        if rehearsal.ended:
            break
        async for _ in rehearsal.send(line):
            pass
        if rehearsal.paused_for_care:
            break
    outcome = rehearsal.session.outcome
    if outcome == "in-progress":
        outcome = "paused"  # the script ran out before the counterpart closed
    return outcome, score_offline(rehearsal.session, item.scenario, library).total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--details", action="store_true", help="one line per script and difficulty")
    args = parser.parse_args()
    catalog = load_catalog()
    agreed: dict[tuple[str, str], list[bool]] = defaultdict(list)
    scores: dict[str, list[float]] = defaultdict(list)
    for folder in sorted(p for p in ANSWERS.iterdir() if p.is_dir()):
        item = catalog.get(folder.name)
        for script in sorted(folder.glob("*.txt")):
            kind = script.stem.rsplit("-", 1)[0]
            for level in LEVELS:
                outcome, total = asyncio.run(play(item, catalog.library, turns(script), level))
                agreed[(kind, level)].append(outcome == "agreed")
                scores[kind].append(total)
                if args.details:
                    print(f"{folder.name:40} {script.stem:14} {level:10} {outcome:13} {total:5.1f}")
    print(f"{'script':12} " + " ".join(f"{level:>10}" for level in LEVELS) + "   mean score")
    for kind in ("strong", "middling", "weak", "aggressive"):
        cells = [f"{sum(agreed[(kind, lv)])}/{len(agreed[(kind, lv)])}" for lv in LEVELS]
        print(f"{kind:12} " + " ".join(f"{c:>10}" for c in cells) + f"   {sum(scores[kind]) / len(scores[kind]):5.1f}")
    print("(cells: scripts that reached the concession / scripts played)")


if __name__ == "__main__":
    main()
