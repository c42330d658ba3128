"""A question put as a request for information, with no question mark, is heard (read coherence sets 60-108:
"Kindly advise me how the management is seeing this issue" went unanswered)."""

from __future__ import annotations

import pytest

from coach.rehearsal.dialogue.hearing import hear


@pytest.mark.parametrize(("line", "topic"), [
    ("Kindly advise me how the management is seeing this issue", "decision"),
    ("I have one doubt, kindly tell me how this calibration is happening and who is deciding", "decision"),
    ("Any gaps are there means please tell, I will work on it.", "help"),
    ("an I wis wondering when does du think da freeze will lift", "timing"),
])
def test_a_request_for_information_is_a_question(line, topic):
    q = hear(line).question
    assert q is not None and q.topic == topic


@pytest.mark.parametrize("line", [
    "I'll tell you when I've got the figures.",
    "Kindly note that I have done 52 hours every week.",
    "Please let me know if you need anything else.",
])
def test_a_statement_with_the_same_words_is_not(line):
    assert hear(line).question is None


def test_a_request_is_not_taken_for_a_favour():
    """"Kindly tell me what can be done about my pay" got "I can do that, yes" when it was taken for a favour."""
    q = hear("Sir, kindly tell me what can be done about my pay even with this freeze")
    assert q.question is None or q.question.topic != "favour"


@pytest.mark.parametrize("line", [
    "Biko, kindly tell me which ones exactly the panel meant",
    "I want that you explain me why panel say no. In email is written only one sentence.",
    "Kindly tell me the real reasons the panel gave, beyond 'not yet demonstrating the full range'.",
    "I was requesting, kindly explain to me what is this full range of manager competencies they are meaning",
])
def test_a_request_about_the_reason_is_a_question_about_the_reason(line):
    from coach.rehearsal.dialogue.answering import _asks_the_reason

    q = hear(line).question
    assert q is not None and _asks_the_reason(q)


@pytest.mark.parametrize("line", [
    "Could you let me know which parts of the assessment I fell short on, in your view?",
    "Would you tell me who it is that signs these off in the end?",
    "can u let me know how the rota gets decided for next term",
])
def test_asked_to_be_told_something_in_particular_is_no_favour(line):
    """Read coherence sets 137-158: "Could you let me know which competencies the panel had in mind?" was taken for
    a favour and met with "I can do that, yes", and then nothing."""
    q = hear(line).question
    assert q is not None and q.topic != "favour", q


@pytest.mark.parametrize("line", ["Can you let me know by Wednesday?", "Have a think and let me know? No rush."])
def test_asked_to_be_told_later_is_a_favour(line):
    q = hear(line).question
    assert q is not None and q.topic == "favour", q


@pytest.mark.parametrize("line", [
    "Kindly let me know which one you think can go to her",
    "could you tell me which of them you'd hand over first",
])
def test_asked_to_be_told_which_with_nothing_listed_is_no_choice(line):
    """Read coherence set 162: "Kindly let me know which one you think can go to her", with nothing listed, was
    answered "Probably the first, if I have to pick"."""
    q = hear(line).question
    assert q is not None and q.topic not in ("choice", "favour"), q
