"""The two or three changes that would matter most next time: short, specific, quoting the learner."""

from __future__ import annotations

from coach.core.scorecard import CriterionScore, FlagDetail

MAX_CHANGES = 3


def _quote(text: str, limit: int = 140) -> str:
    """A quote to sit inside a sentence: one line, cut at a word if long, without its own full stop."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0].rstrip(",;:—-") + "…"
    return f"“{text.rstrip('.')}”"


def _end(quote: str) -> str:
    """The full stop after a quote, unless the quote already ends a sentence (“…?” needs no “…?”.)."""
    return "" if quote[-2:-1] in ("?", "!", "…") else "."


def top_changes(criteria: list[CriterionScore], flags: list[FlagDetail]) -> list[str]:
    changes: list[str] = []
    for flag in sorted(flags, key=lambda f: (f.id != "aggression", -f.count)):
        if flag.evidence:
            said = _quote(flag.evidence[0].quote)
            changes.append(f"{flag.name}: you said {said}{_end(said)} {flag.tip}")
    gaps = sorted(
        (c for c in criteria if c.score < 4),
        key=lambda c: (-(c.weight * (4 - c.score)), -c.weight, c.id),
    )
    examples: set[str] = set()  # one example line is offered once, even when it shows several moves
    for c in gaps:
        if len(changes) >= MAX_CHANGES:
            break
        said = _quote(c.evidence[0].quote) if c.evidence else ""
        if c.score == 0:  # nothing in any turn came close: only then is it "never came up"
            line = f"{c.name}: this never came up. {c.tip}"
        elif c.score == 1 and said:
            line = f"{c.name}: you came close with {said}; say it outright. {c.tip}"
        elif c.score == 2 and said:
            line = f"{c.name}: you said it in general terms ({said}); add the specifics. {c.tip}"
        else:
            line = f"{c.name}: you made a start with {said}; take it further. {c.tip}" if said else f"{c.name}: take it further. {c.tip}"
        if c.better_line and c.better_line not in examples:
            examples.add(c.better_line)
            example = _quote(c.better_line, 220)
            line += f" For example: {example}{_end(example)}"
        changes.append(line)
    return changes[:MAX_CHANGES]
