"""Asking for a word or for leave to ask ("got a minute?", "can I ask you something?") gets a yes and the floor:
no question of the counterpart's own stacked after "go ahead", and no "thanks" as if tea had been offered."""

from __future__ import annotations

import pytest

from coach.core.detection import Detection
from coach.rehearsal.dialogue.policy import respond
from coach.rehearsal.dialogue.state import DialogueState


def reply_to(catalog, line: str, scenario_id: str = "workload-boundary") -> list[str]:
    scenario = catalog.get(scenario_id).scenario
    _, end = respond(scenario, "realistic", DialogueState(patience=5), Detection(line))
    return end.state["trace"]


@pytest.mark.parametrize("line", ["Have you got a minute?", "hiya, got 5 mins?", "Can I ask you something?",
                                  "Mind if I ask you a question?", "Is now a good time?", "Is it convenient time now?",
                                  "Do you have some minutes for me?", "I want to talk about my rota, can?"])
def test_asking_for_a_word_gets_go_ahead_and_the_floor(catalog, line):
    assert reply_to(catalog, line) == ["answer:go-ahead"]


@pytest.mark.parametrize("line", ["Could we talk again another time, if you've got a spare minute?",
                                  "We will see how it goes and talk again after some weeks, okay?",
                                  "Got a minute? I'm drowning here, honestly."])
def test_a_word_asked_for_later_or_with_more_said_is_met_as_more(catalog, line):
    assert reply_to(catalog, line) != ["answer:go-ahead"]


@pytest.mark.parametrize("line", ["Sorry, I know it's busy, I just wanted to maybe have a quick word, if that's okay?",
                                  "Um, I just sort of wanted a bit of a catch-up really, if that's alright?"])
def test_a_word_wished_for_gets_go_ahead_and_no_question_of_ours(catalog, line):
    trace = reply_to(catalog, line)
    assert "answer:go-ahead" in trace
    assert not any(k.startswith(("ask:", "press:", "raise:")) for k in trace), trace


def test_a_word_asked_for_another_day_is_a_meeting_not_go_ahead(catalog):
    trace = reply_to(catalog, "Have you a minute on Thursday to go through the handover list with me?")
    assert "answer:meet" in trace and "answer:go-ahead" not in trace, trace


@pytest.mark.parametrize("line", ["Morning! You around for a bit? It's about my hours.",
                                  "Before you dash off, would now work for a quick one about the rota?"])
def test_a_first_line_asking_if_they_can_talk_gets_go_ahead_however_it_is_put(catalog, line):
    """Nothing proposed yet, nothing to give a verdict on: the stock "it depends what you put in front of me" read
    as an answer to "got twenty minutes?" (read coherence sets)."""
    assert reply_to(catalog, line) == ["answer:go-ahead"]


@pytest.mark.parametrize("line", ["Fancy a cuppa before we start?", "Is the heating broken again in here?",
                                  "How was your weekend?"])
def test_a_first_offer_or_small_talk_question_gets_its_own_answer(catalog, line):
    assert "answer:go-ahead" not in reply_to(catalog, line)
