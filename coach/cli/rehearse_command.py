"""`coach rehearse`: a whole session in the terminal, from a file of answers or from standard input.

It opens with the scenario's briefing and one help line (not with --quiet or --json), takes slash
commands (/hint, /rewind, /end, /help) that are never sent, and ends with the scorecard (not with
--no-score). Everything that can be wrong with the command line (the answers file, the --transcript
path, the participant's name) is checked before a session is started, so a mistake never leaves a
session behind.
"""

from __future__ import annotations

import argparse
import codecs
import os
import sys
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
    p.add_argument("--timeout", type=float, metavar="SECONDS", help="seconds to wait for a reply (or COACH_TIMEOUT)")
    p.add_argument("--seed", type=int, help="makes the offline counterpart replay exactly (default 0)")
    p.add_argument("--transcript", metavar="OUT", help="also write the session JSON here (folders are created)")
    p.add_argument("--participant", metavar="NAME", help="who is rehearsing (for trainers' reports)")
    p.add_argument("--resume", metavar="SESSION", help="continue a saved session (its id, or its file)")
    p.add_argument("--json", action="store_true", help="print the saved session as JSON at the end, nothing else")
    p.add_argument("--quiet", "-q", action="store_true", help="no briefing or help line before the conversation")
    p.add_argument("--no-score", action="store_true", help="finish without scoring the session")
    p.add_argument("--judge", choices=["offline", "llm"], help="who scores it (default: llm when a model is configured)")
    p.set_defaults(run=cmd_rehearse)


class UsageError(Exception):
    """A problem with the command line, found before anything is started."""


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


def decode_answers(raw: bytes, name: str) -> str:
    """The text of an answers file: UTF-8, with or without a byte-order mark, any line endings."""
    head = raw[:400]
    even, odd = head[0::2], head[1::2]
    # UTF-16 without a mark: ASCII-range text leaves every other byte zero, and only those.
    wide = len(head) >= 4 and any(
        a.count(0) * 10 >= len(a) * 8 and b.count(0) * 20 <= len(b) for a, b in ((even, odd), (odd, even))
    )
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or wide:
        raise UsageError(f"cannot read answers file {name}: it is UTF-16 (or UTF-32) text; save it as UTF-8")
    if b"\x00" in raw:
        raise UsageError(f"cannot read answers file {name}: it is not a text file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(f"cannot read answers file {name}: it is not UTF-8 text (byte {exc.start + 1} "
                         "cannot be read); save it as UTF-8") from None
    return text.lstrip("\ufeff")


def read_answers(spec: str) -> list[str]:
    """The learner's lines from a file (or '-' for standard input), read before any session starts."""
    if spec == "-":
        stream = getattr(sys.stdin, "buffer", None)
        if stream is not None:
            return paragraphs(decode_answers(stream.read(), "(standard input)"))
        return paragraphs(sys.stdin.read().lstrip("\ufeff"))
    try:
        raw = Path(spec).expanduser().read_bytes()
    except IsADirectoryError:
        raise UsageError(f"cannot read answers file {spec}: it is a folder") from None
    except OSError as exc:
        raise UsageError(f"cannot read answers file {spec}: {exc.strerror or exc}") from None
    return paragraphs(decode_answers(raw, spec))


def transcript_path(raw: str) -> Path:
    """Where --transcript writes: a file, whose folder is created if need be."""
    path = Path(raw).expanduser()
    if raw.endswith(("/", os.sep)) or path.is_dir():
        raise UsageError(f"--transcript {raw}: that is a folder; name a file in it, e.g. {path / 'session.json'}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"--transcript {raw}: cannot create the folder {path.parent} "
                         f"({exc.strerror or exc})") from None
    if not path.parent.is_dir():
        raise UsageError(f"--transcript {raw}: {path.parent} is not a folder")
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise UsageError(f"--transcript {raw}: cannot write in {path.parent}")
    if path.exists() and not path.is_file():
        raise UsageError(f"--transcript {raw}: that is not a regular file")
    return path


def participant_name(raw: str | None) -> str | None:
    if raw is None:
        return None
    name = " ".join(raw.split())
    if not name:
        raise UsageError("--participant: the name is empty")
    return name


def cmd_rehearse(args: argparse.Namespace) -> int:
    import asyncio

    try:
        args.participant = participant_name(args.participant)
        copy_to = transcript_path(args.transcript) if args.transcript else None
        answers = read_answers(args.answers) if args.answers else None
    except UsageError as exc:
        return fail(str(exc), 2)

    from coach.cli.rehearse_session import RehearseError, build_rehearsal, play

    try:
        rehearsal, coach = build_rehearsal(args, copy_to=copy_to)
    except RehearseError as exc:
        return fail(str(exc), 2)
    try:
        return asyncio.run(play(rehearsal, iter(answers) if answers is not None else None, quiet=args.json,
                                coach=coach, brief=not args.quiet, score=not args.no_score, judge=args.judge))
    finally:
        rehearsal.close()
