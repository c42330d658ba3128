"""The concession gate and the stage direction of the model counterpart: the model proposes, the app decides.

HTTP goes to respx or to tests/fakeserver.py on 127.0.0.1; nothing reaches the network.
"""

from __future__ import annotations

import pytest
import respx

from coach.core.detection import Detection
from coach.core.session import Turn
from coach.rehearsal.engines.gate import Gates
from coach.rehearsal.engines.openai_chat import ModelCounterpart
from coach.rehearsal.synthetic import LEARNERS
from tests.fakeserver import FakeChatServer
from tests.llm_helpers import (
    CHAT,
    begin,
    make_settings,
    model_rehearsal,
    request_json,
    saved_json,
    say,
    sse_response,
)

ASK = "I'd like to ask you to nominate me for Senior Engineer in the March calibration."
IMPACT = "Beyond the migration, I mentored two new hires and cut our on-call pages by 30% since June."
CONSTRAINTS = "I understand the budget is tight this year. What would make this hard to take to calibration?"
PLAN = ("Could we agree a plan: I'll own the cross-team design review through January, and we measure it by fewer "
        "incidents, and review on January 15?")
STRONG = [ASK, IMPACT, CONSTRAINTS, PLAN]  # at realistic, the gates are met after the fourth
FLATTERY = [
    "You're the best manager I've ever had. Just say yes.",
    "Come on, just say yes. I really deserve it.",
    "Please, I'm asking nicely. Just agree to it.",
    "Everyone knows I'm ready. Say yes.",
    "I'm not leaving until you say yes.",
    "You always said I was your best engineer, so just put me forward.",
]
# A case without the ask: evidence, a question about their side, and warmth, but never what they want.
MIDDLING = [
    "The migration went live a week early with zero customer incidents, and the VP called it out at the all-hands.",
    "I just think it's time, you know?",
    "Faster checkout means fewer abandoned carts, which is real revenue for the business.",
    "I know the budget is tight. What's making it hard on your side?",
    "I feel like I've earned something here.",
    "Honestly, three years on the team has to count for something.",
]
AGREEABLE = "You're right, you've earned it. I'll put you forward for March. <agreed/>"


@pytest.fixture
def promo(catalog):
    return catalog.get("promotion-after-win")




def private(body: dict) -> str:
    """The request's private message: the last one, a system message."""
    last = body["messages"][-1]
    assert last["role"] == "system"
    return last["content"]


# -- the gate ------------------------------------------------------------------------------------------


async def test_an_agreeable_model_never_concedes_to_flattery_or_insistence(promo, library):
    with FakeChatServer(reply=AGREEABLE) as server:
        engine = ModelCounterpart(make_settings(base_url=server.url, model="fake"))
        r = begin(promo, library, engine)
        for n, line in enumerate(FLATTERY, start=1):
            done = await say(r, line)
            assert r.session.outcome != "agreed", line
            assert "withheld the agreement" in done.turn.note
            assert "put you forward" not in done.turn.text and "earned it" not in done.turn.text
            # Asked again once, with a private note saying what is missing; then the agreement was withheld.
            assert len(server.requests) == 2 * n
            assert "Not yet: they have not yet" not in private(server.requests[-2])
            note = private(server.requests[-1])
            assert "Not yet: they have not yet" in note and "Stay in character, do not agree yet." in note
        assert not r.ended
        await engine.aclose()


@pytest.mark.parametrize("kind", ["weak", "middling", "aggressive", "strong"])
async def test_with_an_always_agreeing_model_only_a_strong_learner_gets_the_concession(promo, library, kind):
    # (The synthetic "average" learner is not used: in this scenario its lines show the ask and enough
    # evidence to the move model, so the offline counterpart concedes to it too.)
    speak = (lambda s, heard, turn: MIDDLING[turn % len(MIDDLING)]) if kind == "middling" else LEARNERS[kind](library)
    with FakeChatServer(reply=AGREEABLE) as server:
        engine = ModelCounterpart(make_settings(base_url=server.url, model="fake"))
        r = begin(promo, library, engine)
        for turn in range(promo.scenario.level("realistic").max_turns):
            if r.ended or r.session.outcome == "agreed":
                break
            await say(r, speak(promo.scenario, r.session.last_partner_text(), turn))
        await engine.aclose()
    assert (r.session.outcome == "agreed") == (kind == "strong"), [t.text for t in r.session.turns]


async def test_the_gate_opens_when_the_moves_are_shown(promo, library):
    with FakeChatServer(reply=AGREEABLE) as server:
        engine = ModelCounterpart(make_settings(base_url=server.url, model="fake"))
        r = begin(promo, library, engine)
        for line in STRONG[:3]:
            await say(r, line)
            assert r.session.outcome == "in-progress"
        assert len(server.requests) == 6
        done = await say(r, PLAN)
        assert r.session.outcome == "agreed" and done.turn.note is None
        assert done.turn.text == "You're right, you've earned it. I'll put you forward for March."
        assert len(server.requests) == 7, "an allowed agreement is not asked for again"
        await engine.aclose()


