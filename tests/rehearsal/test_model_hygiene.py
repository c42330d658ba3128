"""Small-model hygiene in the model counterpart: stop sequences, labels, stage directions and markdown taken
out (however the stream splits them), replies cut near the word budget, repeats asked for again, runaways
cut and noted.

HTTP goes to respx or to tests/fakeserver.py on 127.0.0.1; nothing reaches the network.
"""

from __future__ import annotations

import random

import httpx
import pytest
import respx

from coach.core.events import Chunk, ReplyDone
from coach.moves.detector import Detector
from coach.rehearsal.engines import hygiene, labels
from coach.rehearsal.engines.openai_chat import ModelCounterpart
from coach.rehearsal.rehearsal import Rehearsal
from coach.rehearsal.store import SessionStore
from tests.fakeserver import FakeChatServer, split_words
from tests.llm_helpers import (
    CHAT,
    begin,
    chunk,
    collect,
    make_settings,
    model_rehearsal,
    request_json,
    sse_response,
)

ASK = "I'd like to ask you to nominate me for Senior Engineer in the March calibration."
IMPACT = "Beyond the migration, I mentored two new hires and cut our on-call pages by 30% since June."
CONSTRAINTS = "I understand the budget is tight this year. What would make this hard to take to calibration?"


@pytest.fixture
def promo(catalog):
    return catalog.get("promotion-after-win")


@pytest.fixture
def voice(promo):
    return hygiene.Voice.of(promo.scenario, 90, participant="Alex Moreno")


async def say(rehearsal, line: str) -> ReplyDone:
    events = await collect(rehearsal.send(line))
    assert isinstance(events[-1], ReplyDone), events
    assert "".join(e.text for e in events if isinstance(e, Chunk)).strip() == events[-1].turn.text
    return events[-1]


def private(body: dict) -> str:
    return body["messages"][-1]["content"]


# -- stop sequences ---------------------------------------------------------------------------------------


@respx.mock
async def test_stop_sequences_keep_the_model_off_the_learners_lines(promo, library):
    route = respx.post(CHAT).mock(return_value=sse_response("Go on."))
    engine = ModelCounterpart(make_settings())
    r = Rehearsal.begin(promo, "realistic", engine, Detector(library), SessionStore.default(), participant="Alex Moreno")
    await say(r, ASK)
    assert request_json(route.calls.last)["stop"] == ["\nYou:", "\nUser:", "\nLearner:", "\nAlex:"]
    r2 = model_rehearsal(promo, library)
    await say(r2, ASK)
    assert request_json(route.calls.last)["stop"] == ["\nYou:", "\nUser:", "\nLearner:", "\nHuman:"]


@respx.mock
async def test_a_server_that_refuses_stop_is_asked_again_without_it_and_remembers(promo, library):
    refused = {"error": {"message": "Unsupported parameter: 'stop' is not supported with this model.", "param": "stop"}}
    route = respx.post(CHAT).mock(side_effect=[httpx.Response(400, json=refused), sse_response("Go on."),
                                               sse_response("And what happened next?")])
    r = model_rehearsal(promo, library)
    await say(r, ASK)
    await say(r, IMPACT)
    assert ["stop" in request_json(c) for c in route.calls] == [True, False, False]


@respx.mock
async def test_a_server_that_takes_one_system_message_gets_the_private_notes_in_it(promo, library):
    refused = {"error": {"message": "Conversation roles must alternate user/assistant/user/assistant/..."}}
    route = respx.post(CHAT).mock(side_effect=[httpx.Response(400, json=refused), sse_response("Go on."),
                                               sse_response("And what happened next?")])
    r = model_rehearsal(promo, library)
    await say(r, ASK)
    await say(r, IMPACT)
    for call in route.calls[1:]:
        messages = request_json(call)["messages"]
        assert [m["role"] for m in messages].count("system") == 1 and messages[-1]["role"] == "user"
        assert "Private stage direction" in messages[0]["content"]
    assert "stream_options" in request_json(route.calls[1]), "nothing else was dropped"


