"""Row 8: two `coach rehearse --resume ID` on one session used to save over each other's turns without a
word. Now the second is refused with a clear message while the first has it open; the lock goes with
its process, even one killed with kill -9."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from coach.cli import main
from coach.core.errors import SessionBusy
from coach.core.session import Turn
from coach.core.session_file import read_session
from coach.rehearsal.store import SessionStore
from tests.security.conftest import answers, sessions_dir

FIRST = "I'd like you to nominate me for Senior in the March calibration."
FROM_A = "Since June I have cut our on-call pages by a third."
FROM_B = "I also mentored two new hires to their first on-call shift."


def _session(tmp_path, capsys) -> Path:
    assert main(["rehearse", "promotion-after-win", "--answers", answers(tmp_path, FIRST)]) == 0
    capsys.readouterr()
    [path] = sessions_dir().glob("*.json")
    return path


def _coach(*argv: str, stdin=subprocess.PIPE) -> subprocess.Popen:
    code = "import sys; from coach.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.Popen([sys.executable, "-c", code, *argv], stdin=stdin, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=os.environ.copy())


def test_a_second_process_on_the_same_session_is_refused(tmp_path, capsys):
    path = _session(tmp_path, capsys)
    a = _coach("rehearse", "--resume", path.stem)  # lines from a pipe: it waits for them
    try:
        assert a.stdout.readline().startswith("# "), "A has started (and holds the session)"
        b = _coach("rehearse", "--resume", path.stem, "--answers", answers(tmp_path, FROM_B, name="b.txt"))
        out, err = b.communicate(timeout=60)
        assert b.returncode == 2
        assert err.startswith(f"coach: session {path.stem} is open in another coach (process {a.pid}); ")
        assert len(err.strip().splitlines()) == 1
        # The same refusal in this process (the app's Progress, a scorecard) when it would save over it.
        with pytest.raises(SessionBusy):
            SessionStore(sessions_dir()).save(read_session(path))
        a.stdin.write(FROM_A + "\n")
        a.stdin.close()
        a.wait(timeout=60)
        assert a.returncode == 0, a.stderr.read()
    finally:
        if a.poll() is None:
            a.kill()
    learner = [t.text for t in read_session(path).turns if t.speaker == "learner"]
    assert learner == [FIRST, FROM_A], "A's line is kept, B wrote nothing"
    # A has finished: B may carry on now, and nothing is lost.
    assert main(["rehearse", "--resume", path.stem, "--answers", answers(tmp_path, FROM_B, name="b.txt")]) == 0
    learner = [t.text for t in read_session(path).turns if t.speaker == "learner"]
    assert learner == [FIRST, FROM_A, FROM_B]
    assert not list(sessions_dir().glob(".*.lock")), "no lock file left behind"


def test_a_process_killed_with_kill_9_leaves_the_session_free(tmp_path, capsys):
    path = _session(tmp_path, capsys)
    a = _coach("rehearse", "--resume", path.stem)
    assert a.stdout.readline().startswith("# ")
    a.send_signal(signal.SIGKILL)
    a.wait(timeout=60)
    assert main(["rehearse", "--resume", path.stem, "--answers", answers(tmp_path, FROM_B)]) == 0
    assert [t.text for t in read_session(path).turns if t.speaker == "learner"] == [FIRST, FROM_B]


def test_the_app_and_the_cli_in_one_process_share_the_lock(tmp_path, capsys):
    from coach.service.coach import Coach

    path = _session(tmp_path, capsys)
    coach = Coach()
    first, _ = coach.resume(path.stem)
    second, _ = coach.resume(path.stem)  # e.g. the app opening it again before the old screen is gone
    first.close()
    second.session.turns.append(Turn(speaker="learner", text=FROM_A, status="unanswered"))
    second.save()  # still held by `second`
    second.close()
    assert not list(sessions_dir().glob(".*.lock"))
