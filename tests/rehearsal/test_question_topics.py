"""A question is answered for what it asks: its shape ("what worries you…", "who signs…", "what would they need to
see…") names the topic before anything it mentions (the board, the budget), the last of two questions in one
sentence is the one left hanging, and "Is everything OK?" is a question, not a tag."""

from __future__ import annotations

import re

import pytest

from coach.core.detection import Detection
from coach.rehearsal.dialogue.facts import terms_in
from coach.rehearsal.dialogue.hearing import hear
from coach.rehearsal.dialogue.lines import general
from coach.rehearsal.dialogue.policy import respond
from coach.rehearsal.dialogue.state import DialogueState


@pytest.mark.parametrize(("line", "topic"), [
    ("What's worrying you most here: the cost, or what the board will make of it?", "constraint"),
    ("Honestly, what's your biggest reservation about the committee signing it?", "constraint"),
    ("What would make this tough to sell to the directors?", "constraint"),
    ("ok so what would you need from me before march question mark", "help"),  # dictated
    ("sorry can you just tell me who decides this in the end", "decision"),  # no mark at all
    ("What would the committee want to see from me before spring?", "help"),
    ("What else would you need from me to back it with the budget holders?", "help"),
    ("How do you choose who gets the overtime, is it you or HR?", "decision"),
    ("Who would need to sign this off on your side?", "decision"),
    ("who'd have to approve it, you or the regional lot?", "decision"),
    ("Who signs off on overtime here?", "decision"),
    ("Is everything OK?", "feelings"),
    ("What's up with you lately? You've seemed flat.", "feelings"),
    ("Is anything wrong? You seem quiet.", "feelings"),
    ("The budget's frozen, I know, but when could we look at it again?", "timing"),
])
def test_a_question_is_heard_for_what_it_asks(line, topic):
    question = hear(line).question
    assert question is not None and question.topic == topic, question


def test_a_worry_question_gets_a_worry_not_who_decides(catalog):
    scenario = catalog.get("hand-off-responsibility").scenario
    state = DialogueState(patience=5, learner_turns=3, shown=["specific-ask"])
    text, end = respond(scenario, "realistic", state,
                        Detection("What's your main worry with the plan: the parents, or what governors will think?"))
    trace = end.state["trace"]
    assert any(k in ("answer:constraint", "reveal", "reaction:explores-constraints") for k in trace), (trace, text)
    assert "answer:decision" not in trace


def test_numbered_options_before_a_short_which_are_the_choice():
    question = hear("Option A: I drop the Tuesday rota. Option B: Lee covers Fridays, and I train him up. "
                    "Which suits you better?").question
    assert question is not None and question.topic == "choice"
    assert question.options == ["I drop the Tuesday rota", "Lee covers Fridays"]


def test_something_i_could_do_asks_what_would_help():
    question = hear("Is there maybe something I could work on before the spring round?").question
    assert question is not None and question.topic == "help"


@pytest.mark.parametrize(("line", "their_own"), [
    ("Did you get to the concert in the end?", False),
    ("Are you still running the half marathon?", False),
    ("Good Christmas?", True),
    ("How's your week been?", True),
])
def test_a_question_about_their_life_gets_a_fitting_reply(catalog, line, their_own):
    scenario = catalog.get("lateral-move").scenario
    question = hear(line).question
    assert question is not None and question.topic == "personal" and question.how_they_are is their_own
    _, end = respond(scenario, "realistic", DialogueState(patience=5, learner_turns=1), Detection(line))
    said = end.state["last_reply"][end.state["trace"].index("answer:personal")]
    small_talk = [*scenario.offline.answers.get("personal", []), *general()["personal"]]
    assert (said in small_talk) is their_own and (said in general()["personal_other"]) is not their_own, said


def test_after_the_handshake_a_proposed_review_date_is_confirmed(catalog):
    scenario = catalog.get("promotion-after-win").scenario
    state = DialogueState(patience=5, learner_turns=6, conceded=True)
    text, end = respond(scenario, "realistic", state, Detection("Great. Could we put the check-in in for 3 March?"))
    assert end.state["trace"][0] == "confirm" and "3 March" in text and end.closed, text


def test_your_pick_asks_to_choose_between_what_came_before():
    for close in ("Your call.", "Up to you, your call."):
        question = hear(f"I could take the Leeds audit in spring. Or the Hull one. {close}").question
        assert question is not None and question.topic == "choice"
        assert question.options == ["take the Leeds audit in spring", "the Hull one"]
    assert hear("Your call.").question is None  # nothing before it to choose from