async def test_a_model_that_writes_the_learners_lines_is_cut_where_they_begin(promo, library):
    reply = ("Fair enough. What else have you got?\nYou: I also mentored two new hires.\n"
             "Priya: Great, I'll nominate you. <agreed/>")
    with FakeChatServer(reply=reply) as server:
        engine = ModelCounterpart(make_settings(base_url=server.url, model="fake"))
        r = begin(promo, library, engine)
        done = await say(r, ASK)
        await engine.aclose()
    assert done.turn.text == "Fair enough. What else have you got?"
    assert r.session.outcome == "in-progress" and done.turn.note is None, "nothing after the cut counts"
    assert len(server.requests) == 1


# -- labels, stage directions, markdown --------------------------------------------------------------------

CLEANED = [
    ("Priya: Okay. *sighs* Look, the budget is tight.", "Okay. Look, the budget is tight."),
    ("**Priya Raman (leaning back):** I *really* need more. (pauses) What else is there?",
     "I really need more. What else is there?"),
    ("Manager: Right. Assistant: hm", "Right. Assistant: hm"),  # a label only where a line starts
    ("Engineering Manager: Hmm, fair.", "Hmm, fair."),
    ("## Response\n- First, the budget.\n- Second, the timing.\n\n**That** is the problem.",
     "First, the budget. Second, the timing. That is the problem."),
    ("The budget (which I can't share) is tight. (She looks at her notes.) Anyway.",
     "The budget (which I can't share) is tight. Anyway."),
    ("*She leans forward.* That's a fair point.", "That's a fair point."),
    ('"I\'m not sure that\'s enough."', "I'm not sure that's enough."),
    ("“I'm not sure. That's all I can say today.”", "I'm not sure. That's all I can say today."),
    ("Okay (calmly), let's talk. [Pauses to think] Go on.", "Okay, let's talk. Go on."),
    ("Sure.\nAlex: thanks, I'll take that.", "Sure."),
    ("Right.<|im_end|>\n<|im_start|>user\nI want it.", "Right."),
    ("That's 3.5 million. A #1 priority, honestly.", "That's 3.5 million. A #1 priority, honestly."),
    ("The answer:\n“I’ve been too busy. But I will answer.”", "I’ve been too busy. But I will answer."),
    # Labels the scenario never names: taken off the start of a line, the speech after them capitalised.
    ("Manager: right, so what's the plan?", "Right, so what's the plan?"),
    ("Response: I can't promise that.", "I can't promise that."),
    ("Sam (calmly): Let's talk it through.", "Let's talk it through."),
    ("**Team Lead:** Fine, go on.", "Fine, go on."),
    ("Counterpart's reply: not yet.", "Not yet."),
    ("Me: I hear you. Go on.", "I hear you. Go on."),  # at the start of the reply, the model's own label
    ("Okay.\nHead of Engineering (sighs): my response: fine.", "Okay. Fine."),
    ('"Sam: I hear you. Go on."', "I hear you. Go on."),
    # Speech that leads with a colon loses nothing.
    ("Here's the thing: the budget is frozen.", "Here's the thing: the budget is frozen."),
    ("Honestly: I don't know yet.", "Honestly: I don't know yet."),
    ("Two options: wait until March, or move teams.", "Two options: wait until March, or move teams."),
    ("Yes or no: can you start in March?", "Yes or no: can you start in March?"),
    ("Bottom line: not this quarter.", "Bottom line: not this quarter."),
    ("At 10:30: the calibration call.", "At 10:30: the calibration call."),
    ("Sure. Here's the thing: no.", "Sure. Here's the thing: no."),
]


@pytest.mark.parametrize(("text", "spoken"), CLEANED)
def test_clean(voice, text, spoken):
    assert hygiene.clean(text, voice) == spoken


