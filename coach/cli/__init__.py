"""The `coach` command. A thin layer over the core: argument parsing here, work in the sub-modules.

Sub-commands import what they need when they run, so `coach --help` and `coach list` never pay for
Textual, asyncio (about 30 ms) or the openai client, and offline scoring never starts an event loop.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence

from coach import __version__
from coach.cli import (
    doctor_command,
    rehearse_command,
    report_command,
    scenario_commands,
    score_command,
    workshop_commands,
)
from coach.cli.output import terminal_safe


def _scenario_dirs_option(dest: str = "scenarios") -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--scenarios",
        dest=dest,
        metavar="DIR",
        action="append",
        default=[],
        help="an extra scenario folder (repeatable; COACH_SCENARIOS holds more, separated by ':')",
    )
    return parent


def build_parser() -> argparse.ArgumentParser:
    dirs = _scenario_dirs_option()
    parser = argparse.ArgumentParser(
        prog="coach",
        description="Rehearse a hard workplace conversation and get a scorecard. "
        "With no command, opens the app.",
        # Its own dest: a sub-command's --scenarios would otherwise overwrite the ones given before it.
        parents=[_scenario_dirs_option("global_scenarios")],
    )
    parser.add_argument("--version", action="version", version=f"coach {__version__}")
    parser.add_argument("--workshop", action="store_true", help="shared-machine mode: asks the participant's name, hides settings")
    parser.add_argument("--workshop-dir", metavar="DIR", help="where workshop sessions are saved (implies --workshop)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    scenario_commands.register(sub, dirs)
    rehearse_command.register(sub, dirs)
    score_command.register(sub, dirs)
    report_command.register(sub, dirs)
    workshop_commands.register(sub, dirs)
    doctor_command.register(sub, dirs)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # The move model multiplies a few thousand numbers per line: BLAS worker threads would only cost their
    # start-up (about 50 ms when numpy loads) and spin beside the app. Before numpy loads; a user's setting wins.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    try:
        return _main(argv)
    finally:
        if argv is None:  # the `coach` script: the process ends with the command
            # What the command built dies with the process: frozen out of the collector's view, it is not walked
            # once more at exit (a sixth of `coach list`'s time, and more once `coach score` has loaded the
            # move model). Only when the process is ours: a caller of main(argv) keeps collecting.
            gc.freeze()


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    with terminal_safe():  # argparse echoes what it was given, so its errors are cleaned too
        args = parser.parse_args(argv)
    args.scenarios = [*args.global_scenarios, *getattr(args, "scenarios", [])]
    if args.command is None:
        from coach.cli.app_command import run_app

        return run_app(args)  # the app draws the terminal itself, and cleans what its widgets show
    with terminal_safe():
        try:
            return args.run(args)
        except KeyboardInterrupt:
            print("\ninterrupted", file=sys.stderr)
            return 130
        except BrokenPipeError:  # `coach list | head`
            return 0
        except OSError as exc:  # a disk problem no command foresaw: one line, never a traceback
            where = f" ({exc.filename})" if exc.filename else ""
            print(f"coach: {exc.strerror or exc}{where}", file=sys.stderr)
            return 1
