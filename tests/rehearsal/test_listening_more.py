"""More of what a listening counterpart hears: deadlines that slipped are not hazards, a joke's riddle is not a
question, slots read as one phrase, the option chosen is said from the counterpart's side, questions after the
handshake still get answers, and a half-made point does not win the concession on its own."""

from __future__ import annotations

import pytest

from coach.core.detection import Detection, Hit
from coach.rehearsal.dialogue.facts import choice_options, from_other_side, options_before, terms_in
from coach.rehearsal.dialogue.hearing import hear
from coach.rehearsal.dialogue.lines import fill
from coach.rehearsal.dialogue.objections import conditions_met
from coach.rehearsal.dialogue.policy import respond
from coach.rehearsal.dialogue.state import DialogueState


@pytest.mark.parametrize(("line", "hazard"), [
    ("I've been doing long weeks and a couple of things have slipped, which I feel bad about.", False),
    ("A report slipped and I fell behind on the invoices.", False),
    ("The gate on bay 3 is hanging off its hinge again, nearly took a lad's hand off.", True),
    ("The carpet by the printer is lifting, I almost fall on it, somebody will break the leg.", True),
    ("Someone's propped the fire door open with a bin again.", True),
    ("The kettle flex is over the sink again, an accident waiting to happen.", True),
])
def test_danger_is_heard_and_a_slipped_deadline_is_not(line, hazard):
    assert hear(line).hazard is hazard


@pytest.mark.parametrize(("line", "topic"), [
    ("Anyway. Good weekend? Do anything nice?", "personal"),
    ("did you catch the game last night?", "personal"),
    ("Is everything alright?", "feelings"),
    ("Is something going on at home? You can tell me.", "feelings"),
    ("What did the panel actually say in the room?", "decision"),
    ("How does it work, and who makes that call?", "decision"),
    ("What you need from me to sign it?", "help"),
    ("What else would help you most right now?", "help"),
    pytest.param("is there really nothing at all you can do?", "constraint", marks=pytest.mark.xfail(reason="question reader misread, listed in data/questions/README.md", strict=False)),
    ("And what's been getting in the way on the lates?", "constraint"),
])
def test_more_question_topics(line, topic):
    question = hear(line).question
    assert question is not None and question.topic == topic, question


def test_a_reason_is_not_a_question_and_a_riddle_wants_a_laugh():
    assert hear("Why: the drive's 75 minutes each way since we moved.").question is None
    joke = hear("Why did the nurse carry a red pen? In case she needed to draw blood. Sorry, terrible.")
    assert joke.question is None and joke.aside


def test_an_apology_in_the_middle_is_heard():
    assert hear("No no, sit down, God, sorry, I'm all over the place.").apology


def test_a_short_tail_joins_its_question():
    question = hear("Is there any way some of this could go somewhere else? Or wait?").question
    assert question is not None and question.text.endswith("Or wait?")


def test_slots_do_not_double_their_preposition():
    assert fill("we look at it again by {date}.", {"date": "until April"}) == "we look at it again by April."
    assert fill("So {date} it is.", {"date": "from May"}) == "So from May it is."


def test_the_figure_asked_for_and_the_named_date_come_first():
    terms = terms_in("I'm on £36,800. Adverts run £41,000 to £44,000. I'm asking for £42,000.")
    assert terms.figures[0] == "£42,000"
    assert terms_in("In stages this term, so I can lead it from 27 January.").dates[0] == "from 27 January"
    assert terms_in("Could we go from £36,800 to £41,000?").figures[0] == "£41,000"


def test_options_are_trimmed_and_said_back_from_the_other_side():
    assert choice_options("Which would you rather I take on, the refunds design or the on-call lead?") == [
        "the refunds design", "the on-call lead"]
    assert choice_options("Would you rather I did Tuesdays and Thursdays, or Wednesdays and Fridays?") == [
        "Tuesdays and Thursdays", "Wednesdays and Fridays"]  # "did" stands for the work, not part of the option
    assert choice_options("Would you rather we moved the review or kept it?") == ["moved the review", "kept it"]
    assert from_other_side("take you off discharge checklists") == "take me off discharge checklists"
    assert from_other_side("fund the course I've been after") == "fund the course you've been after"
    # "you" that starts a clause is the subject, and "I am" turns round whole
    assert (from_other_side("you talk directly to the two new joiners I am mentoring")
            == "I talk directly to the two new joiners you are mentoring")
    assert from_other_side("I cover the desk, or you ring Sam") == "you cover the desk, or I ring Sam"



