"""Offline commands never load the model client (openai, httpx) or the app (textual): each runs in a fresh
process and reports what it imported. A test of imports, not of time (the times are benchmarks/startup.py's)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

NEVER = ("openai", "httpx", "textual")
RUN = """
import json, sys
from coach.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "loaded": sorted(m for m in %r if m in sys.modules)}))
""" % (NEVER,)

TRANSCRIPT = {
    "scenario_id": "promotion-after-win",
    "turns": [
        {"speaker": "partner", "text": "What's on your mind?"},
        {"speaker": "learner", "text": "I'd like you to nominate me for Senior Engineer in the March calibration."},
        {"speaker": "partner", "text": "One project is not a promotion case."},
        {"speaker": "learner", "text": "Agreed. Since June I've mentored two engineers and cut pages by a third."},
    ],
}


@pytest.fixture
def transcript(tmp_path):
    path = tmp_path / "session.json"
    path.write_text(json.dumps(TRANSCRIPT))
    return str(path)


@pytest.mark.parametrize("argv", [
    ["list"],
    ["validate"],
    ["score", "{t}"],
    ["score", "--judge", "offline", "{t}"],
    ["report", "{t}"],
    ["check", "promotion-after-win", "--quiet"],
])
def test_an_offline_command_loads_neither_the_model_client_nor_the_app(argv, transcript):
    argv = [a.format(t=transcript) for a in argv]
    done = subprocess.run([sys.executable, "-c", RUN, *argv], cwd=ROOT, env=dict(os.environ),
                          capture_output=True, text=True, timeout=120)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["code"] == 0, done.stderr[-2000:]
    assert result["loaded"] == [], f"`coach {' '.join(argv)}` imported {result['loaded']}"


def test_the_apps_first_frame_waits_for_no_pydantic_and_no_catalog():
    """What `coach` (no command) imports before the app runs: Textual and the app's screens, never pydantic or
    the scenario package (they load in a thread after the first frame: `CoachApp.load`)."""
    code = ("import sys, coach.cli, coach.cli.app_command, coach.tui.app, coach.tui.screens.library; "
            "print([m for m in ('pydantic', 'coach.scenario', 'coach.service', 'numpy') if m in sys.modules])")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=dict(os.environ), capture_output=True,
                          text=True, timeout=120)
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stderr[-2000:]


@pytest.mark.parametrize("argv", [["score", "{t}"], ["check", "promotion-after-win", "--quiet"]])
def test_reading_a_few_turns_needs_no_numpy(argv, transcript):
    """A command that reads a few turns reads them in plain Python (`coach.moves.reading`): numpy's import
    would cost more than the reading."""
    argv = [a.format(t=transcript) for a in argv]
    code = RUN.replace(repr(NEVER), repr(("numpy",)))
    done = subprocess.run([sys.executable, "-c", code, *argv], cwd=ROOT, env=dict(os.environ),
                          capture_output=True, text=True, timeout=120)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["code"] == 0, done.stderr[-2000:]
    assert result["loaded"] == [], f"`coach {' '.join(argv)}` imported numpy"
