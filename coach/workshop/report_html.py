"""The trainers' report as one self-contained HTML page: inline CSS and SVG, nothing fetched, prints cleanly."""

from __future__ import annotations

from html import escape
from pathlib import Path
from string import Template

from coach.workshop.report_model import GroupSummary, Report
from coach.workshop.report_svg import FLAG, Bar, hbar_chart

_TEMPLATE = Template((Path(__file__).parent / "templates" / "report.html").read_text(encoding="utf-8"))


def _table(header: list[str], rows: list[str], cls: str, numeric: set[int] = frozenset()) -> str:
    head = "".join(f'<th{" class=num" if i in numeric else ""} scope="col">{h}</th>' for i, h in enumerate(header))
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
    crit = [f'<abbr title="{escape(c.name)}">{escape(c.id)}</abbr>' for c in report.criteria]
    groups = report.participants if kind == "participant" else report.scenarios
    rows = []
    for g in groups:
        extra = (escape(", ".join(g.scenarios)) if kind == "participant"
                 else escape(", ".join(f"{k} {v}" for k, v in g.difficulties.items())))
        rows.append(f'<tr data-{kind}="{escape(getattr(g, "id", g.label))}"><th scope="row">{escape(g.label)}</th>'
                    f'<td class="num">{g.sessions}</td><td class="num total">{g.mean_total:.1f}</td>'
                    f'<td class="num">{g.best_total:.1f}</td><td class="num">{g.lowest_total:.1f}</td>'
                    f'<td>{extra}</td>{_criteria_cells(g, ids)}</tr>')
    header = [kind, "sessions", "mean total", "best", "lowest", "scenarios" if kind == "participant" else "difficulties", *crit]
    chart = hbar_chart([Bar(g.label, g.mean_total, f"{g.mean_total:.1f}") for g in groups], 100, f"Mean total per {kind}")
    return (_figure(chart, f"Mean total score (0–100) per {kind}.")
            + _table(header, rows, f"{kind}s", numeric={1, 2, 3, 4} | set(range(6, 6 + len(ids)))))


def _quotes(report: Report) -> str:
    if not report.quotes:
        return "<p>No quotable evidence in these sessions.</p>"
    out = []
    for q in report.quotes:
        what = f"{escape(q.criterion_name)} ({q.score}/4)" if q.kind == "strength" else f"flag: {escape(q.criterion_name)}"
        out.append(f'<blockquote class="{q.kind}" data-criterion="{escape(q.criterion_id)}"><p class="quote">“{escape(q.text)}”</p>'
                   f"<footer>{escape(q.participant)} · {escape(q.scenario_id)} · turn {q.turn} · {what}</footer></blockquote>")
    return "\n".join(out)


def _sessions(report: Report) -> str:
    rows = [
        f'<tr data-session="{escape(s.session_id)}"><td>{s.created_at:%Y-%m-%d %H:%M}</td><td class="participant">{escape(s.participant)}</td>'
        f"<td>{escape(s.scenario_id)}</td><td>{escape(s.difficulty)}</td><td>{escape(s.outcome)}</td>"
        f'<td>{escape(s.judge)}{" *" if s.scored_now else ""}</td><td class="num total">{s.total:.1f}</td>'
        f'<td>{escape(", ".join(s.flags)) or "–"}</td><td><code>{escape(s.session_id)}</code></td></tr>'
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
    hardest = hbar_chart([Bar(c.name, c.mean, f"{c.mean:.1f}/4") for c in report.criteria], 4, "Mean score per criterion, hardest first")
    rows = [f'<tr data-criterion="{escape(c.id)}"><td class="num">{i}</td><td>{escape(c.name)}</td><td><code>{escape(c.id)}</code></td>'
            f'<td class="num mean">{c.mean:.2f}</td><td class="num">{c.percent:.0f}%</td><td class="num">{c.zeros} of {c.sessions}</td></tr>'
            for i, c in enumerate(report.criteria, start=1)]
    parts.append('<section id="hardest"><h2>Criteria the room found hardest</h2>'
                 + _figure(hardest, "Mean score out of 4 over every session that scored the criterion.")
                 + _table(["#", "criterion", "id", "mean /4", "of top score", "not shown (0)"], rows, "criteria", {0, 3, 4, 5})
                 + "</section>")
    flags = "<p>No flags were raised.</p>"
    if report.flags:
        most = max(f.sessions for f in report.flags)
        top, ticks = (most, most) if most <= 5 else (-(-most // 4) * 4, 4)  # whole numbers on the axis
        chart = hbar_chart([Bar(f.name, f.sessions, str(f.sessions)) for f in report.flags], top,
                           "Sessions raising each flag", colour=FLAG, ticks=ticks)
        rows = [f'<tr data-flag="{escape(f.id)}"><td>{escape(f.name)}</td><td><code>{escape(f.id)}</code></td>'
                f'<td class="num sessions">{f.sessions}</td><td class="num">{f.turns}</td></tr>' for f in report.flags]
        flags = _figure(chart, "Sessions in which each flag was raised.") + _table(["flag", "id", "sessions", "turns"], rows, "flags", {2, 3})
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

