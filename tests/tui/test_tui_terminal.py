"""The real `coach` command in a real terminal (tmux): the library appears, and a whole offline rehearsal
runs to the scorecard with keys alone.

tmux runs on a private socket, so no one's own sessions are touched; the data and config folders are the
test's temporary ones (tests/conftest.py), passed to the app through its environment. Polls the screen
with a time limit instead of sleeping.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from coach.scenario import load_catalog

TMUX = shutil.which("tmux")
pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed (.ci/run installs it on CI)")

LINES = [
    "Hi. So, um, I wanted to talk about some stuff.",
    "I guess I'd like more, sort of.",
    "I'm not sure. Whatever you think.",
    "Kind of everything, really.",
]


class Terminal:
    def __init__(self, socket: str, session: str = "coach"):
        self.socket = socket
        self.session = session

    def tmux(self, *args: str) -> str:
        result = subprocess.run([TMUX, "-L", self.socket, *args], capture_output=True, text=True, timeout=10)
        if result.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args)}: {result.stderr.strip()}")
        return result.stdout

    def start(self, command: list[str], env: dict[str, str], width: int = 100, height: int = 30) -> None:
        assignments = [f"{k}={v}" for k, v in env.items()]
        self.tmux("-f", os.devnull, "new-session", "-d", "-s", self.session, "-x", str(width), "-y", str(height),
                  "env", *assignments, *command)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.session)

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", self.session, *keys)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", self.session, "-l", text)

    def wait(self, condition: Callable[[str], bool], what: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while True:
            try:
                text = self.screen()
            except RuntimeError:  # the app (and with it the tmux session) has gone
                raise AssertionError(f"the app exited while waiting for {what}") from None
            if condition(text):
                return text
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}; the screen was:\n{text}")
            time.sleep(0.05)

    def alive(self) -> bool:
        result = subprocess.run([TMUX, "-L", self.socket, "has-session", "-t", self.session], capture_output=True, timeout=10)
        return result.returncode == 0

    def close(self) -> None:
        subprocess.run([TMUX, "-L", self.socket, "kill-server"], capture_output=True, timeout=10)


def coach_command() -> list[str]:
    script = Path(sys.executable).with_name("coach")
    return [str(script)] if script.exists() else [sys.executable, "-m", "coach"]


@pytest.fixture
def terminal():
    term = Terminal(f"coach-test-{os.getpid()}-{time.monotonic_ns()}")
    yield term
    term.close()


def test_a_whole_offline_rehearsal_with_keys_alone(terminal):
    from coach.tui.screens.library import ALL, matches

    catalog = load_catalog()
    items = sorted(catalog.scenarios.values(), key=lambda i: (i.scenario.category, i.scenario.title))  # as listed
    wanted = sorted(catalog.scenarios.values(), key=lambda i: i.scenario.title)[0].scenario.title
    word = max(wanted.split(), key=len).lower().strip(",.:;")  # the title's longest word: a distinctive filter
    shown = [i for i in items if matches(i, [word], ALL, ALL)]
    item = shown[0]  # what Enter opens
    title = item.scenario.title
    env = {
        "COACH_DATA_DIR": os.environ["COACH_DATA_DIR"],
        "COACH_CONFIG_DIR": os.environ["COACH_CONFIG_DIR"],
        "TERM": "xterm-256color",
        "COLORTERM": "truecolor",
    }
    terminal.start(coach_command(), env)

    terminal.wait(lambda s: "Type to filter scenarios" in s and "scenarios" in s, "the library")
    terminal.type(word)
    counted = f"{len(shown)} of {len(items)} scenarios"
    terminal.wait(lambda s: counted in s and title[:40] in s, f"the library filtered to '{word}' ({counted})")
    terminal.keys("Enter")
    terminal.wait(lambda s: "Start rehearsal" in s, "the briefing")
    terminal.keys("C-s")
    name = item.scenario.counterpart.name
    terminal.wait(lambda s: "Your line" in s and "your lines 0 of" in s and name in s, "the rehearsal and the opening line")

    for turn in range(1, 30):
        terminal.type(LINES[turn % len(LINES)])
        terminal.keys("Enter")
        screen = terminal.wait(
            lambda s, t=turn: ("conversation is over" in s or f"your lines {t} of" in s) and "replying" not in s,
            f"the reply to line {turn}",
        )
        if "conversation is over" in screen:
            break
    else:
        raise AssertionError("the counterpart never closed the conversation")

    terminal.keys("F8")
    screen = terminal.wait(lambda s: "/100" in s and "Judged by" in s, "the scorecard")
    assert title[:30] in screen
    terminal.keys("C-q")
    deadline = time.monotonic() + 10
    while terminal.alive():  # Ctrl+Q ends the app, and with it the tmux session
        assert time.monotonic() < deadline, "the app did not quit on Ctrl+Q"
        time.sleep(0.05)

    sessions = list((Path(env["COACH_DATA_DIR"]) / "sessions").glob("*.json"))
    assert len(sessions) == 1

