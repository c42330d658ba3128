"""The trainers' report as one self-contained HTML page: inline CSS and SVG, nothing fetched, prints cleanly."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path
from string import Template

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
from coach.workshop.report_svg import FLAG, Bar, hbar_chart
from coach.workshop.report_svg import WELL as WELL_COLOUR

_TEMPLATE = Template((Path(__file__).parent / "templates" / "report.html").read_text(encoding="utf-8"))
_LONG_WORD = re.compile(r"[^\s–-]{21,}")  # browsers break after a hyphen or a dash themselves
HEADER_CHARS = 48  # an upright header longer than this ends in an ellipsis (the whole name is its tooltip)


def cell(value: str) -> str:
    """Escaped text for a table cell, with a break opportunity every 20 characters of a longer word: a name
    typed without spaces must not widen its column past the screen, and ordinary words never break."""
    out, last = [], 0
    for m in _LONG_WORD.finditer(value):
        word = m.group()
        out += [escape(value[last:m.start()]), "<wbr>".join(escape(word[i : i + 20]) for i in range(0, len(word), 20))]
        last = m.end()
    return "".join(out) + escape(value[last:])


def _upright(name: str) -> str:
    if len(name) <= HEADER_CHARS:
        return cell(name)
    return f'<span title="{escape(name)}">{cell(name[: HEADER_CHARS - 1].rstrip())}…</span>'


def _table(header: list[str], rows: list[str], cls: str, numeric: set[int] = frozenset(),
           upright: set[int] = frozenset()) -> str:
    """`upright` columns have their header run upwards (`header` is already HTML)."""
    head = "".join(f'<th class="crit num" scope="col"><span class="up">{h}</span></th>' if i in upright else
                   f'<th{" class=num" if i in numeric else ""} scope="col">{h}</th>' for i, h in enumerate(header))
    return (f'<div class="scroll"><table class="{cls}"><thead><tr>{head}</tr></thead>'
            f'<tbody>\n{chr(10).join(rows)}\n</tbody></table></div>')


def _criteria_cells(group: GroupSummary, ids: list[str]) -> str:
    by_id = {c.id: c for c in group.criteria}
    cells = []
    for cid in ids:
        c = by_id.get(cid)
        cells.append(f'<td class="num s{round(c.mean)}" data-criterion="{escape(cid)}">{c.mean:.1f}</td>' if c
                     else f'<td class="num na" data-criterion="{escape(cid)}">–</td>')
    return "".join(cells)


def _figure(svg: str, caption: str) -> str:
    return f"<figure>{svg}<figcaption>{escape(caption)}</figcaption></figure>"


def _groups(report: Report, kind: str) -> str:
    ids = [c.id for c in report.criteria]
    crit = [_upright(c.name) for c in report.criteria]
    groups = report.participants if kind == "participant" else report.scenarios
    rows = []
    for g in groups:
        extra = (cell("; ".join(g.scenario_titles)) if kind == "participant"
                 else cell(", ".join(f"{k} {v}" for k, v in g.difficulties.items())))
        rows.append(f'<tr data-{kind}="{escape(getattr(g, "id", g.label))}"><th scope="row">{cell(g.label)}</th>'
                    f'<td class="num">{g.sessions}</td><td class="num total">{g.mean_total:.1f}</td>'
                    f'<td class="num">{g.best_total:.1f}</td><td class="num">{g.lowest_total:.1f}</td>'
                    f'<td>{extra}</td>{_criteria_cells(g, ids)}</tr>')
    header = [kind, "sessions", "mean total", "best", "lowest", "scenarios" if kind == "participant" else "difficulties", *crit]
    chart = hbar_chart([Bar(g.label, g.mean_total, f"{g.mean_total:.1f}") for g in groups], 100, f"Mean total per {kind}")
    return (_figure(chart, f"Mean total score (0–100) per {kind}.")
            # Criterion names run upwards: a column is as narrow as its scores, so every column fits the screen.
            + _table(header, rows, f"{kind}s", {1, 2, 3, 4}, set(range(6, 6 + len(ids)))))


def _quotes(report: Report) -> str:
    if not report.quotes:
        return "<p>No quotable evidence in these sessions.</p>"
    out = []
    for q in report.quotes:
        what = f"{escape(q.criterion_name)} ({q.score}/4)" if q.kind == "strength" else f"flag: {escape(q.criterion_name)}"
        out.append(f'<blockquote class="{q.kind}" data-criterion="{escape(q.criterion_id)}"><p class="quote">“{escape(q.text)}”</p>'
                   f"<footer>{escape(q.participant)} · {escape(q.scenario_title or q.scenario_id)} · turn {q.turn} · {what}</footer></blockquote>")
    return "\n".join(out)


def _criteria_table(criteria: list[CriterionStat], sessions: int, cls: str) -> str:
    rows = [f'<tr data-criterion="{escape(c.id)}"><td class="num">{i}</td><td>{cell(c.name)}</td>'
            f'<td class="num mean">{c.mean:.2f}</td><td class="num">{c.scored_well} of {c.sessions}</td>'
            f'<td class="num">{c.zeros} of {c.sessions}</td><td class="num">{c.sessions} of {sessions}</td></tr>'
            for i, c in enumerate(criteria, start=1)]
    header = ["#", "criterion", "mean /4", f"scored {WELL}+", "not shown (0)", "sessions that scored it"]
    return _table(header, rows, f"criteria {cls}", {0, 2, 3, 4, 5})


def _criteria_section(report: Report) -> str:
    hard, well, n = report.hardest_criteria(), report.criteria_done_well(), report.room.sessions
    chart = hbar_chart([Bar(c.name, c.mean, f"{c.mean:.1f}/4", "" if c.id in report.hardest else WELL_COLOUR)
                        for c in report.criteria], 4, "Mean score per criterion, lowest first")
    caption = "Mean score out of 4 over the sessions that scored each criterion; blue: hard for the room, green: handled well."
    out = [f'<section id="hardest"><h2>Criteria the room found hardest</h2><p>{escape(HARDEST_RULE)}</p>',
           _figure(chart, caption), _criteria_table(hard, n, "hard") if hard else f"<p>{escape(NONE_HARD)}</p>"]
    if well:
        out += [f"<h3>Criteria the room handled well</h3><p>{escape(WELL_RULE)}</p>", _criteria_table(well, n, "well")]
    return "".join(out) + "</section>"


def _sessions(report: Report) -> str:
    rows = [
        f'<tr data-session="{escape(s.session_id)}"><td>{s.created_at:%Y-%m-%d %H:%M}</td>'
        f'<td class="participant">{cell(s.participant)}</td><td data-scenario="{escape(s.scenario_id)}">{cell(s.scenario_title)}</td>'
        f"<td>{cell(s.difficulty)}</td><td>{escape(outcome_label(s.outcome))}</td>"
        f'<td>{escape(s.judge)}{" *" if s.scored_now else ""}</td><td class="num total">{s.total:.1f}</td>'
        f'<td>{cell(", ".join(s.flag_names)) or "–"}</td><td><code>{escape(s.session_id)}</code></td></tr>'
        for s in report.sessions
    ]
    header = ["date", "participant", "scenario", "difficulty", "outcome", "judge", "total", "flags", "session"]
    return _table(header, rows, "sessions", numeric={6})


def report_html(report: Report) -> str:
    r = report.room
    parts = [
        f"<header><h1>{escape(report.title)}</h1>",
        f'<p class="meta">Generated {report.generated_at:%Y-%m-%d %H:%M} UTC by coach report</p>',
        '<ul class="stats">'
        f'<li><b id="stat-sessions">{r.sessions}</b>sessions</li><li><b id="stat-participants">{r.participants}</b>participants</li>'
        f'<li><b id="stat-scenarios">{r.scenarios}</b>scenarios</li><li><b id="stat-mean">{r.mean_total:.1f}</b>mean total /100</li></ul></header>',
    ]
    if report.notes:
        parts.append('<section class="notes" id="notes">' + "".join(f"<p>{escape(n)}</p>" for n in report.notes) + "</section>")
    parts.append(_criteria_section(report))
    flags = "<p>No flags were raised.</p>"
    if report.flags:
        most = max(f.sessions for f in report.flags)
        top, ticks = (most, most) if most <= 5 else (-(-most // 4) * 4, 4)  # whole numbers on the axis
        chart = hbar_chart([Bar(f.name, f.sessions, str(f.sessions)) for f in report.flags], top,
                           "Sessions raising each flag", colour=FLAG, ticks=ticks)
        rows = [f'<tr data-flag="{escape(f.id)}"><td>{cell(f.name)}</td>'
                f'<td class="num sessions">{f.sessions}</td><td class="num">{f.turns}</td></tr>' for f in report.flags]
        flags = _figure(chart, "Sessions in which each flag was raised.") + _table(["flag", "sessions", "turns"], rows, "flags", {1, 2})
    parts.append(f'<section id="flags"><h2>Most common flags</h2>{flags}</section>')
    parts.append(f'<section id="participants"><h2>Participants</h2>{_groups(report, "participant")}</section>')
    parts.append(f'<section id="scenarios"><h2>Scenarios</h2>{_groups(report, "scenario")}'
                 "<p>Criterion columns are mean scores out of 4; – means the criterion was not in that rubric.</p></section>")
    if report.quotes_included:
        parts.append(f'<section id="quotes"><h2>Lines for discussion</h2>{_quotes(report)}</section>')
    note = "<p>* no stored scorecard: scored now by the offline detector.</p>" if report.room.scored_now else ""
    parts.append(f'<section id="sessions"><h2>Sessions</h2>{_sessions(report)}{note}</section>')
    if report.skipped:
        items = "".join(f"<li><code>{escape(f.file)}</code>: {escape(f.reason)}</li>" for f in report.skipped)
        parts.append(f'<section id="skipped"><h2>Skipped files</h2><ul>{items}</ul></section>')
    return _TEMPLATE.substitute(title=escape(report.title), body="\n".join(parts))

