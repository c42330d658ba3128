"""How the leave-taking reader reads a turn: its last sentences, with the whole turn as their context.

Whether a turn ends the conversation is decided by how it ends ("…so Aisha takes Fenwick from February. Cheers,
Dev, see you Thursday."), not by a goodbye word somewhere in it ("Thanks, that helps. So who signs it?"). The
reader (`python -m coach.moves.train_leaving`, data in data/leaving/) scores the tail; the rest of the turn is
context, as the previous line is for the move model.
"""

from __future__ import annotations

import re

from coach.moves.model import shared_leaving_model

TAIL_SENTENCES = 2
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def sentences(text: str) -> list[str]:
    """A turn's sentences, split at sentence ends and line breaks, each stripped."""
    return [s.strip() for s in _SENTENCE_END.split(text.strip()) if s.strip()]


def tail(text: str) -> str:
    """The turn's last two sentences (all of it when it has no more)."""
    said = sentences(text)
    return " ".join(said[-TAIL_SENTENCES:]) if said else text


def reading(text: str) -> tuple[str, str | None]:
    """What the reader scores and its context: the tail, and the whole turn when there is more than the tail."""
    end = tail(text)
    return end, (text if end != text.strip() else None)


def leaving_confidence(text: str) -> float | None:
    """The reader's confidence (0 to 1) that this turn ends the conversation (None: no reader in this install)."""
    model = shared_leaving_model()
    if model is None or not text.strip():
        return None
    return model.score(*reading(text)).confidence["leaving"]


def heard_leaving(text: str) -> bool | None:
    """Whether the reader hears this turn end the conversation (None: no reader in this install)."""
    confidence = leaving_confidence(text)
    return None if confidence is None else confidence >= shared_leaving_model().clear["leaving"]
