"""A safety problem is heard by its shape: a damaged or unsafe thing people use or pass, a person at risk of harm,
or danger named outright; not the same words in a plan, a feeling, a deadline or a complaint about office kit."""

from __future__ import annotations

import re

import pytest

from coach.core.detection import Detection
from coach.rehearsal.dialogue.hazards import describes_hazard
from coach.rehearsal.dialogue.policy import respond
from coach.rehearsal.dialogue.state import DialogueState


@pytest.mark.parametrize("line", [
    "The chainsaw's chain guard is split right across.",  # damaged safety part
    "there's a frayed flex on the microwave in the break room",
    "The loading ramp is icy again and the gritting hasn't happened.",  # an unsafe surface
    "Somebody's wedged the stairwell door open with a fire extinguisher.",  # an exit held open
    "The pallet truck's brakes don't work at all now.",  # safety kit that does not work
    "The bath hoist has a bent locking pin.",
    "The scissor lift on site has no guard rail on one side.",  # safety kit missing
    "One of the shelving units in archive is coming away from the wall.",
    "The nursery gate latch doesn't catch, a toddler could wander out onto the road.",  # a person at risk
    "a resident nearly slid off the commode yesterday because the brake's gone",
    "Before someone gets electrocuted: the socket behind the till is melted.",
])
def test_a_hazard_said_in_plain_words_is_heard(line):
    assert describes_hazard(line)


@pytest.mark.parametrize("line", [
    "The forecast is broken down by region.",
    "I was hit with three new accounts in a week.",
    "We slipped on the Q3 dates but caught up.",
    "I was a bit crushed by the panel's answer, honestly.",
    "The vending machine ate my coin again.",
    "That would set a dangerous precedent on the desk, I know.",
    "Can the next steps go in the email?",
    "There's no early cover on Fridays if I'm home.",
    "I handle the bodily injury claims over £40k.",
    "We'll hit the launch date if the website waits.",
    "Honestly, the hours I'm doing aren't safe any more.",  # a workload, not a thing people use
    "The drive in winter is genuinely dangerous.",
])
def test_the_same_words_in_a_plan_a_feeling_or_a_deadline_are_not_a_hazard(line):
    assert not describes_hazard(line)



@pytest.mark.parametrize(("line", "fire"), [
    ("Can you smell that? Something's burning. I think it's the fan heater under your desk.", True),
    ("I can smell burning from the server cupboard.", True),
    ("There's a burning smell coming off the charger in bay two.", True),
    ("I'm burning the candle at both ends with the night course.", False),
    ("We're burning through the rebuild budget faster than planned.", False),
])
def test_a_fire_said_plainly_is_heard(line, fire):
    """Not "That's fair. You'll have it from me in writing." to "something's burning"."""
    assert describes_hazard(line) is fire

def test_a_hazard_gets_a_human_reply_before_anything_else(catalog):
    scenario = catalog.get("lateral-move").scenario
    state = DialogueState(patience=5, learner_turns=2, shown=["specific-ask"], raised=[scenario.counterpart.objections[0].id])
    line = "Sorry, first: the archive ladder has a cracked step and people are still climbing it."
    text, end = respond(scenario, "realistic", state, Detection(line))
    trace = end.state["trace"]
    assert trace[0] == "hazard" and not any(k.startswith(("press:", "ask:", "raise:")) for k in trace), text


def test_nobody_says_yes_in_the_breath_that_says_stop(catalog):
    scenario = catalog.get("promotion-after-win").scenario
    concession = scenario.counterpart.concession
    objections = [o.id for o in scenario.counterpart.objections]
    moves = [*concession.requires, *concession.supporting]
    state = DialogueState(patience=9, openness=9, learner_turns=5, shown=moves, raised=objections, answered=objections,
                          confidence={m: 0.99 for m in moves})
    _, end = respond(scenario, "realistic", state, Detection("Oh, and the fire door by the lab is wedged open again."))
    assert not end.agreed and end.state["trace"][0] == "hazard"
    state.conceded = True  # after the handshake: the hazard first, then the goodbye
    _, end = respond(scenario, "realistic", state, Detection("Before I go, the fire door by the lab is wedged open again."))
    assert end.state["trace"][0] == "hazard" and end.closed


