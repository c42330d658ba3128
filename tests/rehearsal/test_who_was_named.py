"""A line that puts someone forward to do it answers "who?": the counterpart does not press "You haven't said who runs
it" or "Who is on the hill…?" next (coherence set 138: "Sam Whitlock is the one I am proposing" -> "You haven't said
who runs it")."""

from __future__ import annotations

import pytest

from coach.core.detection import Detection
from coach.rehearsal.dialogue.naming import puts_someone_forward
from coach.rehearsal.dialogue.policy import respond
from coach.rehearsal.dialogue.state import DialogueState

THEM = {"Ruth", "Adebayo"}


@pytest.mark.parametrize("line", [
    "Sam Whitlock is the one I am proposing. He did his own Gold award.",
    "I think the one to take it is Sam.",
    "Priya could cover nights.",
    "My deputy, Joe, would take it.",
    "Could Sam Whitlock take some of DofE on?",
    "I would hand them to Amira, she is keen.",
])
def test_someone_put_forward(line):
    assert puts_someone_forward(line, THEM)


@pytest.mark.parametrize("line", [
    "The team leader post went to Dan, and I accept it.",
    "Raj Patel told me his team is short of people.",
    "The club could move to Wednesdays.",
    "Anyway, I was gonna ask, could I do a couple of days from home after Christmas?",
    "Ruth, could you sign it?",
])
def test_nobody_put_forward(line):
    assert not puts_someone_forward(line, THEM)


@pytest.mark.parametrize("seed", range(6))
def test_who_is_not_asked_right_after_a_name(catalog, seed):
    scenario = catalog.get("hand-off-responsibility").scenario
    state = DialogueState(patience=5, learner_turns=3, raised=["who-runs-it"], pressed={"who-runs-it": 1})
    line = "Sam Whitlock is the one I am proposing. He did his own Gold award and he has asked me twice."
    _, end = respond(scenario, "realistic", state, Detection(line), seed=seed)
    reply = " ".join(end.state["last_reply"])
    assert "who" not in reply.lower(), reply


@pytest.mark.parametrize("seed", range(6))
def test_who_is_not_asked_after_a_name_put_forward_earlier(catalog, seed):
    """Coherence set 148: "Sam Whitlock sir is interested" two turns before "So can I give it to him from next week?"."""
    scenario = catalog.get("hand-off-responsibility").scenario
    state = DialogueState(patience=5, learner_turns=2, raised=["part-of-the-job"])
    _, end = respond(scenario, "realistic", state, Detection("Sam Whitlock sir is interested, he told me last month."),
                     seed=seed)
    state = DialogueState(**{**end.state, "raised": ["part-of-the-job", "who-runs-it"],
                             "answered": ["part-of-the-job"], "pressed": {"who-runs-it": 1}})
    _, end = respond(scenario, "realistic", state, Detection("So can I give it to him from next week?"), seed=seed)
    assert "who" not in " ".join(end.state["last_reply"]).lower(), end.state["last_reply"]
