"""The command line every evaluation-set checker shares: a set's folder, `--shape` for what a new set is written
to, one line per problem, and exit 1 when there is any."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path


def run(description: str, folder_help: str, problems: Callable[[Path, bool], list[str]],
        summary: Callable[[Path], str]) -> int:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("folder", type=Path, help=folder_help)
    parser.add_argument("--shape", action="store_true", help="also check the shape a new set is written to")
    args = parser.parse_args()
    found = problems(args.folder, args.shape)
    for problem in found:
        print("ERROR:", problem)
    print(f"{summary(args.folder)}, {len(found)} errors")
    return 1 if found else 0
