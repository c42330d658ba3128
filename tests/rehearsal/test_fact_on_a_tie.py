"""A fact the counterpart knows that fits the question as well as the scenario's stock answer for the topic is the
better answer: "when does the December round get settled?" shares "December round" with both the fact (a plan on
file by 31 October) and the timing line ("Not this round… December is the earliest realistic point"), and only the
fact says when (read coherence sets 122-152: 35 replies, most of them this question)."""

from __future__ import annotations

import pytest

from coach.core.detection import Detection, Hit
from coach.rehearsal.dialogue.policy import respond
from coach.rehearsal.dialogue.state import DialogueState


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_fact_wins_a_tie(catalog, seed):
    scenario = catalog.get("promotion-follow-up").scenario
    line = "When does the December round get settled, roughly?"
    detection = Detection(line, moves=(Hit("explores-constraints", 0, len(line), line),),
                          confidence={"explores-constraints": 0.99})
    state = DialogueState(patience=5, learner_turns=3, openness=2, said=["Thanks for seeing me."])
    _, end = respond(scenario, "realistic", state, detection, seed=seed)
    assert "31 October" in " ".join(end.state["last_reply"])