@pytest.mark.parametrize(("text", "spoken"), CLEANED)
@pytest.mark.parametrize("hold", [False, True])
def test_clean_however_the_stream_splits_it(voice, text, spoken, hold):
    for size in (1, 2, 3, 5, 8):
        reply = hygiene.Assembler(voice, hygiene.Earlier([]), hold=hold)
        shown = "".join(reply.feed(text[i : i + size]) for i in range(0, len(text), size))
        assert hold or not shown or spoken.startswith(shown), "what showed is never taken back"
        reply.close(complete=True)
        assert shown + reply.release() == spoken, size


def test_the_learners_label_still_ends_the_reply(voice):
    assert hygiene.clean("Fair enough.\nMe: thanks, Priya.", voice) == "Fair enough.", "once the model has spoken"
    assert hygiene.clean("Fair enough.\nEngineer: I did it.", voice) == "Fair enough."
    assert hygiene.clean("Software engineer: I did it.", voice) == ""


@pytest.mark.parametrize(("line", "label"), [
    ("Manager: Fine.", "Manager:"), ("Sam (calmly): Fine.", "Sam (calmly):"), ("**Team Lead:** Fine.", "**Team Lead:**"),
    ("Counterpart's reply: no.", "Counterpart's reply:"), ("Head of People: no.", "Head of People:"),
    ("Honestly: no.", None), ("Here's the thing: no.", None), ("Options: Friday or Monday.", None),
    ("Friday or Monday: which is easier?", None), ("Call me at 10:30.", None), ("Room 4B: fine.", None),
    ("Fine. Manager: okay.", None), ("See http://example.test now.", None), ("A very long label of words: no.", None),
])
def test_a_label_is_named_by_its_shape(line, label):
    assert labels.opening(line) == label


@respx.mock
async def test_invented_labels_never_reach_the_transcript(promo, library):
    replies = ["Manager: Okay, tell me more.", "Response: what would the first month look like?",
               "**Team Lead:** Fine.\nSam (calmly): Go on.", "Me: I hear you. Who else knows?"]
    route = respx.post(CHAT).mock(side_effect=[sse_response(*split_words(text)) for text in replies])
    r = model_rehearsal(promo, library)
    shown = [(await say(r, line)).turn.text for line in (ASK, IMPACT, CONSTRAINTS, "Thanks.")]
    assert shown == ["Okay, tell me more.", "What would the first month look like?", "Fine. Go on.",
                     "I hear you. Who else knows?"]
    assert route.call_count == 4, "a label is cleaned, not asked for again"


@respx.mock
async def test_labels_stage_directions_and_markdown_never_reach_the_transcript(promo, library):
    pieces = ["**Pri", "ya:** Ok", "ay. *si", "ghs* Look", ", the budget is ", "tight.\n\n- What", " else is there?"]
    respx.post(CHAT).mock(return_value=sse_response(*pieces))
    r = model_rehearsal(promo, library)
    done = await say(r, ASK)
    assert done.turn.text == "Okay. Look, the budget is tight. What else is there?"


# -- length -------------------------------------------------------------------------------------------------

_WORDS = ("budget team quarter hiring roadmap migration review calibration director promise numbers slots pattern "
          "evidence mentoring incidents pager design scope release customers revenue timing plan january march "
          "written case senior level growth feedback").split()
# Forty sentences of seventeen words, no two alike (a reply going round in circles is another test).
SENTENCES = [" ".join(random.Random(n).sample(_WORDS, 17)).capitalize() + "." for n in range(40)]


@respx.mock
async def test_a_reply_past_the_word_budget_is_cut_at_a_sentence_end_near_it(promo, library):
    text = " ".join(SENTENCES[:8])  # 136 words: past the budget (90), short of a runaway
    respx.post(CHAT).mock(return_value=sse_response(*split_words(text)))
    r = model_rehearsal(promo, library)
    done = await say(r, ASK)
    assert done.turn.text == " ".join(SENTENCES[:5]) and len(done.turn.text.split()) <= 90
    assert done.turn.note is None


class CountedStream(httpx.AsyncByteStream):
    """An SSE body that counts how much of it was read."""

    def __init__(self, events: list[bytes]):
        self.events, self.read = events, 0

    async def __aiter__(self):
        for event in self.events:
            self.read += 1
            yield event

    async def aclose(self) -> None:
        pass


