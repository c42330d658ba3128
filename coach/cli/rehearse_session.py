"""Setting up and playing a terminal rehearsal (the work behind `coach rehearse`).

The briefing and one help line come first. Typed at a terminal, the learner is prompted, and asked
before carrying on after a care pause or retrying after an error. Scripted (--answers) or piped, nothing
is asked: every line read is a line of the conversation, echoed as "You: ..." so the printed
conversation reads whole; a failed reply is retried once by itself, and a care pause ends the run with
the session paused, to resume when ready. Either way a line starting with "/" is a command
(rehearse_commands.py), never sent. When the learner finishes (/end, end of input, Ctrl+D) or the
conversation ends, the session is scored and its scorecard shown (not with --no-score).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Iterator
from pathlib import Path

from coach.cli.rehearse_commands import Commands, command_of
from coach.cli.rehearse_text import show_briefing, show_help, show_scorecard
from coach.cli.screen import BOLD, DIM, Screen
from coach.core.config import ConfigError, Settings, load_settings
from coach.core.errors import SaveError
from coach.core.events import CarePause, Chunk, ReplyDone, ReplyFailed
from coach.core.text_safety import json_safe
from coach.rehearsal.rehearsal import Rehearsal
from coach.scenario import CatalogError
from coach.service.coach import Coach, CoachError


class RehearseError(Exception):
    pass


def build_rehearsal(args: argparse.Namespace, copy_to: Path | None = None) -> tuple[Rehearsal, Coach]:
    flags = {"engine": args.engine, "model": args.model, "base_url": args.base_url,
             "timeout": getattr(args, "timeout", None)}
    try:
        settings = load_settings(flags)
        if getattr(args, "judge", None) == "llm" and not settings.model and not getattr(args, "no_score", False):
            raise RehearseError("--judge llm needs a model: pass --model, set COACH_MODEL, or use --judge offline")
        coach = Coach(settings, args.scenarios, participant=args.participant)
        coach.catalog  # noqa: B018 - load now, so a broken library is reported here
        if args.resume:
            return _resume(coach, args, copy_to)
        if not args.scenario:
            raise RehearseError("name a scenario (see `coach list`), or --resume a saved session")
        seed = args.seed if args.seed is not None else 0
        return coach.start(args.scenario, args.difficulty, seed=seed, copy_to=copy_to), coach
    except (ConfigError, CatalogError, CoachError) as exc:
        from coach.cli.score_command import transcript_problem

        raise RehearseError(transcript_problem(str(exc))) from None
    except SaveError as exc:  # a read-only or full data folder, or a file where the folder should be
        raise RehearseError(str(exc)) from None
    except RecursionError:
        raise RehearseError(f"{args.resume}: nested too deeply to be a coach transcript") from None


def session_key(raw: str) -> str | Path:
    """--resume takes a session id, its file, or the file's name in the sessions folder (ID.json)."""
    path = Path(raw).expanduser()
    if path.is_file():
        return path
    if raw.endswith(".json") and path.parent == Path("."):
        return raw.removesuffix(".json")
    return raw


def _resume(coach: Coach, args: argparse.Namespace, copy_to: Path | None) -> tuple[Rehearsal, Coach]:
    key = session_key(args.resume)
    try:
        saved = coach.load_session(key)
    except CoachError:
        if key == args.resume or isinstance(key, Path):  # a file that is there but cannot be read says why
            raise
        raise CoachError(f"no saved session '{args.resume}' (no such file, and no session '{key}')") from None
    rehearsal, notes = coach.resume(key, engine=args.engine, model=args.model, base_url=args.base_url, copy_to=copy_to)
    for note in _not_applied(args, saved) + notes:
        print(f"note: {note}", file=sys.stderr)
    return rehearsal, coach


def _not_applied(args: argparse.Namespace, saved) -> list[str]:
    """Flags that describe how a session starts, given with --resume: say plainly they change nothing."""
    prov = saved.provenance
    notes = []
    if args.scenario and args.scenario != saved.scenario_id:
        notes.append(f"the scenario '{args.scenario}' is ignored: a resumed session carries on its own "
                     f"('{saved.scenario_id}')")
    if args.difficulty and prov and args.difficulty != prov.difficulty:
        notes.append(f"--difficulty does not apply when resuming: the session stays at '{prov.difficulty}' "
                     "(start a new session to change it)")
    if args.seed is not None and prov and args.seed != prov.seed:
        notes.append(f"--seed does not apply when resuming: the session keeps seed {prov.seed}")
    if args.participant is not None and args.participant != " ".join((saved.participant or "").split()):
        who = f"stays {saved.participant}'s" if saved.participant else "stays without a participant name"
        notes.append(f"--participant does not apply when resuming: the session {who}")
    return notes


