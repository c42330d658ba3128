"""A line read as aggression is met for what it is: talk of leaving ("a recruiter's been ringing me") with a line
about leaving, not a rebuke for rudeness; blame or contempt with no line about threats to leave."""

from __future__ import annotations

import pytest

from coach.core.events import ReplyDone
from coach.moves.detector import Detector
from coach.rehearsal.dialogue.temper import aggression_pools, talks_of_leaving
from coach.rehearsal.engines.offline import OfflineCounterpart
from coach.rehearsal.rehearsal import Rehearsal


@pytest.mark.parametrize(("line", "leaving"), [
    ("I've had a recruiter on the phone twice this month, for what it's worth. Haven't rung back. Yet.", True),
    ("Sign it by the 14th or I'm taking the recruiter's call.", True),
    ("There's a manager job going at another firm and they've asked me twice.", True),
    ("Put me forward or I'll hand in my notice.", True),
    ("If you'd sign. Maybe.", False),
    ("A one-line email. After four years. Nobody even picked up the phone.", False),
    ("Frankly, you hand out work like someone who's never had to do any of it.", False),
    ("There's quite a lot of work elsewhere in the team I could pick up.", False),
])
def test_talk_of_leaving_is_told_from_blame(line, leaving):
    assert talks_of_leaving(line) is leaving


def test_blame_gets_no_line_about_threats_to_leave_and_a_threat_gets_one():
    own = ["Steady on. Let's keep this civil.", "Threatening to leave isn't the way to get my signature."]
    general = {"threat_to_leave": ["That's your call to make."]}
    assert aggression_pools("If you'd sign. Maybe.", own, general)[0] == ["Steady on. Let's keep this civil."]
    assert aggression_pools("A recruiter keeps ringing me.", own, general)[0] == [
        "Threatening to leave isn't the way to get my signature."]


async def test_a_recruiter_mentioned_is_not_rebuked_as_rudeness(catalog, library):
    item = catalog.get("promotion-follow-up")
    r = Rehearsal.begin(item, "realistic", OfflineCounterpart(), Detector(library))
    async for event in r.send("I'll be honest, a recruiter's been ringing me about a manager job elsewhere. I haven't "
                              "rung back."):
        if isinstance(event, ReplyDone):
            reply = event.turn
    if "aggression" in reply.state["trace"]:  # read as a veiled threat: answered as one
        assert "spoken to like that" not in reply.text and "Blaming" not in reply.text
        assert any(w in reply.text.lower() for w in ("stay", "lose you", "offer", "your call", "threat"))