@pytest.mark.parametrize(("question", "options"), [
    ("So Tuesday and Wednesday, or Tuesday and Friday if you need Wednesdays covered, which suits you better?",
     ["Tuesday and Wednesday", "Tuesday and Friday if you need Wednesdays covered"]),
    ("Would Tuesday and Thursday or Wednesday and Thursday work better for you for the home days?",
     ["Tuesday and Thursday", "Wednesday and Thursday"]),
    ("Which is better for you: a £2,000 retention bonus, or paying for my diploma, or one extra day off a month?",
     ["paying for my diploma", "one extra day off a month"]),
    ("Which is better for the first check-in, Monday 9th at 12:30 before your late, or Wednesday after handover?",
     ["Monday 9th at 12:30 before your late", "Wednesday after handover"]),
])
def test_an_option_said_back_carries_no_joining_word_mark_or_cut_time(question, options):
    """Not "Out of those, So Tuesday and Wednesday.", "If I have to pick, or paying…", "If I'm choosing, 30 before…"."""
    assert choice_options(question) == options


@pytest.mark.parametrize(("line", "days", "figures"), [
    ("Two home days a week from January, with Mondays off the table because of the network review.",
     ["Two home days a week"], []),
    ("Fair enough if Thursday's out cos of stand-up. Tuesday and Friday then?", ["Tuesday and Friday"], []),
    ("If every Friday is too much for you, we do every second Friday.", ["Friday"], []),
    ("£39,000's too low, that's under every advert. Meet me at £40,250 and I'll take it.", [], ["£40,250"]),
])
def test_a_term_ruled_out_after_it_is_named_is_not_put_forward(line, days, figures):
    """Not "a pilot it is: Mondays for 12 weeks" after "Mondays off the table", nor "£39,000, noted" after "too
    low"."""
    terms = terms_in(line)
    assert terms.days == days and terms.figures == figures

def test_options_handed_over_with_either_or_both_are_the_ones_before_it():
    """ "X, or Y. Either, or both. Your call.": the options are X and Y, not "Either"."""
    earlier = ("A £2,000 award for covering Gary's job, or the Northway certificate, about £1,800, from the training "
               "budget. Either, or both.")
    assert options_before("Your call.", "Either, or both.", earlier, pick=True) == [
        "A £2,000 award for covering Gary's job", "the Northway certificate"]


def test_a_half_made_point_does_not_open_the_gate_on_its_own(catalog):
    scenario = catalog.get("promotion-after-win").scenario
    concession = scenario.counterpart.concession
    objections = [o.id for o in scenario.counterpart.objections]
    moves = [*concession.requires, *concession.supporting]
    state = DialogueState(patience=9, openness=9, shown=moves, raised=objections, answered=objections)
    state.confidence = {m: 0.99 for m in moves}
    assert conditions_met(scenario, "realistic", state)
    state.confidence = {m: 0.6 for m in moves}
    assert not conditions_met(scenario, "realistic", state)
    assert not conditions_met(scenario, "gentle", state)  # not even gentle says yes to an ask it only half heard
    state.confidence.update({m: 0.8 for m in concession.requires})
    assert conditions_met(scenario, "gentle", state)  # but gentle takes the rest of the case as it hears it
    state.plainly = {m: 0.6 for m in concession.requires}  # the clear ask was hedged ("this secondment thing… I think")
    assert not conditions_met(scenario, "gentle", state)
    state.plainly = {m: 0.8 for m in concession.requires}
    assert conditions_met(scenario, "gentle", state)
    state.confidence = {m: 0.6 for m in moves}
    state.times = {m: 2 for m in moves}  # made twice, it counts
    assert conditions_met(scenario, "realistic", state)


def test_a_question_after_the_handshake_is_answered(catalog):
    scenario = catalog.get("promotion-after-win").scenario
    state = DialogueState(patience=5, conceded=True, learner_turns=6)
    text, end = respond(scenario, "realistic", state, Detection("How was your weekend, by the way?"))
    trace = end.state["trace"]
    assert trace[0] == "answer:personal" and trace[-1] == "close", text


