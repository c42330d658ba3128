"""Asked to choose, the counterpart picks one option; when the learner then settles on the other, it notices the
change before going on (coherence set 133: the Peel interim picked, then "I run Harcourt day to day from
1 September" agreed to as if nothing had been picked)."""

from __future__ import annotations

import pytest

from coach.core.detection import Detection, Hit
from coach.rehearsal.dialogue.picks import words
from coach.rehearsal.dialogue.policy import respond
from coach.rehearsal.dialogue.state import DialogueState

CHOICES = [
    ("flexible-work-trial", "Which would you rather for the home days, Tuesdays and Thursdays or Wednesdays and Fridays?",
     ["Tuesdays and Thursdays", "Wednesdays and Fridays"]),
    ("promotion-follow-up", "Which client gives the panel better evidence, do you think: Harcourt's year-end or the Peel "
     "interim?", ["Harcourt's year-end", "the Peel interim"]),
    ("raise-during-budget-freeze", "For now, which would you rather put through: a one-off award for covering Gary's job, "
     "or the APICS planning course?", ["one-off award", "APICS planning course"]),
]


def _line(text: str, move: str | None = None) -> Detection:
    if move is None:
        return Detection(text)
    return Detection(text, moves=(Hit(move, 0, len(text), text),), confidence={move: 0.99})


def _pick(catalog, scenario_id: str, question: str, seed: int):
    scenario = catalog.get(scenario_id).scenario
    state = DialogueState(patience=5, learner_turns=2)
    _, end = respond(scenario, "realistic", state, _line(question, "collaborative-options"), seed=seed)
    return scenario, DialogueState(**end.state)


def _picked(state: DialogueState, options: list[str]) -> tuple[str, str]:
    chosen = words(state.facts["chosen"][0])
    mine = next(o for o in options if words(o) & chosen and not words(o) - chosen - {"gary"})
    return mine, next(o for o in options if o != mine)


@pytest.mark.parametrize("scenario_id, question, options", CHOICES)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_settling_on_the_option_passed_over_is_noticed(catalog, scenario_id, question, options, seed):
    scenario, state = _pick(catalog, scenario_id, question, seed)
    assert "answer:choice" in state.trace, state.trace
    _, other = _picked(state, options)
    _, end = respond(scenario, "realistic", state, _line(f"Okay, {other} it is then, from 12 January.", "specific-ask"),
                     seed=seed)
    assert end.state["trace"][0] == "noticed:switch", (end.state["trace"], end.state["last_reply"])
    assert "picked" in end.state["last_reply"][0] or "gone for" in end.state["last_reply"][0] or "I said" in \
        end.state["last_reply"][0]


@pytest.mark.parametrize("scenario_id, question, options", CHOICES)
def test_settling_on_the_pick_is_not_remarked_on(catalog, scenario_id, question, options):
    scenario, state = _pick(catalog, scenario_id, question, 0)
    mine, _ = _picked(state, options)
    _, end = respond(scenario, "realistic", state, _line(f"Okay, {mine} it is then, from 12 January.", "specific-ask"))
    assert "noticed:switch" not in end.state["trace"]


def test_an_option_only_mentioned_is_not_a_switch(catalog):
    """"…and Harlow's launch on track": an option's word in a sentence that settles nothing."""
    scenario_id, question, options = CHOICES[0]
    scenario, state = _pick(catalog, scenario_id, question, 0)
    _, other = _picked(state, options)
    text = f"The early re-plan would be covered from home. My sister does {other} at her place, funnily enough."
    _, end = respond(scenario, "realistic", state, _line(text))
    assert "noticed:switch" not in end.state["trace"]


def test_the_change_is_noticed_once(catalog):
    scenario_id, question, options = CHOICES[1]
    scenario, state = _pick(catalog, scenario_id, question, 0)
    _, other = _picked(state, options)
    line = f"Then {other} it is, from 1 September."
    _, end = respond(scenario, "realistic", state, _line(line, "specific-ask"))
    assert end.state["trace"][0] == "noticed:switch"
    _, again = respond(scenario, "realistic", DialogueState(**end.state),
                       _line(f"So {other}, then, with written feedback by 15 November.", "specific-ask"))
    assert "noticed:switch" not in again.state["trace"]


def test_the_pick_said_again_in_its_own_words_is_not_a_switch(catalog):
    """Coherence set 148: "one day a week is cleaner for your numbers, so let's go with that… so Amira isn't holding
    anything" after the pick "stays with you one day a week through April" (over "goes to Amira with me on call")."""
    scenario = catalog.get("lateral-move").scenario
    state = DialogueState(patience=5, learner_turns=5, facts={
        "chosen": ["stays with you one day a week through April"],
        "passed_over": ["goes to Amira with me on call"]})
    line = ("Thinking about it, one day a week is cleaner for your numbers, so let's go with that, and make the line "
            "£75k so Amira isn't holding anything she hasn't seen.")
    _, end = respond(scenario, "realistic", state, _line(line, "specific-ask"))
    assert "noticed:switch" not in end.state["trace"]
