"""The trainers' report across sessions, as data. Every format (md, csv, html, json) renders this model."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

NO_NAME = "(no name)"
WELL = 3  # the rubric's level 3: the move made with specifics; a criterion most sessions reach is not "hard"
# The words every format uses for the rule, so the Markdown and the HTML never explain it differently.
HARDEST_RULE = (f"Lowest mean score first, over the sessions that scored each criterion. A criterion most of those "
                f"sessions scored {WELL} or more out of 4 is never listed as hard.")
NONE_HARD = f"None: most sessions scored every criterion {WELL} or more."
WELL_RULE = f"Most sessions scored these {WELL} or more, or the mean reached {WELL}; highest mean first."


class CriterionStat(BaseModel):
    id: str
    name: str
    sessions: int = Field(description="Sessions that scored this criterion.")
    mean: float = Field(description="Mean score, 0 to 4.")
    percent: float = Field(description="The mean as a percentage of the top score (4).")
    zeros: int = Field(description="Sessions where it was not shown at all (score 0).")
    scored_well: int = Field(0, description=f"Sessions that scored it {WELL} or more out of 4.")


class FlagStat(BaseModel):
    id: str
    name: str
    sessions: int = Field(description="Sessions that raised it.")
    turns: int = Field(description="Learner turns that showed it, over all those sessions.")


class GroupSummary(BaseModel):
    label: str
    sessions: int
    mean_total: float = Field(description="Mean of the sessions' totals, 0 to 100.")
    best_total: float
    lowest_total: float
    outcomes: dict[str, int] = Field(default_factory=dict)
    criteria: list[CriterionStat] = Field(description="Per-criterion means, in the room's hardest-first order.")
    flags: list[FlagStat] = Field(default_factory=list)


class ParticipantSummary(GroupSummary):
    scenarios: list[str] = Field(default_factory=list, description="Ids of the scenarios they rehearsed.")
    scenario_titles: list[str] = Field(default_factory=list, description="Their titles, in the same order.")


class ScenarioSummary(GroupSummary):
    id: str
    participants: int
    difficulties: dict[str, int] = Field(default_factory=dict)


class SessionRow(BaseModel):
    session_id: str
    created_at: datetime
    participant: str
    scenario_id: str
    scenario_title: str = ""
    difficulty: str = ""
    outcome: str
    engine: str = ""
    judge: str = Field(description="Who scored it: offline, llm or mixed.")
    scored_now: bool = Field(description="True when the session had no stored scorecard and was scored offline for this report.")
    total: float
    criteria: dict[str, int] = Field(description="Criterion id to score (0 to 4), in rubric order.")
    flags: list[str] = Field(default_factory=list)
    flag_names: list[str] = Field(default_factory=list, description="The flags' names, in the same order.")


class Quote(BaseModel):
    kind: Literal["strength", "flag"] = Field(description="strength: a strong example of a criterion; flag: a line that raised a flag.")
    criterion_id: str = Field(description="The criterion (or flag) the line is evidence for.")
    criterion_name: str
    score: int | None = Field(None, description="The session's score on that criterion (strengths only).")
    participant: str
    scenario_id: str
    scenario_title: str = ""
    session_id: str
    turn: int = Field(description="1-based turn number in that session.")
    text: str = Field(description="The learner's words, verbatim (names redacted when anonymised).")


class SkippedFile(BaseModel):
    file: str
    reason: str


class RoomSummary(BaseModel):
    sessions: int
    participants: int
    scenarios: int
    mean_total: float
    scored_now: int = Field(description="Sessions scored offline for this report (no stored scorecard).")


class Report(BaseModel):
    schema_version: Literal[1] = 1
    title: str = "Workshop report"
    generated_at: datetime
    anonymized: bool = False
    quotes_included: bool = True
    room: RoomSummary
    criteria: list[CriterionStat] = Field(description="Across the room, lowest mean score first.")
    hardest: list[str] = Field(default_factory=list, description=(
        f"Ids of the criteria the room found hardest, hardest first: lowest mean, never one that most sessions "
        f"scoring it scored {WELL} or more."))
    flags: list[FlagStat] = Field(description="Across the room, most common first.")
    participants: list[ParticipantSummary]
    scenarios: list[ScenarioSummary]
    sessions: list[SessionRow]
    quotes: list[Quote] = Field(default_factory=list, description="Lines for discussion; empty with --no-quotes.")
    notes: list[str] = Field(default_factory=list)
    skipped: list[SkippedFile] = Field(default_factory=list, description="Files that were not usable sessions (names hidden when anonymised).")
    skipped_count: int = 0

    def criterion_ids(self) -> list[str]:
        """Every criterion scored in any session, in rubric order of first appearance (for columns)."""
        seen: dict[str, None] = {}
        for row in self.sessions:
            seen.update(dict.fromkeys(row.criteria))
        return list(seen)

    def criterion_names(self) -> dict[str, str]:
        return {c.id: c.name for c in self.criteria}

    def hardest_criteria(self) -> list[CriterionStat]:
        by_id = {c.id: c for c in self.criteria}
        return [by_id[cid] for cid in self.hardest if cid in by_id]

    def criteria_done_well(self) -> list[CriterionStat]:
        """The rest, best first."""
        return sorted((c for c in self.criteria if c.id not in self.hardest), key=lambda c: -c.mean)