async def _ask(screen: Screen, prompt: str, interactive: bool) -> str | None:
    """A line from standard input, or None at end of input; the prompt only shows at a terminal."""
    if interactive:
        screen.prompt(prompt)
    line = await asyncio.to_thread(sys.stdin.readline)
    if not line and interactive:
        sys.stdout.write("\n")  # Ctrl+D leaves the cursor after the prompt
    return line.rstrip("\r\n") if line else None


async def play(
    rehearsal: Rehearsal,
    answers: Iterator[str] | None,
    quiet: bool = False,
    *,
    settings: Settings | None = None,
    coach: Coach | None = None,
    interactive: bool | None = None,
    brief: bool = True,
    score: bool = True,
    judge: str | None = None,
) -> int:
    """Play until the answers run out, the conversation closes, input ends or the learner types /end;
    then score the session (unless `score` is off) and show the card. `quiet` (--json) prints the session
    as JSON and nothing else; `brief` off (--quiet) leaves out the briefing and the help line. Returns an
    exit code: 0, or 1 when the run ends on a reply that could not be had (the line is saved, to resume)."""
    if interactive is None:
        interactive = answers is None and sys.stdin.isatty()
    if coach is None:  # for the hint's criteria and the judge
        coach = Coach(settings or load_settings(), **({"store": rehearsal.store} if rehearsal.store else {}))
    settings = settings or coach.settings
    screen = Screen(quiet)
    s = rehearsal.session
    rehearsal.listen(screen.problem)  # "rate limited (429); waiting 5 s before retry 1 of 2"
    _header(rehearsal, screen, brief)

    async def next_line() -> str | None:
        if answers is not None:
            return next(answers, None)
        return await _ask(screen, "You: ", interactive)

    state = _Play(Commands(rehearsal, screen, lambda: coach.catalog.library))
    try:
        code = await _turns(rehearsal, screen, next_line, interactive, settings.max_retry_wait, state)
        if not rehearsal.ended and s.outcome == "in-progress":
            rehearsal.finish()  # the learner's lines ran out, or they ended it (/end, Ctrl+D): ended early
    except SaveError as exc:
        return _save_failed(rehearsal, screen, exc, state.sent)
    if score and (code == 0 or state.finished) and not rehearsal.paused_for_care:
        await _score(rehearsal, coach, screen, judge)
    if quiet:
        sys.stdout.write(json_safe(s.model_dump_json(indent=2)) + "\n")
        return code
    usage = usage_line(rehearsal)
    if usage:
        screen.gap()
        screen.say(usage)
    screen.gap()
    screen.say(f"[{s.outcome}] session saved: {rehearsal.store.path_for(s.id) if rehearsal.store else s.id}")
    return code


async def _score(rehearsal: Rehearsal, coach: Coach, screen: Screen, judge: str | None) -> None:
    """The scorecard, saved in the session (and its --transcript copy) and shown; not when the learner
    has said nothing yet."""
    if not rehearsal.learner_turn_count:
        screen.gap()
        screen.say("No lines of yours yet, so there is nothing to score.", style=DIM)
        return
    if coach.model_judges(judge):
        screen.gap()
        screen.say(f"Scoring with {coach.settings.model}…", style=DIM)
    try:
        card, unsaved = await coach.score_rehearsal(rehearsal, judge, notice=screen.problem)
    except CoachError as exc:
        screen.problem(f"no scorecard: {exc}")
        return
    if unsaved:
        screen.problem(unsaved)
    show_scorecard(screen, card, rehearsal.session.id)


class _Play:
    """What the turn loop shares with the caller: the slash commands, the last line sent (to give back if
    it cannot be saved), and whether the learner asked to finish."""

    def __init__(self, commands: Commands):
        self.commands = commands
        self.sent: str | None = None
        self.finished = False


def _save_failed(rehearsal: Rehearsal, screen: Screen, error: SaveError, line: str | None) -> int:
    """The disk refused: say so in one line, give the learner's line back, and leave the session (with
    that line) in a recovery file where one can be written. The old session file is intact."""
    screen.problem(str(error))
    if line:
        screen.problem(f"your line, not saved: {line.strip()}")
    where = rehearsal.recover()
    if where is not None:
        screen.problem(f"the session, with your line, is in {where}; once the disk is fixed, carry on with "
                       f"`coach rehearse --resume {where}`")
    return 1


