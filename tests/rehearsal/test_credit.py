"""Credit for a move needs the move made beyond doubt (credit.py): a move the model only just read, or read clearly
but not surely, is heard (not asked for again, and it still answers an objection or gets ahead of one) but gets no
praise, no accepted line and no nod."""

from __future__ import annotations

import pytest

from coach.core.detection import Detection, Hit
from coach.rehearsal.dialogue.policy import respond
from coach.rehearsal.dialogue.state import DialogueState

LINE = "Well, I was thinking we might look at things a bit differently from 6 January."


def heard(move: str, confidence: float) -> Detection:
    return Detection(LINE, moves=(Hit(move, 0, len(LINE), LINE),), confidence={move: confidence})


@pytest.mark.parametrize(("confidence", "credited"), [(0.58, False), (0.97, True)])
def test_praise_needs_the_move_clearly_made(catalog, move_model_alone, confidence, credited):
    scenario = catalog.get("workload-boundary").scenario
    move = next(m for m in scenario.offline.reactions if m not in ("explores-constraints", "invites-perspective"))
    state = DialogueState(patience=5, learner_turns=2)
    _, end = respond(scenario, "realistic", state, heard(move, confidence))
    trace = end.state["trace"]
    assert (f"reaction:{move}" in trace) is credited, trace
    assert not any(k == f"ask:{move}" for k in trace)  # heard all the same: never asked for next
    if not credited:
        assert trace[0] == "acknowledge"


def test_a_half_heard_answer_settles_the_objection_without_praise(catalog, move_model_alone):
    scenario = catalog.get("hand-off-responsibility").scenario
    objection = scenario.counterpart.objections[0]
    state = DialogueState(patience=5, learner_turns=2, shown=["specific-ask"], raised=[objection.id])
    _, end = respond(scenario, "realistic", state, heard(objection.answered_by[0], 0.6))
    assert objection.id in end.state["answered"]
    assert not any(k.startswith(("accepted:", "reaction:")) for k in end.state["trace"]), end.state["trace"]
    _, end = respond(scenario, "realistic", state, heard(objection.answered_by[0], 0.95))
    assert end.state["trace"][0] == f"accepted:{objection.id}"


def test_a_worry_got_ahead_of_with_a_half_heard_move_is_let_go_without_a_nod(catalog):
    scenario = catalog.get("flexible-work-trial").scenario
    first, second = scenario.counterpart.objections[:2]
    move = next(m for m in second.answered_by if m not in first.answered_by)
    answer = next(m for m in first.answered_by if m not in second.answered_by)
    for confidence, nod in ((0.62, False), (0.96, True)):
        state = DialogueState(patience=5, learner_turns=2, shown=["specific-ask", move], raised=[first.id],
                              confidence={move: confidence, "specific-ask": 0.99})
        _, end = respond(scenario, "realistic", state, heard(answer, 0.95))
        trace = end.state["trace"]
        assert second.id in end.state["pre_empted"] and f"raise:{second.id}" not in trace  # never asked again
        assert (f"pre_empted:{second.id}" in trace) is nod, trace


def test_praise_waits_for_a_move_made_beyond_doubt(catalog):
    scenario = catalog.get("workload-boundary").scenario
    move = next(m for m in scenario.offline.reactions if m not in ("explores-constraints", "invites-perspective"))
    trace = respond(scenario, "realistic", DialogueState(patience=5, learner_turns=2), heard(move, 0.8))[1].state["trace"]
    assert f"reaction:{move}" not in trace and trace[0] == "acknowledge"  # clear (it counts), but not sure enough to praise


def test_a_question_about_how_the_decision_is_made_does_not_answer_a_worry(catalog):
    scenario = catalog.get("promotion-after-win").scenario
    objection = next(o for o in scenario.counterpart.objections if "explores-constraints" in o.answered_by)
    line = "Who actually decides in March, you or the calibration panel?"
    asked = Detection(line, moves=(Hit("explores-constraints", 0, len(line), line),),
                      confidence={"explores-constraints": 0.97})
    state = DialogueState(patience=5, learner_turns=3, shown=["specific-ask"], raised=[objection.id])
    _, end = respond(scenario, "realistic", state, asked)
    assert objection.id not in end.state["answered"] and f"accepted:{objection.id}" not in end.state["trace"]
    assert any(k.startswith("answer:") for k in end.state["trace"]), end.state["trace"]  # the question is answered


def test_a_hedged_ask_is_heard_but_opens_no_gate(catalog):
    from coach.rehearsal.dialogue.objections import conditions_met

    scenario = catalog.get("lateral-move").scenario
    concession = scenario.counterpart.concession
    moves = [*concession.requires, *concession.supporting]
    objections = [o.id for o in scenario.counterpart.objections]
    state = DialogueState(patience=9, openness=9, shown=moves, raised=objections, answered=objections,
                          confidence={m: 0.99 for m in moves}, plainly={m: 0.99 for m in concession.supporting})
    assert not conditions_met(scenario, "gentle", state)  # the ask came only wrapped in "I think… maybe"
    state.plainly.update({m: 0.8 for m in concession.requires})
    assert conditions_met(scenario, "gentle", state)


