"""A length that says when a review falls is not the length of what is asked for (coherence set 39): "nine months
with a six-month review" is a nine-month secondment; the review's length still counts as proposed."""

from __future__ import annotations

import pytest

from coach.rehearsal.dialogue.facts import terms_in


@pytest.mark.parametrize(("line", "length", "review"), [
    ("Eight months on the project team, with a three-month review built in.", ["Eight months"], ["three-month review"]),
    ("A ten-week pilot, and we take stock after five weeks.", ["ten-week pilot"], ["five weeks"]),
    ("Let's check in after a fortnight and see.", [], ["a fortnight"]),
    ("Four days a week for twenty weeks.", ["twenty weeks"], []),
])
def test_a_review_point_is_kept_apart_from_the_length(line, length, review):
    terms = terms_in(line)
    assert [d.lower() for d in terms.durations] == [x.lower() for x in length]
    assert [d.lower() for d in terms.reviews] == [x.lower() for x in review]
    assert set(review) <= set(terms.all())
