"""A real question put with an edge still gets its answer after the pushback (read coherence sets 135-160: "No
offence, but who actually makes the call on this stuff, you or head office" got only "Talking like that makes it
harder for me to help", and the question was left hanging). An ask or a jibe thrown as an attack still gets the
pushback alone."""

from __future__ import annotations

import pytest

from coach.core.detection import Detection, Hit
from coach.rehearsal.dialogue.policy import respond
from coach.rehearsal.dialogue.state import DialogueState


def _attack(text: str) -> Detection:
    return Detection(text, flags=(Hit("aggression", 0, len(text), text),), confidence={"aggression": 0.99})


def _reply(catalog, scenario_id: str, text: str) -> list[str]:
    scenario = catalog.get(scenario_id).scenario
    # after an earlier edge (a first sharp line to a manager is heard as frustration: test_frustration.py)
    _, end = respond(scenario, "realistic", DialogueState(patience=5, learner_turns=3, edges=1), _attack(text))
    return end.state["trace"]


@pytest.mark.parametrize("scenario_id, text", [
    ("raise-during-budget-freeze", "Be honest with me for once, who signs off pay, is it you or is it group?"),
    ("workload-boundary", "So who actually decides what I get given, because it clearly isn't me, is it?"),
    ("flexible-work-trial", "Come on then, when would you even look at it, next year? The year after?"),
])
def test_a_question_with_an_edge_is_answered_after_the_pushback(catalog, scenario_id, text):
    trace = _reply(catalog, scenario_id, text)
    assert trace[0] == "aggression", trace
    assert any(k.startswith(("answer:", "reveal", "deflect")) for k in trace[1:]), trace


def test_an_ask_thrown_as_an_attack_gets_the_pushback_alone(catalog):
    trace = _reply(catalog, "raise-during-budget-freeze", "Just give me the raise, will you?")
    assert trace[0] == "aggression", trace
    assert not any(k.startswith("answer:") for k in trace), trace
