"""A question about something else at work ("is the staffroom kettle fixed yet?") is an aside: a brief "no idea, I
can find out after", not an answer written for the negotiation ("it depends on the detail")."""

from __future__ import annotations

import pytest

from coach.core.detection import Detection
from coach.rehearsal.dialogue.policy import respond
from coach.rehearsal.dialogue.state import DialogueState


@pytest.mark.parametrize(("scenario_id", "line"), [
    ("hand-off-responsibility", "Would you know if the staffroom kettle's been fixed at all?"),
    ("promotion-after-win", "is the 4th floor kitchen still out of oat milk or did facilities sort it"),
    ("raise-during-budget-freeze", "Did you get my email about the Christmas do, are we going to the Italian again?"),
])
def test_an_office_question_gets_an_aside(catalog, scenario_id, line):
    scenario = catalog.get(scenario_id).scenario
    _, end = respond(scenario, "realistic", DialogueState(patience=5, learner_turns=3), Detection(line))
    assert "answer:aside" in end.state["trace"], end.state["trace"]


def test_a_question_about_the_worry_is_not_an_aside(catalog):
    scenario = catalog.get("lateral-move").scenario
    line = "What's worrying you most about the settlement times if I go?"
    _, end = respond(scenario, "realistic", DialogueState(patience=5, learner_turns=3), Detection(line))
    assert "answer:aside" not in end.state["trace"], end.state["trace"]
