"""A date is said back with the learner's own sense of it: "until April" is not "from April", "from 1 April" is not
"by 1 April", and "from now to November" runs until November (read coherence sets 122-171: "Could the website wait
until April?" got "Okay, so from April. That's a clear ask.")."""

from __future__ import annotations

import pytest

from coach.rehearsal.dialogue.lines import fill
from coach.rehearsal.dialogue.wording import with_its_word


@pytest.mark.parametrize(("line", "date"), [
    ("Okay, so from {date}. That's a clear ask.", "until April"),
    ("So, nine months in underwriting and my signature by {date}.", "from 1 April"),
    ("From {date}? That's a clear request.", "before December"),
])
def test_a_date_turned_round_is_not_said(line, date):
    assert fill(line, {"date": date}) is None


def test_a_date_in_the_same_sense_is_said():
    assert fill("Okay, so from {date}.", {"date": "from April"}) == "Okay, so from April."


def test_from_now_to_a_month_runs_until_it():
    said = ["I'd like to lead one client day to day from now to November, as the main contact."]
    assert with_its_word("November", said) == "until November"
