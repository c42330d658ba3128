"""Gathering sessions for `coach report`: files and folders in, scored sessions and skipped files out.

Nothing here writes to the inputs: a session without a stored scorecard is scored offline in memory.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from coach.core.errors import TranscriptError
from coach.core.scorecard import Scorecard
from coach.core.session import Session
from coach.core.session_file import MAX_SESSION_BYTES, read_session
from coach.workshop.report_model import SkippedFile


@dataclass
class Entry:
    """One usable session with its scorecard."""

    path: Path
    session: Session
    card: Scorecard
    scored_now: bool = False


def find_files(paths: Iterable[Path]) -> tuple[list[Path], list[SkippedFile]]:
    """Files named, and every file under folders named (recursively, hidden ones left out), once each."""
    found: dict[Path, Path] = {}
    missing: list[SkippedFile] = []
    for path in paths:
        if path.is_file():
            found.setdefault(path.resolve(), path)
        elif path.is_dir():
            for folder, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith("."):
                        file = Path(folder) / name
                        found.setdefault(file.resolve(), file)
        else:
            missing.append(SkippedFile(file=str(path), reason="no such file or folder"))
    return list(found.values()), missing


def _reason(path: Path, error: TranscriptError) -> str:
    message = str(error).removeprefix(f"{path}: ")
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return message
    if b"\x00" in head:
        return "a binary file, not a session"
    if path.suffix.lower() == ".toml":
        return "a TOML file (a scenario?), not a session"
    return message


def read_one(path: Path) -> Session | SkippedFile:
    try:
        if path.stat().st_size > MAX_SESSION_BYTES:  # read_session checks too; this skips the open
            return SkippedFile(file=str(path), reason=f"too large to be a session (over "
                               f"{MAX_SESSION_BYTES // (1024 * 1024)} MB)")
        return read_session(path)
    except TranscriptError as exc:
        return SkippedFile(file=str(path), reason=_reason(path, exc))
    except (OSError, RecursionError, ValueError) as exc:
        return SkippedFile(file=str(path), reason=f"cannot read ({exc})")


Scorer = Callable[[Session], Awaitable[Scorecard]]


async def gather(paths: Iterable[Path], score: Scorer) -> tuple[list[Entry], list[SkippedFile]]:
    """Usable sessions (deduplicated by id) and the files skipped, with why.

    `score(session)` is awaited for sessions without a valid stored scorecard; it raises LookupError
    (with a message) when the session cannot be scored.
    """
    files, skipped = find_files(paths)
    by_id: dict[str, Entry] = {}
    for path in files:
        session = read_one(path)
        if isinstance(session, SkippedFile):
            skipped.append(session)
            continue
        if not session.learner_turns:
            skipped.append(SkippedFile(file=str(path), reason="a session with no learner turns, nothing to report"))
            continue
        card, scored_now = session.scorecard, False
        if card is None:
            try:
                card, scored_now = await score(session), True
            except LookupError as exc:
                skipped.append(SkippedFile(file=str(path), reason=str(exc.args[0])))
                continue
        entry = Entry(path, session, card, scored_now)
        other = by_id.get(session.id)
        if other is not None:
            keep, drop = (other, entry) if _rank(other) >= _rank(entry) else (entry, other)
            by_id[session.id] = keep
            skipped.append(SkippedFile(file=str(drop.path), reason=f"the same session as {keep.path} (counted once)"))
            continue
        by_id[session.id] = entry
    return list(by_id.values()), skipped


def _rank(entry: Entry) -> tuple:
    return (not entry.scored_now, entry.session.updated_at, len(entry.session.turns))