def test_a_question_about_something_else_entirely_gets_a_brief_answer_and_a_way_back(catalog):
    scenario = catalog.get("flexible-work-trial").scenario
    state = DialogueState(patience=5, learner_turns=2)
    question = "What is happening with the pension salary sacrifice thing, did HR sort that?"
    _, end = respond(scenario, "realistic", state, Detection(question))
    assert "answer:aside" in end.state["trace"]


@pytest.mark.parametrize(("line", "hazard"), [
    ("The cylinder by the sluice isn't strapped to the wall again.", True),
    ("The lights in the loading yard are out and the vans are reversing blind.", True),
    ("The back seat belt on the van has been jammed for weeks.", True),
    ("The emergency exit by stores has been blocked with pallets since Monday.", True),
    ("The guard on the press is taped open, someone will lose a finger.", True),
    ("I lost a hand of cards to Dave at lunch.", False),
    ("Sales were hit hard this quarter.", False),
    ("We lost a client last month.", False),
])
def test_harm_said_plainly_is_a_hazard(line, hazard):
    assert hear(line).hazard is hazard


@pytest.mark.parametrize(("line", "options"), [
    ("We could do Mondays or Fridays. Which works better for you?", ["Mondays", "Fridays"]),
    ("What I could do is take the Leeds contract, or the training budget. Which is easier?",
     ["take the Leeds contract", "the training budget"]),
])
def test_a_short_which_points_back_to_the_options(line, options):
    question = hear(line).question
    assert question is not None and question.topic == "choice" and question.options == options


@pytest.mark.parametrize("line", [
    "What I actually want is the Thursday slot back.",
    "You know the review Raj runs? I think it's the right fit.",
    "How we got here was the rota change in March.",
])
def test_statements_that_open_like_questions_ask_nothing(line):
    assert hear(line).question is None


@pytest.mark.parametrize(("line", "topic"), [
    ("What would worry you most about me going?", "constraint"),
    ("Who would you have to answer to if it went wrong?", "constraint"),
    ("Do you have kids yourself?", "personal"),
])
def test_worries_and_family_are_their_side(line, topic):
    question = hear(line).question
    assert question is not None and question.topic == topic


def test_the_terms_kept_for_an_agreement_are_the_asks_not_the_evidence_around_it(catalog, library):
    """Figures and dates quoted as evidence are not part of the offer an agreement echoes back."""
    from coach.moves.detector import Detector

    scenario = catalog.get("raise-during-budget-freeze").scenario
    line = "On-time delivery went from 91% to 96% since March, after Gary left in May. I'm asking for £42,000 from April."
    detection = Detector(library).detect(line)
    assert "specific-ask" in detection.move_ids  # the premise: the ask is heard in its own sentence
    _, end = respond(scenario, "realistic", DialogueState(patience=5, learner_turns=2), detection)
    facts = end.state["facts"]
    assert facts["figures"] == ["£42,000"] and facts["dates"] == ["from April"], facts


def test_that_is_not_an_answer_only_follows_a_question_of_ours(catalog):
    """A blunt "That's not an answer." presupposes a question the counterpart just asked."""
    from coach.rehearsal.dialogue.lines import general

    scenario = catalog.get("promotion-after-win").scenario
    objection = scenario.counterpart.objections[0]
    blunt = general()["press_hard"]

    def reply_after(last_reply: list[str]) -> str:
        state = DialogueState(patience=9, learner_turns=3, raised=[objection.id], pressed={objection.id: 2},
                              last_reply=last_reply)
        text, _ = respond(scenario, "tough", state, Detection("Okay, sure, I hear you."))
        return text

    assert not any(b in reply_after(["That's where it stands for me."]) for b in blunt)
    assert any(b in reply_after(["What would you say to that?"]) for b in blunt)


def test_that_is_not_an_answer_is_not_said_to_a_question_or_a_case(catalog):
    """Coherence sets 48 to 59: "That's not an answer." to "Who'd need to put their name to that, you or the
    director?", and "That's more than I'd clocked. Straight answer, please." to the learner's own figures."""
    from coach.core.detection import Hit
    from coach.rehearsal.dialogue.lines import general

    scenario = catalog.get("promotion-after-win").scenario
    objection = scenario.counterpart.objections[0]
    blunt = general()["press_hard"]
    evidence = "Payment retries fell from 2.3% to 0.9% after the migration I led."
    for line in (Detection("Who would need to sign it off, you or your director?"),
                 Detection(evidence, moves=(Hit("impact-evidence", 0, len(evidence), evidence),),
                           confidence={"impact-evidence": 0.99})):
        state = DialogueState(patience=9, learner_turns=3, raised=[objection.id], pressed={objection.id: 2},
                              last_reply=["What would you say to that?"])
        for seed in range(4):
            text, _ = respond(scenario, "tough", state, line, seed=seed)
            assert not any(b in text for b in blunt), text