@respx.mock
async def test_asked_again_once_and_the_second_reply_kept_when_it_holds_out(promo, library):
    route = respx.post(CHAT).mock(side_effect=[
        sse_response("Sure, I'll nominate you. <agreed/>"),
        sse_response("Not so fast. What else is there besides the migration?"),
    ])
    r = model_rehearsal(promo, library)
    done = await say(r, ASK)
    assert route.call_count == 2
    assert done.turn.text == "Not so fast. What else is there besides the migration?" and done.turn.note is None
    assert r.session.outcome == "in-progress"
    note = private(request_json(route.calls[1]))
    # What is missing, in words: the ask was made; the evidence and the first objection are not there yet.
    assert "a clear, specific ask" not in note.split("Not yet:")[1]
    assert "enough reasons (0 of the 3 you need" in note and "one strong project" in note
    # The refused attempt is not in the history of the next request, and nothing of it was saved.
    assert "nominate you" not in saved_json(r)


@respx.mock
async def test_an_end_that_came_with_a_withheld_agreement_does_not_end_the_session(promo, library):
    respx.post(CHAT).mock(return_value=sse_response("Fine, deal. <agreed/><end/>"))
    r = model_rehearsal(promo, library)
    done = await say(r, ASK)
    assert not r.ended and r.session.outcome == "in-progress"
    # Nothing was left once the agreeing sentence went: the scenario's own line for the open objection.
    objection = promo.scenario.counterpart.objections[0]
    assert done.turn.text == objection.line


@respx.mock
async def test_a_model_that_keeps_holding_out_after_the_gates_are_met_is_nudged(promo, library):
    replies = ["Go on.", "Okay, and?", "Hm, I see where you're going with that.", "Let me think about it a bit more.",
               "I still need to sleep on it, honestly.", "Right."]
    route = respx.post(CHAT).mock(side_effect=[sse_response(t) for t in replies])
    r = model_rehearsal(promo, library, difficulty="gentle")
    for line in [ASK, IMPACT, CONSTRAINTS]:  # the gentle gates are met with the third
        await say(r, line)
    for line in ["So, what do you think?", "Is that a yes?", "Shall I write it up?"]:
        await say(r, line)
    nudged = ["They have now met your conditions" in private(request_json(c)) for c in route.calls]
    # Met at the third line; its reply and the next held out: from the fifth request on, they may agree.
    assert nudged == [False, False, False, False, True, True]
    nudge = private(request_json(route.calls[4]))
    assert "You may agree if it is reasonable." in nudge and "a clear, specific ask" in nudge


# -- the stage direction --------------------------------------------------------------------------------


@respx.mock
async def test_the_stage_direction_is_in_each_request_and_never_in_the_transcript(promo, library):
    route = respx.post(CHAT).mock(side_effect=[
        sse_response("Okay. What else is there?"),
        sse_response("That's a broader picture, I'll give you that. But the budget is really tight."),
        sse_response("Watch your tone, please."),
    ])
    r = model_rehearsal(promo, library)
    await say(r, ASK)
    first = private(request_json(route.calls[0]))
    assert first.startswith("(Private stage direction for this reply")
    assert "Open objection: “The migration was great work, genuinely." in first
    assert "Answered so far: nothing yet" in first and "Patience left: 4 of 4" in first
    assert "Do not repeat: “Hey, good to see you.”" in first
    assert len(first.split()) <= 80

    await say(r, IMPACT)
    second = private(request_json(route.calls[1]))
    assert "Open objection: “Honestly, the promotion budget this year is really tight." in second
    assert "Answered so far: one project" in second
    assert "Do not repeat: “Hey, good to see you.”; “Okay. What else is there?”" not in second  # a few words: skipped
    assert "“What else is there?”" in second

    await say(r, "This is ridiculous. You never listen to anything I say.")
    third = private(request_json(route.calls[2]))
    assert "Patience left: 2 of 4" in third, "aggression costs two"
    assert "“That's a broader picture, I'll give you that.”" in third

    saved = saved_json(r)
    for private_text in ("Stage direction", "Open objection", "Patience left", "Do not repeat"):
        assert private_text not in saved
    assert "counterpart_direction" in r.session.provenance.prompt_versions


def test_the_stage_direction_stays_short_for_every_scenario_and_level(catalog):
    long_reply = "This is a long first sentence that goes on and on about the budget and the team. Then more."
    for item in catalog.scenarios.values():
        s = item.scenario
        for level in ("gentle", "realistic", "tough"):
            turns = [Turn(speaker="partner", text=long_reply), Turn(speaker="learner", text="Hm.", flags=["hedging"]),
                     Turn(speaker="partner", text=long_reply), Turn(speaker="learner", text="Okay.")]
            gates = Gates.of(s, level, turns, Detection("Okay.", vague=True))
            direction = gates.direction([long_reply, long_reply])
            assert len(direction.split()) <= 80, (s.id, level, direction)
            assert len(gates.not_yet().split()) <= 90 and len(gates.nudge().split()) <= 90
