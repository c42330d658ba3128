"""A proposal put as a suggestion ("How about…?", "Can we agree…?", "Would it help if I…?") is another way, just
offered: the next question is not "Is there another way to make this work?" (coherence set 138)."""

from __future__ import annotations

import pytest

from coach.core.detection import Detection
from coach.rehearsal.dialogue.policy import respond
from coach.rehearsal.dialogue.state import DialogueState


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("line", [
    "How about anything not done by 20:00 gets handed to the nurse in charge, named on the board?",
    "Would it help if I looked at the rota for your lates?",
    "Can we agree three things for the next six weeks: in by 07:20, checklists done by 21:00, and the sepsis update?",
])
def test_no_ask_for_another_way_after_a_suggestion(catalog, line, seed):
    scenario = catalog.get("compassionate-performance-conversation").scenario
    shown = ["specific-observation", "invites-perspective", "offers-support", "success-metrics"]
    state = DialogueState(patience=5, learner_turns=5, openness=2, shown=shown, raised=["everyone-is-behind"],
                          answered=["everyone-is-behind"])
    _, end = respond(scenario, "realistic", state, Detection(line), seed=seed)
    assert "ask:collaborative-options" not in end.state["trace"], (end.state["trace"], end.state["last_reply"])
