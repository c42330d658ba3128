"""Back on a safety problem that is still there, the learner is not thanked for sorting it (coherence set 139: "them
boxes are still blocking the fire exit… I'm telling facilities today if you don't" -> "Thanks for sorting that")."""

from __future__ import annotations

import re

import pytest

from coach.core.detection import Detection
from coach.rehearsal.dialogue.policy import respond
from coach.rehearsal.dialogue.state import DialogueState

CLAIMS = re.compile(r"(?:thanks|thank you) for (?:sorting|dealing with)", re.IGNORECASE)
REPORT = "Before we start, there's boxes stacked against the fire exit behind you, nobody's getting out that way."


def _back_to_it(catalog, line: str, seed: int) -> tuple[list[str], str]:
    scenario = catalog.get("workload-boundary").scenario
    state = DialogueState(patience=5, learner_turns=2, shown=["impact-evidence"])
    _, end = respond(scenario, "realistic", state, Detection(REPORT), seed=seed)
    assert end.state["trace"][0] == "hazard"
    text, end = respond(scenario, "realistic", DialogueState(**end.state), Detection(line), seed=seed)
    return end.state["trace"], text


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("line", [
    "And seriously, them boxes are still blocking the fire exit, if there's a fire nobody's getting out.",
    "Those boxes by the fire exit still haven't been moved, by the way.",
])
def test_still_there_is_not_thanked_as_sorted(catalog, line, seed):
    trace, text = _back_to_it(catalog, line, seed)
    assert trace[0] == "hazard", trace
    assert not CLAIMS.search(text), text


@pytest.mark.parametrize("seed", range(6))
def test_still_there_but_being_seen_to_is_thanked_without_claiming_it_is_sorted(catalog, seed):
    trace, text = _back_to_it(catalog, "Those boxes are still by the fire exit, I've told facilities again.", seed)
    assert trace[0] == "hazard" and not CLAIMS.search(text), text
    assert "Still?" not in text and "should have been sorted" not in text, text
