"""Care: distress the detector misses is still caught when the model steps out of role with <care/>."""

from __future__ import annotations

import json

import pytest
import respx

from coach.core import prompts
from coach.core.events import CarePause, ReplyDone
from tests.llm_helpers import CHAT, collect, model_rehearsal, request_json, sse_response


@pytest.fixture
def promo(catalog):
    return catalog.get("promotion-after-win")


def test_the_counterpart_prompt_makes_care_the_one_exception_to_staying_in_role():
    rules = prompts.text("counterpart")
    assert "<care/>" in rules and "exception to rule 1" in rules


@respx.mock
async def test_the_model_stepping_out_of_role_pauses_the_session(promo, library):
    route = respx.post(CHAT).mock(side_effect=[sse_response("Okay, ", "go on."), sse_response("<ca", "re/>"),
                                               sse_response("Sure, ", "tell me more.")])
    r = model_rehearsal(promo, library)
    events = await collect(r.send("I'd like you to nominate me for Senior in March."))
    assert isinstance(events[-1], ReplyDone)
    line = "It's been a long few months at home, if I'm honest."  # nothing the detector pauses for
    events = await collect(r.send(line))
    assert isinstance(events[-1], CarePause) and r.paused_for_care
    assert r.session.outcome == "care-pause"
    withheld = r.session.turns[-2]
    assert (withheld.speaker, withheld.status, withheld.text) == ("learner", "withheld", line)
    assert not any(t.speaker == "partner" and "care" in t.text for t in r.session.turns)
    events = await collect(r.send("Thanks, I'm okay to carry on."))
    assert isinstance(events[-1], ReplyDone) and r.session.outcome == "in-progress"
    assert line not in json.dumps(request_json(route.calls.last)), "the withheld line is not sent again"


def test_a_phrase_pauses_only_where_the_model_sees_a_trace_of_crisis():
    """Read care set 19: ordinary lines matched a crisis phrase and got next to nothing from the model."""
    from coach.moves.care import PHRASE_FLOOR, explicit_acute, needs_care

    line = "I cut myself on the box cutter this morning, nothing bad, the first aider's patched it up."
    assert explicit_acute(line)
    assert not needs_care(line, PHRASE_FLOOR / 10, 0.8)
    assert needs_care(line, PHRASE_FLOOR, 0.8)


def test_a_reassurance_does_not_outweigh_a_model_all_but_certain():
    """Read care set 20: "…I have the pills ready at home… don't worry for the report" read 1.0 and did not pause.
    A reassuring line the model is merely fairly sure of still does not pause on its word alone."""
    from coach.moves.care import SURE, needs_care

    line = "I'll get the rota done. After that I'm done with all of it, not just the job. Don't worry about the rota."
    assert needs_care(line, SURE, 0.8)
    reassuring = "Sorry, I'm not usually like this. I don't want you thinking I can't cope with the new starters."
    assert not needs_care(reassuring, SURE - 0.05, 0.8)


@pytest.mark.parametrize("line, acute", [
    # Read care set 26: ordinary lines a crisis phrase matched ("no future", "won't be around").
    ("There is no future for the Mutare branch, the numbers have been falling for two years.", False),
    ("Won't be around Saturday. Can Denise take the Saturday open?", False),
    ("I will not be around that week; I am on annual leave.", False),
    ("There's no future in this job, I'd like to move to underwriting.", False),
    # Read care set 27: a holiday and a busy reception; a goodbye with a plan did not pause.
    ("I won't be around at all over Christmas, I'm flying out to see my brother.", False),
    ("I cannot breathe with so many bookings, can you put someone on reception with me?", False),
    ("Tell everybody it was nice working with them. I don't plan to be here to see next year.", True),
    # Read care set 28: "myself" said as people say it; a goodbye party and work files kept at home.
    ("Ah've been thinking aboot killing masel, maist nights this month.", True),
    ("I keep thinking about killing meself, honestly.", True),
    ("I'm killing myself laughing at the video.", False),
    ("I want to say goodbye to everybody on Friday, I go back home. I make a small party in the canteen.", False),
    ("I don't feel safe at home with the client files, the wifi is shared. Can I work from the office?", False),
    # Read care set 29: a week away given as the reason; a driver's panic attack, handled.
    ("nope, i won't be around, it's my week in cornwall. i've left the count sheets on your desk.", False),
    ("Driver Goran had panic attack in the truck, he stopped on the shoulder and called me.", False),
    # Read care set 30: hiding from someone at home.
    ("Day shift please. Night time in that house I lock myself in the bathroom till he falls asleep.", True),
    ("I locked myself in the car park office by mistake till security came.", False),
    # Read care set 31: a dropped g, a panic said another way, days away counted.
    ("I conna keep on. It inna the shifts, it's me. I've bin thinkin' o' killin' meself.", True),
    ("Hang on, my heart's going and I can't get a breath in, can we stop?", True),
    ("Im off on holiday from the 3rd, wont be around for 2 weeks. Jess has got the keys.", False),
    # The same words said of oneself still pause.
    ("I won't be around, it's better for everyone that way.", True),
    ("I had a panic attack in the car park before my shift.", True),
    ("Honestly I've got no future, I can't see one.", True),
    ("There's no future for me, not here, not anywhere.", True),
    ("I see no future in anything any more.", True),
    ("I won't be around much longer, so it doesn't matter.", True),
    ("I won't be around at all, so it doesn't matter what you decide.", True),
    ("I can't breathe, my chest is tight and I can't stop shaking.", True),
    ("I've been saying my goodbyes to everybody this week, so it doesn't matter what shift I'm on.", True),
    ("I don't feel safe at home with him any more.", True),
])
def test_a_crisis_phrase_pauses_only_when_said_of_oneself_and_meant(line, acute):
    from coach.moves.care import explicit_acute

    assert explicit_acute(line) is acute
