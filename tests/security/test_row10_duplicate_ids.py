"""Row 10: two files with one session id in the sessions folder (a backup copy beside the session) no
longer crash Progress with DuplicateKey: the session is listed once, the copy is reported and skipped."""

from __future__ import annotations

import shutil

from textual.widgets import DataTable

from coach.core.errors import DuplicateSession
from coach.core.session import Session
from coach.rehearsal.store import SessionStore
from coach.tui.screens.progress import ProgressScreen
from tests.security.conftest import sessions_dir
from tests.tui.conftest import (
    CASE,
    PROMOTION,
    at,
    make_app,
    play_session,
    sample_card,
    settle,
    until,
)


def test_the_store_keeps_one_file_per_session_and_names_the_other():
    session = play_session(PROMOTION, CASE, session_id="s-case", when=at(1), card=sample_card())
    original = sessions_dir() / "s-case.json"
    shutil.copy(original, sessions_dir() / "s-case (backup).json")
    found = list(SessionStore(sessions_dir()).sessions())
    kept = [(p, s) for p, s in found if isinstance(s, Session)]
    skipped = [(p, s) for p, s in found if isinstance(s, DuplicateSession)]
    assert [(p.name, s.id) for p, s in kept] == [("s-case.json", session.id)]
    assert [str(e) for _, e in skipped] == ["s-case (backup).json holds the same session (s-case) as s-case.json; skipped"]


async def test_progress_lists_a_session_with_a_backup_copy_once_and_says_so():
    play_session(PROMOTION, CASE, session_id="s-case", when=at(1), card=sample_card())
    shutil.copy(sessions_dir() / "s-case.json", sessions_dir() / "copy-of-s-case.json")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f5")
        await until(pilot, lambda: isinstance(app.screen, ProgressScreen), "progress")
        await settle(pilot)
        assert app.screen.query_one("#sessions", DataTable).row_count == 1
        assert app.coach.skipped == ["copy-of-s-case.json holds the same session (s-case) as s-case.json; skipped"]
        shown = [n.message for n in app._notifications]
        assert any(m.startswith("Skipped: copy-of-s-case.json holds the same session") for m in shown), shown
