"""The interface both counterparts share: stream a reply as text chunks, then one ReplyEnd."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, Protocol

from coach.core.detection import Detection
from coach.core.session import Session, Usage

if TYPE_CHECKING:  # the kernel names the scenario model only in annotations; it never imports a feature
    from coach.scenario.model import Scenario


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
    left: bool = False  # the learner took their leave and the counterpart said goodbye (with closed): ended early
    state: dict[str, Any] | None = None
    usage: Usage | None = None
    notes: list[str] = field(default_factory=list)


Notice = Callable[[str], None]  # "rate limited (429); waiting 5 s before retry 1 of 2"


class Counterpart(Protocol):
    kind: Literal["offline", "openai"]
    model: str | None
    token_counting: str  # how tokens are counted, for the record ("" when nothing is counted)
    notice: Notice | None  # told about waits and retries while a reply is delayed; a shell sets it

    def cost(self, usage: Usage) -> float | None:
        """Estimated cost in USD of a session's usage; None when the price is unknown (or nothing is paid)."""
        ...

    def prompt_versions(self) -> dict[str, str]: ...

    def initial_state(self, scenario: Scenario, difficulty: str) -> dict[str, Any] | None: ...

    def stream(self, ctx: TurnContext) -> AsyncIterator[str | ReplyEnd]: ...
