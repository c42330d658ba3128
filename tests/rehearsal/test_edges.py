"""A counterpart who notices an edge: a line close to aggression after another one is met as an attack, nobody
says yes to a line that attacks them, and after an edge a yes needs a fuller case. Confidences here are on the
detector's scale, where SHOWN (0.5) is the cut-off."""

from __future__ import annotations

from coach.core.detection import EDGE, SHOWN, Detection, Hit
from coach.rehearsal.dialogue.objections import conditions_met
from coach.rehearsal.dialogue.policy import respond
from coach.rehearsal.dialogue.state import DialogueState

EDGY = {"aggression": (EDGE + SHOWN) / 2}  # close to the cut-off, not over it


def ready_state(scenario, **changes) -> DialogueState:
    """Every gate met, with room to spare: the next turn could win the concession."""
    concession = scenario.counterpart.concession
    objections = [o.id for o in scenario.counterpart.objections]
    moves = [*concession.requires, *concession.supporting]
    state = DialogueState(patience=9, openness=9, learner_turns=5, shown=moves, raised=objections,
                          answered=objections, confidence={m: 0.99 for m in moves})
    return state.model_copy(update=changes)


def test_one_edgy_line_is_heard_as_an_edge_and_the_second_as_an_attack(catalog):
    scenario = catalog.get("promotion-after-win").scenario
    state = DialogueState(patience=9)
    _, end = respond(scenario, "realistic", state, Detection("Whatever you say.", confidence=EDGY))
    first = DialogueState.model_validate(end.state)
    assert first.edges == 1 and not first.aggravated
    _, end = respond(scenario, "realistic", first, Detection("Sure, because that worked so well.", confidence=EDGY))
    second = DialogueState.model_validate(end.state)
    assert second.edges == 2 and second.aggravated


def test_nobody_says_yes_to_a_line_that_attacks_them(catalog):
    scenario = catalog.get("promotion-after-win").scenario
    line = "Just sign it, or I walk."
    attack = Detection(line, flags=(Hit("aggression", 0, len(line), line),), confidence={"aggression": 0.9})
    _, end = respond(scenario, "gentle", ready_state(scenario), attack)
    assert not end.agreed
    _, end = respond(scenario, "gentle", ready_state(scenario), Detection("Thanks for hearing me out."))
    assert end.agreed, "the same state, with a civil line, gets the yes"


def test_after_an_edge_a_yes_needs_one_more_point(catalog):
    scenario = catalog.get("promotion-after-win").scenario
    concession, level = scenario.counterpart.concession, scenario.level("gentle")
    just_enough = [*concession.requires, *concession.supporting[: level.evidence_needed]]
    state = ready_state(scenario, shown=just_enough)
    assert conditions_met(scenario, "gentle", state)
    assert not conditions_met(scenario, "gentle", state.model_copy(update={"edges": 1}))


def test_banter_said_with_a_laugh_is_not_an_attack_unless_the_model_is_sure(catalog):
    scenario = catalog.get("raise-during-budget-freeze").scenario
    line = "You're Palace, aren't you? Rough weekend for you lot haha"
    jibe = Detection(line, flags=(Hit("aggression", 0, len(line), line),), confidence={"aggression": 0.7})
    text, end = respond(scenario, "realistic", DialogueState(patience=9), jibe)
    after = DialogueState.model_validate(end.state)
    assert after.patience == 9 and not after.aggravated and "aggression" not in end.state["trace"], text
    sure = Detection(line, flags=jibe.flags, confidence={"aggression": 0.99})
    # (after an earlier edge: a first sharp line to a manager is heard as frustration, see test_frustration.py)
    _, end = respond(scenario, "realistic", DialogueState(patience=9, edges=1), sure)
    assert DialogueState.model_validate(end.state).aggravated, "a laugh does not excuse a line the model is sure of"


def test_asking_how_they_really_are_is_not_an_attack_unless_the_model_is_sure(catalog):
    scenario = catalog.get("compassionate-performance-conversation").scenario
    line = "Your turn now. How are you really doing? Not the polite answer."
    asked = Detection(line, flags=(Hit("aggression", 0, len(line), line),), confidence={"aggression": 0.7})
    text, end = respond(scenario, "realistic", DialogueState(patience=9), asked)
    trace = end.state["trace"]  # answered, or (asked too plainly for this character) deflected: never a telling-off
    assert "aggression" not in trace and any(k.startswith(("answer:", "deflect")) for k in trace), (trace, text)


def test_a_question_about_their_worry_gets_the_worry_not_a_yes_over_it(catalog):
    scenario = catalog.get("workload-boundary").scenario
    text, end = respond(scenario, "realistic", ready_state(scenario), Detection("What would worry you most about it?"))
    assert not end.agreed and any(k.startswith(("answer:", "reveal", "deflect")) for k in end.state["trace"]), text
    text, end = respond(scenario, "realistic", ready_state(scenario), Detection("So, can we go with that?"))
    assert end.agreed, text  # the same case, asked for plainly, gets the yes


def test_an_apology_that_repeats_the_remark_is_not_a_second_attack(catalog):
    """"I'm sorry I called your plan a joke" repeats the words it owns up to: it gets warmth, not "keep it
    professional", even when the model is sure of the words; "sorry, but…" owns nothing."""
    scenario = catalog.get("raise-during-budget-freeze").scenario
    for line in ("I'm sorry I called your plan a joke earlier, that was out of order.",
                 "That was out of line of me, calling the rota pathetic. I was frustrated."):
        owned = Detection(line, flags=(Hit("aggression", 0, len(line), line),), confidence={"aggression": 0.99})
        text, end = respond(scenario, "realistic", DialogueState(patience=9), owned)
        after = DialogueState.model_validate(end.state)
        assert not after.aggravated and "aggression" not in end.state["trace"], text
    line = "Sorry, but your plan is a joke."
    attack = Detection(line, flags=(Hit("aggression", 0, len(line), line),), confidence={"aggression": 0.99})
    _, end = respond(scenario, "realistic", DialogueState(patience=9, edges=1), attack)  # the edge kept up
    assert DialogueState.model_validate(end.state).aggravated