@pytest.mark.parametrize(("line", "asks"), [
    ("It's just that I'm finding things a bit much at the moment? With everything on top.", False),
    ("Yes, sorry, it's just that I'm finding it a lot at the moment? With the launch on top.", False),
    ("i've been covering the late shifts for months?", False),
    ("So I was thinking maybe somebody else could take the club?", True),
    ("I'm on £36,800, do you think that's fair?", True),
    ("We're agreed on the 14th?", True),
])
def test_a_statement_said_with_a_rising_tone_is_not_a_question(line, asks):
    assert (hear(line).question is not None) is asks


def test_dont_apologise_answers_an_apology_not_a_hedge(catalog):
    from coach.core.detection import Hit

    scenario = catalog.get("flexible-work-trial").scenario  # its hedging lines open with "Don't apologise"
    line = "I was kind of thinking maybe two days from home, if that's not too much, I don't know"
    hedged = Detection(line, flags=(Hit("hedging", 0, len(line), line),))
    for seed in range(6):
        text, end = respond(scenario, "realistic", DialogueState(patience=5, learner_turns=2), hedged, seed=seed)
        assert "apologise" not in text.lower(), text


def test_of_the_answers_for_a_topic_the_one_closest_to_the_question_is_said():
    import random

    from coach.rehearsal.dialogue.answering import content
    from coach.rehearsal.dialogue.lines import LinePicker

    pool = ["The budget is set by group finance in March.", "Nobody on the night shift has asked for that before.",
            "The rota is drawn up by Priya, and she plans it six weeks ahead."]
    asked = content("Who actually draws up the rota, and how far ahead?")
    for seed in range(8):
        picker = LinePicker([], random.Random(seed))
        assert picker.pick("answer", pool, prefer=lambda line: len(content(line) & asked)) == pool[2]


def test_a_hedge_met_with_warmth_is_not_told_off_as_well(catalog):
    from coach.core.detection import Hit

    scenario = catalog.get("raise-during-budget-freeze").scenario
    line = "Sorry, I know it's frozen, maybe I shouldn't even ask, but could I have a one-off £1,500 bonus in May?"
    hedged = Detection(line, moves=(Hit("specific-ask", 0, len(line), line),), flags=(Hit("hedging", 0, len(line), line),))
    for seed in range(6):
        _, end = respond(scenario, "realistic", DialogueState(patience=5, learner_turns=2), hedged, seed=seed)
        trace = end.state["trace"]
        assert "warmth" in trace and "hedging" not in trace, trace


def test_a_date_to_look_again_answers_when_even_if_no_move_is_read(catalog):
    """"Let's review on 27 February" puts a date on it: "when do we check this is working?" is not asked next."""
    scenario = catalog.get("workload-boundary").scenario
    line = "Let's review on 27 February, just before launch, and check my hours and the deadlines."
    _, end = respond(scenario, "realistic", DialogueState(patience=5, learner_turns=4), Detection(line))
    assert "next-steps" in end.state["recent"][-1]
    _, end = respond(scenario, "realistic", DialogueState(patience=5, learner_turns=4),
                     Detection("In December a report went out six days late."))
    assert "next-steps" not in end.state["recent"][-1]  # a date in a story is not a time to meet


@pytest.mark.parametrize(("line", "durations"), [
    ("If OTIF drops below 96 for two weeks running, I'm back in full time.", []),
    ("I gave three months' notice at my last place.", []),
    ("Three months ago I took over the rota.", []),
    ("A 12-week trial from 5 January.", ["12-week trial"]),
    ("For six months as a pilot.", ["six months"]),
])
def test_a_length_said_as_a_condition_or_a_story_is_not_a_term(line, durations):
    assert terms_in(line).durations == durations


@pytest.mark.parametrize(("line", "durations"), [
    ("If two days is too much to start, how about one day for the first six weeks, then two days after a review?",
     ["six weeks"]),
    ("A 10-day trial, then we talk.", ["10-day trial"]),
    ("Three months, with two days of handover at the start.", ["Three months"]),
])
def test_days_said_beside_weeks_or_months_are_days_not_the_trials_length(line, durations):
    assert terms_in(line).durations == durations


