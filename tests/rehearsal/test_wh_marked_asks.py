"""A question word and a question mark ask about their side, though the question reader heard no question (read
coherence sets 122-171: "Why is freeze for everybody, even people doing two jobs?" and "Who says no?" were met as
statements); not one the learner answers at once, nor "where were we?"."""

from __future__ import annotations

import pytest

from coach.rehearsal.dialogue.hearing import hear


@pytest.mark.parametrize("line", [
    "Why is freeze for everybody, even people doing two jobs?",
    "Aye but what's actually stopping it like. Who says no?",
    "I work very hard whole busy season, three listed company. Why they say no?",
])
def test_heard_as_a_question(line):
    assert hear(line).question is not None


@pytest.mark.parametrize("line", [
    "Who picks up at ten past six? Me. I'm up anyway, always have been.",
    "Who'd pick up the early stuff? I mean I could do it from yam, I'm up anyway.",
    "Sorry, my bleep. Where were we? Oh yes, the journey!",
    "What if we tried two days a week from January?",
])
def test_not_a_question_about_their_side(line):
    q = hear(line).question
    assert q is None or q.request or q.topic not in ("constraint", "decision", "help", "feelings")
