"""Transcripts never lose a word: saved after every turn, atomically, 0600, resumable after kill -9."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coach.cli import main
from coach.core.errors import TranscriptError
from coach.core.files import write_private
from coach.core.session import Session, Turn
from coach.core.session_file import read_session
from coach.rehearsal.store import SessionStore

ANSWERS = """I'd like to ask you to nominate me for Senior Engineer in the March calibration.

Beyond the migration, I mentored two new hires and cut our on-call pages by 30% since June.

I understand the budget is tight this year. What would make this hard to take to calibration?

Let's make it a six-month plan with a checkpoint in January, and we measure it on delivery dates.

I'll send you a summary by Friday.
"""


def sessions_folder() -> Path:
    return Path(os.environ["COACH_DATA_DIR"]) / "sessions"


def test_store_writes_private_files(tmp_path):
    store = SessionStore(tmp_path / "s")
    session = Session(scenario_id="x", turns=[Turn(speaker="learner", text="hello")])
    path = store.save(session)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert store.load(session.id).turns[0].text == "hello"
    assert [p.name for p in path.parent.iterdir()] == [path.name], "no temp files left behind"


def test_a_failed_write_leaves_the_old_file_whole(tmp_path, monkeypatch):
    path = tmp_path / "t.json"
    write_private(path, '{"old": true}')
    monkeypatch.setattr(os, "replace", lambda *a: (_ for _ in ()).throw(OSError("disk full")))
    with pytest.raises(OSError):
        write_private(path, '{"new": tru')
    assert json.loads(path.read_text()) == {"old": True}
    assert list(tmp_path.iterdir()) == [path]


def test_kill_9_during_saves_never_leaves_a_broken_file(tmp_path):
    """A writer saving as fast as it can is killed at random moments; the file always parses."""
    target = tmp_path / "s.json"
    code = (
        "import sys\nfrom pathlib import Path\nfrom coach.core.files import write_private\n"
        "from coach.core.session import Session, Turn\n"
        "s = Session(scenario_id='x')\n"
        "print('ready', flush=True)\n"
        "while True:\n"
        "    s.turns.append(Turn(speaker='learner', text='word ' * 200))\n"
        "    write_private(Path(sys.argv[1]), s.model_dump_json())\n"
    )
    for delay in (0.05, 0.13, 0.21, 0.3, 0.37):
        proc = subprocess.Popen([sys.executable, "-c", code, str(target)], stdout=subprocess.PIPE)
        proc.stdout.readline()
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if target.exists():
            assert read_session(target).scenario_id == "x"


def test_rehearse_with_answers(tmp_path, capsys):
    answers = tmp_path / "answers.txt"
    answers.write_text(ANSWERS)
    out_copy = tmp_path / "copy.json"
    code = main(["rehearse", "promotion-after-win", "--answers", str(answers), "--participant", "Ana",
                 "--transcript", str(out_copy), "--seed", "3"])
    assert code == 0
    printed = capsys.readouterr().out
    assert "Priya Raman:" in printed and "You: I'd like to ask you" in printed and "[agreed]" in printed
    saved = list(sessions_folder().glob("*.json"))
    assert len(saved) == 1
    session = read_session(saved[0])
    assert session.outcome == "agreed" and session.ended and session.participant == "Ana"
    assert session.provenance.scenario_digest and session.provenance.seed == 3
    assert session.provenance.engine == "offline" and "care" in session.provenance.prompt_versions
    assert json.loads(out_copy.read_text())["id"] == session.id
    learner = [t.text for t in session.turns if t.speaker == "learner"]
    # the counterpart may concede before the last line: the lines after the end are not sent
    assert learner[0].startswith("I'd like to ask you") and 4 <= len(learner) <= 5


def test_rehearse_json_has_top_level_outcome(tmp_path, capsys):
    answers = tmp_path / "a.txt"
    answers.write_text("Hello.\n\nI guess I want, um, more.\n")
    assert main(["rehearse", "promotion-after-win", "--answers", str(answers), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["outcome"] == "ended-early"  # the answers ran out before the conversation ended
    assert data["scenario_id"] == "promotion-after-win"
    assert [t["speaker"] for t in data["turns"]] == ["partner", "learner", "partner", "learner", "partner"]


def test_rehearse_reads_stdin(monkeypatch, capsys):
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("Hello Priya.\nI'd like to talk about my role.\n"))
    assert main(["rehearse", "promotion-after-win", "--difficulty", "tough"]) == 0
    out = capsys.readouterr().out
    assert out.count("Priya Raman:") == 3


def test_rehearse_unknown_scenario_is_a_clean_error(capsys):
    assert main(["rehearse", "promotion-after-wn"]) == 2
    err = capsys.readouterr().err
    assert "did you mean 'promotion-after-win'" in err and "Traceback" not in err


def test_transcript_schema(capsys):
    assert main(["schema", "--transcript"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "Session" and {"turns", "outcome", "provenance", "branches"} <= set(schema["properties"])


def test_unreadable_transcripts_are_named(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(TranscriptError, match="bad.json"):
        read_session(bad)
    bad.write_text('{"foo": 1}')
    with pytest.raises(TranscriptError, match="no 'turns' list"):
        read_session(bad)


def test_kill_9_mid_session_then_resume(tmp_path):
    """A real `coach rehearse` is killed after two answered turns; nothing answered is lost; it resumes."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "coach", "rehearse", "promotion-after-win", "--quiet"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )
    lines = ANSWERS.strip().split("\n\n")
    proc.stdout.readline()  # header
    proc.stdout.readline()  # opening line
    for line in lines[:2]:
        proc.stdin.write(line + "\n")
        proc.stdin.flush()
        assert proc.stdout.readline() == f"You: {line}\n", "a piped line is echoed"
        reply = proc.stdout.readline()
        assert reply.startswith("Priya Raman:")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    [saved] = list(sessions_folder().glob("*.json"))
    session = read_session(saved)
    assert [t.text for t in session.turns if t.speaker == "learner"] == lines[:2]
    assert session.outcome == "in-progress"

    rest = tmp_path / "rest.txt"
    rest.write_text("\n\n".join(lines[2:]))
    done = subprocess.run(
        [sys.executable, "-m", "coach", "rehearse", "--resume", session.id, "--answers", str(rest)],
        capture_output=True, text=True, env=env,
    )
    assert done.returncode == 0, done.stderr
    resumed = read_session(saved)
    assert resumed.id == session.id and resumed.outcome == "agreed"
    said = [t.text for t in resumed.turns if t.speaker == "learner"]
    assert said == lines[: len(said)] and len(said) >= 4  # nothing lost; the talk may end before the last line


