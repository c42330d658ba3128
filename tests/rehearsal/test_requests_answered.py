"""A request put as a question ("could something come off my plate?") that the counterpart has not decided on gets
an answer that neither says yes nor calls it a good or fair question."""

from __future__ import annotations

import pytest

from coach.core.detection import Detection, Hit
from coach.rehearsal.dialogue.policy import respond
from coach.rehearsal.dialogue.state import DialogueState


@pytest.mark.parametrize(("scenario_id", "line"), [
    ("workload-boundary", "Could something come off my plate for a bit, do you think?"),
    ("workload-boundary", "Is there any way some of my work could go to someone else?"),
    ("flexible-work-trial", "Would you be open to me working from home a bit?"),
    ("promotion-follow-up", "Could I maybe lead a client myself?"),
])
def test_a_request_is_not_called_a_question(catalog, scenario_id, line):
    scenario = catalog.get(scenario_id).scenario
    ask = Detection(line, moves=(Hit("specific-ask", 0, len(line), line),), confidence={"specific-ask": 0.8})
    reply, end = respond(scenario, "realistic", DialogueState(patience=5, learner_turns=2), ask)
    assert "question" not in reply.lower(), (reply, end.state["trace"])
    assert any(k.startswith("answer:") for k in end.state["trace"]), end.state["trace"]  # still answered