@pytest.mark.parametrize(("line", "hazard"), [
    ("Is the barrier on the staff car park still broken? I was stuck there for ages.", False),  # a wait, not a danger
    ("The roller shutter on dock 2 drops on its own halfway down.", True),  # the same kind of thing, falling
])
def test_a_gate_that_only_does_not_work_is_a_nuisance(line, hazard):
    assert describes_hazard(line) is hazard


@pytest.mark.parametrize("line", [
    "one of the porters nearly got his sleeve caught in the laundry mangle on friday",  # a person, a body part caught
    "The yard's unlit and the tractors are backing out in the pitch dark at six.",  # vehicles moving in the dark
    "If nobody fixes that hoist someone's going to get squashed.",
])
def test_harm_in_other_words_is_heard(line):
    assert describes_hazard(line)


def test_coming_back_to_a_reported_hazard_is_still_safety_first(catalog):
    """The learner who reported a danger and later asks for it to be seen to is answered on it, not past it."""
    scenario = catalog.get("workload-boundary").scenario
    state = DialogueState(patience=5, learner_turns=2)
    _, end = respond(scenario, "realistic", state, Detection("The stepladder in the print room has a snapped rung."))
    assert end.state["trace"][0] == "hazard"
    state = DialogueState.model_validate(end.state)
    _, end = respond(scenario, "realistic", state, Detection("Can you get facilities to replace that stepladder today?"))
    assert end.state["trace"][0] in ("hazard", "answer:hazard")
    # the same words about something else are not a follow-up
    _, end = respond(scenario, "realistic", state, Detection("Can you check the print room rota for next week?"))
    assert end.state["trace"][0] not in ("hazard", "answer:hazard")


def test_the_trained_reader_is_bundled_and_hears_what_the_shapes_miss():
    """The hazard reader trained on data/hazards ships beside the move model and reads a line on its own."""
    from coach.moves.model import HAZARD_MODEL_PATH, shared_hazard_model

    assert HAZARD_MODEL_PATH.is_file() and HAZARD_MODEL_PATH.stat().st_size < 6_000_000  # with its feature keys
    model = shared_hazard_model()
    assert model is not None and list(model.labels) == ["hazard"]
    assert describes_hazard("The extractor over the fryers packed in and the kitchen's full of fumes, two of the "
                            "commis were light-headed by nine.")
    for line in ("I'd like to talk about the on-call rota and my pay band.", "The printer on floor two is jammed again.",
                 "This deadline is killing me, honestly."):
        assert not describes_hazard(line), line


def _after_a_report(catalog, report: str, then: list[str], scenario_id: str = "workload-boundary"):
    """The counterpart's trace for each line said after a hazard report, in one conversation."""
    scenario = catalog.get(scenario_id).scenario
    state = DialogueState(patience=5, learner_turns=2, shown=["impact-evidence"])
    _, end = respond(scenario, "realistic", state, Detection(report))
    assert end.state["trace"][0] == "hazard"
    traces = []
    for line in then:
        text, end = respond(scenario, "realistic", DialogueState(**end.state), Detection(line))
        traces.append((end.state["trace"], text))
    return traces


def test_what_was_done_about_it_is_thanked_and_the_conversation_goes_on(catalog):
    [(trace, text)] = _after_a_report(catalog, "wait theres smoke coming off the extension lead under the desk",
                                      ["ive pulled it out at the wall. someone needs to bin it before its used again"])
    assert trace[0] == "hazard" and len(trace) > 1, text  # thanks first, then back to the conversation


def test_asking_later_whether_it_was_sorted_gets_an_answer_about_it(catalog):
    traces = _after_a_report(catalog, "sorry, there's an oxygen cylinder stood loose by the door, it keeps tipping",
                             ["Anyway, I've been doing 52 hours a week since October.",
                              "did the oxygen get sorted btw, i didnt see anyone from estates come up"])
    assert traces[0][0][0] != "hazard"  # back to the conversation: not about the cylinder
    assert traces[1][0][0] == "answer:hazard", traces[1][1]


def test_a_question_about_the_ask_right_after_a_report_is_not_about_the_hazard(catalog):
    [(trace, text)] = _after_a_report(catalog, "wait theres smoke coming off the extension lead under the desk",
                                      ["So what do you actually need from me to agree it? Just tell me and I'll do it."])
    assert "hazard" not in trace and "answer:hazard" not in trace, text


