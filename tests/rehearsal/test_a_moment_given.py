"""A moment asked for is given, with no new question on top of it (read coherence sets 135-159: "Sorry... just come
from bottom set Y9... give me a sec" got "…What would you like me to agree to today?")."""

from __future__ import annotations

import pytest

from coach.core.detection import Detection
from coach.rehearsal.dialogue.hearing import hear
from coach.rehearsal.dialogue.policy import respond
from coach.rehearsal.dialogue.state import DialogueState


@pytest.mark.parametrize("line", ["Sorry... just come from bottom set Y9... give me a sec",
                                  "Okay. I need a minute with that, sorry.", "hang on, gimme a second"])
def test_a_moment_asked_for_is_heard(line):
    assert hear(line).moment


@pytest.mark.parametrize("line", ["Do you ever get a minute to yourself?", "I need a minute of your time about the rota.",
                                  "It took me a second to see it."])
def test_a_minute_mentioned_is_not_one_asked_for(line):
    assert not hear(line).moment


def test_the_moment_is_given_without_a_question(catalog):
    scenario = catalog.get("hand-off-responsibility").scenario
    for seed in range(6):
        _, end = respond(scenario, "realistic", DialogueState(patience=5, learner_turns=0, openness=0),
                         Detection("Sorry... just come from bottom set Y9... give me a sec"), seed=seed)
        reply = " ".join(end.state["last_reply"])
        assert "?" not in reply, reply
