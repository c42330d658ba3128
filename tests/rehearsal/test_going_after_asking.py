"""A learner going now, with a question on the way out, gets the answer and a goodbye, not a new question of ours
(read coherence sets 122-168: "I'll need to run, I'm on bus duty. Will you let me know who decides, and by when?" got
"…Come back to my worry for a second.")."""

from __future__ import annotations

import pytest

from coach.core.detection import Detection
from coach.rehearsal.dialogue.leaving import goes_after_asking
from coach.rehearsal.dialogue.policy import respond
from coach.rehearsal.dialogue.state import DialogueState


@pytest.mark.parametrize("line", [
    "I'll need to run, I'm on bus duty. Will you let me know who decides, and by when?",
    "Right, I've gotta dash, client call at three. Can you send me something in writing?",
    "Got to dash, I'm on canteen duty. Can you email me?",
])
def test_heard_as_going(line):
    assert goes_after_asking(line)


@pytest.mark.parametrize("line", [
    "Before I have to go, can I ask who decides this?",
    "I've got to run the Monday pack again this week. Could Aisha take it?",
    "What would you need to see from me?",
])
def test_not_heard_as_going(line):
    assert not goes_after_asking(line)


@pytest.mark.parametrize("seed", range(4))
def test_answered_then_seen_off(catalog, seed):
    scenario = catalog.get("hand-off-responsibility").scenario
    state = DialogueState(patience=5, learner_turns=4, openness=3)
    line = "I'll need to run, I'm on bus duty. Will you let me know who decides, and by when?"
    _, end = respond(scenario, "realistic", state, Detection(line), seed=seed)
    trace = end.state["trace"]
    assert end.closed and trace[-1] == "farewell" and not any(k.startswith(("ask:", "press:", "raise:")) for k in trace), trace
