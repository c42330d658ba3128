"""A learner who takes a no as it stands ("I'm not here to reopen the panel's decision") is not refused it again:
the refusal they headed off gets a nod, is never raised or pressed afterwards, and a raised one is settled by it."""

from __future__ import annotations

import pytest

from coach.core.events import ReplyDone
from coach.moves.detector import Detector
from coach.rehearsal.dialogue.acceptance import settles, taken_as_it_stands
from coach.rehearsal.engines.offline import OfflineCounterpart
from coach.rehearsal.rehearsal import Rehearsal
from coach.scenario.model import Objection


async def _say(rehearsal: Rehearsal, line: str) -> list[str]:
    trace: list[str] = []
    async for event in rehearsal.send(line):
        if isinstance(event, ReplyDone):
            trace = rehearsal.session.last_state()["trace"]
    return trace


@pytest.mark.parametrize("difficulty", ["realistic", "tough"])
async def test_a_decision_accepted_up_front_is_not_refused_again(catalog, library, difficulty):
    """Coherence set 92 (read): the disclaimer came first, and "The decision stands" still followed, pressed three
    times."""
    item = catalog.get("promotion-follow-up")
    r = Rehearsal.begin(item, difficulty, OfflineCounterpart(seed=0), Detector(library))
    lines = [
        "Good afternoon, thank you for making the time. I am not here to reopen the panel's decision, I want to "
        "understand it and use it.",
        "The email said I am 'not yet demonstrating the full range of manager competencies'. Which ones exactly?",
        "For balance, last busy season I ran fieldwork on three listed audits and supervised teams of up to six.",
        "What I am asking is to lead the Harwood audit day to day from now to the December round.",
    ]
    traces = [await _say(r, line) for line in lines if not r.ended]
    said = [k for trace in traces for k in trace]
    assert not any(k in said for k in ("raise:decision-stands", "press:decision-stands")), said
    assert "pre_empted:decision-stands" in traces[0]  # a nod to what they said, at once


def test_what_is_taken_as_it_stands():
    assert taken_as_it_stands("I accept the decision.") == [("the decision", True)]
    assert taken_as_it_stands("Not here to reopen it. Want the real reasons.") == [("it", True)]
    assert taken_as_it_stands("I'm not here to fight the freeze, I just want a plan.") == [("the freeze", True)]
    for line in ("I don't accept the decision.", "I'm not trying to argue with you, I'm just tired.",
                 "I accept that the Brightwater file was rough.", "I accept no responsibility for that.",
                 "I'm not asking you to change your mind."):
        assert taken_as_it_stands(line) == [], line


def test_only_a_refusal_or_the_worry_named_is_settled():
    refusal = Objection(id="decision", line="The decision stands.", answered_by=["recover-from-no"],
                        press=["Reopening it is off the table."], accepted=["Good."], pre_empted=["Thanks."])
    freeze = Objection(id="freeze", line="Nobody on this site gets a rise this year.", answered_by=["explores-constraints"],
                       press=["The freeze isn't my call."], accepted=["Right."], pre_empted=["Good."])
    client = Objection(id="client", line="The harder of the panel's points is client ownership.",
                       answered_by=["phased-plan"], press=["You're stepping round it."], accepted=["Ok."],
                       pre_empted=["Good."])
    decision = taken_as_it_stands("I accept the panel's decision.")
    assert settles(refusal, decision) and not settles(client, decision) and not settles(freeze, decision)
    assert settles(freeze, taken_as_it_stands("I'm not here to argue with the freeze."))
