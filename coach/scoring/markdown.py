"""The scorecard as Markdown: for the terminal, for exports, for sharing with a coach."""

from __future__ import annotations

from coach.core.scorecard import CriterionScore, Scorecard
from coach.core.session import outcome_label

JUDGES = {"offline": "the offline detector", "llm": "an LLM judge", "mixed": "an LLM judge, with the offline detector where it failed"}


def bar(score: int, width: int = 4) -> str:
    return "█" * score + "░" * (width - score)


def criterion_details(c: CriterionScore, quotes: int = 3) -> str:
    """One criterion's level, the learner's words, why, and a better line: the same words in the app, the
    terminal and every export."""
    out = [f"*{c.level}*"]
    out += [f"> “{e.quote}” (turn {e.turn})" for e in c.evidence[:quotes]]
    if c.reasoning:
        out.append(c.reasoning)
    if c.note:
        out.append(f"**Note:** {c.note}")
    if c.samples and len(c.samples) > 1:
        out.append(f"Judge samples: {', '.join(map(str, c.samples))} (spread {c.spread})")
    if c.better_line and c.score < 4:
        out.append(f"**A better line:** “{c.better_line}”")
    return "\n\n".join(out)


def scorecard_markdown(card: Scorecard) -> str:
    out: list[str] = []
    title = card.scenario_title or card.scenario_id or "Rehearsal"
    out.append(f"# Scorecard: {title}")
    meta = [f"**{card.total:.0f}/100**"]
    if card.difficulty:
        meta.append(card.difficulty)
    if card.outcome:
        meta.append(f"outcome: {outcome_label(card.outcome)}")
    judge = JUDGES[card.judge] + (f" ({card.judge_model})" if card.judge_model else "")
    meta.append(f"judged by {judge}")
    out.append(" · ".join(meta))
    if card.top_changes:
        out.append("\n## What to change next time\n")
        out += [f"{i}. {change}" for i, change in enumerate(card.top_changes, start=1)]
    out.append("\n## Criteria\n")
    for c in card.criteria:
        out.append(f"### {c.name}: {c.score}/4 `{bar(c.score)}` (weight {c.weight:g})\n")
        out.append(criterion_details(c))
        out.append("")
    if card.flag_details:
        out.append("## Flags\n")
        for f in card.flag_details:
            cost = f", {f.cost:g} points off" if f.cost else ""
            out.append(f"- **{f.name}** in {f.count} turn(s){cost}: " + "; ".join(f"“{e.quote}” (turn {e.turn})" for e in f.evidence[:3]))
            out.append(f"  {f.tip}")
        out.append("")
    if card.debrief:
        d = card.debrief
        out.append("## Expert debrief\n")
        if d.concession:
            out.append(f"**What was on the table:** {d.concession}\n")
        out.append(d.expert_approach.strip())
        if d.key_moves:
            out.append("\n**Key moves**\n")
            out += [f"- {m}" for m in d.key_moves]
        if d.model_lines:
            out.append("\n**Lines an expert might use**\n")
            out += [f"- “{m}”" for m in d.model_lines]
        if d.pitfalls:
            out.append("\n**Pitfalls**\n")
            out += [f"- {p}" for p in d.pitfalls]
    if card.notes:
        out.append("\n---\n")
        out += [f"*{n}*" for n in card.notes]
    return "\n".join(out).rstrip() + "\n"
