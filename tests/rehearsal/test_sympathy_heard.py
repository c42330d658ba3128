"""Sympathy put to the counterpart is thanked, not taken for an apology (read coherence sets 122-163: "Pole sana, I am
sorry to hear about your mother" got "You don't need to apologise" and "It's alright. I'm the one who's been
nervous all morning")."""

from __future__ import annotations

import pytest

from coach.core.detection import Detection
from coach.rehearsal.dialogue.hearing import hear
from coach.rehearsal.dialogue.policy import respond
from coach.rehearsal.dialogue.state import DialogueState


@pytest.mark.parametrize("line", [
    "Ah, I'm sorry to hear about your dad. Look, take a couple of lates off the checklists.",
    "sorry for your loss",
    "Thank you for telling me, I am so sorry about your mother.",
    "I'm sorry that you're going through all this on your own.",
])
def test_sympathy_is_no_apology(line):
    heard = hear(line)
    assert heard.sympathy and not heard.apology


@pytest.mark.parametrize("line", [
    "Sorry I'm late, and sorry to hear about your mum.",  # an apology besides the sympathy is still one
    "Sorry about the email, I sent it too fast.",
    "I'm sorry, I shouldn't have said that.",
])
def test_an_apology_is_still_one(line):
    assert hear(line).apology


def test_sympathy_gets_thanks_not_no_need_to_apologise(catalog):
    scenario = catalog.get("compassionate-performance-conversation").scenario
    line = "I'm sorry to hear about your mum. That's a lot to be carrying."
    for seed in range(6):
        _, end = respond(scenario, "realistic", DialogueState(patience=5, learner_turns=2, openness=2),
                         Detection(line), seed=seed)
        reply = " ".join(end.state["last_reply"])
        assert "apologis" not in reply and "nervous" not in reply, reply
