"""A question the hand-written cues have no shape for (dialect, no mark, a statement's word order) is heard by the
asking reader (`hearing.asked_by_reader`), so it gets an answer instead of going by; statements, and a line whose
question mark the cues turned down as rhetorical, are not taken for one. Found on read coherence sets 60-108, where
most unanswered questions were never heard as questions at all."""

from __future__ import annotations

import pytest

from coach.rehearsal.dialogue.hearing import hear


@pytest.mark.parametrize("line", [
    "Wha wid ye say the director's maist worried aboot here",
    "Is possible I start the new role from March or not",
    "Could ye maybe let me know a bit more about what the panel were after",
    # written with the lines above, before the reader read any of them; a bag of words does not hear these yet
    pytest.param("Would yous be alright wi me going down to four days after the summer", marks=pytest.mark.xfail(strict=True)),
    pytest.param("So in your eyes which bit of the plan falls over first", marks=pytest.mark.xfail(strict=True)),
    pytest.param("After the freeze lifts the raise come automatic or I must ask again", marks=pytest.mark.xfail(strict=True)),
])
def test_a_question_without_a_shape_is_heard(line):
    assert hear(line).question is not None, line


@pytest.mark.parametrize("line", [
    "I ran the migration in March and it went well, the client said so in writing.",
    "Would have been nice to hear it from you first, that's all I'm saying.",
    "Honestly, I don't know how much longer I can keep doing both jobs.",
    "Morning Rob, ta for making the time.",
])
def test_a_statement_is_not_heard_as_a_question(line):
    assert hear(line).question is None, line
