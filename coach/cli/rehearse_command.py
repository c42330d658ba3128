"""`coach rehearse`: a whole session in the terminal, from a file of answers or from standard input."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Iterator
from pathlib import Path

from coach.cli.output import fail


def register(sub: argparse._SubParsersAction, dirs: argparse.ArgumentParser) -> None:
    p = sub.add_parser("rehearse", parents=[dirs], help="rehearse a scenario without the app")
    p.add_argument("scenario", nargs="?", help="scenario id or file (not needed with --resume)")
    p.add_argument("--difficulty", "-d", choices=["gentle", "realistic", "tough"], help="default: the scenario's own")
    p.add_argument("--answers", metavar="FILE", help="your lines, one turn per paragraph ('-' for stdin)")
    p.add_argument("--engine", choices=["offline", "openai"], help="default: openai when a model is configured")
    p.add_argument("--model", help="model name (or COACH_MODEL)")
    p.add_argument("--base-url", help="OpenAI-compatible server URL (or OPENAI_BASE_URL)")
    p.add_argument("--seed", type=int, default=0, help="makes the offline counterpart replay exactly (default 0)")
    p.add_argument("--transcript", metavar="OUT", help="also write the session JSON here")
    p.add_argument("--participant", metavar="NAME", help="who is rehearsing (for trainers' reports)")
    p.add_argument("--resume", metavar="SESSION", help="continue a saved session (id or file)")
    p.add_argument("--json", action="store_true", help="print the saved session as JSON at the end, nothing else")
    p.set_defaults(run=cmd_rehearse)


def paragraphs(text: str) -> list[str]:
    """One turn per paragraph: blank lines separate turns; lines inside a paragraph join with spaces."""
    turns, current = [], []
    for line in text.splitlines():
        if line.strip():
            current.append(line.strip())
        elif current:
            turns.append(" ".join(current))
            current = []
    if current:
        turns.append(" ".join(current))
    return turns


def cmd_rehearse(args: argparse.Namespace) -> int:
    from coach.cli.rehearse_session import RehearseError, build_rehearsal, play

    try:
        rehearsal, settings = build_rehearsal(args)
    except RehearseError as exc:
        return fail(str(exc), 2)
    if args.answers:
        try:
            text = sys.stdin.read() if args.answers == "-" else Path(args.answers).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            return fail(f"cannot read answers file {args.answers}: {exc}", 2)
        source: Iterator[str] | None = iter(paragraphs(text))
    else:
        source = None
    return asyncio.run(play(rehearsal, source, quiet=args.json))