@pytest.mark.parametrize("then", [
    "Switch it off at the socket and don't let anyone use it. I'll phone maintenance now.",
    "Could you call the site manager first? I'll hang on.",
    "ok keep everyone back from it, i'll get security up here",
    "Can somebody from the office go and pull it out now? I'd rather not leave it.",
])
def test_what_to_do_about_it_right_after_the_report_is_about_the_hazard(catalog, then):
    [(trace, text)] = _after_a_report(catalog, "hang on, the extension reel by the photocopier is scorched and buzzing",
                                      [then])
    assert trace[0] in ("hazard", "answer:hazard"), text


@pytest.mark.parametrize("later", [
    "Has anyone come back to you about that reel yet?",
    "I'm not comfortable carrying on until that extension reel's been dealt with.",
    "Sorry, is someone looking at those reels?",
    "That reel by the copier, I'll tell site safety myself if nobody's been by noon.",
])
def test_pointing_back_at_the_hazard_later_is_answered_about_it(catalog, later):
    traces = _after_a_report(catalog, "hang on, the extension reel by the photocopier is scorched and buzzing",
                             ["Anyway, I've been doing 52 hours a week since October.", later])
    assert traces[1][0][0] in ("hazard", "answer:hazard"), traces[1][1]


@pytest.mark.parametrize("later", ["Can you tell me how the rota gets decided?",
                                   "What would that mean for the team?"])
def test_other_questions_later_are_not_about_the_hazard(catalog, later):
    traces = _after_a_report(catalog, "hang on, the extension reel by the photocopier is scorched and buzzing",
                             ["Anyway, I've been doing 52 hours a week since October.", later])
    assert traces[1][0][0] not in ("hazard", "answer:hazard"), traces[1][1]


def test_being_shut_in_with_no_way_out_is_a_hazard_but_a_meeting_is_not():
    assert describes_hazard("In the chiller room the inside handle's snapped, so if the door swings to nobody can get out.")
    assert not describes_hazard("Can you let me out of the Friday stand-up this week?")


@pytest.mark.parametrize(("report", "follow_up", "just_reported"), [
    ("The railing on the fire escape stairs is hanging off, someone will go over it.",
     "I've put a cone by it and told Dave the caretaker, but it needs taping off properly.", True),
    ("The railing on the fire escape stairs is hanging off, someone will go over it.",
     "Could you send it to facilities? They listen to managers.", True),
    ("The railing by the loading bay is hanging off, and the drivers lean on it.",
     "Before I forget, that loading bay: will someone from estates look at it today?", False),
])
def test_what_is_done_about_a_reported_hazard_is_heard_as_about_it(report, follow_up, just_reported):
    from coach.rehearsal.dialogue.hazards import follows_up, hazard_words
    assert follows_up(follow_up, hazard_words(report), just_reported)
    assert not follows_up("Right, my workload. The Monday pack takes five hours.", hazard_words(report), False)


@pytest.mark.parametrize("later", [
    "Has anyone done anything about the kitchen? I'd rather not be the one who blew the place up.",
    "did anyone sort that hob thing because if it catches the whole floor goes",
])
def test_asking_after_a_hazard_by_its_place_or_with_no_mark_is_answered_about_it(catalog, later):
    traces = _after_a_report(catalog, "Someone's left the back ring of the gas hob in the kitchen on with no flame, you "
                             "can smell it from the lifts.", ["Anyway, I've been doing 52 hours a week since October.", later])
    assert traces[1][0][0] == "answer:hazard", traces[1][1]


def test_a_commute_spared_is_not_a_danger_here():
    assert not describes_hazard("From home I can take the 05:45 calls without driving in the dark.")
    assert not describes_hazard("Instead of driving in the dark on the A1, I'd log on at six.")
    assert describes_hazard("They're reversing the forklift in the dark, the yard lights are out.")


def test_a_danger_mentioned_in_passing_inside_a_long_ramble_is_still_heard():
    ramble = ("Anyway, what's up is, well, it's the drive, it's been eighty minutes each way since the spring, which "
              "adds up, and this morning the loading yard by the fuel bowser was sheet ice again, one of the temps went "
              "flat on his back, and nobody had gritted it")
    assert describes_hazard(ramble)


