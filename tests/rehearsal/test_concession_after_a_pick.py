"""A counterpart that picks one of the learner's options agrees to that one (coherence sets 48 to 57: "If I have to
pick, the website rebuild waits until April." and then, in the same breath, "…the Monday pack moves to Aisha")."""

from __future__ import annotations

import re

from coach.core.detection import Detection, Hit
from coach.rehearsal.dialogue.policy import respond
from coach.rehearsal.dialogue.state import DialogueState


def _ready(scenario) -> DialogueState:
    """A conversation where everything the counterpart needs for a yes has been said, clearly and twice."""
    gates = scenario.counterpart.concession
    moves = [*gates.requires, *gates.supporting]
    return DialogueState(patience=5, learner_turns=5, openness=5, shown=moves, confidence=dict.fromkeys(moves, 0.99),
                         plainly=dict.fromkeys(moves, 0.99), times=dict.fromkeys(moves, 2),
                         raised=[o.id for o in scenario.counterpart.objections],
                         answered=[o.id for o in scenario.counterpart.objections])


def _choose(catalog, scenario_id: str, line: str) -> tuple[str, list[str]]:
    scenario = catalog.get(scenario_id).scenario
    ask = Detection(line, moves=(Hit("collaborative-options", 0, len(line), line),),
                    confidence={"collaborative-options": 0.99})
    _, end = respond(scenario, "realistic", _ready(scenario), ask)
    return " ".join(end.state["last_reply"]), end.state["trace"]


def test_the_agreement_after_a_pick_leaves_out_the_option_passed_over(catalog):
    reply, trace = _choose(catalog, "workload-boundary", "Two ways to do it: Aisha takes the Monday pack after a two-week "
                                                         "handover, or the website rebuild waits until April. Which would "
                                                         "suit you better?")
    assert "answer:choice" in trace and "concession" in trace, trace
    picked_rebuild = "rebuild waits until April" in reply
    agreement = reply[reply.index("April" if picked_rebuild else "handover"):]
    passed_over = r"\b(?:Aisha|Monday)\b" if picked_rebuild else r"\b(?:rebuild|website|April)\b"
    assert not re.search(passed_over, agreement.split(".", 1)[1]), reply


def test_a_pick_between_days_agrees_to_those_days(catalog):
    reply, trace = _choose(catalog, "flexible-work-trial", "For the home days, which would you rather: Tuesdays and "
                                                           "Thursdays, or Wednesdays and Fridays?")
    assert "answer:choice" in trace and "concession" in trace, trace
    first = "Tuesdays and Thursdays" in reply
    assert not re.search(r"Wednesday|Friday" if first else r"Tuesday|Thursday", reply.split(".", 1)[1]), reply
