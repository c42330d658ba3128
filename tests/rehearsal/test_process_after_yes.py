"""After the yes, a question about how it is decided or by when still gets its answer, not just the goodbye (read
coherence sets 122-168: "How do people get into the December round, who nominates, and when is the deadline?" got
"Good. Put the review in both our diaries, please.")."""

from __future__ import annotations

import pytest

from coach.core.detection import Detection
from coach.rehearsal.dialogue.policy import respond
from coach.rehearsal.dialogue.state import DialogueState


def _after_yes(catalog, scenario_id: str, line: str, seed: int, revealed: list[int] | None = None):
    scenario = catalog.get(scenario_id).scenario
    state = DialogueState(patience=5, learner_turns=6, openness=5, conceded=True, revealed=revealed or [])
    _, end = respond(scenario, "realistic", state, Detection(line), seed=seed)
    return " ".join(end.state["last_reply"]), end.state["trace"]


@pytest.mark.parametrize("seed", range(4))
def test_a_fact_of_theirs_answers_how_and_when(catalog, seed):
    reply, trace = _after_yes(catalog, "promotion-follow-up",
                              "How do people actually get into the December round, and when is the deadline?", seed)
    assert "31 October" in reply and trace[-1] == "close", reply


@pytest.mark.parametrize("seed", range(4))
def test_a_date_given_before_is_said_again(catalog, seed):
    reply, _ = _after_yes(catalog, "promotion-follow-up", "Sorry, when is the cut-off for the December round?", seed,
                          revealed=[1])
    assert "31 October" in reply, reply


@pytest.mark.parametrize("seed", range(4))
def test_who_decides_and_a_date_not_to_hand(catalog, seed):
    reply, trace = _after_yes(catalog, "flexible-work-trial",
                              "Who else has to agree it, is it your call or does it go to Sandra, and by when?", seed)
    assert trace[:2] == ["answer:decision", "answer:timing"] and "Sandra" in reply, (trace, reply)


def test_a_time_to_meet_still_gets_the_close(catalog):
    _, trace = _after_yes(catalog, "flexible-work-trial", "When shall we meet again to review it?", 0)
    assert "answer:timing" not in trace


def test_when_inside_another_question_asks_no_date(catalog):
    _, trace = _after_yes(catalog, "promotion-after-win",
                          "What does the committee actually look at when they decide, and who speaks for me?", 0)
    assert "answer:timing" not in trace and "answer:decision" in trace
