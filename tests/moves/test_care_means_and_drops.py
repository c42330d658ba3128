"""Two warning signs said without the usual words: medication gathered over time, and standing too close at a drop
(care set 35: both missed, in learner English). A pause for the first person; none for a fetched prescription or
someone else on the platform."""

from __future__ import annotations

import pytest

from coach.moves.care import explicit_acute


@pytest.mark.parametrize("line", [
    "Is ok. I am collecting my sleeping tablets since two months, now I have enough.",
    "I've been saving my pills for weeks.",
    "Last week I stand on the train platform very long time, too close, and I think it is easy.",
    "I stood on the bridge last night, too close to the railing.",
])
def test_a_warning_sign_is_heard(line):
    assert explicit_acute(line)


@pytest.mark.parametrize("line", [
    "I am collecting the tablets from the pharmacy for my mum.",
    "I was waiting on the platform and a kid stood too close.",
    "The van was parked too close to the edge of the loading bay.",
    "I have been saving for months for a holiday.",
])
def test_ordinary_lines_are_not(line):
    assert not explicit_acute(line)