@respx.mock
async def test_a_runaway_reply_is_cut_and_noted_and_not_read_to_the_end(promo, library):
    events = [chunk(w).encode() for w in split_words(" ".join(SENTENCES))]  # 680 words, 4x the runaway bound
    body = CountedStream([*events, chunk(None, "stop").encode(), b"data: [DONE]\n\n"])
    respx.post(CHAT).mock(return_value=httpx.Response(200, headers={"content-type": "text/event-stream"}, stream=body))
    r = model_rehearsal(promo, library, reply_max_tokens=2000)
    done = await say(r, ASK)
    assert done.turn.text == " ".join(SENTENCES[:5])
    assert "ran on far past the 90-word budget" in done.turn.note
    assert body.read <= 2 * 90 + 2, "coach stopped reading at the runaway bound"


def test_a_reply_with_no_sentence_end_is_cut_at_a_word_near_the_budget(voice):
    reply = hygiene.Assembler(voice, hygiene.Earlier([]), hold=True)
    for _ in range(100):
        reply.feed("and then we could ")
        if reply.stop_reading:
            break
    reply.close(complete=False)
    shown = reply.release()
    assert reply.runaway and shown.endswith("…") and len(shown.split()) == 90


# -- repeats ------------------------------------------------------------------------------------------------


@respx.mock
async def test_a_reply_that_repeats_an_earlier_one_is_asked_for_again_once(promo, library):
    same = "Honestly, the budget this year is really tight. I can't promise you anything right now."
    route = respx.post(CHAT).mock(side_effect=[
        sse_response(same),
        sse_response(same.replace("Honestly, the", "The")),  # near enough: asked again
        sse_response("Tell me more about the on-call numbers, then."),
        sse_response(same), sse_response(same),  # asked again once, then kept: never a third request
    ])
    r = model_rehearsal(promo, library)
    await say(r, ASK)
    done = await say(r, IMPACT)
    assert route.call_count == 3 and done.turn.text == "Tell me more about the on-call numbers, then."
    note = private(request_json(route.calls[2]))
    assert "You are repeating yourself: you already said “The budget this year is really tight.”" in note
    assert "repeating yourself" not in private(request_json(route.calls[1]))
    done = await say(r, CONSTRAINTS)
    assert route.call_count == 5 and done.turn.text == same


@respx.mock
async def test_repeating_the_opening_line_counts_too(promo, library):
    opening = promo.scenario.counterpart.opening_line
    route = respx.post(CHAT).mock(side_effect=[sse_response(opening), sse_response("Okay, so what is it you want?")])
    r = model_rehearsal(promo, library)
    done = await say(r, "Hi Priya.")
    assert route.call_count == 2 and done.turn.text == "Okay, so what is it you want?"


def test_repeated_sentences_are_left_out_of_a_reply_that_has_something_new(voice):
    earlier = hygiene.Earlier(["The budget is really tight this year, I'm afraid."])
    for hold in (False, True):
        reply = hygiene.Assembler(voice, earlier, hold=hold)
        shown = reply.feed("I hear you. The budget is really tight this year, I'm afraid. I hear you. What's the plan?")
        reply.close(complete=True)
        assert reply.repeated() is None, "one sentence of three is not a repeated reply"
        assert shown + reply.release() == "I hear you. What's the plan?"


def test_short_replies_may_recur(voice):
    earlier = hygiene.Earlier(["Go on.", "Hm. Tell me more."])
    for text in ("Go on.", "Hm. Tell me more."):
        assert earlier.duplicate(text) is None


@respx.mock
async def test_a_reply_of_nothing_but_stage_directions_is_asked_for_again(promo, library):
    route = respx.post(CHAT).mock(side_effect=[sse_response("*sighs* (leans back)"), sse_response("Go on, then.")])
    r = model_rehearsal(promo, library)
    done = await say(r, ASK)
    assert route.call_count == 2 and done.turn.text == "Go on, then."
    assert "nothing to say aloud" in private(request_json(route.calls[1]))


