"""`coach check` for scenario authors and `coach export` for sharing one session."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coach.cli.output import fail, print_json


def register(sub: argparse._SubParsersAction, dirs: argparse.ArgumentParser) -> None:
    p = sub.add_parser("check", parents=[dirs], help="play a scenario offline with weak, average and strong learners")
    p.add_argument("scenario", nargs="+", help="scenario id(s) or file(s)")
    p.add_argument("--json", action="store_true", help="print the results as JSON")
    p.add_argument("--quiet", action="store_true", help="only the verdict line per scenario")
    p.set_defaults(run=cmd_check)

    p = sub.add_parser("export", parents=[dirs], help="write one session (transcript, scorecard, debrief) to share")
    p.add_argument("session", help="saved session id or file")
    p.add_argument("--format", choices=["md", "html"], default="md")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    p.add_argument("--include-brief", action="store_true", help="include the counterpart's hidden brief")
    p.set_defaults(run=cmd_export)


def cmd_check(args: argparse.Namespace) -> int:
    import asyncio

    from coach.core.config import load_settings
    from coach.service.check import check_scenario, check_text
    from coach.service.coach import Coach, CoachError

    coach = Coach(load_settings({"engine": "offline"}), args.scenarios)
    try:
        items = [coach.scenario(key) for key in args.scenario]
    except CoachError as exc:
        return fail(str(exc), 2)
    library = coach.catalog.library
    results = [asyncio.run(check_scenario(item, library, detector=coach.detector_for(item))) for item in items]
    if args.json:
        print_json([r.model_dump() for r in results])
    else:
        for result in results:
            print(check_text(result).splitlines()[0] if args.quiet else check_text(result) + "\n")
    return 0 if all(r.ok for r in results) else 1


def cmd_export(args: argparse.Namespace) -> int:
    from coach.core.config import load_settings
    from coach.core.files import write_private
    from coach.core.text_safety import clean
    from coach.service.coach import Coach, CoachError
    from coach.service.export import session_markdown

    coach = Coach(load_settings({"engine": "offline"}), args.scenarios)
    try:
        session = coach.load_session(Path(args.session) if Path(args.session).exists() else args.session)
        scenario = coach.scenario(session.scenario_id).scenario if session.scenario_id in coach.catalog.scenarios else None
        card = session.scorecard
        if card is None and any(t.speaker == "learner" for t in session.turns):
            card = coach.score_now(session, judge="offline", all_criteria=scenario is None)
    except CoachError as exc:
        return fail(str(exc), 2)
    # Cleaned for a file too: an export is meant to be read, and it may well be read with `cat`.
    text = clean(session_markdown(session, scenario, card, include_brief=args.include_brief))
    if args.format == "html":
        from coach.workshop.export_html import markdown_to_html_page

        text = markdown_to_html_page(text, scenario.title if scenario else f"coach session {session.id}")
    if args.output:
        try:
            write_private(Path(args.output), text)
        except OSError as exc:
            return fail(f"cannot write {args.output}: {exc.strerror or exc}")
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
