"""The criteria library: the rubric language every scenario, score and report shares.

The bundled library is `scenarios/criteria.toml`; scenarios may add their own criteria in
`[[rubric.custom]]` with the same shape.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", min_length=2, max_length=64),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]

# The ids the issue tracker and every report speak; the library must define exactly these.
MOVE_IDS = (
    "impact-evidence",
    "business-value",
    "specific-ask",
    "phased-plan",
    "success-metrics",
    "explores-constraints",
    "collaborative-options",
    "next-steps",
    "recover-from-no",
)
MANAGER_MOVE_IDS = ("specific-observation", "invites-perspective", "offers-support")
FLAG_IDS = ("hedging", "aggression")
LIBRARY_IDS = MOVE_IDS + MANAGER_MOVE_IDS + FLAG_IDS


def _check_regexes(patterns: list[str]) -> list[str]:
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"invalid regular expression {pattern!r}: {exc}") from None
    return patterns


class SignalGroup(BaseModel):
    """One way a move shows in text: any pattern of `any`, plus one of `with` in the same sentence if given."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)  # TOML has real types: "4" is not 4

    any: Annotated[list[str], Field(min_length=1)] = Field(
        description="Regular expressions (case-insensitive); one must match."
    )
    with_: list[str] = Field(
        default_factory=list,
        alias="with",
        description="Regular expressions; if given, one must also match in the same sentence.",
    )
    needs: list[str] = Field(
        default_factory=list,
        description="Regular expressions that must each match in the same sentence (all of them); in a statement, "
        "the sentence just before or after may supply them.",
    )
    then: list[str] = Field(
        default_factory=list,
        description="Regular expressions; if given, one must also match after the `any` cue: later in its sentence "
        "or in the next one, when that is a statement. For a move spread over sentences: an announced ask and "
        "its content ('So here's my ask. Senior title from April.'), stages in order ('this week..., next "
        "week...').",
    )
    question: bool = Field(False, description="Only counts in a sentence that is a question (ends with '?').")
    after: list[str] = Field(
        default_factory=list,
        description="If given, the group only counts when the counterpart's previous line matches one of these.",
    )
    min_count: int = Field(
        1,
        ge=1,
        le=10,
        description="How many matches of `any` the whole turn needs (for cues that only count when repeated).",
    )

    _validate_any = field_validator("any", "with_", "needs", "then", "after")(_check_regexes)


class Signals(BaseModel):
    """What the offline detector looks for."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)  # TOML has real types: "4" is not 4

    groups: Annotated[list[SignalGroup], Field(min_length=1)]
    unless: list[str] = Field(
        default_factory=list, description="Regular expressions that cancel a match in the same clause."
    )
    negatable: bool = Field(True, description="A negation just before the cue cancels it ('I don't have data').")
    context: Literal["any", "after-refusal"] = Field(
        "any", description="'after-refusal': only counts when the counterpart's previous line was a refusal."
    )
    factual: bool = Field(
        False,
        description="A claim about what happened: a projection, plan or condition ('if', 'would', 'hope to') "
        "in the cue's clause cancels it.",
    )

    _validate_unless = field_validator("unless")(_check_regexes)


class Criterion(BaseModel):
    """A rubric criterion: a move the learner can show, or an anti-pattern flag."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)  # TOML has real types: "4" is not 4

    id: Slug
    name: Text
    kind: Literal["move", "manager-move", "flag"]
    description: Text = Field(description="What it looks like in a conversation.")
    levels: Annotated[list[Text], Field(min_length=5, max_length=5)] = Field(
        description="Five score-level descriptions, for scores 0, 1, 2, 3 and 4."
    )
    example: Text = Field(description="A strong line that shows this move (or, for a flag, a line to avoid).")
    tip: Text = Field(description="What to try next time, in one sentence.")
    penalty: float = Field(
        0, ge=0, le=50, description="For a flag: points taken off the 0-100 total for each turn that shows it."
    )
    penalty_cap: float = Field(0, ge=0, le=100, description="For a flag: the most its penalty can take off in all.")
    examples: list[Text] = Field(
        default_factory=list,
        max_length=40,
        description="For a criterion of your own: 5 to 20 lines that show it, in your learners' words. The offline "
        "detector recognises lines close to these; `coach validate` names any example the others would not.",
    )
    counter_examples: list[Text] = Field(
        default_factory=list,
        max_length=40,
        description="Lines that come close but do not show it (optional): a line nearer to one of these is not counted.",
    )
    signals: Signals | None = Field(
        None,
        description="Regex signals (an escape hatch; `examples` are easier): each pattern runs with a time limit. "
        "The built-in criteria are read by the trained move model, not by signals.",
    )


class DetectorLexicon(BaseModel):
    """Shared language cues beyond single criteria. Since the trained move model reads the learner's lines,
    only `vague` is used; the other lists are accepted (and checked) so libraries written before still load."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)  # TOML has real types: "4" is not 4

    vague: list[str] = Field(
        default_factory=list,
        description="Content-free filler: a turn that shows no move and matches one of these reads as vague.",
    )
    negations: list[str] = Field(default_factory=list, description="Unused (kept so older libraries load).")
    refusals: list[str] = Field(default_factory=list, description="Unused (kept so older libraries load).")
    sarcasm: list[str] = Field(default_factory=list, description="Unused (kept so older libraries load).")
    distress: list[str] = Field(default_factory=list, description="Unused: care is the move model's (coach.moves.care).")
    distress_idioms: list[str] = Field(default_factory=list, description="Unused (kept so older libraries load).")
    hypotheticals: list[str] = Field(default_factory=list, description="Unused (kept so older libraries load).")
    projections: list[str] = Field(default_factory=list, description="Unused (kept so older libraries load).")
    small_talk: list[str] = Field(default_factory=list, description="Unused (kept so older libraries load).")
    clause_breaks: list[str] = Field(default_factory=list, description="Unused (kept so older libraries load).")
    negation_reach: int = Field(6, ge=1, le=20, description="Unused (kept so older libraries load).")

    _validate = field_validator(
        "negations", "refusals", "sarcasm", "vague", "distress", "distress_idioms", "hypotheticals", "projections",
        "small_talk", "clause_breaks",
    )(_check_regexes)


class CriteriaLibrary(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)  # TOML has real types: "4" is not 4

    schema_version: Literal[1] = 1
    detector: DetectorLexicon
    criterion: Annotated[list[Criterion], Field(min_length=1)]

    @model_validator(mode="after")
    def _ids(self) -> CriteriaLibrary:
        ids = [c.id for c in self.criterion]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate criterion id(s): {', '.join(dupes)}")
        missing = [i for i in LIBRARY_IDS if i not in ids]
        if missing:
            raise ValueError(f"the library must define: {', '.join(missing)}")
        return self

    @cached_property
    def by_id(self) -> dict[str, Criterion]:
        return {c.id: c for c in self.criterion}
