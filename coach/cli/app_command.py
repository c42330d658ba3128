"""`coach` with no command: the Textual app (imported only here)."""

from __future__ import annotations

import argparse
import sys


def run_app(args: argparse.Namespace) -> int:
    print("The Textual app is not built yet; try `coach list` or `coach --help`.", file=sys.stderr)
    return 2
