"""Row 9: disk trouble in the CLI gives one clear line, never a traceback: a read-only data folder, a file
where the folder should be, a disk that fills up mid-session. The line just typed is printed back and
left, with the session, in a recovery file; the session file on disk stays as it was."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from coach.cli import main
from coach.core.session_file import read_session
from coach.rehearsal import store as store_module
from tests.security.conftest import answers, sessions_dir

FIRST = "I'd like you to nominate me for Senior in the March calibration."
SECOND = "Since June I have cut our on-call pages by a third."


@pytest.fixture
def read_only_data(tmp_path, monkeypatch):
    """COACH_DATA_DIR on a folder nothing can be written in: made read-only for real where the test can
    (root ignores permission bits), else every write under it fails as on a read-only mount."""
    folder = tmp_path / "ro"
    folder.mkdir()
    monkeypatch.setenv("COACH_DATA_DIR", str(folder))
    if os.geteuid() != 0:
        folder.chmod(0o500)
        yield folder
        folder.chmod(0o700)
        return
    real_mkdir, real_open = os.mkdir, os.open

    def refuse(path) -> None:
        if Path(path).resolve().is_relative_to(folder.resolve()):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))

    def mkdir(path, *args, **kwargs):
        refuse(path)
        return real_mkdir(path, *args, **kwargs)

    def open_(path, flags, *args, **kwargs):
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            refuse(path)
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "mkdir", mkdir)
    monkeypatch.setattr(os, "open", open_)
    yield folder


def test_a_read_only_data_folder_is_one_line(tmp_path, capsys, read_only_data):
    code = main(["rehearse", "promotion-after-win", "--answers", answers(tmp_path, FIRST)])
    out = capsys.readouterr()
    assert code == 2
    assert out.err.startswith(f"coach: cannot save sessions in {read_only_data / 'sessions'}: ")
    assert len(out.err.strip().splitlines()) == 1 and "Traceback" not in out.err


def test_a_file_where_the_data_folder_should_be_is_one_line(tmp_path, capsys, monkeypatch):
    (tmp_path / "data").write_text("not a folder")
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "data"))
    code = main(["rehearse", "promotion-after-win", "--answers", answers(tmp_path, FIRST)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.strip() == f"coach: cannot save sessions in {tmp_path / 'data' / 'sessions'}: Not a directory"


def test_a_disk_that_fills_up_mid_session_loses_no_words(tmp_path, capsys, monkeypatch):
    writes = []
    real_write = store_module.write_private

    def fills_up(path, text):
        writes.append(path)
        if len(writes) > 3:  # the start, the first line, its reply; then the disk is full
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_write(path, text)

    monkeypatch.setattr(store_module, "write_private", fills_up)
    code = main(["rehearse", "promotion-after-win", "--answers", answers(tmp_path, FIRST, SECOND)])
    out = capsys.readouterr()
    assert code == 1
    lines = [line for line in out.err.splitlines() if line]
    assert lines[0] == f"coach: cannot save the session in {sessions_dir()}: No space left on device"
    assert lines[1] == f"coach: your line, not saved: {SECOND}"
    assert "Traceback" not in out.err
    [path] = sessions_dir().glob("*.json")
    saved = read_session(path)
    assert [t.text for _, t in saved.learner_turns] == [FIRST], "the old file is intact"
    recovery = Path(lines[2].split(" is in ", 1)[1].split(";", 1)[0])
    assert recovery.name == f"coach-recovery-{saved.id}.json" and oct(recovery.stat().st_mode)[-3:] == "600"
    assert [t.text for _, t in read_session(recovery).learner_turns] == [FIRST, SECOND]

    # Once the disk has room, the recovery file carries on where the learner was.
    monkeypatch.setattr(store_module, "write_private", real_write)
    assert main(["rehearse", "--resume", str(recovery), "--answers", os.devnull]) == 0
    assert [t.text for _, t in read_session(path).learner_turns] == [FIRST, SECOND]
    recovery.unlink()


def test_any_other_disk_error_in_a_command_is_one_line(capsys, monkeypatch):
    from coach.cli import scenario_commands

    def broken(args):
        raise OSError(errno.EIO, os.strerror(errno.EIO), "/some/file")

    monkeypatch.setattr(scenario_commands, "cmd_list", broken)  # bound when main builds the parser
    assert main(["list"]) == 1
    assert capsys.readouterr().err.strip() == "coach: Input/output error (/some/file)"
