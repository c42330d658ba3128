"""A question about what the people who decided meant, said or wanted ("which competencies did the panel mean?") is
answered with what is behind the decision, not how decisions are made; and a reply that has just told what is behind
it does not then add "That's a panel matter, and not one I'm able to go into" (read coherence sets 60-108)."""

from __future__ import annotations

import pytest

from coach.core.detection import Detection, Hit
from coach.rehearsal.dialogue.answering import _asks_the_reason
from coach.rehearsal.dialogue.hearing import hear
from coach.rehearsal.dialogue.policy import respond
from coach.rehearsal.dialogue.state import DialogueState

WHICH = "Can you explain me which competencies exactly the panel was discussing?"


@pytest.mark.parametrize("line", [
    WHICH,
    "Could you let me know which competencies the panel actually meant?",
    "What did they actually mean by 'full range of competencies'?",
    "What was the panel looking for that I didn't show?",
    "What exactly did the panel say about me?",
    "Why didn't I get it?",
])
def test_a_question_about_the_reason_is_heard(line):
    assert _asks_the_reason(hear(line).question)


@pytest.mark.parametrize("line", [
    "How does the panel decide?", "Who signs it off?", "Could you let me know by Friday?",
])
def test_a_question_about_the_process_is_not_about_the_reason(line):
    q = hear(line).question
    assert q is None or not _asks_the_reason(q)


def test_which_competencies_gets_what_the_panel_said(catalog):
    scenario = catalog.get("promotion-follow-up").scenario
    for seed in range(4):
        state = DialogueState(patience=4, learner_turns=1, openness=1, said=["I accept the decision."])
        _, end = respond(scenario, "realistic", state, Detection(WHICH), seed=seed)
        reply = " ".join(end.state["last_reply"])
        assert "client" in reply and "panel decides" not in reply.lower(), reply


def test_no_deflection_after_telling_what_is_behind_it(catalog):
    scenario = catalog.get("promotion-follow-up").scenario
    said = "It's not this round. The decision stands."
    for seed in range(4):
        ask = Detection(WHICH, moves=(Hit("recover-from-no", 0, len(WHICH), WHICH),),
                        confidence={"recover-from-no": 0.99})
        state = DialogueState(patience=4, learner_turns=1, openness=1, said=["Hi Helen."], raised=["decision-stands"],
                              last_reply=[said], lines=[said])
        _, end = respond(scenario, "tough", state, ask, seed=seed)
        reply = " ".join(end.state["last_reply"])
        assert "two points" in reply or "client ownership" in reply, reply
        assert "not one I'm able to go into" not in reply and "deflect" not in end.state["trace"], reply
