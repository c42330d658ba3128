"""How long someone has been somewhere is not the length asked for, and a deadline said in other words is the
deadline (coherence set 138: "she's two years in" agreed as "two years in underwriting"; "Deadline for signature is 14
February" said back as "my signature by 1 April")."""

from __future__ import annotations

import pytest

from coach.rehearsal.dialogue.facts import terms_in


@pytest.mark.parametrize("line", [
    "I'd hand the rest to Amira in stages; she's two years in and she's asked to learn large losses.",
    "Amira has two years experience and wants the large losses.",
    "She has been here three years, so she knows the files.",
    "He has been on the desk for four years.",
    "I have worked here for six years.",
])
def test_time_in_post_is_not_a_length_asked_for(line):
    assert terms_in(line).durations == []


@pytest.mark.parametrize("line, length", [
    ("Nine months in underwriting, from the April intake.", "Nine months"),
    ("I would like nine months in, then a review.", "nine months"),
    ("I have been doing the early re-plan for two years, so a 12-week trial from home?", "12-week trial"),
    ("I have been thinking: three months, then review.", "three months"),
])
def test_a_length_asked_for_stays(line, length):
    assert length in terms_in(line).durations


@pytest.mark.parametrize("line", [
    "Sign my nomination for the secondment, nine months, intake 1 April. Deadline for signature is 14 February.",
    "Nine months from 1 April. Signature deadline: 14 February.",
    "Nine months from 1 April; the cut-off is 14 February.",
])
def test_a_deadline_in_other_words_is_the_deadline(line):
    assert terms_in(line).deadlines == ["14 February"]
