"""Questions typed as texted ("wht do u need", "hw long", "y cant i"), put as a request for information ("kindly
tell me what…", coherence set 34) or typed without a mark after a question word or an auxiliary and its subject
(sets 48 and 49, where such questions went unanswered) are heard as questions; a statement that opens the same way
is not one."""

from __future__ import annotations

import pytest

from coach.rehearsal.dialogue.hearing import hear


@pytest.mark.parametrize("line", [
    "wht wud make it a yes for u",
    "hw many weeks r we talking",
    "do u reckon the client wud notice",
    "y cant the night team take the audit",
    "kindly tell me who is deciding on the rota",
    "pls tell me what the panel said",
    "honestly not sure wht the director wants from me",
    "what does your director think about all this does he even know I'm doing both jobs",
    "so how would you explain the freeze to the team",
    "who do I need to convince on the panel",
    "Is Mr Hartigan gonna have a problem with that",
    "Did anybody get sand down on that spill yet or is it still lying there",
    "Has the budget changed since June",
    # at the tail of a comma-spliced line, where nothing else asks (read sets 84 and 88 left these unanswered)
    "Oh and the radiator in M4 is making that banging noise again, is that just me",
    "Can I ask something daft first, is the car park barrier ever getting fixed",
    "The coffee machine on level 3 is broken again, you know if anyone's fixing it",
    "ok I have to run, bus duty, can we pick this up on friday",
])
def test_a_texted_or_requested_question_is_heard(line):
    assert hear(line).question is not None, line


@pytest.mark.parametrize("line", [
    "wht i need is the mornings",
    "hw i see it, the rota works fine",
    "wat a week its been",
    "Did it myself in the end.",
    "Was the only one there that day.",
    "Could be worse",
    "Do one thing for me first",
])
def test_a_statement_opening_the_same_way_is_not_a_question(line):
    assert hear(line).question is None, line


@pytest.mark.parametrize(("line", "topic"), [
    ("Morning Dev!! Big audit today, are you nervous at all?!", "personal"),
    ("You're coming to the leaving do tonight?! 🎉", None),
    ("the regional manager on your case too?! :)", None),
])
def test_a_question_mark_with_tone_after_it_still_asks(line, topic):
    question = hear(line).question
    assert question is not None, line
    assert topic is None or question.topic == topic, question


@pytest.mark.parametrize("line", ["hi marta got a min", "u got 5 mins", "have you got ten minutes"])
def test_asking_for_a_word_without_a_mark_is_heard(line):
    question = hear(line).question
    assert question is not None and question.asks_for_a_word, line


@pytest.mark.parametrize("line", ["we got five minutes of fame in the paper", "Great news!! The audit passed!! 🎉"])
def test_exclamations_and_minutes_alone_ask_nothing(line):
    assert hear(line).question is None, line


def test_have_you_a_minute_asks_for_a_word():
    question = hear("Marta, have you a minute? It's about the rota.").question
    assert question is not None and question.asks_for_a_word


@pytest.mark.parametrize(("line", "asks"), [
    ("Alright Siobhan, it's about that secondment, I wondered if you'd had a think", True),
    ("is everything ok at home", True),
    ("get the sepsis update done and we can have another chat in a couple of weeks or so is that alright with you",
     True),
    ("Whit's yer gaffer gonnae say aboot it, is that the real problem", True),
    ("Whit I can do is get Bernard on nights for a month.", False),
    ("I hope that is ok.", False),
    ("and that is fine", False),
])
def test_a_question_put_plainly_without_a_mark_is_heard(line, asks):
    """Coherence sets 60 to 62: "I wondered if…", "is everything ok at home", a line that ends by checking it suits
    them, and Scots "whit" for what."""
    assert (hear(line).question is not None) is asks


# A formal request for an answer is a question (coherence sets 46 and 63, where it went unanswered); an offer of
# help, or "let me know what you think" after a proposal (which the reaction answers), is not.
@pytest.mark.parametrize("line", [
    "I'd be most grateful if you could let me know who signs off the overtime budget.",
    "We would appreciate it if you could let me know when the rota for March goes up.",
    "Kindly let me know whether the regional manager has seen my proposal.",
    "please let me know how the panel weighs the interview against the portfolio",
])
def test_a_formal_request_to_be_told_is_heard(line):
    assert hear(line).question is not None, line


@pytest.mark.parametrize("line", [
    "Let me know if you need anything from me before Friday.",
    "Just let me know if there's anything I can do to help.",
    "That's my plan for the handover. Let me know what you think.",
])
def test_an_offer_or_an_invitation_to_react_is_not_a_question(line):
    assert hear(line).question is None, line


def test_a_greeting_and_a_story_opener_are_not_questions_about_the_work():
    """Fresh set 66's raters: "y'alright duck?" and "did I ever tell you about my first expedition?" were answered "It
    depends on the detail. Give me that and I'll give you a straight answer"."""
    greeting = hear("Now then Siobhan, y'alright pet? Bitter out there, the wind's cutting right through me").question
    assert greeting is not None and greeting.topic == "personal"
    assert hear("Before I start, did I ever tell you about the time the minibus broke down at Kielder?").question is None
    assert hear("Did you tell the panel about my project?").question is not None


@pytest.mark.parametrize("line", [
    "Can I ask a random one, is the canteen still shut on Fridays or did they reopen it",
    "Could I ask a quick question, who draws up the summer rota?",
])
def test_a_question_after_asking_leave_to_ask_one_is_heard(line):
    """Fresh set 66's raters: "Can I ask a random one, is the agency still doing Friday drinks or did that get canned"
    got "Right, I'm with you so far… So what gives, if anything?"."""
    assert hear(line).question is not None, line


@pytest.mark.parametrize("line", [
    "I was wondering whether Sam might help out a bit, he's keen, did his Gold and everything",
    "I did the rota, you know if you need it",
])
def test_a_statement_with_a_tail_like_a_question_is_not_one(line):
    q = hear(line).question
    assert q is None or q.topic != "personal", line


def test_a_tail_question_off_the_subject_gets_an_aside_answer(catalog):
    from coach.core.detection import Detection
    from coach.rehearsal.dialogue.policy import respond
    from coach.rehearsal.dialogue.state import DialogueState

    scenario = catalog.get("hand-off-responsibility").scenario
    line = "Oh and the radiator in M4 is making that banging noise again, is that just me"
    _, end = respond(scenario, "realistic", DialogueState(patience=5, learner_turns=3), Detection(line))
    assert "answer:aside" in end.state["trace"], end.state["last_reply"]
