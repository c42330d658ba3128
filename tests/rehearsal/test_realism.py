"""Realism, measured over every bundled scenario with synthetic learners and the offline counterpart."""

from __future__ import annotations

import pytest

from coach.rehearsal.synthetic import play_offline
from coach.scenario import LEVELS, load_catalog

SCENARIOS = sorted(load_catalog().scenarios)


@pytest.mark.parametrize("scenario_id", SCENARIOS)
@pytest.mark.parametrize("level", LEVELS)
async def test_weak_learner_never_gets_the_concession(catalog, library, scenario_id, level):
    r = await play_offline(catalog.get(scenario_id), library, "weak", level)
    assert r.session.outcome == "no-agreement" and r.ended


@pytest.mark.parametrize("scenario_id", SCENARIOS)
@pytest.mark.parametrize("level", ["gentle", "realistic"])
async def test_strong_learner_earns_it_within_the_turn_budget(catalog, library, scenario_id, level):
    item = catalog.get(scenario_id)
    r = await play_offline(item, library, "strong", level)
    assert r.session.outcome == "agreed", [t.text for t in r.session.turns]
    conceded_at = next(i for i, t in enumerate(r.session.turns) if t.state and t.state.get("conceded"))
    learner_turns_needed = sum(1 for t in r.session.turns[:conceded_at] if t.speaker == "learner")
    assert learner_turns_needed <= item.scenario.level(level).max_turns
    assert learner_turns_needed >= 2, "a real counterpart does not cave at the first sentence"


@pytest.mark.parametrize("scenario_id", SCENARIOS)
@pytest.mark.parametrize("level", LEVELS)
async def test_aggressive_learner_loses_the_counterparts_patience(catalog, library, scenario_id, level):
    item = catalog.get(scenario_id)
    r = await play_offline(item, library, "aggressive", level)
    assert r.session.outcome == "no-agreement"
    assert r.session.last_state()["patience"] <= 0
    assert r.learner_turn_count < item.scenario.level(level).max_turns


def test_frustration_that_says_it_is_not_aimed_at_you_is_not_met_as_an_attack(catalog):
    from coach.core.detection import Detection, Hit
    from coach.rehearsal.dialogue.policy import respond
    from coach.rehearsal.dialogue.state import DialogueState
    scenario = catalog.get("promotion-follow-up").scenario
    line = "Honestly I'm fuming about June, not with you, with the whole process."
    detection = Detection(line, flags=(Hit("aggression", 0, len(line), line),), confidence={"aggression": 0.7})
    _, end = respond(scenario, "realistic", DialogueState(patience=5, learner_turns=2), detection)
    assert "aggression" not in end.state["trace"]
    sure = Detection(line, flags=(Hit("aggression", 0, len(line), line),), confidence={"aggression": 0.99})
    _, end = respond(scenario, "realistic", DialogueState(patience=5, learner_turns=2, edges=1), sure)  # kept up
    assert "aggression" in end.state["trace"]


def test_overload_said_plainly_gets_a_managers_warmth_first(catalog):
    from coach.core.detection import Detection
    from coach.rehearsal.dialogue.policy import respond
    from coach.rehearsal.dialogue.state import DialogueState
    scenario = catalog.get("workload-boundary").scenario
    line = "Straight up, I'm stuffed. I'm not sleeping properly and I cried in the car park on Tuesday."
    _, end = respond(scenario, "realistic", DialogueState(patience=5, learner_turns=2), Detection(line))
    assert end.state["trace"][0] == "warmth", end.state["trace"]
    assert not hear_strain("I cried laughing at the Christmas video.")


def hear_strain(line: str) -> bool:
    from coach.rehearsal.dialogue.hearing import hear
    return hear(line).strain
