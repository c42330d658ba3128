"""After the yes, the learner who takes the writing-up on is not told the counterpart will send it (read coherence sets
123-164: "I will send you the plan in writing tomorrow" got "…I'll send the plan on Friday; check it and tell me if
anything's missing")."""

from __future__ import annotations

import pytest

from coach.core.detection import Detection
from coach.rehearsal.dialogue.policy import respond
from coach.rehearsal.dialogue.state import DialogueState


@pytest.mark.parametrize(("scenario_id", "line"), [
    ("promotion-follow-up", "Thank you, Helen. I will send you the plan in writing tomorrow."),
    ("raise-during-budget-freeze", "Cheers Marcus. I'll draft the note and get it to you Monday."),
])
def test_theirs_to_send_is_not_taken_back(catalog, scenario_id, line):
    scenario = catalog.get(scenario_id).scenario
    for seed in range(6):
        state = DialogueState(patience=5, learner_turns=6, openness=5, conceded=True)
        _, end = respond(scenario, "realistic", state, Detection(line), seed=seed)
        reply = " ".join(end.state["last_reply"])
        assert "I'll send" not in reply and "before I send" not in reply and "drafted" not in reply, reply
