"""The two or three changes that would matter most next time: short, specific, quoting the learner."""

from __future__ import annotations

from coach.scoring.scorecard import CriterionScore, FlagDetail

MAX_CHANGES = 3


def _quote(text: str, limit: int = 90) -> str:
    """A quote to sit inside a sentence: one line, shortened, without its own closing full stop."""
    text = " ".join(text.split()).rstrip(".")
    return f"“{text if len(text) <= limit else text[: limit - 1].rstrip() + '…'}”"


def top_changes(criteria: list[CriterionScore], flags: list[FlagDetail]) -> list[str]:
    changes: list[str] = []
    for flag in sorted(flags, key=lambda f: (f.id != "aggression", -f.count)):
        if flag.evidence:
            changes.append(f"{flag.name}: you said {_quote(flag.evidence[0].quote)}. {flag.tip}")
    gaps = sorted(
        (c for c in criteria if c.score < 4),
        key=lambda c: (-(c.weight * (4 - c.score)), -c.weight, c.id),
    )
    for c in gaps:
        if len(changes) >= MAX_CHANGES:
            break
        if c.score == 0:
            line = f"{c.name}: this never came up. {c.tip}"
        else:
            line = f"{c.name}: you made a start with {_quote(c.evidence[0].quote)}; take it further. {c.tip}"
        if c.better_line:
            line += f" For example: {_quote(c.better_line, 160)}."
        changes.append(line)
    return changes[:MAX_CHANGES]
