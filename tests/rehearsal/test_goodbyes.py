"""A learner who takes their leave gets a warm goodbye in character, not "keep going" or a new question, and the
session ends as ended early; goodbye words inside something else (time pressure, an opener, a question about
the weekend, a plain thank-you) end nothing."""

from __future__ import annotations

import re

import pytest

from coach.core.detection import Detection
from coach.core.events import ReplyDone
from coach.moves.detector import Detector
from coach.rehearsal.dialogue.leaving import meeting_time, takes_leave, takes_leave_by_rules
from coach.rehearsal.dialogue.policy import respond
from coach.rehearsal.dialogue.state import DialogueState
from coach.rehearsal.engines.offline import OfflineCounterpart
from coach.rehearsal.rehearsal import Rehearsal


@pytest.mark.parametrize("line", [
    "Sorry, I'm going to have to run, my lift's outside.",
    "OK, I think we'll leave it there for today.",
    "Right, I've taken enough of your time. I'll let you get on.",
    "Cheers then, speak soon.",
    "Fine. I'll mull it over and get back to you.",
    "Let's maybe pick this up again some time after Easter.",
    "I really need to dash, the school's just rung. Could we carry on with this tomorrow?",
    "OK, I'll sleep on it. Thanks, Jo.",
    "I think that's everything from my side, thanks for your time.",
    "Right, I'd better get back to the lab.",
])
def test_a_goodbye_is_heard(line):
    assert takes_leave(line)


@pytest.mark.parametrize("line", [
    "Before I have to go, can we agree the Tuesday?",
    pytest.param("Thanks, that's really helpful to know.", marks=pytest.mark.xfail(reason="leave-taking reader misread, listed in data/leaving/README.md", strict=False)),
    "Did you have a nice weekend in the end?",
    "I need to go through the numbers with finance first.",
    "I'll keep this short: I want the Leeds role.",
    "I'll get back to you with the costs by Wednesday.",
    "Either the rota changes or I have to leave, it's that simple.",
    "Good luck with the board, by the way. So, about my hours.",
    "Let me think. Probably the Tuesday, if I had to choose.",
    "I'll think about it, but I do need an answer on the rota this week.",
    "I'll stop there before I ramble: the ask is Fridays off.",
])
def test_goodbye_words_inside_something_else_end_nothing(line):
    assert not takes_leave(line)


def test_the_time_to_meet_again_is_kept_as_said():
    assert meeting_time("I've got to run. Can we finish on thursday at 10?") == "Thursday at 10"
    assert meeting_time("Got to go, bye!") == ""


def test_a_goodbye_gets_a_goodbye_and_no_new_question(catalog):
    scenario = catalog.get("raise-during-budget-freeze").scenario
    objection = scenario.counterpart.objections[0].id
    state = DialogueState(patience=4, learner_turns=3, shown=["impact-evidence"], raised=[objection])
    text, end = respond(scenario, "realistic", state, Detection("Anyway, I'd better head off. Speak soon."))
    assert end.closed and end.left and not end.agreed
    assert end.state["trace"] == ["farewell"] and "?" not in text, text


def test_a_time_to_meet_again_is_agreed_in_the_goodbye(catalog):
    scenario = catalog.get("lateral-move").scenario
    state = DialogueState(patience=4, learner_turns=2)
    text, end = respond(scenario, "realistic", state, Detection("Sorry, I have to run. Shall we pick it up Monday at 4?"))
    assert end.left and "Monday at 4" in text, text


@pytest.mark.parametrize(("scenario_id", "line", "when"), [
    ("flexible-work-trial", "Saved. Tuesdays from 5 January, week-6 review 12 February in your diary, I'll email the "
     "sheet over by 5pm. Thanks Declan.", "12 February"),
    ("compassionate-performance-conversation", "Ok, we talk again next Monday ok? Same time. Thank you Kwame.",
     "Next Monday"),
])
def test_a_next_meeting_put_as_they_go_is_said_back(catalog, scenario_id, line, when):
    """Coherence set 99 (read): the learner named the review as they left and got "It's not a no. Bring it back to
    me when you've had a think." A time at the start of a sentence is capitalised."""
    scenario = catalog.get(scenario_id).scenario
    text, end = respond(scenario, "realistic", DialogueState(patience=4, learner_turns=8), Detection(line))
    assert end.left and when in text and "not a no" not in text, text


def test_a_goodbye_at_the_first_line_is_nerves_not_an_ending(catalog):
    scenario = catalog.get("promotion-after-win").scenario
    _, end = respond(scenario, "realistic", DialogueState(patience=5), Detection("Sorry, maybe now's bad, we can talk another time?"))
    assert not end.closed


async def test_the_session_ends_early_when_the_learner_leaves(catalog, library):
    item = catalog.get("workload-boundary")
    r = Rehearsal.begin(item, "realistic", OfflineCounterpart(), Detector(library))
    for line in ["It's about how much is on my plate since Christmas.", "Look, I'll have a think and come back to you."]:
        async for event in r.send(line):
            if isinstance(event, ReplyDone):
                reply = event.turn
    assert r.ended and r.session.outcome == "ended-early"
    assert reply.state["trace"] == ["farewell"]



async def test_going_after_a_time_to_meet_was_agreed_is_seen_off_with_that_time(catalog, library):
    """Not "book another slot when you're ready" after "Thursday is fine": the time agreed is said back."""
    item = catalog.get("workload-boundary")
    r = Rehearsal.begin(item, "realistic", OfflineCounterpart(), Detector(library))
    lines = ["It's about how much is on my plate since Christmas.",
             "Could we sit down again on Thursday to go through it properly?", "Thanks Rob, I'll let you get on."]
    for line in lines:
        async for event in r.send(line):
            if isinstance(event, ReplyDone):
                reply = event.turn
    assert r.ended and reply.state["trace"] == ["farewell"]
    assert "Thursday" in reply.text and reply.state["meeting"] == "Thursday"