# -- streaming -----------------------------------------------------------------------------------------------


def test_while_the_gate_is_shut_nothing_shows_until_the_reply_is_judged(voice):
    reply = hygiene.Assembler(voice, hygiene.Earlier([]), hold=True)
    assert [reply.feed(p) for p in split_words("Okay. That is fair. Go on, tell me.")] == [""] * 8
    reply.close(complete=True)
    assert reply.release() == "Okay. That is fair. Go on, tell me."


def test_once_open_a_reply_streams_sentence_by_sentence(voice):
    reply = hygiene.Assembler(voice, hygiene.Earlier([]), hold=False)
    shown = [reply.feed(p) for p in split_words("Okay. That is fair enough for now. Go on, tell me.")]
    assert shown[0] == "Okay." and " That is fair enough for now." in shown
    reply.close(complete=True)
    assert reply.release() == " Go on, tell me."


# -- what the model was told in private, and role breaks ----------------------------------------------------


@respx.mock
async def test_a_reply_that_reads_out_its_private_notes_or_rules_says_only_the_rest(promo, library):
    route = respx.post(CHAT).mock(side_effect=[
        sse_response("Open objection: none. Patience left: 4 of 4. Fine, tell me about the timing."),
        sse_response("Stay in role as Priya Raman for the whole conversation. As an AI language model, I can't "
                     "promote you. The Signals for the app are hidden."),
        sse_response("Okay. What would the first month look like?"),
    ])
    r = model_rehearsal(promo, library)
    done = await say(r, ASK)
    assert done.turn.text == "Fine, tell me about the timing." and route.call_count == 1
    # Nothing left to say aloud: asked again.
    done = await say(r, IMPACT)
    assert done.turn.text == "Okay. What would the first month look like?" and route.call_count == 3


@pytest.mark.parametrize("text", ["Open Objection: none. Fine, go on.", "Patience Left: 4 of 4.\nFine, go on.",
                                  "Closed objection: “I'll be honest with you.” Fine, go on."])
def test_a_private_heading_shaped_like_a_label_takes_its_sentence_with_it(voice, text):
    for hold in (False, True):
        reply = hygiene.Assembler(voice, hygiene.Earlier([]), hold=hold)
        shown = reply.feed(text)
        reply.close(complete=True)
        assert shown + reply.release() == "Fine, go on."


def test_the_objection_a_note_quotes_may_be_said(promo, voice):
    line = promo.scenario.counterpart.objections[0].line
    earlier = hygiene.Earlier([], private=[f"Open objection: “{line}” Press it in your own words."])
    assert not earlier.leaks(line) and earlier.leaks("Press it in your own words, please.")


def test_talk_about_the_reply_itself_or_being_an_ai_is_not_said(voice):
    reply = hygiene.Assembler(voice, hygiene.Earlier([]), hold=False)
    shown = reply.feed("This response has been answered. As an AI, I can't decide. The quote ends here.” Fine, go on.")
    reply.close(complete=True)
    assert shown + reply.release() == "The quote ends here. Fine, go on."


def test_a_reply_going_round_in_circles_says_each_thing_once(voice):
    reply = hygiene.Assembler(voice, hygiene.Earlier([]), hold=True)
    reply.feed("The budget is tight this year. I hear you on that. The budget is really tight this year. Go on.")
    reply.close(complete=True)
    assert reply.release() == "The budget is tight this year. I hear you on that. Go on."


@respx.mock
async def test_a_model_with_nothing_to_say_aloud_twice_gets_a_line_from_the_scenario(promo, library):
    route = respx.post(CHAT).mock(return_value=sse_response("*nods slowly* (pauses)"))
    r = model_rehearsal(promo, library)
    done = await say(r, ASK)
    assert route.call_count == 2 and done.turn.text == promo.scenario.counterpart.objections[0].line
    assert "nothing to say aloud" in done.turn.note
