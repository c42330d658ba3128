"""The scorecard: one model for both judges, honest about how each score was produced."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

JudgeKind = Literal["offline", "llm"]
# Built on first use, not at import: the app's first frame shows no scorecard.
LAZY = ConfigDict(defer_build=True)


class Evidence(BaseModel):
    model_config = LAZY

    quote: str = Field(description="Verbatim words from one of the learner's turns.")
    turn: int = Field(description="1-based number of the turn in the transcript.")


class CriterionScore(BaseModel):
    model_config = LAZY

    id: str
    name: str
    score: int = Field(ge=0, le=4)
    weight: float
    level: str = Field(description="The rubric's description of this score level.")
    evidence: list[Evidence] = Field(default_factory=list)
    reasoning: str = ""
    better_line: str = Field("", description="One line the learner could have said instead.")
    tip: str = ""
    judge: JudgeKind
    note: str | None = Field(None, description="e.g. 'not evidenced' or why the offline detector stepped in.")
    samples: list[int] = Field(default_factory=list, description="Each judge sample's score, when sampled.")
    spread: int | None = Field(None, description="Highest minus lowest sample, when sampled more than once.")


class FlagDetail(BaseModel):
    model_config = LAZY

    id: str
    name: str
    count: int = Field(description="How many of the learner's turns showed it.")
    evidence: list[Evidence] = Field(default_factory=list)
    tip: str = ""
    cost: float = Field(0, description="Points the flag took off the total (the rubric's penalty per turn).")


class DebriefView(BaseModel):
    model_config = LAZY

    concession: str = ""
    expert_approach: str = ""
    key_moves: list[str] = Field(default_factory=list)
    model_lines: list[str] = Field(default_factory=list)
    pitfalls: list[str] = Field(default_factory=list)


class Scorecard(BaseModel):
    model_config = LAZY

    schema_version: Literal[1] = 1
    session_id: str | None = None
    scenario_id: str | None = None
    scenario_title: str = ""
    difficulty: str | None = None
    outcome: str | None = None
    judge: Literal["offline", "llm", "mixed"]
    judge_model: str | None = None
    total: float = Field(ge=0, le=100, description="Weighted score, 0 to 100.")
    criteria: list[CriterionScore]
    flags: list[str] = Field(default_factory=list, description="Ids of the anti-patterns raised.")
    flag_details: list[FlagDetail] = Field(default_factory=list)
    top_changes: list[str] = Field(default_factory=list, description="The two or three changes that matter most.")
    debrief: DebriefView | None = None
    notes: list[str] = Field(default_factory=list)

    def criterion(self, cid: str) -> CriterionScore:
        return next(c for c in self.criteria if c.id == cid)


def weighted_total(scores: list[CriterionScore]) -> float:
    weight = sum(c.weight for c in scores)
    if not weight:
        return 0.0
    return round(100 * sum(c.score / 4 * c.weight for c in scores) / weight, 1)


def judge_label(scores: list[CriterionScore]) -> Literal["offline", "llm", "mixed"]:
    kinds = {c.judge for c in scores}
    return kinds.pop() if len(kinds) == 1 else "mixed"
