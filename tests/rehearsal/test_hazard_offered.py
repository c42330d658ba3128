"""A learner who offers to make a reported hazard safe themselves gets a yes, not "someone will look at it by the end
of the day" (change HZ, the blind rating of coherence set 124: "that lead by the door is still there… Can I unplug
it?")."""

from __future__ import annotations

import pytest

from coach.core.detection import Detection
from coach.rehearsal.dialogue.policy import respond
from coach.rehearsal.dialogue.state import DialogueState


@pytest.mark.parametrize("line", [
    "Sorry, the extension lead under the window is still sparking a bit. Shall I switch it off at the wall?",
    "that mop bucket's still by the stairs, want me to shift it before someone goes over it",
])
def test_an_offer_to_make_it_safe_gets_a_yes(catalog, line):
    scenario = catalog.get("workload-boundary").scenario
    state = DialogueState(patience=4, lines=[scenario.counterpart.opening_line], plainly={})
    first = "Before we start, the extension lead under the window is sparking. And a mop bucket is right by the stairs."
    _, end = respond(scenario, "realistic", state, Detection(first))
    assert end.state["trace"][0] == "hazard", end.state["trace"]
    _, end = respond(scenario, "realistic", DialogueState(**end.state), Detection(line))
    reply = " ".join(end.state["last_reply"])
    assert end.state["trace"][0] == "answer:hazard" and reply.lower().startswith(("yes", "please")), reply
    assert "end of the day" not in reply, reply
