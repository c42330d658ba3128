"""Small text helpers shared by the screens (presentation only)."""

from __future__ import annotations


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word boundary and marked with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:.") + "…"


OUTCOMES = {
    "agreed": "agreed",
    "no-agreement": "no agreement",
    "paused": "unfinished (resumable)",
    "in-progress": "unfinished (resumable)",
}


def outcome_label(outcome: str) -> str:
    return OUTCOMES.get(outcome, outcome)
