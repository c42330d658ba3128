"""The house's layers hold: `lint-imports` keeps every contract in pyproject's [tool.importlinter]."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_are_kept():
    lint = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    result = subprocess.run([lint, "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout


def test_the_shells_only_show():
    """What the service knows, the app and the CLI never work out again from the turns or the engine."""
    rules = {
        r"turns\[-\d\]": "reads the last turns (ask Rehearsal: unanswered_line, cut_off_line, ...)",
        r"store\.save\(": "saves a session itself (Coach.score_and_save, Coach.rewind_and_resume)",
        r"hasattr\(|getattr\([^)]*engine": "probes the engine (the Counterpart protocol declares it)",
        r"score_llm|score_offline": "runs a judge itself (Coach.score)",
    }
    found = []
    for shell in ("tui", "cli"):
        for path in (ROOT / "coach" / shell).rglob("*.py"):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                for pattern, why in rules.items():
                    if re.search(pattern, line):
                        found.append(f"{path.relative_to(ROOT)}:{number}: {why}")
    assert not found, "\n".join(found)
