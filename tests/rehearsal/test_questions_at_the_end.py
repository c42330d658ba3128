"""A question is answered even where the conversation ends: out of turns, the counterpart answers "who signs it off?"
before "I've got to go", and a closing reply hands no floor back ("Go on.") (read coherence sets 122-149: 28 questions
went unanswered under the time-out close). A question the cues turned down but the asking reader is very sure of,
with a topic the question reader names, is heard ("What I'd really like to know is…")."""

from __future__ import annotations

import pytest

from coach.core.detection import Detection
from coach.rehearsal.dialogue.hearing import hear
from coach.rehearsal.dialogue.policy import respond
from coach.rehearsal.dialogue.state import DialogueState


def _last_turn(catalog, scenario_id: str, line: str, seed: int) -> tuple[list[str], str]:
    scenario = catalog.get(scenario_id).scenario
    turns = scenario.level("realistic").max_turns
    state = DialogueState(patience=9, learner_turns=turns - 1)
    text, end = respond(scenario, "realistic", state, Detection(line), seed=seed)
    return end.state["trace"], text


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("scenario_id, line", [
    ("workload-boundary", "Before you go, who actually signs off a change like this, you or the MD?"),
    ("raise-during-budget-freeze", "One last thing, when will you know about the budget for next year?"),
])
def test_a_question_gets_its_answer_before_the_time_out(catalog, scenario_id, line, seed):
    trace, text = _last_turn(catalog, scenario_id, line, seed)
    assert trace[-1] == "close:time", trace
    assert any(k.startswith(("answer:", "deflect", "reveal")) for k in trace[:-1]), (trace, text)


@pytest.mark.parametrize("seed", range(4))
def test_a_closing_reply_hands_no_floor_back(catalog, seed):
    trace, text = _last_turn(catalog, "workload-boundary", "Random one, did you catch the match on Saturday?", seed)
    assert trace[-1] == "close:time", trace
    assert "Go on." not in text and "Carry on." not in text, text


def test_a_question_the_cues_turned_down_is_heard_when_the_readers_agree():
    q = hear("What I'd really like to know is what the panel thought was missing, that's all.").question
    assert q is not None and q.topic == "decision"


@pytest.mark.parametrize("line", [
    "Who even reads those reports? Nobody, that's who.",
    "I ran the migration in March and it went well, the client said so in writing.",
])
def test_rhetoric_and_statements_stay_unheard(line):
    assert hear(line).question is None, line
