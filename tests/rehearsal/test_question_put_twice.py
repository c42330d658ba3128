"""A turn that asks one thing twice over ("how do people get in? Is there a deadline, or is it the partners' say?")
is answered on the words of both questions: the last one alone ("a deadline or the partners?") shares nothing with
what the counterpart knows about getting in, and got the stock "the partner panel decides" (read coherence set 152)."""

from __future__ import annotations

import pytest

from coach.core.detection import Detection, Hit
from coach.rehearsal.dialogue.hearing import hear
from coach.rehearsal.dialogue.policy import respond
from coach.rehearsal.dialogue.state import DialogueState


def _asked(text: str) -> Detection:
    return Detection(text, moves=(Hit("explores-constraints", 0, len(text), text),),
                     confidence={"explores-constraints": 0.99})


TWICE = [
    "What would it take for me to be in the December round at all? Does somebody have to put something in, or do "
    "the partners just choose?",
    "how would someone like me end up in the december round. is there some cut-off i should know about",
]


@pytest.mark.parametrize("question", TWICE)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_answer_fits_every_question_of_the_turn(catalog, question, seed):
    scenario = catalog.get("promotion-follow-up").scenario
    state = DialogueState(patience=5, learner_turns=2, openness=2, said=["Thanks for making the time."])
    _, end = respond(scenario, "realistic", state, _asked(question), seed=seed)
    assert "31 October" in " ".join(end.state["last_reply"])


def test_the_other_questions_are_kept_with_the_one_answered():
    q = hear("Who signs it off? And when does the window close?").question
    assert q.text == "And when does the window close?"
    assert q.whole == "Who signs it off? And when does the window close?"
    assert hear("When does the window close?").question.whole == "When does the window close?"
