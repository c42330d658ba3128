"""An ask heard only faintly (just under "said plainly"), whose options the counterpart has already picked, left a
stalemate: nothing more was asked for and no yes could come (the synthetic strong learner on workload-boundary, with
move-model round 55: its ask read at 0.73). Once everything else is on the table, the terms are asked for once, in one
line, right after a line that adds to the case; never as the learner wraps up."""

from __future__ import annotations

from coach.core.detection import Detection, Hit
from coach.rehearsal.dialogue.lines import general
from coach.rehearsal.dialogue.policy import respond
from coach.rehearsal.dialogue.state import DialogueState


def _state(scenario) -> DialogueState:
    concession, objections = scenario.counterpart.concession, [o.id for o in scenario.counterpart.objections]
    moves = [*concession.requires, *concession.supporting]
    confidence = {m: 0.99 for m in moves} | {"specific-ask": 0.73}  # everything shown; the ask only faintly
    return DialogueState(patience=9, openness=9, learner_turns=5, shown=moves, raised=objections, answered=objections,
                         confidence=confidence, plainly=dict(confidence), facts={"chosen": ["pause the website"]})


def _line(text: str, *moves: str) -> Detection:
    return Detection(text, moves=tuple(Hit(m, 0, len(text), text) for m in moves), confidence={m: 0.9 for m in moves})


def test_a_faint_ask_is_asked_for_once_after_a_line_that_adds_to_the_case(catalog):
    scenario = catalog.get("workload-boundary").scenario
    line = _line("We'd judge it on my hours and on Harlow going out on time, checked at the end of February.",
                 "success-metrics")
    text, end = respond(scenario, "realistic", _state(scenario), line)
    assert not end.agreed, text
    assert any(confirm in text for confirm in general()["confirm_ask"]), text
    _, again = respond(scenario, "realistic", DialogueState.model_validate(end.state), line)
    assert not any(confirm in again.state["last_reply"][-1] for confirm in general()["confirm_ask"]), "asked once"


def test_never_as_they_wrap_up(catalog):
    scenario = catalog.get("workload-boundary").scenario
    line = _line("Cheers Rob, I'll write it up and send it over tonight.", "next-steps")
    text, _ = respond(scenario, "realistic", _state(scenario), line)
    assert not any(confirm in text for confirm in general()["confirm_ask"]), text
