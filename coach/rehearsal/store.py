"""Saved sessions: one JSON file each, written atomically and readable only by the user."""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from coach import paths
from coach.rehearsal.lock import SessionBusy, SessionLock
from coach.rehearsal.session import SESSION_ID, Session

__all__ = ["DuplicateSession", "SaveError", "SessionBusy", "SessionStore", "TranscriptError", "read_session", "write_private"]


def write_private(path: Path, text: str) -> None:
    """Write to a temp file beside `path` (mode 0600), fsync, then rename over it: a reader (or a
    kill -9) sees the old file or the new one, never half of one."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class TranscriptError(Exception):
    """A file that is not a readable session; the message names the file."""


class DuplicateSession(TranscriptError):
    """A second file in a sessions folder with the id of another: skipped, and said so."""


class SaveError(Exception):
    """A session could not be written (a read-only or full disk, a file where the folder should be); the
    message says where and why, in one line."""

    def __init__(self, what: str, exc: OSError):
        super().__init__(f"cannot save {what}: {exc.strerror or exc}")


# Far beyond any session (a long one with model replies is tens of kilobytes; replies are capped): a
# stray video, or a transcript built to exhaust memory, is refused before it is read.
MAX_SESSION_BYTES = 4 * 1024 * 1024


def read_session(path: Path) -> Session:
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_SESSION_BYTES + 1)  # never more, whatever stat says (a FIFO, /dev/zero)
    except OSError as exc:
        raise TranscriptError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if len(raw) > MAX_SESSION_BYTES:
        raise TranscriptError(f"{path}: too large to be a coach session (over {MAX_SESSION_BYTES // (1024 * 1024)} MB)")
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise TranscriptError(f"{path}: not a JSON transcript ({exc})") from None
    except RecursionError:
        raise TranscriptError(f"{path}: not a coach transcript (nested too deeply)") from None
    if not isinstance(data, dict) or not isinstance(data.get("turns"), list):
        raise TranscriptError(f"{path}: not a coach transcript (no 'turns' list)")
    version = data.get("schema_version", 1)
    if isinstance(version, int) and not isinstance(version, bool) and version > 1:
        raise TranscriptError(f"{path}: written by a newer coach (transcript format {version}); upgrade coach to read it")
    try:
        return Session.model_validate(data)
    except RecursionError:
        raise TranscriptError(f"{path}: not a coach transcript (nested too deeply)") from None
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
    # A transcript written by another tool only has to get the documented core right (who said what);
    # a field coach would have written differently (an outcome, a time, a stored scorecard) is dropped.
    try:
        return Session.model_validate(_core(data))
    except (ValidationError, RecursionError):
        pass
    where = ".".join(str(p) for p in error["loc"])
    message = error["msg"]
    if error["loc"][-1:] == ("speaker",):
        message = "speaker must be 'partner' or 'learner'"
    if error["loc"] == ("id",):
        message = ("not a session id: letters, digits, '.', '-' and '_' only, at most 128 (the id names the "
                   "session's file)")
    raise TranscriptError(f"{path}: {where}: {message}") from None


def _core(data: dict) -> dict:
    """The documented minimal transcript inside `data`: scenario_id, id, participant and each turn's
    speaker and text, where they have the right type; everything else is left to its default."""
    core: dict = {k: data[k] for k in ("scenario_id", "id", "participant") if isinstance(data.get(k), str)}
    core["turns"] = [
        {"speaker": t.get("speaker"), "text": t.get("text")} if isinstance(t, dict) else t for t in data["turns"]
    ]
    return core


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