def test_which_of_those_after_a_list_gets_one_of_them(catalog):
    scenario = catalog.get("compassionate-performance-conversation").scenario
    line = ("I can sort cover for your first hour, swap your Monday late, or get you a buddy on nights. "
            "Which of those would help you most?")
    text, end = respond(scenario, "realistic", DialogueState(patience=5, learner_turns=3), Detection(line))
    assert "answer:choice" in end.state["trace"], (end.state["trace"], text)


def test_an_aside_question_with_a_laugh_still_gets_an_answer(catalog):
    scenario = catalog.get("promotion-after-win").scenario
    line = "random q but is the printer on 3 ever getting replaced? it ate my boarding pass lol"
    _, end = respond(scenario, "realistic", DialogueState(patience=5, learner_turns=2), Detection(line))
    assert "answer:aside" in end.state["trace"], end.state["trace"]


@pytest.mark.parametrize(("line", "a_word"), [
    ("Morning, could I steal you for a sec about the rota?", True),
    ("Got a spare minute?", True),
    ("Can we have a quick chat about Leeds?", True),
    ("Can we chat again after the audit?", False),  # a time to meet, not a word now
    ("Can I ask you to countersign it?", False),
])
def test_asking_for_a_word_is_told_go_on(catalog, line, a_word):
    question = hear(line).question
    assert question is not None and question.asks_for_a_word is a_word
    if a_word:
        scenario = catalog.get("raise-during-budget-freeze").scenario
        _, end = respond(scenario, "realistic", DialogueState(patience=5), Detection(line))
        assert end.state["trace"][0] in ("answer:go-ahead", "acknowledge"), end.state["trace"]
        assert "answer:go-ahead" in end.state["trace"]


def test_options_stated_before_the_question_are_the_options_without_their_asides():
    text = ("There are two ways to do it. I run the Bristol audit myself, or we fund the CIPD course, which comes out "
            "of the learning budget, not salary. Which would be simpler for you to sign off?")
    question = hear(text).question
    assert question is not None and question.options == ["run the Bristol audit myself", "fund the CIPD course"]
    assert "Which" not in " ".join(terms_in(text).options)  # the question is never part of an option


@pytest.mark.parametrize(("line", "topic"), [
    ("Which of the leadership criteria did I fall short on?", "decision"),  # not a pick between offers
    ("When do you reckon it could start? After Easter maybe?", "timing"),  # "Easter" is a date here, not small talk
    ("Did you actually push for me when it went to the board?", "decision"),
])
def test_a_which_or_a_holiday_word_is_not_enough_on_its_own(line, topic):
    question = hear(line).question
    assert question is not None and question.topic == topic, question


@pytest.mark.parametrize(("line", "topic"), [
    ("wat wud u need to see from me", "help"),
    ("r u ok? u seem quiet", "feelings"),
    ("who decides this, is it u or hr", "decision"),
    ("did u catch the match on sunday", "personal"),
])
def test_a_texted_question_is_heard_like_one_typed_in_full(line, topic):
    heard = hear(line)
    assert heard.question is not None and heard.question.topic == topic


def test_texting_spellings_are_not_read_inside_other_words():
    assert hear("Our umbrella budget is fine, and the user survey came back.").question is None


@pytest.mark.parametrize(("line", "topic"), [
    ("May I ask what would concern you most about a handover?", "constraint"),  # not a request to be let to ask
    ("can I ask who signs this off", "decision"),
    ("I'm wondering what the budget looks like this year", "constraint"),  # a question put as a statement
    ("not sure who makes the call on this", "decision"),
    ("What makes you hesitate? Is it the partners, or Aisha's experience?", "constraint"),  # the first one says more
    ("sorry can you just tell me straight are you going to put me forward or not", "verdict"),
    ("so is that a yes", "verdict"),
    ("Going back to my first point: could you put the main reason in writing?", "favour"),
    ("The budget's tight, I know, so I'm curious what the others usually push back on.", "constraint"),  # mid-line
    ("I'd like to know, if it's a no again, what I should work on first.", "help"),
    ("How are you really doing, honestly?", "feelings"),
    ("Sit down, I've made you a coffee, no sugar, is it?", "offer"),
    ("Is your dad still in Leeds?", "personal"),
])
def test_a_question_put_indirectly_is_heard_for_what_it_asks(line, topic):
    question = hear(line).question
    assert question is not None and question.topic == topic and not question.request, question