def test_a_hazard_answered_later_is_the_whole_reaction(catalog):
    """ "did anyone sort that lead out?" gets the answer about the lead, then the conversation: no remark about
    asides ("if that's a safety thing, tell someone now") or backchannel stitched between them."""
    traces = _after_a_report(catalog, "The extension lead in the kitchen is frayed right through to the copper.",
                             ["Anyway, I've been doing 52 hours a week since October.",
                              "did anyone sort that kitchen lead out by the way I nearly went over it with a coffee"])
    trace, text = traces[1]
    assert trace[0] == "answer:hazard", text
    assert not {"offtopic", "acknowledge", "warmth"} & set(trace), text


def test_a_question_about_something_else_right_after_a_report_is_no_follow_up():
    """Fresh set 65's raters: after a smoking heater in the car was reported and dealt with, "did you get the dog
    sorted in the end by the way was it the vets on tuesday" was answered "Leave it with me: I'll check it's been
    seen to today"."""
    from coach.rehearsal.dialogue.hazards import follows_up, hazard_words

    named = hazard_words("theres a burning smell in the car, smoke coming out of the heater vents")
    named += hazard_words("ok im at the services now, the heater has stopped smoking and the rac are on their way")
    assert not follows_up("did you get the dog sorted in the end by the way was it the vets on tuesday", named, True)
    assert follows_up("has anyone sorted it, the heater I mean?", named, True)
    assert follows_up("Is it possible you send it to facilities?", named, True)


def test_asking_them_to_switch_a_reported_hazard_off_later_is_done_not_ignored(catalog):
    """Fresh set 66's raters: "declan pls switch that heater off at the wall before we go any further, its properly
    smoking now", four turns after the heater was reported, got a question about the trial."""
    traces = _after_a_report(catalog, "wait, there's a burning smell, the heater under your desk has gone brown and it's smoking",
                             ["Anyway, I wanted to ask about working from home two days a week.",
                              "pls switch that heater off at the wall before we go any further, its properly smoking now"])
    assert traces[1][0][0] == "answer:hazard", traces[1][1]
    assert any(w in traces[1][1].lower() for w in ("deal with", "it's off", "sort that", "that's off", "done")), traces[1][1]


@pytest.mark.parametrize("line", [
    "Before I forget, them pallets are stacked right across the fire exit by the planning office again.",
    "Come in pet, sit down, mind that cable for the fan, it's trailing right across the floor and someone'll go flying.",
])
def test_something_in_the_way_is_cleared_not_taken_out_of_use(catalog, line):
    """Read coherence sets 60-103: 28 of 193 hazard replies told people not to use or touch pallets at a fire exit or
    a trailing lead ("nobody uses it until it's been looked at"). A broken thing still gets those lines."""
    from coach.rehearsal.dialogue.hazards import fitting_lines

    scenario = catalog.get("raise-during-budget-freeze").scenario
    for seed in range(6):
        text, end = respond(scenario, "realistic", DialogueState(patience=5, learner_turns=2), Detection(line), seed=seed)
        assert "hazard" in end.state["trace"] and not re.search(r"uses? it|out of use|touch it", text), text
    broken = fitting_lines("The guard on the slotter is cracked and it still runs.", ["Nobody uses it.", "Get it cleared."])
    assert broken == [["Nobody uses it."]]


def test_coming_back_later_to_say_what_is_being_done_is_a_follow_up(catalog):
    """Coherence set 105 (read): a pallet at the fire exit reported at the first line, then at the eighth "And that
    pallet, I'll get the yard lads to shift it…" got a new "get it taken out of use" instead of thanks."""
    scenario = catalog.get("raise-during-budget-freeze").scenario
    report = "Before we start, there's a pallet of board samples stacked right across the fire exit behind your office."
    _, end = respond(scenario, "realistic", DialogueState(patience=5), Detection(report))
    state = DialogueState.model_validate(end.state)
    state.learner_turns = 7
    later = "And that pallet, I'll get the yard lads to shift it off the fire exit straight after this and I'll log it."
    text, end = respond(scenario, "realistic", state, Detection(later))
    from coach.rehearsal.dialogue.lines import general

    thanks = general("employee")  # the learner is the employee here: the manager's own lines
    assert any(text.startswith(line.split("{")[0]) for line in thanks["hazard_follow_up"]), text