@pytest.mark.parametrize("line", [
    "Oh no, that's my pager, the ward wants me. I have to run. Same time Thursday and we finish this?",
    "Sorry, I have to go now, the lorry for Selby is waiting on its plan. We finish this Monday?",
])
def test_going_with_a_plainly_put_time_to_finish_is_a_goodbye(line):
    assert takes_leave(line)
    assert not takes_leave("I have to go now. Why did the panel say no?")


def test_leaving_at_half_is_going_but_a_regular_time_is_a_request():
    assert takes_leave("I'm sorry, I must leave at half, there's an alert on the refunds service. We continue Thursday?")
    assert not takes_leave("I need to leave at half four on Tuesdays for the nursery.")


def test_a_goodbye_in_patois_is_heard():
    assert takes_leave("Sorry, mi haffi run, mi on duty. Friday lunch, we finish dis?")


@pytest.mark.parametrize("line", [
    "Sorry, I'm going to have to run, my lift's outside.",
    "I really need to dash, the school's just rung. Could we carry on with this tomorrow?",
    "Right, I'd better get back to the lab.",
])
def test_the_hand_written_rules_still_hear_going_now(line):
    """The rules stand in for the reader when its file is missing (and are the benchmark's baseline)."""
    assert takes_leave_by_rules(line)


def test_a_turn_that_asks_a_new_question_is_not_a_goodbye():
    assert not takes_leave("Thanks Kwame, see you on the 14th. Oh wait, did you ever get the email about the rota?")
    assert not takes_leave("How did the panel land from your side? You sponsored me. That can't have been easy.")
    assert takes_leave("Cheers, that's me away. Same time next week?")  # a time to meet again is part of the goodbye


# Read coherence set 64: a goodbye that ends by proposing to meet again, put as a statement with a rising tone, was
# taken for a question wanting an answer, so the counterpart asked a new question instead of saying goodbye.
@pytest.mark.parametrize("line", [
    "Right, I've got the late shift briefing now, I must go. We talk again next week, yes? Thanks Ola",
    "Anyway I'll leave you to it, the van's waiting. And we'll have another chat on Thursday?",
])
def test_meeting_again_said_on_the_way_out_is_no_question_to_answer_first(line):
    assert takes_leave(line), line


@pytest.mark.parametrize("line", [
    "Should I answer the recruiter, or is it better to wait until we talk again?",
    "We talk again next week, but first, who signs off the rota?",
])
def test_a_real_question_still_wins_over_a_goodbye(line):
    assert not takes_leave(line), line


@pytest.mark.parametrize(("line", "leaving"), [
    ("Go on then, start your shift.", True),
    ("Off you go, get your tea before the late starts.", True),
    ("That is all for today Kwame, you can go.", True),
    ("Go on then, tell me what happened.", False),
    ("Go on, get your point across.", False),
    ("You can go ahead and book it.", False),
    ("I'll cover your shift so you can go, and I'll ring occupational health myself about carer's leave.", False),
])
def test_a_manager_sending_them_off_is_a_goodbye(line, leaving):
    """Coherence set 99 (read): "Go on then, start your shift" was met with "So, where were we?"."""
    assert takes_leave_by_rules(line) is leaving


def test_thanks_for_a_hazard_seen_to_as_they_go_does_not_carry_on(catalog):
    """Read coherence sets: "Right, thanks. … Back to what you came in for." and then a goodbye, in one reply."""
    scenario = catalog.get("raise-during-budget-freeze").scenario
    report = "Before we start, there's a pallet stacked right across the fire exit behind your office."
    _, end = respond(scenario, "realistic", DialogueState(patience=5), Detection(report))
    state = DialogueState.model_validate(end.state)
    line = "Right, I've got to dash. I'll go and shift that pallet off the fire exit myself on the way."
    text, end = respond(scenario, "realistic", state, Detection(line))
    assert end.left and not re.search(r"where were we|back to (?:this|what you)", text, re.IGNORECASE), text


@pytest.mark.parametrize("line", [
    "Right I'd best get off, the car park shuts at six and I've the kids to feed.",
    "gotta run pal, van's here. msg me",
    "Sorry, I've got to go and open up the stores, chuck. We'll catch up, shall we?",
    "have to go next delivery is in Filey lol. ring me",
])
def test_going_said_with_what_people_add_on_the_way_out_is_a_goodbye(line):
    """Change L1 (set 124's rating: "got to go next drop is a dog house lol. text me" met with a new question)."""
    assert takes_leave_by_rules(line), line


@pytest.mark.parametrize("line", [
    "You'd best get off that ladder before Ron sees you.",
    "I've got to go and pick up my son at four, that's the only reason I'm asking for the early finish.",
])
def test_going_words_about_something_else_are_no_goodbye(line):
    assert not takes_leave_by_rules(line), line


@pytest.mark.parametrize(("line", "going"), [
    ("I've got to shoot, the kiln's playing up and they want me on the floor.", True),
    ("Right, I've gotta shoot, the lorry's here and I'm signing it in.", True),
    ("Got to shoot, the printer's jammed again and the quotes are due.", True),
    ("We need to shoot the induction video before Friday, so that's my week gone.", False),
])
def test_having_to_shoot_is_going(line, going):
    """"I've got to shoot" is going now, like "I've got to dash"; shooting something is not."""
    assert takes_leave(line) is going
