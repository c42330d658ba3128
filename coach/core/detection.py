"""What the move detector saw in one learner turn: the moves and flags it shows, where, and how confidently."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Hit:
    criterion: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Detection:
    text: str
    moves: tuple[Hit, ...] = ()
    flags: tuple[Hit, ...] = ()
    vague: bool = False
    distress: bool = False
    # Every criterion's confidence (0-1; shown from 0.5 for custom criteria, from the model's cut-off otherwise)
    confidence: Mapping[str, float] = field(default_factory=dict, compare=False)
    # Criteria the turn came close to without clearly showing: "maybe shown: say it outright".
    maybe: frozenset[str] = frozenset()
    # Where each of those came closest: the sentence to quote when the scorecard says "maybe shown".
    near: tuple[Hit, ...] = ()

    @property
    def move_ids(self) -> frozenset[str]:
        return frozenset(h.criterion for h in self.moves)

    @property
    def flag_ids(self) -> frozenset[str]:
        return frozenset(h.criterion for h in self.flags)