def test_resume_retries_an_unanswered_line(capsys):
    from coach.rehearsal.store import SessionStore

    assert main(["rehearse", "promotion-after-win", "--answers", os.devnull]) == 0
    capsys.readouterr()
    store = SessionStore.default()
    [(path, session)] = list(store.sessions())
    session.turns.append(Turn(speaker="learner", text="I'd like to be nominated for Senior in March.", status="unanswered"))
    session.outcome = "in-progress"
    store.save(session)
    assert main(["rehearse", "--resume", session.id, "--answers", os.devnull]) == 0
    resumed = store.load(session.id)
    assert resumed.turns[-2].status == "complete" and resumed.turns[-1].speaker == "partner"


def test_old_session_files_are_migrated_step_by_step(tmp_path):
    """A version 1 file: its stale scorecard is dropped (scored afresh), and a care pause, saved as
    'paused' before version 3, is told apart from a session left mid-way."""
    from coach.core.session_file import read_session
    from coach.core.upgrades import CURRENT

    turns = [{"speaker": "partner", "text": "Hi."}, {"speaker": "learner", "text": "I can't go on."},
             {"speaker": "care", "text": "Let's pause."}]
    path = tmp_path / "old.json"
    path.write_text(json.dumps({"schema_version": 1, "id": "old-1", "scenario_id": "promotion-after-win",
                                "outcome": "paused", "turns": turns, "scorecard": {"total": "high"}}))
    session = read_session(path)
    assert session.schema_version == CURRENT and session.scorecard is None and session.outcome == "care-pause"
    left = tmp_path / "left.json"
    left.write_text(json.dumps({"schema_version": 2, "id": "old-2", "outcome": "paused", "turns": turns[:2]}))
    assert read_session(left).outcome == "paused"


def test_a_file_from_a_newer_coach_is_refused_with_the_fix(tmp_path):
    from coach.core.errors import TranscriptError
    from coach.core.session_file import read_session

    path = tmp_path / "new.json"
    path.write_text(json.dumps({"schema_version": 99, "turns": []}))
    with pytest.raises(TranscriptError, match="upgrade coach"):
        read_session(path)