@pytest.mark.parametrize("line", [
    "I'm not sure how I'll manage all of it.",  # about themselves: nothing asked of the other side
    "I was wondering if we could start the trial in March.",  # a proposal, put gently
])
def test_a_statement_about_oneself_or_a_gentle_proposal_is_no_question(line):
    question = hear(line).question
    assert question is None or question.request, question


def test_where_do_i_stand_is_answered_honestly_before_the_yes(catalog):
    scenario = catalog.get("flexible-work-trial").scenario
    state = DialogueState(patience=5, learner_turns=2, shown=["specific-ask"])
    text, end = respond(scenario, "realistic", state, Detection("So are you going to say yes or not?"))
    assert "answer:verdict" in end.state["trace"] and not end.agreed, text
    assert text.split(".")[0] + "." in general()["verdict_not_yet"] or "not" in text.lower()


def test_a_small_favour_is_granted_not_deflected(catalog):
    scenario = catalog.get("promotion-follow-up").scenario
    state = DialogueState(patience=5, learner_turns=3, shown=["specific-ask"])
    text, end = respond(scenario, "realistic", state, Detection("Could you put the main reason in writing for me?"))
    assert "answer:favour" in end.state["trace"], (end.state["trace"], text)



@pytest.mark.parametrize(("line", "topic", "answer"), [
    ("Do you want a tea before we start?", "offer", "answer:offer"),
    ("Do those feel doable to you?", "check", "answer:check"),  # nothing proposed in the line: where they are with it
])
def test_an_offer_or_a_check_gets_a_plain_human_answer_not_a_deflection(catalog, line, topic, answer):
    question = hear(line).question
    assert question is not None and question.topic == topic, question
    scenario = catalog.get("compassionate-performance-conversation").scenario
    text, end = respond(scenario, "realistic", DialogueState(patience=5, learner_turns=3), Detection(line))
    assert answer in end.state["trace"] and "deflect" not in end.state["trace"], (end.state["trace"], text)


def test_a_length_that_opened_the_learners_sentence_is_not_capitalised_inside_the_reply():
    from coach.rehearsal.dialogue.facts import spoken
    assert spoken("Twelve weeks") == "twelve weeks" and spoken("nine-month") == "nine months"


def test_a_question_after_several_openers_is_still_a_question():
    question = hear("Oh, also, is it true they're moving the canteen?").question
    assert question is not None and not question.request, question


def test_a_favour_is_granted_but_a_favour_that_names_the_learners_terms_is_their_ask(catalog, library):
    from coach.moves.detector import Detector
    detector, scenario = Detector(library), catalog.get("promotion-after-win").scenario
    state = DialogueState(patience=6, learner_turns=3, shown=["specific-ask"])
    previous = "Even with a good case, the numbers are the numbers."
    for line, part in (("Could you put what the panel looks for in writing for me?", "answer:favour"),
                       ("Would you put £42,000 in writing for September, if the numbers hold?", "reaction:specific-ask")):
        text, end = respond(scenario, "realistic", state, detector.detect(line, previous))
        assert part in end.state["trace"], (line, end.state["trace"], text)


def test_an_ask_full_of_checkable_specifics_is_not_followed_by_how_will_we_know(catalog):
    """The model may read a manager's three expectations as the ask alone: their times and dates still say how it
    will be judged, so "what would back on track look like?" is not next (the measure is not counted as made)."""
    from coach.core.detection import Hit
    scenario = catalog.get("compassionate-performance-conversation").scenario
    line = ("My proposal: for a month, you come in for the 08:00 briefing, the stock sheets are signed by 17:30, and "
            "you finish the manual handling course before 14 March.")
    ask = Detection(line, moves=(Hit("specific-ask", 0, len(line), line),), confidence={"specific-ask": 0.99})
    text, end = respond(scenario, "realistic", DialogueState(patience=6, learner_turns=3), ask)
    heard = end.state["recent"][-1]
    assert "success-metrics" in heard and "success-metrics" not in end.state["shown"], heard
    assert "ask:success-metrics" not in end.state["trace"], (end.state["trace"], text)
    plain = Detection("I'd like you in on time.", moves=(Hit("specific-ask", 0, 24, "I'd like you in on time."),),
                      confidence={"specific-ask": 0.99})
    _, end = respond(scenario, "realistic", DialogueState(patience=6, learner_turns=3), plain)
    assert "success-metrics" not in end.state["recent"][-1], "an ask with no specifics says nothing of measures"


