"""Small talk at the learner's first line gets a plain acknowledgement, not a line that goes back to something
nobody has said yet (read coherence sets 60-108: "I'll take that on board. Back to your request, though." to
"Afternoon Marcus! Gorgeous day out there", "Okay. Sorry, what were you saying before?" at the first turn)."""

from __future__ import annotations

import re

import pytest

from coach.core.detection import Detection
from coach.rehearsal.dialogue.policy import respond
from coach.rehearsal.dialogue.state import DialogueState

GOES_BACK = re.compile(r"back to your request|where were we|saying before|come back to", re.IGNORECASE)


@pytest.mark.parametrize(("scenario_id", "line"), [
    ("workload-boundary", "Morning Rob, the traffic on the ring road was mental this morning, honestly."),
    ("raise-during-budget-freeze", "Afternoon Marcus! Gorgeous day out there, proper spring at last :)"),
    ("compassionate-performance-conversation",
     "Och Kwame, it's a wild day, the rain was coming sideways at the bus stop."),
])
def test_an_opening_aside_does_not_go_back_to_anything(catalog, scenario_id, line):
    scenario = catalog.get(scenario_id).scenario
    for seed in range(10):
        _, end = respond(scenario, "realistic", DialogueState(patience=4), Detection(line), seed=seed)
        reply = " ".join(end.state["last_reply"])
        assert not GOES_BACK.search(reply), reply


def test_a_later_aside_may_still_go_back(catalog):
    scenario = catalog.get("workload-boundary").scenario
    said = set()
    for seed in range(12):
        state = DialogueState(patience=4, learner_turns=3, said=["Hi Rob.", "I'd like the Monday pack to move."])
        _, end = respond(scenario, "realistic", state, Detection("The traffic on the ring road was mental, honestly."),
                         seed=seed)
        said.add(" ".join(end.state["last_reply"]))
    assert any(GOES_BACK.search(s) for s in said), said
