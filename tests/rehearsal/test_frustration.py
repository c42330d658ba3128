"""To a manager, one sharp line is frustration until a second sign says attack (read coherence sets 122-181: "OTIF 91
to 96. Waste down fifty-eight grand. Your numbers, not mine." got "Talking like that makes it harder for me to help",
and "You backed me for the team leader job and I'm grateful" got "Taking it out on me won't help"). The second
signs: the edge kept up, a threat to leave or an ultimatum, blame as a habit ("you always…"). An employee called in
still bristles at a manager's blunt line, but one such line costs what an edge costs."""

from __future__ import annotations

import pytest

from coach.core.detection import Detection, Hit
from coach.rehearsal.dialogue.policy import respond
from coach.rehearsal.dialogue.state import DialogueState


def _sharp(text: str, *moves: str) -> Detection:
    confidence = {"aggression": 0.99, **{m: 0.9 for m in moves}}
    return Detection(text, moves=tuple(Hit(m, 0, len(text), text) for m in moves),
                     flags=(Hit("aggression", 0, len(text), text),), confidence=confidence)


def _respond(catalog, scenario_id: str, detection: Detection, **state) -> tuple[str, DialogueState]:
    scenario = catalog.get(scenario_id).scenario
    text, end = respond(scenario, "realistic", DialogueState(patience=6, learner_turns=2, **state), detection)
    return text, DialogueState.model_validate(end.state)


@pytest.mark.parametrize("line", [
    "Don't tell me about the freeze. I know about the freeze.",
    "tbh im gonna be blunt the freeze is a joke when ur doing 2 jobs",
])
def test_a_first_sharp_line_is_heard_as_frustration(catalog, line):
    text, after = _respond(catalog, "raise-during-budget-freeze", _sharp(line))
    assert after.trace[0] == "frustration" and "aggression" not in after.trace, (after.trace, text)
    assert not after.aggravated and after.patience >= 5, after


def test_a_point_made_with_an_edge_is_answered_as_a_point(catalog):
    line = "OTIF 91 to 96. Waste down fifty-eight grand. Your numbers, not mine."
    text, after = _respond(catalog, "raise-during-budget-freeze", _sharp(line, "impact-evidence"))
    assert "aggression" not in after.trace and "frustration" not in after.trace, (after.trace, text)
    assert "impact-evidence" in after.shown, after.shown


def test_the_edge_kept_up_is_an_attack(catalog):
    line = "Don't tell me about the freeze. I know about the freeze."
    text, after = _respond(catalog, "raise-during-budget-freeze", _sharp(line), edges=1)
    assert after.trace[0] == "aggression" and after.aggravated, (after.trace, text)


@pytest.mark.parametrize("line", [
    "A recruiter's been ringing me about a manager job, just so you know.",  # a threat to leave
    "You always say that when someone wants something.",  # blame as a habit
    "Are you even listening to me?",
    "Sign it this week or else.",
])
def test_a_second_sign_makes_the_first_line_an_attack(catalog, line):
    text, after = _respond(catalog, "raise-during-budget-freeze", _sharp(line))
    assert after.trace[0] == "aggression" and after.aggravated, (after.trace, text)


def test_no_yes_in_the_breath_of_a_sharp_line(catalog):
    scenario = catalog.get("promotion-after-win").scenario
    concession, objections = scenario.counterpart.concession, [o.id for o in scenario.counterpart.objections]
    moves = [*concession.requires, *concession.supporting]  # every gate met, with room to spare
    ready = DialogueState(patience=9, openness=9, learner_turns=5, shown=moves, raised=objections,
                          answered=objections, confidence={m: 0.99 for m in moves})
    _, end = respond(scenario, "gentle", ready, _sharp("Don't tell me about budget. Everyone says budget."))
    assert not end.agreed and "frustration" in end.state["trace"], end.state["trace"]
    _, end = respond(scenario, "gentle", ready, Detection("Thanks for hearing me out."))
    assert end.agreed, "the same state, with a civil line, gets the yes"


def test_an_employee_bristles_but_a_first_blunt_line_costs_only_an_edge(catalog):
    line = "You are coming late, paperwork is not getting done, training is pending. Everybody is noticing it."
    text, after = _respond(catalog, "compassionate-performance-conversation", _sharp(line))
    assert after.trace[0] == "aggression", (after.trace, text)  # "That's not fair. I've given this ward four years."
    assert not after.aggravated and after.patience >= 5, after
