"""What the move detector saw in one learner turn: the moves and flags it shows, where, and how confidently."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

# Every criterion's confidence crosses its cut-off here, whatever its own model or head: rules that ask for "well
# above shown" (the counterpart's gates, the scorecard's edge) read one scale that survives a retrained model.
SHOWN = 0.5
# Close to shown: a turn this near a flag's cut-off counts as the flag when the learner keeps that edge up over
# the session (the counterpart and the scorecard read aggression this way).
EDGE = 0.9 * SHOWN


def on_shown_scale(probability: float, cutoff: float) -> float:
    """A probability moved onto that scale: piecewise linear, the cut-off to 0.5, 0 and 1 kept."""
    if probability < cutoff:
        return 0.5 * probability / cutoff
    return 0.5 + 0.5 * (probability - cutoff) / max(1e-9, 1.0 - cutoff)


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
    # Every criterion's confidence, 0-1 with SHOWN (0.5) at its cut-off
    confidence: Mapping[str, float] = field(default_factory=dict, compare=False)
    # Criteria the turn came close to without clearly showing: "maybe shown: say it outright".
    maybe: frozenset[str] = frozenset()
    # Where each of those came closest: the sentence to quote when the scorecard says "maybe shown".
    near: tuple[Hit, ...] = ()
    # Criteria the turn only touched on, well under "maybe": the scorecard's "touched on", so that "never came up"
    # means nothing came anywhere near. Nothing else reads them: the counterpart acts on what it clearly heard.
    faint: tuple[Hit, ...] = ()

    @property
    def move_ids(self) -> frozenset[str]:
        return frozenset(h.criterion for h in self.moves)

    @property
    def flag_ids(self) -> frozenset[str]:
        return frozenset(h.criterion for h in self.flags)