@pytest.mark.parametrize(("line", "an_ask"), [
    ("And the canteen rota, how does it work?", False),  # the topic first, then the question
    ("Is the lift ever getting fixed, or is it just our floor?", False),  # about a thing
    ("Does the board meet before Easter?", False),
    ("Would you agree, or would you put something else first?", False),  # their view, not a yes to an ask
    pytest.param("Would you agree with Dev on that?", False, marks=pytest.mark.xfail(reason="question reader misread, listed in data/questions/README.md", strict=False)),
    ("Would you agree to a six-week trial?", True),
    ("Is the trial possible?", True),
    ("Could we start in March?", True),
    pytest.param("Tomasz, how far?", True, marks=pytest.mark.xfail(reason="question reader misread, listed in data/questions/README.md", strict=False)),  # a name before a greeting is no topic
])
def test_a_question_about_a_thing_or_their_view_is_not_an_ask(line, an_ask):
    question = hear(line).question
    assert question is not None and question.request is an_ask, question


def test_what_they_would_put_first_asks_what_would_help():
    assert hear("Would you agree, or is there something else you'd put first?").question.topic == "help"
    assert hear("What would you focus on first, if you were me?").question.topic == "help"


def test_a_bare_which_one_points_back_to_the_options_of_the_line_before():
    earlier = "We could do Mondays at home, or Fridays."
    question = hear("Which one do you prefer?", earlier).question
    assert question.topic == "choice" and question.options == ["Mondays at home", "Fridays"]
    assert hear("Which one or two gaps would you want closed before March?", earlier).question.topic != "choice"
    assert hear("Which one do you prefer?").question.topic != "choice"  # nothing before it to choose from


@pytest.mark.parametrize("line", [
    "Did you ever have a long commute, back when you were in the yard?",
    "How long have you been a manager here?",
    "Have you ever worked somewhere like this?",
])
def test_a_question_about_their_past_is_personal_not_timing(line):
    assert hear(line).question.topic == "personal"
    assert hear("When can we start?").question.topic == "timing"


def test_asking_to_talk_again_gets_a_yes_not_a_deflection(catalog):
    scenario = catalog.get("promotion-follow-up").scenario
    for line, said in (("Shall we chat again, maybe in a month or two?", None), ("Could we catch up again next week?",
                                                                                  "Next week")):
        _, end = respond(scenario, "realistic", DialogueState(patience=5, learner_turns=3), Detection(line))
        assert "answer:meet" in end.state["trace"], end.state["trace"]
        assert said is None or any(said.lower() in part.lower() for part in end.state["last_reply"])
    _, end = respond(scenario, "realistic", DialogueState(patience=5, learner_turns=3),
                     Detection("How about I lead the design review for the refunds rewrite in Q1?"))
    assert "answer:meet" not in end.state["trace"]


def test_what_to_work_on_asks_what_would_help():
    assert hear("What should I be working on before December, do you think?").question.topic == "help"


@pytest.mark.parametrize("line", ["you'll put me forward, or not yet?", "Are you backing me or not?"])
def test_where_they_stand_is_a_verdict_question_however_it_is_put(line):
    assert hear(line).question.topic == "verdict"


def test_how_they_rate_my_chances_is_a_verdict_and_both_is_no_option():
    assert hear("Honestly, how do you feel about my chances? Tell me straight.").question.topic == "verdict"
    question = hear("Option one, the rebuild waits. Option two, Aisha takes the pack. Which of those would you rather "
                    "start with, or both?").question
    assert question.topic == "choice" and "start with" not in question.options


@pytest.mark.parametrize("line", ["How's it going, by the way?", "Did the baby keep you up again?",
                                  "How are you getting on?"])
def test_asking_how_they_are_however_it_is_put_is_small_talk_about_them(line):
    question = hear(line).question
    assert question.topic == "personal" and question.how_they_are
    assert hear("How's it going with the rota?").question.topic != "personal"


def test_a_bare_which_after_two_things_offered_is_still_a_choice():
    """The reader's "choice" needs something to choose from: two things said just before, or an "or"."""
    question = hear("Could the website rebuild wait until April, and Aisha take the Monday pack? Which would you rather?").question
    assert question is not None and question.topic == "choice"
    assert hear("Which one do you prefer?").question.topic != "choice"


@pytest.mark.parametrize("line", ["early 7-3 or the 10-6 ur call",
                                  "Tuesday and Thursday, or Wednesday and Friday. Either's fine with me, you pick.",
                                  "I could lead the design, or run the incident review, or both, your call."])
def test_options_handed_over_to_pick_are_a_choice_without_a_question_mark(line):
    question = hear(line).question
    assert question is not None and question.topic == "choice"


