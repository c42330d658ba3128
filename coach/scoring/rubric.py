"""Which criteria a session is scored on, and the learner's turns as a judge sees them."""

from __future__ import annotations

from dataclasses import dataclass

from coach.core.session import Session
from coach.scenario.criteria import CriteriaLibrary, Criterion
from coach.scenario.model import Scenario


@dataclass(frozen=True)
class RubricEntry:
    criterion: Criterion
    weight: float


@dataclass(frozen=True)
class LearnerLine:
    turn: int  # 1-based number in the transcript
    text: str
    previous: str | None  # what the counterpart said just before


def rubric_for(scenario: Scenario | None, library: CriteriaLibrary, all_criteria: bool = False) -> list[RubricEntry]:
    """The scenario's rubric, or with `all_criteria` every move in the library (weights from the
    scenario where it gives them, else 1)."""
    known = {**library.by_id, **(scenario.custom_criteria if scenario else {})}
    weights = {item.id: item.weight for item in scenario.rubric.criteria} if scenario else {}
    if all_criteria or scenario is None:
        return [RubricEntry(c, weights.get(c.id, 1.0)) for c in known.values() if c.kind != "flag"]
    return [RubricEntry(known[item.id], item.weight) for item in scenario.rubric.criteria]


def flags_of(library: CriteriaLibrary) -> list[Criterion]:
    return [c for c in library.criterion if c.kind == "flag"]


def learner_lines(session: Session) -> list[LearnerLine]:
    lines, previous = [], None
    for number, turn in enumerate(session.turns, start=1):
        if turn.speaker == "partner":
            previous = turn.text
        elif turn.speaker == "learner" and turn.status != "withheld":
            lines.append(LearnerLine(number, turn.text, previous))
    return lines
