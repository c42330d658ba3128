"""The trainers' report as CSV: one row per session, for a spreadsheet."""

from __future__ import annotations

import csv
import io

from coach.workshop.report_model import Report

COLUMNS = ["session_id", "date", "participant", "scenario_id", "scenario_title", "difficulty", "outcome",
           "engine", "judge", "scored_now", "total"]


def cell(text: str) -> str:
    """Typed text never runs as a spreadsheet formula (CSV injection): a leading =, +, - or @ is quoted."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def report_csv(report: Report) -> str:
    ids = report.criterion_ids()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*COLUMNS, *ids, "flags"])
    for s in report.sessions:
        writer.writerow([
            cell(s.session_id), s.created_at.isoformat(), cell(s.participant), cell(s.scenario_id), cell(s.scenario_title),
            cell(s.difficulty), s.outcome, s.engine, s.judge, "yes" if s.scored_now else "no", f"{s.total:g}",
            *(s.criteria.get(c, "") for c in ids), ";".join(s.flags),
        ])
    return out.getvalue()
