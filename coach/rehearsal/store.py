"""Saved sessions: one JSON file each, written atomically and readable only by the user."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from coach.core import paths
from coach.core.errors import DuplicateSession, SaveError, TranscriptError
from coach.core.files import write_private
from coach.core.session import SESSION_ID, Session
from coach.core.session_file import read_session
from coach.rehearsal.lock import SessionLock


@dataclass
class SessionStore:
    """Sessions under the user's data folder (or a trainer's workshop folder)."""

    folder: Path

    @classmethod
    def default(cls) -> SessionStore:
        return cls(paths.sessions_dir())

    def path_for(self, session_id: str) -> Path:
        """The session's file in this folder; UnsafePath for an id that is not one (a session made in
        code can be given any id, so the check is here as well as when a file is read)."""
        if not re.fullmatch(SESSION_ID, session_id):
            raise paths.UnsafePath(f"{session_id!r} is not a session id")
        return paths.inside(self.folder, f"{session_id}.json")

    def lock(self, session_id: str) -> SessionLock:  # may raise OSError (making the folder): see hold()
        """The lock on a session, not yet taken (`acquire()`, or use it in a `with`): see lock.py.
        Taking it raises SessionBusy while another process holds it."""
        self.path_for(session_id)  # the same check on the id as for its file
        paths.private_dir(self.folder)
        return SessionLock(paths.inside(self.folder, f".{session_id}.lock"), session_id)

    def save(self, session: Session) -> Path:
        """Write the session; refused (SessionBusy) while another process has it open, so a save from
        anywhere (a scorecard, Progress) never overwrites the turns of a rehearsal going on elsewhere."""
        path = self.path_for(session.id)
        try:
            with self.lock(session.id):
                session.touch()
                write_private(path, session.model_dump_json(indent=2))
        except OSError as exc:
            raise SaveError(f"the session in {self.folder}", exc) from None
        return path

    def hold(self, session_id: str) -> SessionLock:
        """The lock on a session, taken: SessionBusy if another process has it, SaveError if the folder
        cannot be made or written."""
        try:
            return self.lock(session_id).acquire()
        except OSError as exc:
            raise SaveError(f"sessions in {self.folder}", exc) from None

    def load(self, session_id_or_path: str | Path) -> Session:
        candidate = Path(session_id_or_path)
        if not candidate.suffix == ".json" or not candidate.exists():
            try:
                candidate = self.path_for(str(session_id_or_path))
            except paths.UnsafePath:
                raise TranscriptError(f"no saved session '{session_id_or_path}'") from None
        if not candidate.exists():
            raise TranscriptError(f"no saved session '{session_id_or_path}'")
        return read_session(candidate)

    def sessions(self) -> Iterator[tuple[Path, Session | TranscriptError]]:
        """Every saved session, newest first; unreadable files come back as errors, not exceptions. Two
        files holding one session (a backup copy beside it) are one session: the most recently updated
        (then the longer, then the one under its own name) is kept, the other comes back as a
        DuplicateSession error, so a list keyed by id never sees the id twice."""
        if not self.folder.is_dir():
            return
        files = sorted(self.folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        found: list[tuple[Path, Session | TranscriptError]] = []
        for path in files:
            try:
                found.append((path, read_session(path)))
            except TranscriptError as exc:
                found.append((path, exc))
        kept: dict[str, tuple[Path, Session]] = {}
        for path, item in found:
            if isinstance(item, Session):
                best = kept.get(item.id)
                if best is None or self._rank(path, item) > self._rank(*best):
                    kept[item.id] = (path, item)
        for path, item in found:
            if isinstance(item, Session) and kept[item.id][0] != path:
                yield path, DuplicateSession(f"{path.name} holds the same session ({item.id}) as "
                                             f"{kept[item.id][0].name}; skipped")
            else:
                yield path, item

    def _rank(self, path: Path, session: Session) -> tuple:
        return session.updated_at.timestamp(), len(session.turns), path.name == f"{session.id}.json"
