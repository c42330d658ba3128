"""`coach report`: a report across saved sessions, for trainers (being built)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction, dirs: argparse.ArgumentParser) -> None:
    p = sub.add_parser("report", parents=[dirs], help="a report across saved sessions (for trainers)")
    p.add_argument("paths", nargs="+", metavar="PATH", help="session files or folders")
    p.set_defaults(run=lambda args: 2)
