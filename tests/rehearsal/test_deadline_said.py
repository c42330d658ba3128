""""By {date}" in a reaction is the deadline the learner gave, wherever in the turn they said it (coherence set 38):
a long line is read clause by clause, and the ask's clause may name only the start."""

from __future__ import annotations

from coach.moves.detector import Detector
from coach.rehearsal.dialogue.policy import respond
from coach.rehearsal.dialogue.state import DialogueState
from coach.scenario import load_criteria

LINE = ("Morning Siobhan, I'll keep it short, I'm asking you to put my name forward for the nine-month underwriting secondment "
        "starting with the 7 April intake, before nominations close on 18 February, and I've drafted who takes "
        "which of my large-loss files so the team isn't short")


def test_by_a_date_is_the_deadline_not_the_start(catalog):
    scenario = catalog.get("lateral-move").scenario
    detection = Detector(load_criteria(), scenario.rubric.custom).detect(LINE, scenario.counterpart.opening_line)
    said_by = []
    for seed in range(12):
        text, _ = respond(scenario, "realistic", DialogueState(patience=6), detection, seed=seed)
        said_by += [part for part in text.split(". ") if " by " in part and ("April" in part or "February" in part)]
    assert said_by and all("18 February" in part for part in said_by), said_by
