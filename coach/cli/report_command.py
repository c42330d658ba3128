"""`coach report`: a report across saved sessions, for trainers."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coach.cli.output import fail

FORMATS = ("md", "csv", "html", "json")


def register(sub: argparse._SubParsersAction, dirs: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "report",
        parents=[dirs],
        help="a report across saved sessions (for trainers)",
        description="A report across saved sessions: per participant and per scenario, the hardest criteria, "
        "the most common flags and lines for discussion. Files that are not sessions are named on stderr and "
        "skipped; sessions without a stored scorecard are scored offline (the report says so).",
        epilog="Exit status: 0 when a report was written (even if files were skipped), 2 when nothing was usable.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="session files or folders (searched recursively)")
    p.add_argument("--format", "-f", choices=FORMATS, help="md, csv, html or json (default: from -o's extension, else md)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE (default: standard output)")
    p.add_argument("--anonymize", action="store_true",
                   help="replace participant names with stable pseudonyms (the same name always gets the same one; "
                   "the key is kept in the config folder, or set COACH_REPORT_KEY) and hide skipped files' names")
    p.add_argument("--no-quotes", dest="quotes", action="store_false",
                   help="leave out every quote of what learners said (use with --anonymize to share a report)")
    p.add_argument("--title", default="Workshop report", help="the report's title (default: %(default)s)")
    p.set_defaults(run=cmd_report)


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return args.format
    suffix = Path(args.output).suffix.lower().lstrip(".") if args.output else ""
    return {"htm": "html", "markdown": "md"}.get(suffix, suffix) if suffix in (*FORMATS, "htm", "markdown") else "md"


def render(report, fmt: str) -> str:
    if fmt == "json":
        return report.model_dump_json(indent=2) + "\n"
    if fmt == "csv":
        from coach.workshop.report_csv import report_csv

        return report_csv(report)
    if fmt == "html":
        from coach.workshop.report_html import report_html

        return report_html(report)
    from coach.workshop.report_md import report_markdown

    return report_markdown(report)


def _scorer(scenario_dirs: list[str]):
    """Scores a session offline through Coach; the catalog loads only if some session needs it."""
    from coach.core.config import Settings
    from coach.service.coach import Coach, CoachError

    coach: list[Coach] = []

    async def score(session):
        if not coach:
            coach.append(Coach(Settings(judge="offline"), scenario_dirs))
        if not session.scenario_id:
            raise LookupError("no stored scorecard, and it names no scenario to score it against")
        if session.scenario_id not in coach[0].catalog.scenarios:
            raise LookupError(f"no stored scorecard, and no scenario '{session.scenario_id}' to score it against "
                              "(add its folder with --scenarios DIR)")
        try:
            return await coach[0].score(session, judge="offline")
        except CoachError as exc:
            raise LookupError(f"cannot score it: {exc}") from None

    return score


def cmd_report(args: argparse.Namespace) -> int:
    import asyncio

    from coach.core.files import write_private
    from coach.core.text_safety import clean, clean_data, json_safe
    from coach.scenario import CatalogError
    from coach.workshop.pseudonyms import report_key
    from coach.workshop.report import build_report
    from coach.workshop.report_inputs import gather
    from coach.workshop.report_titles import catalog_titles

    fmt = _format(args)
    try:
        entries, skipped = asyncio.run(gather([Path(p) for p in args.paths], _scorer(args.scenarios)))
    except CatalogError as exc:
        return fail(f"cannot load the scenarios to score sessions with: {exc}", 2)
    for item in skipped:
        print(f"coach: skipped {item.file}: {item.reason}", file=sys.stderr)
    if not entries:
        return fail(f"nothing to report: no usable sessions in {', '.join(args.paths)}"
                    + (f" ({len(skipped)} file(s) skipped)" if skipped else ""), 2)
    key = b""
    if args.anonymize:
        key, warning = report_key()
        if warning:
            print(f"coach: {warning}", file=sys.stderr)
    report = build_report(entries, skipped, anonymize=args.anonymize, quotes=args.quotes, key=key, title=args.title,
                          titles=catalog_titles(args.scenarios))
    # Cleaned for a file too: a trainer may well `cat` the report, and a name can carry escape codes.
    # The data first (Markdown and HTML escaping would split a sequence), then the text as a whole.
    if fmt != "json":
        report = type(report).model_validate(clean_data(report.model_dump()))
    text = render(report, fmt)
    text = json_safe(text) if fmt == "json" else clean(text)
    if not args.output:
        sys.stdout.write(text)
        sys.stdout.flush()
        return 0
    out = Path(args.output)
    if fmt == "csv":  # a byte-order mark, so a spreadsheet opened by double-click reads 'Żółć' as UTF-8
        text = "\ufeff" + text
    try:
        write_private(out, text)
    except OSError as exc:
        return fail(f"cannot write {out}: {exc.strerror or exc}")
    r = report.room
    print(f"wrote {out} ({fmt}): {r.sessions} session(s), {r.participants} participant(s), {r.scenarios} scenario(s)"
          + (f"; {len(skipped)} file(s) skipped" if skipped else ""), file=sys.stderr)
    return 0
