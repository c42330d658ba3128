"""The trainers' report as CSV: one row per session, for a spreadsheet.

Headers and cells are what a person reads (criterion names, scenario titles, flag names); the ids stay in
their own columns (`scenario_id`, `flag_ids`) for scripts, and the JSON report keeps every id.
"""

from __future__ import annotations

import csv
import io

from coach.workshop.report_model import Report

COLUMNS = ["session_id", "date", "participant", "scenario_id", "scenario_title", "difficulty", "outcome",
           "engine", "judge", "scored_now", "total"]


def cell(text: str) -> str:
    """Text from a file never runs as a spreadsheet formula (CSV injection): a leading =, +, - or @ is quoted."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def criterion_headers(report: Report, ids: list[str]) -> list[str]:
    """A column per criterion, headed by its name; the id is added only where two criteria share a name."""
    names = report.criterion_names()
    heads = [names.get(cid, cid) for cid in ids]
    return [f"{h} ({cid})" if heads.count(h) > 1 or h in COLUMNS else h for h, cid in zip(heads, ids)]


def report_csv(report: Report) -> str:
    ids = report.criterion_ids()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([cell(h) for h in [*COLUMNS, *criterion_headers(report, ids), "flags", "flag_ids"]])
    for s in report.sessions:
        writer.writerow([
            *map(cell, (s.session_id, s.created_at.isoformat(), s.participant, s.scenario_id, s.scenario_title,
                        s.difficulty, s.outcome, s.engine, s.judge)),
            "yes" if s.scored_now else "no", f"{s.total:g}",
            *(s.criteria.get(c, "") for c in ids), cell("; ".join(s.flag_names)), cell(";".join(s.flags)),
        ])
    return out.getvalue()