@pytest.mark.parametrize(("line", "deadlines"), [
    ("Sign my nomination for the secondment from the 1 April intake, before nominations close on 14 February.",
     ["14 February"]),
    ("Nine months from April, and I need you to sign it by the 14th.", ["by the 14th"]),
    ("Starting in March, if that works.", []),
])
def test_a_date_given_as_a_deadline_is_told_from_a_start(line, deadlines):
    assert terms_in(line).deadlines == deadlines


def test_by_date_takes_the_deadline_when_there_is_one():
    line = "So, my signature by {date}. Clear enough."
    assert fill(line, {"date": "1 April", "deadline": "14 February"}) == "So, my signature by 14 February. Clear enough."
    assert fill("We start from {date}.", {"date": "1 April", "deadline": "14 February"}) == "We start from 1 April."
    assert fill(line, {"date": "1 April", "deadline": ""}) == "So, my signature by 1 April. Clear enough."


def test_a_weekday_in_front_of_a_date_is_the_date_not_a_day_asked_for():
    terms = terms_in("Twelve weeks from Monday 11 January. Tuesdays and Thursdays at home, never Mondays.")
    assert terms.days == ["Tuesdays and Thursdays"] and terms.dates == ["11 January"]
    assert terms_in("Mondays and Fridays from the 3rd").dates == ["from the 3rd"]


@pytest.mark.parametrize(("before", "options"), [
    ("For now: (1) a one-off award of £1,500, or (2) the planning certificate, about £2,000, paid from the training "
     "budget.", ["a one-off award of £1,500", "the planning certificate"]),
    ("I could take the Harlow account, about 40 clients, or the Leeds one.", ["the Harlow account", "the Leeds one"]),
])
def test_options_marked_in_one_sentence_or_with_an_aside_are_named_as_put(before, options):
    assert options_before("Which is easier to get through?", before, before) == options


def test_options_offered_for_a_pick_are_not_asked_for_next(catalog):
    scenario = catalog.get("raise-during-budget-freeze").scenario
    line = ("For now: (1) a one-off award of £1,500, or (2) the planning certificate, paid from the training budget. "
            "Which is easier to get through?")
    _, end = respond(scenario, "realistic", DialogueState(patience=5, learner_turns=4), Detection(line))
    assert {"collaborative-options", "specific-ask"} <= set(end.state["recent"][-1])
    assert "ask:collaborative-options" not in end.state["trace"]


def test_expectations_with_three_deadlines_say_how_it_will_be_judged(catalog):
    scenario = catalog.get("compassionate-performance-conversation").scenario
    line = ("Here's what I'm asking: in for the 07:30 handover, checklists done by the end of your late, and the "
            "module done by the end of the month.")
    detection = Detection(line, moves=(Hit("specific-ask", 0, len(line), line),), confidence={"specific-ask": 1.0})
    _, end = respond(scenario, "realistic", DialogueState(patience=5, learner_turns=4), detection)
    assert "success-metrics" in end.state["recent"][-1]


def test_a_summary_of_what_was_agreed_is_not_asked_for_again(catalog):
    scenario = catalog.get("compassionate-performance-conversation").scenario
    line = ("So, to sum up: checklists done or handed over in person, in for half seven, the module done by the end of "
            "December. First check-in Thursday 10 December. Does that work?")
    _, end = respond(scenario, "realistic", DialogueState(patience=5, learner_turns=6), Detection(line))
    assert "success-metrics" in end.state["recent"][-1]
    assert "ask:success-metrics" not in end.state["trace"]


def test_a_figure_put_in_the_other_sides_mouth_is_not_the_learners():
    """ "You said it's about 40 hours. I'd disagree: my timesheets say 52 hours." is heard as 52, not 40."""
    assert terms_in("You said it's about 40 hours a week. I'd disagree: my timesheets say 52 hours.").figures == ["52 hours"]
    assert terms_in("You have me down at 40 hours, but it's 52 hours most weeks.").figures == ["52 hours"]
    assert terms_in("I'm on 40 hours on paper and 52 in practice.").figures[0] == "40 hours"  # their own figure


