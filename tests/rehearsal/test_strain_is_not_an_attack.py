"""Strain said plainly ("I'm knackered, and it's always me who stays late") is met with warmth, not a scolding, unless
the move model is sure the line is an attack: on read coherence sets 122-152 the counterpart answered "been feeling
pretty flat since Dan got the job, no offence to Dan" with "Taking it out on me won't help"."""

from __future__ import annotations

import pytest

from coach.core.detection import Detection, Hit
from coach.rehearsal.dialogue.policy import respond
from coach.rehearsal.dialogue.state import DialogueState

STRAIN = [
    "Honestly I am running on empty these days, no offence to anyone.",
    "I am knackered, proper knackered, and it is always me who stays late.",
]


def _reply(catalog, text: str, confidence: float, edges: int = 0) -> list[str]:
    scenario = catalog.get("workload-boundary").scenario
    detection = Detection(text, flags=(Hit("aggression", 0, len(text), text),), confidence={"aggression": confidence})
    state = DialogueState(patience=5, learner_turns=2, said=["Hi."], edges=edges)
    _, end = respond(scenario, "realistic", state, detection)
    return end.state["trace"]


@pytest.mark.parametrize("text", STRAIN)
def test_strain_the_model_half_reads_as_an_attack_gets_warmth(catalog, text):
    assert "aggression" not in _reply(catalog, text, 0.9)


@pytest.mark.parametrize("text", STRAIN)
def test_an_attack_the_model_is_sure_of_is_still_one(catalog, text):
    # once the edge is kept up (a first sharp line to a manager is heard as frustration: test_frustration.py)
    assert "aggression" in _reply(catalog, text, 0.99, edges=1)
