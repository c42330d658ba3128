"""A figure the learner gives up in the line that names it ("£42k's off, then. What about £40k from October?") is
not one of their terms: the counterpart says back the figure put in its place (read coherence sets 60-139: "£42k,
noted" after "£42k's aff, then")."""

from __future__ import annotations

import pytest

from coach.rehearsal.dialogue.facts import terms_in


@pytest.mark.parametrize("line, kept, dropped", [
    ("£42k's off, then. What about £40k from October?", "£40k", "£42k"),
    ("Richt, £42k's aff, then. Fit aboot £40,000 fae October?", "£40,000", "£42k"),
    ("So £41,500 is out. £40,000 in writing from October payroll?", "£40,000", "£41,500"),
    ("Forget the £42k. Could we do £40,500 from October?", "£40,500", "£42k"),
    ("Scrap the £2,000 award; the course at £1,800 instead.", "£1,800", "£2,000"),
])
def test_a_figure_given_up_is_not_a_term(line, kept, dropped):
    figures = terms_in(line).figures
    assert kept in figures and dropped not in figures, figures


@pytest.mark.parametrize("line, figure", [
    ("I want £42k, and the old letter is out of date.", "£42k"),
    ("The £42,000 request is off to finance today, then?", "£42,000"),
    ("I asked for £42k in June and I still want £42k.", "£42k"),
])
def test_a_figure_still_wanted_stays(line, figure):
    assert figure in terms_in(line).figures
