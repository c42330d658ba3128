"""When the counterpart may credit a move ("good that you brought figures", "a staged plan makes it doable").

Praise for a move the learner did not make is worse than none, so credit needs the move clearly made: well
above the cut-off on the detector's scale (SHOWN = 0.5). Just above it, the move model is mostly wrong about
these lines (in the coherence scripts, three in four moves it read between 0.5 and 0.75 were not what the
writer meant; above 0.75, most were). Such a move is still heard (never asked for next) and still counts as
the answer to an objection, but it is met with a neutral acknowledgement, not praise.
"""

from __future__ import annotations

from collections.abc import Iterable

from coach.core.detection import Detection
from coach.rehearsal.dialogue.state import DialogueState

CREDIT = 0.75


def clearly_made(detection: Detection, move: str) -> bool:
    """This line makes `move` clearly enough to be told so. A criterion read without a confidence (an author's
    own, by its examples) counts as clear once shown."""
    return detection.confidence.get(move, 1.0) >= CREDIT


def praiseworthy(detection: Detection, move: str) -> bool:
    """Clearly made, and not talked down in the same breath: "maybe I could work from home sometimes? Only if
    it's okay" is an ask, but not one to call "a proper request"."""
    return clearly_made(detection, move) and not ({"hedging"} & (detection.flag_ids | detection.maybe))


def made_clearly_so_far(state: DialogueState, moves: Iterable[str]) -> bool:
    """One of `moves` has been clearly made in the conversation: once well above the cut-off, or in two turns."""
    return any(state.confidence.get(m, 1.0) >= CREDIT or state.times.get(m, 0) >= 2 for m in moves if m in state.shown)