def test_asking_whether_it_is_their_call_is_about_the_decision():
    question = hear("is that something you'd take to the general manager or is it your call?").question
    assert question is not None and question.topic != "choice"


@pytest.mark.parametrize("line", ["Did you get to the concert in the end?", "Good Christmas?",
                                  "Did HR ever sort out the parking permits?"])
def test_the_employee_a_manager_called_in_does_not_talk_like_the_one_who_asked_for_the_meeting(catalog, line):
    """In the manager-side scenario the counterpart was called in: "this is your time" or "back to what you came in
    for" is the manager's to say, not theirs."""
    scenario = catalog.get("compassionate-performance-conversation").scenario
    for seed in range(6):
        text, _ = respond(scenario, "realistic", DialogueState(patience=5, learner_turns=2), Detection(line), seed=seed)
        assert not re.search(r"your time|came in for|your request|come back to me", text, re.I), text
    employee = general("manager")
    assert all(line not in employee["personal_other"] for line in general()["personal_other"] if "your time" in line)


@pytest.mark.parametrize("line", ["So is that alright with you then, in principle like?", "Does that work for you?"])
def test_is_that_alright_gets_the_answer_without_a_backchannel_before_it(catalog, line):
    """ "I see. Possibly." says two things at once: the answer is the reaction."""
    scenario = catalog.get("hand-off-responsibility").scenario
    for seed in range(4):
        _, end = respond(scenario, "realistic", DialogueState(patience=5, learner_turns=4), Detection(line), seed=seed)
        trace = end.state["trace"]
        assert "answer:check" in trace and "acknowledge" not in trace, trace


def test_a_hidden_constraint_once_told_is_not_told_again_in_other_words(catalog):
    """ "Between us, head office is writing a hybrid policy…" is said once: not again as an answer or a reaction
    worded differently, and a line that tells it counts as telling it."""
    scenario = catalog.get("flexible-work-trial").scenario
    hidden = scenario.counterpart.hidden_constraints
    policy = next(i for i, fact in enumerate(hidden) if "hybrid policy" in fact)
    others = [x for x in scenario.offline.answers["constraint"] if "hybrid policy" not in x]  # said already
    for seed in range(8):
        state = DialogueState(patience=6, learner_turns=3, revealed=[policy], lines=others)
        text, end = respond(scenario, "realistic", state, Detection("What's making this hard for you, honestly?"), seed=seed)
        assert "hybrid policy" not in text, text
    for seed in range(8):
        text, end = respond(scenario, "realistic", DialogueState(patience=6, learner_turns=3),
                            Detection("What's making this hard for you, honestly?"), seed=seed)
        if "hybrid policy" in text:
            assert policy in end.state["revealed"], (text, end.state["revealed"])


@pytest.mark.parametrize("line", [
    "honestly not sure how any of this works whats the process for it",
    "Please let me know by when you can confirm the rota",
    "so what is it about the Friday cover that bothers you most",
])
def test_a_question_with_no_mark_or_opening_is_heard_when_the_reader_is_sure(line):
    assert hear(line).question is not None


def test_asked_to_say_by_when_is_asked_a_time():
    assert hear("Kindly let me know by when the rota can be confirmed").question.topic == "timing"


@pytest.mark.parametrize("line", [
    "What I mean is I'd stay around to help him settle in.",
    "Raj said his team needs people who understand what claims cost.",
    "If you need anything from me just tell me what.",
    "The email said I was missing the full range, which could mean anything.",
    "We can talk again after, when you have time.",
])
def test_a_question_word_inside_a_statement_asks_nothing(line):
    assert hear(line).question is None


@pytest.mark.parametrize("line", [
    "i mean i can do the re-plans from home its all in the system anyway and the drivers ring my mobile not the desk "
    "phone so what would you need to see to be ok with it",
    "the only bits that need me in are the monday review and the odd yard walk so what would actually worry you about "
    "me not being in on those two days",
    "i need to tell sam something before wednesday club so could you let me know by friday whether its a yes",
])
def test_a_question_at_the_end_of_an_unpunctuated_run_on_is_heard(line):
    """Typed with no commas and no mark: the question starts at the last "so" or "but" that opens one."""
    assert hear(line).question is not None


def test_a_question_word_inside_a_statement_starts_no_question():
    assert hear("I'll send you a list of my 38 files and who could take them by Friday").question is None
    assert hear("I know about the freeze and why, no need to go over it").question is None
    # "…or so" is how long, not the start of a question: the whole line is asked, meeting and all
    q = hear("we can have another chat in a couple of weeks or so is that alright with you").question
    assert q is None or "couple of weeks" in q.text
