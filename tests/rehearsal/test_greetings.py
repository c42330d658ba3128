"""A hello that asks how they are ("G'day Rob, how ya going.", "Afternoon Marcus, alright eh?", "Habari?") is heard
and answered in kind, first, however it is typed (read coherence sets 80 and 87: such openings went unanswered).
A line that only opens the same way is not one, and "How are you doing, really?" still asks what is going on."""

from __future__ import annotations

import pytest

from coach.core.detection import Detection
from coach.rehearsal.dialogue.hearing import hear
from coach.rehearsal.dialogue.policy import respond
from coach.rehearsal.dialogue.state import DialogueState


@pytest.mark.parametrize("line", [
    "G'day Priya, how ya going. Busy week I reckon",
    "Afternoon Rob, alright eh? It's about the rota",
    "Morning Siobhan. Habari? I hope you are fine.",
    "hiya marcus hows ur weekend been",
    "Evening Declan, how y'all holdin up, heard the yard flooded",
    "Hey Ruth, how's things",
    "Aye Kwame, fit like.",
])
def test_a_greeting_that_asks_how_they_are_is_heard(line):
    q = hear(line).question
    assert q is not None and q.topic == "personal" and q.greeting and q.how_they_are, line


@pytest.mark.parametrize("line", [
    "Alright, I'll do the pack.",
    "How are you going to cover the early shift?",
    "So how is your week looking for a review?",
    "What's the craic with the four o'clock, is it the Teesside lot again?",
])
def test_a_line_that_only_opens_like_a_greeting_is_not_one(line):
    q = hear(line).question
    assert q is None or not q.greeting, line


def test_how_are_you_really_still_asks_what_is_going_on():
    q = hear("That's not like you at all. How are you doing, really?").question
    assert q is not None and q.topic == "feelings" and not q.greeting


def _reply(catalog, scenario_id: str, line: str) -> tuple[str, list[str]]:
    scenario = catalog.get(scenario_id).scenario
    _, end = respond(scenario, "realistic", DialogueState(patience=5), Detection(line))
    return " ".join(end.state["last_reply"]), end.state["trace"]


def test_a_greeting_is_answered_before_anything_else(catalog):
    reply, trace = _reply(catalog, "workload-boundary", "G'day Rob, how ya going. Flat out as usual I reckon")
    assert trace[0] == "answer:personal", (reply, trace)


def test_a_hello_gets_small_talk_not_the_story_kept_for_asking_well(catalog):
    """The report in the performance conversation tells what is going on when asked well, not at a hello."""
    reply, trace = _reply(catalog, "compassionate-performance-conversation",
                          "Fit like, Kwame. Come in, sit down, this isn't a telling-off.")
    assert trace[0] == "answer:personal" and "dad" not in reply.lower(), reply
