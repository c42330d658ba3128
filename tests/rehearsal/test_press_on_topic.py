"""A learner who talks about the open worry without answering it is pressed for the answer, not told they are
skipping the worry: "You're skipping the backlog" is wrong after "I know the worry is my 38 large-loss files"."""

from __future__ import annotations

import pytest

from coach.core.detection import Detection
from coach.rehearsal.dialogue.policy import respond
from coach.rehearsal.dialogue.state import DialogueState


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("line", [
    "I know the worry is the large-loss files, and settlement at 41 days against the 35 target.",
    "Yes, the backlog. I've got 38 of the large losses open myself.",
])
def test_a_line_about_the_worry_is_not_told_it_skips_it(catalog, line, seed):
    scenario = catalog.get("lateral-move").scenario
    backlog = next(o for o in scenario.counterpart.objections if o.id == "backlog")
    state = DialogueState(patience=5, learner_turns=2, shown=["specific-ask"], raised=[backlog.id])
    reply, end = respond(scenario, "realistic", state, Detection(line), seed=seed)
    assert f"press:{backlog.id}" in end.state["trace"], end.state["trace"]  # still pressed: not answered
    assert "skipping" not in reply.lower(), reply


def test_a_line_about_something_else_may_still_be_told_it_skips_the_worry(catalog):
    scenario = catalog.get("lateral-move").scenario
    backlog = next(o for o in scenario.counterpart.objections if o.id == "backlog")
    replies = set()
    for seed in range(6):
        state = DialogueState(patience=5, learner_turns=2, shown=["specific-ask"], raised=[backlog.id])
        replies.add(respond(scenario, "realistic", state, Detection("The canteen's shut again, by the way."), seed=seed)[0])
    assert any("skipping" in r.lower() for r in replies), replies
