"""Back on a safety problem, a question about it inside a longer line is answered as a question, not thanked
(coherence set 142: "…Oh and them yard lights, did anyone ring the electrician, cos it was still dark" -> "Good,
that's the right call. Keep me posted on it.")."""

from __future__ import annotations

import pytest

from coach.core.detection import Detection
from coach.rehearsal.dialogue.hazards import asks_about
from coach.rehearsal.dialogue.policy import respond
from coach.rehearsal.dialogue.state import DialogueState

INSIDE = ("Fine, I'll write something up with the numbers. Oh and them yard lights, did anyone ring the electrician, "
          "cos it was still dark as anything down there this morning")


@pytest.mark.parametrize("line, asks", [
    (INSIDE, True),
    ("Those boxes are still there, has anyone told facilities", True),
    ("I have told facilities, they have been up.", False),
    ("I moved the cable, and you said to log it.", False),
])
def test_a_question_begun_inside_the_line(line, asks):
    assert asks_about(line) == asks


@pytest.mark.parametrize("seed", range(4))
def test_it_gets_an_answer_about_it(catalog, seed):
    scenario = catalog.get("flexible-work-trial").scenario
    state = DialogueState(patience=5, learner_turns=2, shown=["impact-evidence"])
    report = "Before we start, half the yard lights are out by the bays and the lorries are reversing in the dark."
    _, end = respond(scenario, "realistic", state, Detection(report), seed=seed)
    assert end.state["trace"][0] == "hazard"
    _, end = respond(scenario, "realistic", DialogueState(**end.state), Detection(INSIDE), seed=seed)
    assert end.state["trace"][0] == "answer:hazard", end.state["trace"]
