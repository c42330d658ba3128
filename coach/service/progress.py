"""Progress across sessions: per criterion the first, best and latest score, the trend, and per scenario."""

from __future__ import annotations

from dataclasses import dataclass, field

from coach.core.session import Session


@dataclass
class CriterionProgress:
    id: str
    name: str
    scores: list[int] = field(default_factory=list)  # oldest first

    @property
    def first(self) -> int:
        return self.scores[0]

    @property
    def best(self) -> int:
        return max(self.scores)

    @property
    def latest(self) -> int:
        return self.scores[-1]

    @property
    def change(self) -> int:
        return self.latest - self.first


def progress(sessions: list[Session]) -> tuple[list[CriterionProgress], list[float]]:
    """Per-criterion progress and the total score per scored session, both oldest first."""
    scored = sorted(
        ((s, card) for s in sessions if (card := s.scorecard) is not None), key=lambda pair: pair[0].created_at
    )
    by_id: dict[str, CriterionProgress] = {}
    for _, card in scored:
        for c in card.criteria:
            by_id.setdefault(c.id, CriterionProgress(c.id, c.name)).scores.append(c.score)
    return sorted(by_id.values(), key=lambda p: p.name), [card.total for _, card in scored]


def by_scenario(sessions: list[Session]) -> dict[str, list[Session]]:
    """The sessions per scenario id ("" for none), newest first; the most recently played scenario first.
    A trend mixes nothing: scenarios differ in how hard they are."""
    groups: dict[str, list[Session]] = {}
    for s in sorted(sessions, key=lambda s: s.created_at.timestamp(), reverse=True):  # naive or aware
        groups.setdefault(s.scenario_id or "", []).append(s)
    return groups