async def _turns(rehearsal: Rehearsal, screen: Screen, next_line, interactive: bool, max_wait: float,
                 state: _Play) -> int:
    s = rehearsal.session
    name = rehearsal.scenario.counterpart.name
    code = 0
    pending_retry = rehearsal.unanswered_line is not None
    typed: str | None = None  # a line typed at the retry prompt: the next line to send
    retried = False  # this line has been retried once by itself already
    while not rehearsal.ended:
        if pending_retry:
            state.sent = rehearsal.retry_line
            events = rehearsal.retry()
            pending_retry = False
        else:
            line, typed = (typed, None) if typed is not None else (await next_line(), None)
            if line is None:
                break
            if not line.strip():
                continue
            if command_of(line) is not None:  # never sent: handled here, whatever it is
                if not interactive:
                    screen.say(line.strip(), style=DIM, lead="> ", lead_style=DIM)
                if state.commands.run(line):
                    state.finished = True
                    break
                continue
            if not interactive:
                screen.say(line.strip(), lead="You: ")
            retried = False
            state.sent = line
            events = rehearsal.send(line)
        care, failure = False, None
        async for event in events:
            if isinstance(event, Chunk):
                screen.reply(name, event.text)
            elif isinstance(event, ReplyDone):
                if not screen.open:
                    screen.reply(name, event.turn.text)
                screen.end_reply()
                if event.turn.note:
                    screen.problem(f"note: {event.turn.note}")
            elif isinstance(event, CarePause):
                care = True
                screen.gap()
                screen.say(event.message, lead="coach: ")
                screen.gap()
            elif isinstance(event, ReplyFailed):
                failure = event
                screen.end_reply("[reply interrupted]" if event.partial else "")
                screen.problem(event.error.message)
        state.sent = None  # every event is in: the line and what came of it are saved
        if care:
            if not interactive:
                # A script cannot choose to carry on: the session waits, paused, for the learner.
                screen.problem(f"the rehearsal is paused; when you are ready, carry on with "
                               f"`coach rehearse --resume {s.id}`.")
                break
            choice = await _ask(screen, "Carry on with the rehearsal? [y/N] ", interactive)
            if not choice or choice.strip().lower() not in ("y", "yes"):
                break
            rehearsal.continue_after_care()
        if failure is None:
            code = 0
            continue
        code = 1
        error = failure.error
        if not interactive:
            worth = error.retryable and (error.retry_after is None or error.retry_after <= max_wait)
            if worth and not retried:
                retried = True
                wait = min(error.retry_after or 0.0, max_wait)
                if wait >= 0.05:
                    from coach.llm.client import seconds_text

                    screen.problem(f"waiting {seconds_text(wait)}, then trying once more…")
                    await asyncio.sleep(wait)
                else:
                    screen.problem("trying once more…")
                pending_retry = True
                continue
            screen.problem(f"your line is saved; send it again with `coach rehearse --resume {s.id}`.")
            break
        choice = await _ask(screen, "Press Enter to try again, type a new line to send instead, or q to stop: ",
                            interactive)
        if choice is None or choice.strip().lower() in ("q", "quit"):
            screen.problem(f"your line is saved; send it again with `coach rehearse --resume {s.id}`.")
            break
        if choice.strip():
            typed = choice  # the new line replaces the one that got no reply (kept in a branch)
        else:
            pending_retry = True
    return code


def _header(rehearsal: Rehearsal, screen: Screen, brief: bool) -> None:
    s = rehearsal.session
    prov = s.provenance
    engine = prov.engine if prov else "offline"
    detail = ""
    if prov and prov.engine == "openai":
        detail = f" ({prov.model}{' at ' + prov.base_url if prov.base_url else ''})"
    screen.say(f"{rehearsal.scenario.title} · {rehearsal.difficulty} · {engine}{detail} · session {s.id}",
               style=BOLD, lead="# ")
    if brief:
        show_briefing(screen, rehearsal)
        show_help(screen)
        screen.gap()
    name = rehearsal.scenario.counterpart.name
    for turn in s.turns:
        who = {"partner": name, "learner": "You", "care": "coach"}[turn.speaker]
        screen.say(turn.text, lead=f"{who}: ")


def usage_line(rehearsal: Rehearsal) -> str | None:
    """Tokens used by the session's model replies and, when the model's price is known, what they cost
    (an estimate, and labelled so)."""
    s = rehearsal.session
    totals = s.usage_totals()
    if not (totals.prompt_tokens or totals.completion_tokens):
        return None
    counted = "as the server reported them" if totals.reported else "estimated: counted by coach"
    line = (f"usage: {totals.prompt_tokens:,} prompt + {totals.completion_tokens:,} completion tokens "
            f"({counted})")
    model = s.provenance.model if s.provenance else None
    if s.cost_usd is not None:
        cost = f"${s.cost_usd:.4f}" if s.cost_usd >= 0.0001 or s.cost_usd == 0 else "under $0.0001"
        line += f"; estimated cost {cost}"
    elif model:
        line += f"; cost unknown (no price for '{model}': add one under [prices] in the config file)"
    return line
