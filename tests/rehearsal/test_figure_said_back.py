"""The figure an agreement writes down is the one still on the table (read coherence set 92: "Then £41,000, … I won't
go under £41,000" was agreed as £42,000; an ask with no figure emptied the one remembered, and the agreement then
wrote the course price, £1,800, down as the salary)."""

from __future__ import annotations

from coach.core.detection import Detection, Hit
from coach.rehearsal.dialogue.memory import remember
from coach.rehearsal.dialogue.policy import Reply
from coach.rehearsal.dialogue.state import DialogueState


def _heard(catalog, lines: list[tuple[str, bool]]) -> list[str]:
    """Remember each line in turn (True: the model read it as the ask) and return the figures kept."""
    scenario = catalog.get("raise-during-budget-freeze").scenario
    state = DialogueState(patience=5)
    for text, ask in lines:
        hits = (Hit("specific-ask", 0, len(text), text),) if ask else ()
        detection = Detection(text, moves=hits, confidence={"specific-ask": 0.99} if ask else {})
        r = Reply(scenario, "realistic", state, detection, seed=0)
        remember(r)
        state = r.state
    return state.facts.get("figures", [])


def test_a_counter_offer_the_model_did_not_read_as_an_ask_revises_the_figure(catalog):
    figures = _heard(catalog, [("My ask: a letter that my salary moves to £42,000 from 1 October.", True),
                               ("£42,000 is too heavy for him? Then £41,000, from September. Not lower.", False)])
    assert figures[0] == "£41,000"


def test_evidence_in_a_later_line_does_not_revise_the_figure(catalog):
    figures = _heard(catalog, [("My ask: a letter that my salary moves to £42,000 from 1 October.", True),
                               ("Okay, and finance values the waste saving at about £58,000 a year.", False)])
    assert figures[0] == "£42,000"


def test_an_ask_with_no_figure_keeps_the_one_asked_for(catalog):
    figures = _heard(catalog, [("My ask: a letter that my salary moves to £42,500 when the freeze lifts.", True),
                               ("Then let us make it a trigger, not a promise: it applies from 1 October.", True)])
    assert figures[0] == "£42,500"