def test_the_days_of_an_ask_are_kept_whole_when_the_clause_read_as_the_ask_ends_early(catalog):
    """The model may read "…working from home Tuesdays" as the ask and "and Thursdays, starting in January" as the
    next clause: the agreement still says both days."""
    scenario = catalog.get("flexible-work-trial").scenario
    line = "I'm asking for a 12-week trial working from home Tuesdays and Thursdays, starting in January."
    cut = line.index(" and Thursdays")
    detection = Detection(line, moves=(Hit("specific-ask", 0, cut, line[:cut]),), confidence={"specific-ask": 0.99})
    _, end = respond(scenario, "realistic", DialogueState(patience=5, learner_turns=2), detection)
    assert end.state["facts"]["days"] == ["Tuesdays and Thursdays"], end.state["facts"]


def test_a_figure_given_up_for_another_is_no_longer_the_ask():
    """ "If £2,000 is a stretch, then £1,200 now" asks for £1,200: that is the figure heard and said back."""
    line = "Alright, if £2,000 is a stretch in a freeze year, then £1,200 now and the diploma in the autumn."
    assert terms_in(line).figures == ["£1,200"]
    assert terms_in("I know £45k won't fly, so I'm asking for £42k.").figures == ["£42k"]
    assert terms_in("£2,000 would make a real difference.").figures == ["£2,000"]


def test_a_nod_beside_a_request_not_granted_drops_its_bare_yes():
    """Coherence set 50: "is there any chance to prepone my case…?" got "Yes. That gives the panel something
    visible…", an accepted line for an earlier worry that reads as a yes to the question."""
    from coach.rehearsal.dialogue.wording import without_bare_yes

    assert without_bare_yes("Yes. That gives the panel something visible.") == "That gives the panel something visible."
    assert without_bare_yes("Yeah, two down on most lates.") == "Two down on most lates."
    assert without_bare_yes("Yesterday was hard.") == "Yesterday was hard."


def test_an_accepted_line_beside_a_request_is_not_a_yes(catalog):
    from coach.core.detection import Detection, Hit
    from coach.rehearsal.dialogue.policy import respond
    from coach.rehearsal.dialogue.state import DialogueState

    scenario = catalog.get("promotion-follow-up").scenario
    line = "I'd lead the Marlowe client myself from September. Is there any chance of the December round?"
    plan = Detection(line, moves=(Hit("phased-plan", 0, 50, line[:50]),), confidence={"phased-plan": 0.95})
    state = DialogueState(patience=5, learner_turns=2, raised=["client-ownership"])
    text, end = respond(scenario, "realistic", state, plan)
    assert not end.agreed and "accepted:client-ownership" in end.state["trace"]
    assert not text.startswith(("Yes.", "Yes,")), text


def test_a_deflection_speaks_to_what_was_asked(catalog):
    """Coherence set 60: "Which competencies exactly did the panel mean?" got "I can't discuss other candidates".
    A scenario's own deflection is said to a question about the work only when it shares a word with it."""
    scenario = catalog.get("promotion-follow-up").scenario
    for seed in range(6):
        text, end = respond(scenario, "tough", DialogueState(patience=5, learner_turns=2),
                            Detection("Which competencies exactly did the panel mean?"), seed=seed)
        assert "deflect" in end.state["trace"] and "candidates" not in text, text


def test_a_hedged_proposal_is_not_told_off_for_hedging(catalog):
    """Read coherence sets 55-64: "Could someone else maybe help out a bit? Aisha's always asking for stuff to do" got
    "Don't talk yourself out of it halfway through. What do you need?". A hedge that puts something forward (clearly
    or nearly) gets a reply to what it put forward; a hedge that puts nothing forward may still be told off."""
    from coach.core.detection import Hit

    scenario = catalog.get("workload-boundary").scenario
    line = "Could someone else maybe help out a bit? Aisha's always asking for stuff to do"
    for seed in range(6):
        nearly = Detection(line, flags=(Hit("hedging", 0, len(line), line),), maybe=frozenset({"collaborative-options"}))
        _, end = respond(scenario, "realistic", DialogueState(patience=5, learner_turns=3), nearly, seed=seed)
        assert "hedging" not in end.state["trace"], end.state["trace"]
    vague = "I don't know, it's probably nothing, sorry, it's just, I don't know really"
    said = set()
    for seed in range(6):
        hedged = Detection(vague, flags=(Hit("hedging", 0, len(vague), vague),))
        _, end = respond(scenario, "realistic", DialogueState(patience=5, learner_turns=3), hedged, seed=seed)
        said |= set(end.state["trace"])
    assert "hedging" in said or "warmth" in said
