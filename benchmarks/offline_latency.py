"""The offline counterpart's reply latency per turn, detector included. Target: median under 5 ms.

    python benchmarks/offline_latency.py
"""

from __future__ import annotations

import statistics
import time

from coach.core.session import Session, Turn
from coach.moves.detector import Detector
from coach.rehearsal.engines.offline import OfflineCounterpart, OfflineState
from coach.rehearsal.synthetic import LEARNERS
from coach.scenario import LEVELS, load_catalog


def main() -> None:
    catalog = load_catalog()
    timings: list[float] = []
    for item in catalog.scenarios.values():
        detector = Detector(catalog.library, item.scenario.rubric.custom)
        engine = OfflineCounterpart(seed=1)
        for level in LEVELS:
            for kind in ("weak", "average", "strong"):
                speak = LEARNERS[kind](catalog.library)
                session = Session(scenario_id=item.scenario.id)
                session.turns.append(Turn(speaker="partner", text=item.scenario.counterpart.opening_line,
                                          state=engine.initial_state(item.scenario, level)))
                for turn in range(item.scenario.level(level).max_turns):
                    line = speak(item.scenario, session.last_partner_text(), turn)
                    start = time.perf_counter()
                    detection = detector.detect(line, session.last_partner_text())
                    session.turns.append(Turn(speaker="learner", text=line))
                    state = OfflineState.model_validate(session.last_state())
                    text, end = engine.respond(item.scenario, level, state, detection)
                    timings.append(time.perf_counter() - start)
                    session.turns.append(Turn(speaker="partner", text=text, state=end.state))
                    if end.closed:
                        break
    ms = sorted(t * 1000 for t in timings)
    print(f"offline counterpart: {len(ms)} replies over {len(catalog.scenarios)} scenarios")
    print(f"  median {statistics.median(ms):.3f} ms · p95 {ms[int(len(ms) * 0.95)]:.3f} ms · max {ms[-1]:.3f} ms")
    print("  (per reply: detect the learner's moves, update state, compose the reply; target median < 5 ms)")


if __name__ == "__main__":
    main()
