"""A question is answered for what it asks: its shape ("what worries you…", "who signs…", "what would they need to
see…") names the topic before anything it mentions (the board, the budget), the last of two questions in one
sentence is the one left hanging, and "Is everything OK?" is a question, not a tag."""

from __future__ import annotations

import pytest

from coach.core.detection import Detection
from coach.rehearsal.dialogue.hearing import hear
from coach.rehearsal.dialogue.policy import respond
from coach.rehearsal.dialogue.state import DialogueState


@pytest.mark.parametrize(("line", "topic"), [
    ("What's worrying you most here: the cost, or what the board will make of it?", "constraint"),
    ("Honestly, what's your biggest reservation about the committee signing it?", "constraint"),
    ("What would make this tough to sell to the directors?", "constraint"),
    ("What would the committee want to see from me before spring?", "help"),
    ("What else would you need from me to back it with the budget holders?", "help"),
    ("How do you choose who gets the overtime, is it you or HR?", "decision"),
    ("Who would need to sign this off on your side?", "decision"),
    ("Is everything OK?", "feelings"),
    ("What's up with you lately? You've seemed flat.", "feelings"),
    ("Is anything wrong? You seem quiet.", "feelings"),
    ("The budget's frozen, I know, but when could we look at it again?", "timing"),
])
def test_a_question_is_heard_for_what_it_asks(line, topic):
    question = hear(line).question
    assert question is not None and question.topic == topic, question


def test_a_worry_question_gets_a_worry_not_who_decides(catalog):
    scenario = catalog.get("hand-off-responsibility").scenario
    state = DialogueState(patience=5, learner_turns=3, shown=["specific-ask"])
    text, end = respond(scenario, "realistic", state,
                        Detection("What's your main worry with the plan: the parents, or what governors will think?"))
    trace = end.state["trace"]
    assert any(k in ("answer:constraint", "reveal", "reaction:explores-constraints") for k in trace), (trace, text)
    assert "answer:decision" not in trace
