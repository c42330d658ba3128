"""Row 3: a session's id comes from its file, and the save path is built from it. An id like
'../../../../tmp/x' no longer makes `--resume` (or the app's Progress, Scorecard and export) write
outside the sessions folder: ids are checked when read, and every write is checked to stay home."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from coach.cli import main
from coach.core import paths
from coach.core.errors import TranscriptError
from coach.core.session import Session
from coach.core.session_file import read_session
from coach.rehearsal.store import SessionStore
from tests.security.conftest import answers, sessions_dir, write_session


def _escape_id(target: Path) -> str:
    """An id that, joined to the sessions folder, lands on `target` (without its .json)."""
    sessions_dir().mkdir(parents=True, exist_ok=True)
    return os.path.relpath(target, sessions_dir())


def test_resume_of_a_file_whose_id_climbs_out_is_refused(tmp_path, capsys):
    target = tmp_path / "outside" / "x"
    target.parent.mkdir()
    evil = write_session(tmp_path / "evil.json", id=_escape_id(target))
    code = main(["rehearse", "--resume", str(evil), "--answers", answers(tmp_path, "I'd like a promotion.")])
    out = capsys.readouterr()
    assert code == 2
    assert "id: not a session id" in out.err and len(out.err.strip().splitlines()) == 1
    assert not list(target.parent.iterdir()), "nothing was written outside the sessions folder"


@pytest.mark.parametrize("bad", ["../x", "a/b", "/tmp/x", "..", ".hidden", "a\\b", "x" * 129, "", "sp ace"])
def test_ids_that_are_not_slugs_are_refused_when_read(tmp_path, bad):
    with pytest.raises(TranscriptError, match="not a session id"):
        read_session(write_session(tmp_path / "s.json", id=bad))


def test_every_write_is_checked_to_stay_in_its_folder(tmp_path):
    store = SessionStore(tmp_path / "sessions")
    session = Session(scenario_id="x")
    session.id = "../escaped"  # a session made in code is not validated on assignment: the store checks
    with pytest.raises(paths.UnsafePath):
        store.save(session)
    assert not (tmp_path / "escaped.json").exists()
    # A file in the folder that is a link to somewhere else is not written through.
    store.folder.mkdir(exist_ok=True)
    (tmp_path / "elsewhere.json").write_text("{}")
    (store.folder / "linked.json").symlink_to(tmp_path / "elsewhere.json")
    with pytest.raises(paths.UnsafePath):
        store.path_for("linked")
    assert store.path_for("20260101-100000-abcdef") == store.folder / "20260101-100000-abcdef.json"
    with pytest.raises(TranscriptError, match="no saved session"):
        store.load("../../etc/passwd")


async def test_the_app_never_lists_or_saves_a_session_whose_id_climbs_out(tmp_path):
    from textual.widgets import DataTable

    from coach.tui.screens.progress import ProgressScreen
    from tests.tui.conftest import make_app, settle, until

    target = tmp_path / "outside" / "y"
    target.parent.mkdir()
    write_session(sessions_dir() / "evil.json", id=_escape_id(target), outcome="no-agreement", ended=True)
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("f5")
        await until(pilot, lambda: isinstance(app.screen, ProgressScreen), "progress")
        await settle(pilot)  # Progress scores ended sessions and saves them: this one is not among them
        assert app.screen.query_one("#sessions", DataTable).row_count == 0
    assert not list(target.parent.iterdir())