def test_a_backchannel_does_not_hand_back_the_floor_before_our_own_question():
    from coach.rehearsal.dialogue.wording import yielding

    assert yielding("Mm. Go on.", "How will I know I'm doing enough?") == "Mm."
    assert yielding("Fine. What else?", "Who covers the early re-plan?") == "Fine."
    assert yielding("Keep going.", "Okay, so who signs it?") == "Right."
    assert yielding("52 hours, noted.", "What would you drop?") == "52 hours, noted."


@pytest.mark.parametrize("question", [
    "Can I ask first, is it true the promotion budget has been cut this year?",
    "kindly tell me who actually signs this off",
])
def test_a_question_about_their_side_is_answered_not_praised_as_an_ask(catalog, question):
    # The model can hear an ask in a polite question; the reply answers it instead of "that's a clear ask".
    scenario = catalog.get("promotion-after-win").scenario
    state = DialogueState(patience=5, learner_turns=2)
    detection = Detection(question, moves=(Hit("specific-ask", 0, len(question), question),),
                          confidence={"specific-ask": 0.97})
    _, end = respond(scenario, "realistic", state, detection)
    trace = end.state["trace"]
    assert "reaction:specific-ask" not in trace, trace
    assert any(k.startswith("answer:") for k in trace), trace


def test_an_ask_beside_a_question_about_them_is_still_praised(catalog):
    line = "I'd like the senior title from April. Can I ask, is it true the budget has been cut?"
    ask = "I'd like the senior title from April."
    scenario = catalog.get("promotion-after-win").scenario
    detection = Detection(line, moves=(Hit("specific-ask", 0, len(ask), ask),), confidence={"specific-ask": 0.97})
    _, end = respond(scenario, "realistic", DialogueState(patience=5, learner_turns=2), detection)
    assert "reaction:specific-ask" in end.state["trace"], end.state["trace"]


WORRY_SAID_BACK = [
    "I know the timing is terrible for you: 340 open files, forty-one days to settle, and I carry most of the large "
    "losses.",
    "I know the timing's rough: 340 open files and I carry the large losses. What worries you most about me going?",
]


@pytest.mark.parametrize("line", WORRY_SAID_BACK)
def test_the_worry_said_back_or_asked_about_does_not_answer_it(catalog, line):
    """Naming the counterpart's worry in its own words shows it was heard; it is not the plan the worry asks for
    ("That's a proper plan for the files" had answered a line that only counted the files)."""
    scenario = catalog.get("lateral-move").scenario
    objection = next(o for o in scenario.counterpart.objections if "explores-constraints" not in o.answered_by)
    said = Detection(line, moves=(Hit("explores-constraints", 0, len(line), line),),
                     confidence={"explores-constraints": 0.99})
    state = DialogueState(patience=5, learner_turns=2, shown=["specific-ask"], raised=[objection.id])
    _, end = respond(scenario, "realistic", state, said)
    assert objection.id not in end.state["answered"] and f"accepted:{objection.id}" not in end.state["trace"]


def test_the_worry_taken_on_in_its_own_words_answers_it(catalog):
    scenario = catalog.get("lateral-move").scenario
    objection = next(o for o in scenario.counterpart.objections if "explores-constraints" not in o.answered_by)
    line = "I know it's 340 open files and forty-one days to settle, so I'll settle or hand over my large losses first."
    said = Detection(line, moves=(Hit("explores-constraints", 0, len(line), line),),
                     confidence={"explores-constraints": 0.99})
    state = DialogueState(patience=5, learner_turns=2, shown=["specific-ask"], raised=[objection.id])
    _, end = respond(scenario, "realistic", state, said)
    assert objection.id in end.state["answered"], end.state["trace"]


def test_the_worry_taken_on_with_no_move_heard_still_answers_it(catalog):
    """"On home days the early re-plan is mine, phone on from 5:30": the model may hear no move in it, but it takes
    the worry on in its own words, and "You've still not told me who picks up the phone" would not be listening."""
    scenario = catalog.get("flexible-work-trial").scenario
    objection = scenario.counterpart.objections[0]
    line = "On my home days I'll own the early re-plan, logged on from 5:30 with the desk phone diverted to me."
    state = DialogueState(patience=5, learner_turns=2, shown=["specific-ask"], raised=[objection.id])
    _, end = respond(scenario, "realistic", state, Detection(line))
    assert objection.id in end.state["answered"], end.state["trace"]


@pytest.mark.parametrize(("line", "praised"), [
    ("I'd love a go at the underwriting secondment, if you'd sign me off for it.", False),
    ("Could something come off my plate?", False),
    ("I'm asking for the nine-month underwriting secondment from April, with your signature by 14 March.", True),
])
def test_an_ask_is_called_clear_only_when_it_carries_its_terms(catalog, line, praised):
    """"That's a clear ask, I can say yes or no to that" is said of an ask with a day, date, length or figure in it;
    one without is heard and counted (never asked for again), but not praised as clear."""
    scenario = catalog.get("lateral-move").scenario
    ask = Detection(line, moves=(Hit("specific-ask", 0, len(line), line),), confidence={"specific-ask": 0.99})
    _, end = respond(scenario, "realistic", DialogueState(patience=5, learner_turns=2), ask)
    trace = end.state["trace"]
    assert ("reaction:specific-ask" in trace) is praised, trace
    assert "specific-ask" in end.state["shown"] and "ask:specific-ask" not in trace
