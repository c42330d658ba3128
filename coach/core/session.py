"""A session: one rehearsal of one scenario at one difficulty, and exactly what produced it.

This model is the transcript format on disk (`coach schema --transcript`). Its `turns` are the live
line of the conversation; rewinding moves the later turns into `branches`, never deleting them.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timezone
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from coach.core.scorecard import Scorecard

Speaker = Literal["partner", "learner", "care"]
# How a session ended, in one vocabulary for the app, the CLI, files, exports and reports.
Outcome = Literal["agreed", "no-agreement", "ended-early", "paused", "care-pause", "in-progress"]
OUTCOME_LABELS = {
    "agreed": "agreed",  # the counterpart conceded
    "no-agreement": "no agreement",  # the conversation ran its course (or the counterpart's patience) without one
    "ended-early": "ended early",  # the learner finished before the end (F8, /end, end of input, a goodbye)
    "paused": "paused",  # left mid-conversation, to resume
    "care-pause": "paused for care",  # stopped by the care message, to resume when ready
    "in-progress": "paused",  # a saved session not finished is one left mid-way, whatever stopped it
}


def outcome_label(outcome: str | None) -> str:
    return OUTCOME_LABELS.get(outcome or "", outcome or "")
TurnStatus = Literal["complete", "interrupted", "cancelled", "unanswered", "withheld"]


def now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


def _utc(value: datetime) -> datetime:
    # A transcript written elsewhere may carry times without a zone: read them as UTC, so every time in
    # a session (and across a room's sessions) compares with every other.
    return value if value.tzinfo is not None else value.replace(tzinfo=timezone.utc)


Time = Annotated[datetime, AfterValidator(_utc)]

# A session's id names its file: letters, digits, '.', '-' and '_', starting with a letter or digit, so
# no id read from a file can be '../../x' or a path of its own.
SESSION_ID = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$"
SessionId = Annotated[str, StringConstraints(pattern=SESSION_ID)]


# Each model here is built on first use (defer_build), not at import: the app's first frame reads no session.


class Usage(BaseModel):
    model_config = ConfigDict(extra="ignore", defer_build=True)

    prompt_tokens: int = 0
    completion_tokens: int = 0
    reported: bool = Field(True, description="False when the server sent no usage and it was counted locally.")


class Turn(BaseModel):
    """One utterance. `care` turns are the app stepping out of role; they are not part of the role-play."""

    model_config = ConfigDict(extra="ignore", defer_build=True)

    speaker: Speaker
    text: str
    at: Time = Field(default_factory=now)
    status: TurnStatus = Field(
        "complete",
        description="interrupted: the stream dropped; cancelled: stopped by the learner; "
        "unanswered: the learner's line got no reply (an error), so it can be re-sent; "
        "withheld: a line that paused the session with care and was not passed to the counterpart.",
    )
    moves: list[str] = Field(default_factory=list, description="Criteria the offline detector saw (learner turns).")
    flags: list[str] = Field(default_factory=list, description="Anti-patterns the detector saw (learner turns).")
    usage: Usage | None = None
    state: dict[str, Any] | None = Field(None, description="The counterpart's state after this reply.")
    note: str | None = Field(None, description="What happened to this reply on the way, e.g. that it was cut at "
                             "the length limit.")


class Branch(BaseModel):
    """Turns taken off the live line by a rewind, kept for the record."""

    model_config = ConfigDict(defer_build=True)

    rewound_at: Time = Field(default_factory=now)
    from_turn: int = Field(description="1-based number of the first turn that was rewound.")
    turns: list[Turn]


class Provenance(BaseModel):
    """What produced this session, so a trainer can see what a participant faced."""

    model_config = ConfigDict(defer_build=True)

    scenario_id: str
    scenario_title: str = ""
    scenario_digest: str = Field("", description="sha256 of the scenario file as it was played.")
    difficulty: str = "realistic"
    engine: Literal["offline", "openai"] = "offline"
    model: str | None = None
    base_url: str | None = None
    seed: int = 0
    prompt_versions: dict[str, str] = Field(default_factory=dict)
    coach_version: str = ""
    token_counting: str = Field("", description="How tokens were counted: a tiktoken encoding or an estimate.")


class Session(BaseModel):
    """A saved rehearsal. A minimal transcript (`scenario_id` and `turns`) is also accepted by `coach score`."""

    model_config = ConfigDict(extra="ignore", defer_build=True)

    schema_version: Literal[3] = Field(3, description="Older files are migrated on reading (coach/core/upgrades.py).")
    id: SessionId = Field(default_factory=lambda: new_session_id())
    scenario_id: str | None = None
    created_at: Time = Field(default_factory=now)
    updated_at: Time = Field(default_factory=now)
    participant: str | None = None
    outcome: Outcome = "in-progress"
    ended: bool = Field(False, description="True once the counterpart has closed the conversation.")
    provenance: Provenance | None = None
    turns: list[Turn] = Field(default_factory=list)
    branches: list[Branch] = Field(default_factory=list)
    cost_usd: float | None = Field(None, description="Estimated cost where the model's price is known.")
    scorecard: Scorecard | None = Field(None, description="The last scorecard computed for this session.")

    @property
    def learner_turns(self) -> list[tuple[int, Turn]]:
        """(1-based turn number, turn) for every learner turn on the live line."""
        return [(i, t) for i, t in enumerate(self.turns, start=1) if t.speaker == "learner"]

    def usage_totals(self) -> Usage:
        total = Usage()
        for turn in self.turns + [t for b in self.branches for t in b.turns]:
            if turn.usage:
                total.prompt_tokens += turn.usage.prompt_tokens
                total.completion_tokens += turn.usage.completion_tokens
                total.reported = total.reported and turn.usage.reported
        return total

    def dialogue(self) -> list[Turn]:
        """The role-play as the counterpart sees it: no care messages, no withheld or unanswered lines."""
        return [t for t in self.turns if t.speaker != "care" and t.status not in ("withheld",)]

    def last_partner_text(self) -> str | None:
        return next((t.text for t in reversed(self.turns) if t.speaker == "partner"), None)

    def last_state(self) -> dict[str, Any] | None:
        for turn in reversed(self.turns):
            if turn.speaker == "partner" and turn.state is not None:
                return turn.state
        return None

    def rewind(self, turn_number: int) -> Turn:
        """Take the live line back to just before learner turn `turn_number` (1-based); return that turn."""
        if not (1 <= turn_number <= len(self.turns)) or self.turns[turn_number - 1].speaker != "learner":
            raise ValueError(f"turn {turn_number} is not one of your lines")
        removed = self.turns[turn_number - 1 :]
        self.branches.append(Branch(from_turn=turn_number, turns=removed))
        del self.turns[turn_number - 1 :]
        self.outcome, self.ended = "in-progress", False
        self.scorecard = None  # it scored the line that was just taken back
        self.touch()
        return removed[0]

    def reopen(self) -> None:
        """Carrying on after a break or an early end: in progress again (a care pause stays until the
        learner chooses to go on)."""
        if self.outcome in ("paused", "ended-early") and not (self.turns and self.turns[-1].speaker == "care"):
            self.outcome = "in-progress"

    def touch(self) -> None:
        self.updated_at = now()


def new_session_id() -> str:
    return now().strftime("%Y%m%d-%H%M%S-") + secrets.token_hex(3)
