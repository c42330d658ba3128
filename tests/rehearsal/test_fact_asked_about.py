"""A question about their side that asks about something the counterpart knows but has not said (a hidden
constraint) gets that fact, not a stock answer that shares less with the question (read coherence sets 60-138: "how
do people get into the December round?" answered "The partner panel decides…" while the counterpart knows the round
needs a written plan on file by 31 October)."""

from __future__ import annotations

import pytest

from coach.core.detection import Detection, Hit
from coach.rehearsal.dialogue.policy import respond
from coach.rehearsal.dialogue.state import DialogueState


def _asked(text: str) -> Detection:
    return Detection(text, moves=(Hit("explores-constraints", 0, len(text), text),),
                     confidence={"explores-constraints": 0.99})


CASES = [
    ("promotion-follow-up", "How do people actually get into the December round, and does it need anything on file "
     "from my director?", ("31 October", "development plan")),
    ("raise-during-budget-freeze", "Does the freeze cover one-off awards and the training budget as well, or are those "
     "separate?", ("recognition budget", "training budget")),
]


@pytest.mark.parametrize("scenario_id, question, told", CASES)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_fact_asked_about_is_told(catalog, scenario_id, question, told, seed):
    scenario = catalog.get(scenario_id).scenario
    state = DialogueState(patience=5, learner_turns=2, openness=2, said=["Thanks for making the time."])
    _, end = respond(scenario, "realistic", state, _asked(question), seed=seed)
    reply = " ".join(end.state["last_reply"])
    assert any(words in reply for words in told), reply


def test_a_fact_already_told_is_not_told_again(catalog):
    scenario = catalog.get("promotion-follow-up").scenario
    question = "How do people actually get into the December round, and does it need anything on file from my director?"
    state = DialogueState(patience=5, learner_turns=2, openness=2, said=["Thanks."], revealed=[1])
    _, end = respond(scenario, "realistic", state, _asked(question))
    assert "31 October" not in " ".join(end.state["last_reply"])


def test_a_month_is_not_someone_else_but_a_pronoun_of_the_other_kind_is():
    from coach.rehearsal.dialogue.voice import can_voice, pronoun_of

    plan = "The December round needs a plan on file by 31 October. She has not written yours yet."
    assert can_voice(plan, "Helen Okafor", "she")
    assert not can_voice("Sam is early-career; his mentor says he is stretched.", "Ruth Adebayo", "she")
    assert can_voice("Raj has already asked her whether you would be interested.", "Siobhan Kelly", "she")
    assert pronoun_of(["She wants a clear path.", "Her director told her."]) == "she"


def test_a_note_to_the_player_is_not_said(catalog):
    from coach.rehearsal.dialogue.answering import _UNSAID

    fact = "He told the MD it would be 'done by spring', so he could move it to April, though he won't volunteer that."
    assert _UNSAID.sub("", fact).endswith("move it to April.")


def test_verbs_that_share_the_i_agree_with_it():
    from coach.rehearsal.dialogue.voice import first_person

    said = first_person("He is sleeping five hours a night, has started to dread his shifts, and has looked at agency "
                        "work.", "Kwame Mensah")
    assert said == "I am sleeping five hours a night, have started to dread my shifts, and have looked at agency work."
