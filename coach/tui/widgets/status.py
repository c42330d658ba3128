"""The quiet status line under the input: engine, model, how many of your lines, tokens and estimated cost."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coach.core.config import Settings

if TYPE_CHECKING:
    from coach.rehearsal.rehearsal import Rehearsal


def status_text(rehearsal: Rehearsal, settings: Settings, replying: bool = False) -> str:
    s = rehearsal.session
    prov = s.provenance
    engine = prov.engine if prov else "offline"
    parts = [engine if engine == "offline" else f"{engine} · {prov.model}"]
    level = rehearsal.scenario.level(rehearsal.difficulty)
    # Your lines, not turns: the messages number every turn (yours and theirs), as the scorecard does.
    parts.append(f"your lines {rehearsal.learner_turn_count} of {level.max_turns}")
    usage = s.usage_totals()
    total = usage.prompt_tokens + usage.completion_tokens
    if engine != "offline" and total:  # nothing until the first reply has been counted
        approx = "" if usage.reported else "~"
        parts.append(f"{approx}{total:,} tokens")
        parts.append(f"≈ ${s.cost_usd:.4f}" if s.cost_usd is not None else "cost unknown")
    if replying:
        parts.append(f"{rehearsal.scenario.counterpart.name.split()[0]} is replying… (Esc stops)")
    elif s.outcome == "agreed":
        parts.append("agreed")
    elif s.ended:
        parts.append("ended")
    return " · ".join(parts)
