"""Setting up and playing a terminal rehearsal (the work behind `coach rehearse`)."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Iterator
from pathlib import Path

from coach.config import ConfigError, Settings, load_settings
from coach.rehearsal.rehearsal import CarePause, Chunk, Rehearsal, ReplyDone, ReplyFailed
from coach.scenario import CatalogError
from coach.service import Coach, CoachError


class RehearseError(Exception):
    pass


def build_rehearsal(args: argparse.Namespace) -> tuple[Rehearsal, Settings]:
    flags = {"engine": args.engine, "model": args.model, "base_url": args.base_url}
    try:
        settings = load_settings(flags)
        coach = Coach(settings, args.scenarios, participant=args.participant)
        coach.catalog  # noqa: B018 - load now, so a broken library is reported here
        copy_to = Path(args.transcript) if args.transcript else None
        if args.resume:
            rehearsal, notes = coach.resume(args.resume, keep_engine=not (args.engine or args.model), copy_to=copy_to)
            for note in notes:
                print(f"note: {note}", file=sys.stderr)
            return rehearsal, settings
        if not args.scenario:
            raise RehearseError("name a scenario (see `coach list`), or --resume a saved session")
        return coach.start(args.scenario, args.difficulty, seed=args.seed, copy_to=copy_to), settings
    except (ConfigError, CatalogError, CoachError) as exc:
        raise RehearseError(str(exc)) from None


def _say(text: str, quiet: bool, end: str = "\n") -> None:
    if not quiet:
        sys.stdout.write(text + end)
        sys.stdout.flush()


async def _ask(prompt: str) -> str | None:
    """A line from standard input, or None at end of input."""
    if sys.stdin.isatty():
        sys.stdout.write(prompt)
        sys.stdout.flush()
    line = await asyncio.to_thread(sys.stdin.readline)
    return line.rstrip("\n") if line else None


async def play(rehearsal: Rehearsal, answers: Iterator[str] | None, quiet: bool = False) -> int:
    """Play until the answers run out, the conversation closes, or input ends. Returns an exit code."""
    name = rehearsal.scenario.counterpart.name
    s = rehearsal.session
    if not quiet:
        engine = s.provenance.engine if s.provenance else "offline"
        model = f" ({s.provenance.model})" if s.provenance and s.provenance.model else ""
        _say(f"# {rehearsal.scenario.title} · {rehearsal.difficulty} · {engine}{model} · session {s.id}", quiet)
        for turn in s.turns:
            who = {"partner": name, "learner": "You", "care": "coach"}[turn.speaker]
            _say(f"{who}: {turn.text}", quiet)
    code = 0
    pending_retry = bool(s.turns) and s.turns[-1].speaker == "learner" and s.turns[-1].status == "unanswered"
    while not rehearsal.ended:
        if pending_retry:
            events = rehearsal.retry()
            pending_retry = False
        else:
            line = next(answers, None) if answers is not None else await _ask("You: ")
            if line is None:
                break
            if not line.strip():
                continue
            if answers is not None:
                _say(f"You: {line}", quiet)
            events = rehearsal.send(line)
        _say(f"{name}: ", quiet, end="")
        failed = care = False
        async for event in events:
            if isinstance(event, Chunk):
                _say(event.text, quiet, end="")
            elif isinstance(event, ReplyDone):
                _say("", quiet)
            elif isinstance(event, CarePause):
                care = True
                _say("\r\033[K" if sys.stdout.isatty() else "", quiet, end="")
                _say(f"\ncoach: {event.message}\n", quiet)
            elif isinstance(event, ReplyFailed):
                failed = True
                _say(" [reply interrupted]" if event.partial else "", quiet)
                print(f"coach: {event.error.message}", file=sys.stderr)
        if care:
            if answers is not None:
                break  # a script cannot choose to carry on; the session waits, paused, for the learner
            choice = await _ask("Carry on with the rehearsal? [y/N] ")
            if not choice or choice.strip().lower() not in ("y", "yes"):
                break
            rehearsal.continue_after_care()
        if failed:
            print("coach: your line is saved; resume with "
                  f"`coach rehearse --resume {s.id}` to send it again.", file=sys.stderr)
            code = 1
            if answers is not None:
                break
            choice = await _ask("Press Enter to retry, or type q to stop: ")
            if choice is None or choice.strip().lower() == "q":
                break
            pending_retry = True
    if not rehearsal.ended and s.outcome == "in-progress":
        rehearsal.pause()
    if quiet:
        sys.stdout.write(s.model_dump_json(indent=2) + "\n")
    else:
        _say(f"\n[{s.outcome}] session saved: {rehearsal.store.path_for(s.id) if rehearsal.store else s.id}", quiet)
    return code
