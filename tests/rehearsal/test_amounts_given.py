"""An amount the learner has given is not asked for again: after "52 hours a week" the counterpart does not ask
"How many hours?" (read coherence sets 60-108 had 16 such replies); another line is picked."""

from __future__ import annotations

import pytest

from coach.core.events import ReplyDone
from coach.moves.detector import Detector
from coach.rehearsal.dialogue.amounts import asks_a_given_amount, given_units
from coach.rehearsal.engines.offline import OfflineCounterpart
from coach.rehearsal.rehearsal import Rehearsal

HOW_MANY = "Give me something I can picture. How many hours, and what's actually slipped?"


@pytest.mark.parametrize("said", [
    "I'm doing about 52 hours a week at the moment.",
    "im doing like 52 hrs a wk and its getting a bit much tbh",
    "Fifty-two hours a week it has been, since before Christmas.",
    "some weeks I make more than 50 hours.",
    "It's been 52-hour weeks since October.",
    "forty odd hours, every week",
])
def test_hours_given_are_not_asked_for(said):
    assert given_units([said]) == {"hour"}
    assert asks_a_given_amount(HOW_MANY, ["Hi, got a minute?", said])


@pytest.mark.parametrize("said", [
    "I'm working too many hours, honestly.",
    "I've done 3 reports and 2 client calls today.",
    "Since 2019 I've led the team.",
])
def test_no_amount_of_hours_given_still_asks(said):
    assert not asks_a_given_amount(HOW_MANY, [said])


async def _replies(item, library, lines, level, seed):
    r = Rehearsal.begin(item, level, OfflineCounterpart(seed=seed), Detector(library))
    out = []
    for line in lines:
        async for event in r.send(line):
            if isinstance(event, ReplyDone):
                out.append(event.turn.text)
    return out


@pytest.mark.parametrize("level", ["gentle", "realistic", "tough"])
async def test_the_counterpart_does_not_ask_for_hours_it_was_told(catalog, level):
    item = catalog.get("workload-boundary")
    lines = ["Hi Rob, have you got a minute?",
             "I'm doing about 52 hours a week and I'm tired in a way that sleep doesn't fix.",
             "Maybe Aisha could help a little, she did ask.",
             "Is there any way something could come off my plate?",
             "I don't know, it's just a lot."]
    for seed in range(8):
        replies = await _replies(item, catalog.library, lines, level, seed)
        assert not any("how many hours" in reply.lower() for reply in replies[1:]), (seed, replies)
