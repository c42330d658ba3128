"""Terms heard as the learner meant them: a fallback is not the proposal, a second thing asked for does not replace
the first, and a day ruled out stays ruled out (coherence sets 26 and 28)."""

from __future__ import annotations

import pytest

from coach.rehearsal.dialogue.facts import same_order, terms_in
from coach.rehearsal.dialogue.memory import _headline_kept


@pytest.mark.parametrize(("line", "durations"), [
    ("If the numbers dip, I go back to four days in the office.", []),
    ("Should it slip, I'm back in five days, no argument.", []),
    ("A twelve-week pilot, and if it slips I'm back in the office full time.", ["twelve-week pilot"]),
])
def test_a_length_one_goes_back_to_is_the_fallback_not_the_proposal(line, durations):
    assert terms_in(line).durations == durations


@pytest.mark.parametrize(("a", "b", "revised"), [
    ("£40,500", "£41k", True),
    ("£45k", "£39,000", True),
    ("£40,500", "£1,500", False),  # an award beside a salary
    ("4%", "£2,000", False),  # another kind of figure
    ("38 hours", "45 hours", True),
])
def test_a_figure_revises_another_only_of_its_kind_and_order(a, b, revised):
    assert same_order(a, b) is revised


def test_a_second_thing_asked_for_keeps_the_first_figure_as_the_headline():
    assert _headline_kept(["£40,500"], ["£1,500"]) == ["£40,500", "£1,500"]
    assert _headline_kept(["£40,500"], ["£39,000"]) == ["£39,000"]
    assert _headline_kept([], ["£1,500"]) == ["£1,500"]


@pytest.mark.parametrize(("line", "days"), [
    ("Home on Wednesdays and Fridays, never Monday. Monday is the depot meeting.", ["Wednesdays and Fridays"]),
    ("Not Tuesdays; Tuesdays I cover the front desk. Thursdays would suit.", ["Thursdays"]),
    ("Two days from home each week, if that works.", ["Two days from home each week"]),
])
def test_a_day_ruled_out_stays_ruled_out(line, days):
    assert terms_in(line).days == days


@pytest.mark.parametrize("line, days", [
    ("A twelve-week trial o' twa days a week fae hame, starting Tuesday 13 January, and nae Mondays.", []),
    ("Any day bar Monday works for me.", []),
    ("Tuesdays and Thursdays, excluding Fridays.", ["Tuesdays and Thursdays"]),
    ("Wednesdays, except for Mondays.", ["Wednesdays"]),
    ("The bar on Fridays is closed anyway.", ["Fridays"]),
])
def test_a_day_ruled_out_in_other_words_is_not_put_forward(line, days):
    """Coherence set 56: "…and nae Mondays" got "So Mondays" and a pilot agreed on Mondays."""
    assert terms_in(line).days == days
