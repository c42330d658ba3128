"""Shared pieces for the security tests: the hostile text, and checks on what reached the terminal.

Each test in this folder reproduces one row of issue 10 against the real code path: a loopback fake
server the test starts (or respx), crafted files, a read-only folder or a monkeypatched OSError.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

# From the issue: OSC 52 (write the clipboard), CSI 2J (clear the screen), OSC 0 (retitle the window), 8-bit CSI.
ATTACK = "\x1b]52;c;cHduZWQ=\x07 \x1b[2J \x1b]0;PWNED\x07 \x9b2J"
# The same, as a server might stream it: sequences split across chunks.
ATTACK_PIECES = ["Fine. ", "\x1b]52;c;", "cHduZWQ=\x07 ", "\x1b[", "2J \x1b]0;PW", "NED\x07 \x9b", "2J", " Go on."]

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def controls(text: str) -> list[str]:
    """Every C0 or C1 control character (and DEL) in `text` but newline and tab."""
    return _CONTROL.findall(text)


def assert_terminal_safe(*texts: str) -> None:
    for text in texts:
        found = controls(text)
        assert not found, f"control characters reached the terminal: {found[:5]} in {text[:300]!r}"
        assert "PWNED" not in text and "cHduZWQ" not in text, "an escape sequence's payload was left behind"


def sessions_dir() -> Path:
    return Path(os.environ["COACH_DATA_DIR"]) / "sessions"


def write_session(path: Path, **fields) -> Path:
    """A session file written by hand, as another tool (or an attacker) would."""
    data = {
        "id": "20260101-100000-abcdef",
        "scenario_id": "promotion-after-win",
        "turns": [
            {"speaker": "partner", "text": "Thanks for coming in. What did you want to talk about?"},
            {"speaker": "learner", "text": "I'd like you to nominate me for Senior in the March calibration."},
        ],
    }
    data.update(fields)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def answers(tmp_path: Path, *lines: str, name: str = "answers.txt") -> str:
    path = tmp_path / name
    path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    return str(path)
