"""The trainers' report as Markdown: readable in a terminal, a chat message or a wiki page."""

from __future__ import annotations

import re

from coach.core.session import outcome_label
from coach.workshop.report_model import (
    HARDEST_RULE,
    NONE_HARD,
    WELL,
    WELL_RULE,
    CriterionStat,
    GroupSummary,
    Report,
)

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def esc(text: str) -> str:
    """Text as it was typed: Markdown and table syntax escaped, on one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return out + [""]


def score(value: float) -> str:
    return f"{value:.1f}"


def _criteria_cells(group: GroupSummary, ids: list[str]) -> list[str]:
    by_id = {c.id: c for c in group.criteria}
    return [f"{by_id[c].mean:.1f}" if c in by_id else "–" for c in ids]


def _criteria(criteria: list[CriterionStat], sessions: int) -> list[str]:
    rows = [
        [str(i), esc(c.name), f"{c.mean:.2f}/4", f"{c.scored_well} of {c.sessions}", f"{c.zeros} of {c.sessions}",
         f"{c.sessions} of {sessions}"]
        for i, c in enumerate(criteria, start=1)
    ]
    return table(["#", "criterion", "mean score", f"scored {WELL}+", "not shown (0)", "sessions that scored it"], rows)


def report_markdown(report: Report) -> str:
    r = report.room
    out = [f"# {esc(report.title)}", ""]
    out.append(f"{r.sessions} session(s) · {r.participants} participant(s) · {r.scenarios} scenario(s) · "
               f"mean total **{score(r.mean_total)}/100** · generated {report.generated_at:%Y-%m-%d %H:%M} UTC")
    out.append("")
    out += [f"> {esc(n)}" for n in report.notes] + ([""] if report.notes else [])
    ids = [c.id for c in report.criteria]
    heads = [esc(c.name) for c in report.criteria]

    out += ["## Criteria the room found hardest", "", HARDEST_RULE, ""]
    hard, well = report.hardest_criteria(), report.criteria_done_well()
    out += _criteria(hard, r.sessions) if hard else [NONE_HARD, ""]
    if well:
        out += ["## Criteria the room handled well", "", WELL_RULE, ""] + _criteria(well, r.sessions)
    out += ["## Most common flags", ""]
    if report.flags:
        out += table(["flag", "sessions", "turns"], [[esc(f.name), str(f.sessions), str(f.turns)] for f in report.flags])
    else:
        out += ["No flags were raised.", ""]

    out += ["## Participants", ""]
    out += table(["participant", "sessions", "mean total", "best", "lowest", "scenarios", *heads], [
        [esc(p.label), str(p.sessions), score(p.mean_total), score(p.best_total), score(p.lowest_total),
         esc("; ".join(p.scenario_titles)), *_criteria_cells(p, ids)]
        for p in report.participants
    ])
    out += ["## Scenarios", ""]
    out += table(["scenario", "sessions", "participants", "mean total", "best", "lowest", "difficulties", *heads], [
        [esc(s.label), str(s.sessions), str(s.participants), score(s.mean_total), score(s.best_total),
         score(s.lowest_total), esc(", ".join(f"{k} {v}" for k, v in s.difficulties.items())), *_criteria_cells(s, ids)]
        for s in report.scenarios
    ])
    out.append("Criterion columns are mean scores out of 4; – means the criterion was not in that rubric.")
    out.append("")

    if report.quotes_included:
        out += ["## Lines for discussion", ""]
        if not report.quotes:
            out += ["No quotable evidence in these sessions.", ""]
        for q in report.quotes:
            what = f"{esc(q.criterion_name)} ({q.score}/4)" if q.kind == "strength" else f"flag: {esc(q.criterion_name)}"
            out.append(f"> “{esc(q.text)}”  ")
            out.append(f"> — {esc(q.participant)}, {esc(q.scenario_title or q.scenario_id)}, turn {q.turn} · {what}")
            out.append("")

    out += ["## Sessions", ""]
    out += table(["date", "participant", "scenario", "difficulty", "outcome", "judge", "total", "flags", "session"], [
        [f"{s.created_at:%Y-%m-%d %H:%M}", esc(s.participant), esc(s.scenario_title), esc(s.difficulty),
         esc(outcome_label(s.outcome)), esc(s.judge) + (" \\*" if s.scored_now else ""), score(s.total),
         esc(", ".join(s.flag_names)) or "–", f"`{s.session_id}`"]
        for s in report.sessions
    ])
    if report.skipped:
        out += ["## Skipped files", ""]
        out += [f"- `{f.file.replace('`', chr(39))}`: {esc(f.reason)}" for f in report.skipped]
        out.append("")
    return "\n".join(out).rstrip() + "\n"
