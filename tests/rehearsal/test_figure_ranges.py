"""A range of figures is one term (coherence set 42): evidence quoted as "£41,000 to £44,000" is said back whole, and
the single figure said beside it is the one asked for; "from £36,800 to £41,000" is a change, not a range."""

from __future__ import annotations

import pytest

from coach.core.detection import Detection, Hit
from coach.rehearsal.dialogue.facts import terms_in
from coach.rehearsal.dialogue.policy import respond
from coach.rehearsal.dialogue.state import DialogueState


@pytest.mark.parametrize(("line", "figures"), [
    ("Adverts round here run £38,000 to £40,000, so £39,500 is hardly greedy.", ["£39,500", "£38,000 to £40,000"]),
    ("most sites pay 30-32k for the role", ["30-32k"]),
    ("we're doing between 50 and 55 hours most weeks", ["between 50 and 55 hours"]),
    ("I'm asking for £30k-£32k.", ["£30k-£32k"]),
    ("I'd like to go from £36,800 to £41,000.", ["£41,000", "£36,800"]),
    ("I want £41,000 from October.", ["£41,000"]),
])
def test_a_range_is_one_term_after_the_figure_beside_it(line, figures):
    assert terms_in(line).figures == figures


def test_evidence_quoted_as_a_range_is_said_back_whole(catalog, move_model_alone):
    scenario = catalog.get("raise-during-budget-freeze").scenario
    line = "The three adverts I found for planners locally run £38,000 to £40,000."
    detection = Detection(line, moves=(Hit("impact-evidence", 0, len(line), line),), confidence={"impact-evidence": 0.97})
    said_back = 0
    for seed in range(8):
        text, end = respond(scenario, "realistic", DialogueState(patience=5, learner_turns=2), detection, seed=seed)
        if "reaction:impact-evidence" in end.state["trace"] and "£" in text:
            assert "£38,000 to £40,000" in text, text
            said_back += 1
    assert said_back


@pytest.mark.parametrize("line, figures", [
    ("Market: 3 planner ads within 20 miles this month at £41.5k, £42k and £44k. I'm on £36.8k.",
     ["£41.5k to £44k"]),  # listed together: their span (below)
    ("I earn £31,000 and I'm asking for £34,000.", ["£34,000"]),
    ("My salary is £29k.", []),
    ("I'm on 45 hours a week and I want it back to 40.", ["45 hours"]),  # hours are not pay
])
def test_the_pay_they_are_on_now_is_not_a_figure_they_put_forward(line, figures):
    """Coherence set 50: "I'm on £36.8k" was said back as the figure asked for ("So, £36.8k.")."""
    assert terms_in(line).figures == figures


@pytest.mark.parametrize("line, figures", [
    ("Market: 3 planner ads within 20 miles this month at £41.5k, £42k & £44k. I'm on £36.8k.", ["£41.5k to £44k"]),
    ("Adverts are £41,000, £42,500 and £44,000, so I'm asking for £42,000.", ["£42,000", "£41,000 to £44,000"]),
    ("It's £41,000 or £42,000.", ["£41,000", "£42,000"]),
])
def test_three_figures_listed_together_are_said_back_as_their_span(line, figures):
    """Coherence set 50: "…£41.5k, £42k & £44k" was said back as "So, £41.5k."."""
    assert terms_in(line).figures == figures


def test_a_full_stop_after_a_figure_ends_it():
    """Coherence set 59: "…between £41,000 and £44,000. My proposition…" was said back as "between £41,000 and
    £44,000. M" (the M of "My" read as millions)."""
    from coach.rehearsal.dialogue.facts import terms_in

    terms = terms_in("Planners here are paid between £41,000 and £44,000. My proposition: £41,000 in a letter.")
    assert terms.ranges == ["between £41,000 and £44,000"]
    assert terms_in("It came to £44,000. Mostly overtime.").figures == ["£44,000"]
    assert terms_in("a £2m contract and £41.5k for me").figures == ["£2m", "£41.5k"]
