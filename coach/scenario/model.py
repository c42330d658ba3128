"""The scenario file format: one TOML file per scenario, every table a pydantic model.

Authors are not programmers, so every model forbids unknown fields (a typo is reported, not ignored)
and every field carries a description that ends up in `coach schema` for editors.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)

from coach.scenario.criteria import Criterion, Slug, Text

LEVELS = ("gentle", "realistic", "tough")
Level = Literal["gentle", "realistic", "tough"]
Lines = Annotated[list[Text], Field(min_length=1)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)  # TOML has real types: "4" is not 4


class Learner(Strict):
    """The side the person rehearsing plays."""

    perspective: Literal["employee", "manager"] = Field(
        "employee", description="'manager' for workshop scenarios where the learner leads the conversation."
    )
    role: Text = Field(description="Who the learner plays, e.g. 'Senior data analyst, four years on the team'.")
    situation: Text = Field(description="What the learner walks into: the background they know.")
    goal: Text = Field(description="What the learner wants from this conversation.")
    good_outcome: Text = Field(description="What a good result looks like, so the learner knows when to stop.")


class Objection(Strict):
    """A reason the counterpart gives for not agreeing yet. Raised in file order."""

    id: Slug
    line: Text = Field(description="How the counterpart raises it (the offline counterpart says this).")
    answered_by: Annotated[list[Slug], Field(min_length=1)] = Field(
        description="Criterion ids: showing any of these moves after the objection is raised answers it."
    )
    press: list[Text] = Field(
        default_factory=list, description="What the counterpart says when the learner dodges the objection."
    )
    accepted: list[Text] = Field(
        default_factory=list, description="What the counterpart says when the objection has been answered."
    )
    pre_empted: list[Text] = Field(
        default_factory=list,
        description="What the counterpart says when the learner answers it before it was raised (a nod that "
        "they thought of it; never the objection itself). Without these, a general acknowledgement is used.",
    )


class Concession(Strict):
    """What the counterpart finally agrees to, and what earns it."""

    summary: Text = Field(description="The concession in one sentence (shown in the debrief).")
    requires: list[Slug] = Field(
        default_factory=list, description="Criterion ids the learner must all show before any concession."
    )
    supporting: Annotated[list[Slug], Field(min_length=1)] = Field(
        description="Criterion ids that count as evidence; the difficulty level says how many are needed."
    )


class Counterpart(Strict):
    """The other person: usually the manager; the employee in manager-workshop scenarios."""

    name: Text
    role: Text
    relationship: Text = Field(description="How the counterpart and the learner know each other.")
    personality: Text
    style: Text = Field(description="How they talk: pace, directness, favourite phrases.")
    opening_line: Text = Field(description="The first thing the counterpart says.")
    private_goal: Text = Field(description="What they want from the conversation; hidden from the learner.")
    hidden_constraints: Lines = Field(
        description="Things the learner does not see at first: a budget freeze, a policy, a competing priority."
    )
    objections: Annotated[list[Objection], Field(min_length=1)]
    concession: Concession


class DifficultyLevel(Strict):
    """How hard the counterpart plays at one difficulty."""

    description: Text = Field(description="One line shown on the briefing screen.")
    objections: int = Field(ge=0, le=20, description="How many of the objections (in order) are raised.")
    evidence_needed: int = Field(
        ge=1, le=20, description="How many distinct supporting moves must be shown before the concession."
    )
    patience: int = Field(
        ge=1, le=20, description="Patience points: vague, hedging or aggressive turns cost one or more."
    )
    max_turns: int = Field(ge=2, le=60, description="Learner turns before the counterpart wraps up.")
    press: Literal["soft", "firm", "hard"] | None = Field(
        None,
        description="How hard a dodged objection is pushed: soft (patient, says it kindly), firm (asks again, "
        "patience wears after the press lines), hard (says it bluntly; every dodge after the first costs "
        "patience). Default: gentle soft, realistic firm, tough hard.",
    )
    volunteers: Literal["freely", "when-asked", "when-asked-well"] | None = Field(
        None,
        description="What the counterpart tells of their side: freely (offers it once the learner's case is "
        "moving), when-asked (answers direct questions), when-asked-well (answers only a question that "
        "explores their constraints; deflects the rest). Default: gentle freely, realistic when-asked, "
        "tough when-asked-well.",
    )


class RubricItem(Strict):
    id: Slug = Field(description="A criterion id from the criteria library or from this file's [[rubric.custom]].")
    weight: float = Field(1.0, gt=0, le=10)


class Rubric(Strict):
    criteria: Annotated[list[RubricItem], Field(min_length=1)]
    custom: list[Criterion] = Field(
        default_factory=list, description="Criteria that exist only for this scenario, same shape as the library."
    )

    @field_validator("criteria")
    @classmethod
    def _unique_ids(cls, items: list[RubricItem]) -> list[RubricItem]:
        ids = [item.id for item in items]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"listed more than once: {', '.join(dupes)}")
        return items


QuestionTopic = Literal["constraint", "decision", "timing", "help", "feelings", "personal", "choice", "verdict", "favour",
                        "check", "other", "deflect"]
SLOTS = ("days", "date", "duration", "figure", "option")  # {slot}s a line may use: filled from what the learner said
_SLOT = re.compile(r"\{([^{}]*)\}")
_DEFAULT_PRESS = {"gentle": "soft", "realistic": "firm", "tough": "hard"}
_DEFAULT_VOLUNTEERS = {"gentle": "freely", "realistic": "when-asked", "tough": "when-asked-well"}


def _known_slots(lines: list[str]) -> list[str]:
    for line in lines:
        for name in _SLOT.findall(line):
            if name not in SLOTS:
                raise ValueError(f"unknown slot {{{name}}} in {line[:40]!r}...: slots are " + ", ".join(f"{{{s}}}" for s in SLOTS))
    return lines


SlotLines = Annotated[list[Text], Field(min_length=1), AfterValidator(_known_slots)]


class OfflineLines(Strict):
    """What the built-in offline counterpart says. Each list holds alternatives; no line is said twice in a
    session. Reaction, answer and concession lines may use {days}, {date}, {duration}, {figure} and {option}:
    filled from what the learner said, and a line whose slot the learner never filled is not used."""

    reactions: dict[Slug, SlotLines] = Field(
        description="Criterion id -> replies when the learner shows that move."
    )
    asks: dict[Slug, Lines] = Field(
        default_factory=dict,
        description="Criterion id -> what the counterpart says to draw out a move it still needs.",
    )
    acknowledge: Lines = Field(description="Neutral replies when nothing in particular was shown.")
    vague: Lines = Field(description="Pushback on a vague or content-free answer.")
    hedging: Lines = Field(description="Reaction to over-apologising or self-undermining.")
    aggression: Lines = Field(description="Reaction to threats, ultimatums or blame.")
    concession: SlotLines = Field(description="The counterpart concedes (the outcome is reached).")
    close_agreed: Lines = Field(description="Wrapping up after agreeing.")
    close_no_agreement: Lines = Field(description="Wrapping up when the time runs out without agreement.")
    close_impatient: Lines = Field(description="Ending early because patience ran out.")
    answers: dict[QuestionTopic, SlotLines] = Field(
        default_factory=dict,
        description="Question topic -> how the counterpart answers a direct question on it, in their own voice: "
        "constraint (what makes it hard for them), decision (how it is decided, who decides), timing, help (what "
        "they would need to see), feelings (how they feel), personal (a question about them: brief, then back to "
        "business), choice (asked to pick between options: use {option}), verdict (where they stand now: 'are you "
        "going to put me forward?'), favour (a small favour: 'could you put that in writing?'), check ('does that work "
        "for you?', when the line proposes nothing to reply to), other, and deflect (a question they will not or "
        "cannot answer, said in character). Unanswered topics fall back to the hidden constraints.",
    )
    offtopic: list[Text] = Field(
        default_factory=list,
        description="A brief human reply to a remark outside the negotiation (a hazard, a joke, a complaint) "
        "before the conversation comes back. Without these, general lines are used.",
    )
    warmth: list[Text] = Field(
        default_factory=list,
        description="A warm reply to an apology, nerves or a vulnerable remark. Without these, general lines are used.",
    )
    farewell: Annotated[list[Text], AfterValidator(_known_slots)] = Field(
        default_factory=list,
        description="A warm goodbye when the learner leaves before any agreement ('I've got to go', 'let's leave it "
        "there'): no new question. {date} is the time they asked to meet again, if any. Without these, general lines "
        "are used.",
    )


class Debrief(Strict):
    """Shown after the session: what an expert would have done."""

    expert_approach: Text = Field(description="A paragraph on how an expert would run this conversation.")
    key_moves: Lines = Field(description="The moves that matter most here, one line each.")
    model_lines: list[Text] = Field(default_factory=list, description="Example lines an expert might say.")
    pitfalls: list[Text] = Field(default_factory=list, description="Common mistakes in this conversation.")


class Scenario(Strict):
    """One rehearsal scenario."""

    schema_version: Literal[1] = Field(1, description="Format version; only 1 exists.")
    id: Slug = Field(description="Unique slug, e.g. 'promotion-after-win'.")
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=80)]
    category: Slug = Field(description="e.g. career, pay, workload, flexibility, responsibilities, management.")
    summary: Text = Field(description="One paragraph shown in the library.")
    difficulty: Level = Field(description="The level this scenario is rated at and starts on.")
    tags: list[Slug] = Field(default_factory=list)
    learner: Learner
    counterpart: Counterpart
    levels: dict[Level, DifficultyLevel] = Field(
        description="gentle, realistic and tough, each as a table.",
        json_schema_extra={"required": list(LEVELS)},
    )
    rubric: Rubric
    offline: OfflineLines
    debrief: Debrief

    @field_validator("levels")
    @classmethod
    def _all_levels(cls, levels: dict[str, DifficultyLevel]) -> dict[str, DifficultyLevel]:
        missing = [name for name in LEVELS if name not in levels]
        if missing:
            raise ValueError(f"missing difficulty level(s): {', '.join(missing)}; add a [levels.NAME] table for each")
        return levels

    def level(self, name: str | None = None) -> DifficultyLevel:
        return self.levels[name or self.difficulty]  # type: ignore[index]

    def press_style(self, name: str | None = None) -> str:
        return self.level(name).press or _DEFAULT_PRESS[name or self.difficulty]

    def volunteers(self, name: str | None = None) -> str:
        return self.level(name).volunteers or _DEFAULT_VOLUNTEERS[name or self.difficulty]

    @cached_property
    def custom_criteria(self) -> dict[str, Criterion]:
        return {c.id: c for c in self.rubric.custom}
