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
    # care set 36's misses (session 32)
    "some mornings on the M62 i think about steering into the barrier on purpose",
    "I've been reading a lot about, um, how people do it. Methods. Just reading.",
    "The desk would run smoother without me, everyone would be better off.",
    "the team would be better off with someone who isn't a weight round everyone's neck",
    "cos i dont want to go home till hes asleep its safer that way",
])
def test_a_warning_sign_is_heard(line):
    assert explicit_acute(line)


@pytest.mark.parametrize("line", [
    "I am collecting the tablets from the pharmacy for my mum.",
    "I was waiting on the platform and a kid stood too close.",
    "The van was parked too close to the edge of the loading bay.",
    "I have been saving for months for a holiday.",
    "I was reading about how people do it in other depots, the rota thing.",
    "The team would be better off with a second planner.",
    "I steered the van into the bay.",
    "I dont want to go home till the match is over.",
])
def test_ordinary_lines_are_not(line):
    assert not explicit_acute(line)
