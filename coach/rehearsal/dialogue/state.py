"""The counterpart's memory of the whole conversation, saved with every reply (so a rewind restores it)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class DialogueState(BaseModel):
    model_config = ConfigDict(extra="ignore")  # a state saved by an older engine still loads

    patience: int
    openness: int = 0
    learner_turns: int = 0
    shown: list[str] = Field(default_factory=list, description="Moves clearly shown so far, in order.")
    confidence: dict[str, float] = Field(default_factory=dict, description="Best confidence seen per move.")
    plainly: dict[str, float] | None = Field(
        None, description="Best confidence per move in a turn said without hedging (None: a state saved before this "
        "was kept).")
    times: dict[str, int] = Field(default_factory=dict, description="Learner turns that showed each move.")
    recent: list[list[str]] = Field(
        default_factory=list, description="Per learner turn (last few): moves shown or nearly shown; never asked for."
    )
    raised: list[str] = Field(default_factory=list)
    answered: list[str] = Field(default_factory=list)
    pre_empted: list[str] = Field(default_factory=list, description="Objections answered before they came up.")
    pressed: dict[str, int] = Field(default_factory=dict, description="Objection id -> times the learner dodged it.")
    accepted: list[tuple[str, bool]] = Field(
        default_factory=list, description="What the learner took as it stands (\"the panel's decision\") and whether "
        "it is plainly a decision: a refusal it heads off is not raised (`acceptance.py`).")
    conceded: bool = False
    meeting: str | None = Field(
        None, description="A time to meet again that the counterpart agreed to ('': agreed with no time named).")
    closed: bool = False
    aggravated: bool = Field(False, description="Patience was lost to aggression at least once.")
    edges: int = Field(0, description="Learner turns that read as an attack or close to one.")
    said: list[str] = Field(default_factory=list, description="The learner's lines so far, to notice repeats.")
    lines: list[str] = Field(default_factory=list, description="Everything the counterpart has said: never again.")
    last_reply: list[str] = Field(default_factory=list, description="The parts of the previous reply.")
    trace: list[str] = Field(default_factory=list, description="Where each part of the last reply came from.")
    questions: list[dict] = Field(default_factory=list, description="The learner's questions: turn, topic, answered.")
    facts: dict[str, list[str]] = Field(
        default_factory=dict, description="Terms the learner stated: days, dates (and which were deadlines), durations, figures, options."
    )
    someone_named: bool = Field(False, description="The learner has put someone forward to do it: 'who?' is answered.")
    revealed: list[int] = Field(default_factory=list, description="Hidden constraints already told (indexes).")
    hazards: list[str] = Field(
        default_factory=list, description="Things named in the safety problems reported so far (to know them again)."
    )
    hazard_turn: int = Field(0, description="The learner turn that last reported a safety problem (0: none yet).")

    def latest(self, kind: str) -> str:
        values = self.facts.get(kind, [])
        return values[-1] if values else ""

    def proposed(self) -> list[str]:
        return [t for kind in ("days", "dates", "durations", "figures", "options", "plan") for t in self.facts.get(kind, [])]
