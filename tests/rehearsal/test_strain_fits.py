"""Warmth fits the strain said: "Nobody can run on empty for long" meets load and tiredness, not disappointment
(read coherence sets 60-108: "I was gutted about the team leader job" got "That doesn't sound sustainable")."""

from __future__ import annotations

import pytest

from coach.core.detection import Detection
from coach.rehearsal.dialogue.policy import respond
from coach.rehearsal.dialogue.state import DialogueState

LOAD_LINES = ("sustainable", "run on empty")


@pytest.mark.parametrize("line", [
    "I'll be honest, I was gutted about the team leader job going to Dan. It stung.",
    "I am very disappointed, three weeks I wait and I receive only one line email.",
    "I'm proper fuming about that email, if I'm honest. One line.",
])
def test_disappointment_is_not_met_with_lines_about_load(catalog, line):
    scenario = catalog.get("lateral-move").scenario
    for seed in range(6):
        _, end = respond(scenario, "realistic", DialogueState(patience=4, learner_turns=1, openness=1), Detection(line),
                         seed=seed)
        reply = " ".join(end.state["last_reply"]).lower()
        if "warmth" in end.state["trace"]:
            assert not any(words in reply for words in LOAD_LINES), reply


def test_load_can_still_be_met_with_them(catalog):
    scenario = catalog.get("workload-boundary").scenario
    said = set()
    for seed in range(12):
        line = "I'm doing 52 hours a week and I'm running on fumes, I'm not sleeping."
        _, end = respond(scenario, "realistic", DialogueState(patience=4, learner_turns=1, openness=1), Detection(line),
                         seed=seed)
        said.add(end.state["last_reply"][0] if end.state["last_reply"] else "")
    assert any(any(words in s.lower() for words in LOAD_LINES) for s in said), said
