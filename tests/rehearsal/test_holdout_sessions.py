"""Whole offline sessions from learner scripts written blind from the public briefings (tests/data/answers,
never tuned on): nobody but a strong learner gets the concession, and strong play always scores above
weak play, and on average above angry play. How often strong play reaches the concession is measured,
not asserted: benchmarks/holdout_sessions.py."""

from __future__ import annotations

import asyncio

import pytest

from benchmarks.holdout_sessions import ANSWERS, play, turns
from coach.scenario import LEVELS

SCENARIOS = sorted(p.name for p in ANSWERS.iterdir() if p.is_dir())


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_only_strong_play_is_rewarded(catalog, library, scenario_id):
    item = catalog.get(scenario_id)
    scripts = sorted((ANSWERS / scenario_id).glob("*.txt"))
    assert {s.stem.rsplit("-", 1)[0] for s in scripts} >= {"strong", "weak", "aggressive", "middling"}
    totals: dict[str, float] = {}
    for script in scripts:
        for level in LEVELS:
            outcome, total = asyncio.run(play(item, library, turns(script), level))
            if not script.stem.startswith("strong"):
                assert outcome != "agreed", f"{script.stem} got the concession at {level}"
            if level == "realistic":
                totals[script.stem] = total
    strong = [t for name, t in totals.items() if name.startswith("strong")]
    unskilled = [t for name, t in totals.items() if name.startswith(("weak", "middling"))]
    angry = [t for name, t in totals.items() if name.startswith("aggressive")]
    # An angry learner can still make real points (flags are reported beside the total, not taken off it).
    assert min(strong) > max(unskilled) and sum(strong) / len(strong) > max(angry), totals
