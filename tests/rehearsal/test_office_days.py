"""A day said as one in the building is not the day asked for at home (read coherence sets 122-174: "…two days a
week, starting Tuesday 5 January, and Mondays I stay in the building for the network review" was agreed as "a pilot
on Mondays")."""

from __future__ import annotations

import pytest

from coach.rehearsal.dialogue.facts import terms_in


@pytest.mark.parametrize(("line", "days"), [
    ("Two home days, Tuesdays and Thursdays. Mondays in the building for the network review.", ["Tuesdays and Thursdays"]),
    ("Home on Wednesdays and Fridays, and in the office on Mondays for the review.", ["Wednesdays and Fridays"]),
    ("Mondays I stay in the building, and I'd work from home on Thursdays.", ["Thursdays"]),
    ("Could we try it after Christmas then? Say Mondays and Fridays.", ["Mondays and Fridays"]),
])
def test_days_in_the_building_are_not_asked_for(line, days):
    assert [d for d in terms_in(line).days if "days a week" not in d] == days
