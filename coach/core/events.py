"""What a rehearsal turn streams back to a shell: reply text as it arrives, then how the reply ended."""

from __future__ import annotations

from dataclasses import dataclass

from coach.core.errors import EngineError
from coach.core.session import Turn


@dataclass
class Chunk:
    text: str


@dataclass
class ReplyDone:
    turn: Turn


@dataclass
class CarePause:
    message: str


@dataclass
class ReplyFailed:
    error: EngineError
    partial: str  # what arrived before the failure (kept in the transcript, marked interrupted)


Event = Chunk | ReplyDone | CarePause | ReplyFailed
