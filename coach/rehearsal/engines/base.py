"""The interface both counterparts share: stream a reply as text chunks, then one ReplyEnd."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from coach.rehearsal.session import Session, Usage
from coach.scenario.model import Scenario
from coach.scoring.detector import Detection


@dataclass
class TurnContext:
    scenario: Scenario
    difficulty: str
    session: Session  # the live line, ending with the learner's new turn
    detection: Detection  # what the detector saw in that turn


@dataclass
class ReplyEnd:
    agreed: bool = False  # the counterpart conceded in this reply
    closed: bool = False  # the counterpart ended the conversation
    care: bool = False  # the counterpart stepped out of role: the learner's line sounded like real distress
    state: dict[str, Any] | None = None
    usage: Usage | None = None
    notes: list[str] = field(default_factory=list)


class EngineError(Exception):
    """A failure the learner can act on. The message is specific and never contains the API key."""

    def __init__(self, kind: str, message: str, *, retryable: bool = True, retry_after: float | None = None):
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.retryable = retryable
        self.retry_after = retry_after


class Counterpart(Protocol):
    kind: Literal["offline", "openai"]
    model: str | None

    def prompt_versions(self) -> dict[str, str]: ...

    def initial_state(self, scenario: Scenario, difficulty: str) -> dict[str, Any] | None: ...

    def stream(self, ctx: TurnContext) -> AsyncIterator[str | ReplyEnd]: ...
