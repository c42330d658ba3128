"""One process at a time on a session: a lock file beside it, held while a rehearsal is open.

Two `coach rehearse --resume ID` fed alternately would each save their own copy of the session over
the other's, and turns would be lost without a word. So a rehearsal holds an OS lock on `.ID.lock` in
the sessions folder; a second process is refused with a message saying who holds it. The OS releases the
lock when its process ends, however it ends (kill -9 included), so a crash never leaves a session stuck.
Within one process the lock is shared: the app may open the same session again before the screen that
had it has gone.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from coach.core.errors import SessionBusy

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]
    import msvcrt


@dataclass
class _Held:
    fd: int
    count: int


_HELD: dict[Path, _Held] = {}  # lock files this process holds, by path


class SessionLock:
    """The lock on one session, taken with `acquire` and given back with `release` (both idempotent)."""

    def __init__(self, path: Path, session_id: str):
        self.path = path
        self.session_id = session_id
        self.held = False

    def acquire(self) -> SessionLock:
        if self.held:
            return self
        held = _HELD.get(self.path)
        if held is not None:
            held.count += 1
        else:
            _HELD[self.path] = _Held(_take(self.path, self.session_id), 1)
        self.held = True
        return self

    def __enter__(self) -> SessionLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()

    def release(self) -> None:
        if not self.held:
            return
        self.held = False
        held = _HELD.get(self.path)
        if held is None:
            return
        held.count -= 1
        if held.count <= 0:
            del _HELD[self.path]
            _give_back(self.path, held.fd)

    def __del__(self) -> None:  # a rehearsal dropped without close(): its lock goes with it
        try:
            self.release()
        except Exception:  # noqa: BLE001, S110 - never raise from a finaliser
            pass


def _take(path: Path, session_id: str) -> int:
    """Open and lock `path`, or raise SessionBusy. A lock file removed by its last holder between our
    open and our lock is opened again, so two processes can never each lock a different file."""
    for _ in range(10):
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        if not _try_lock(fd):
            holder = _read_holder(fd)
            os.close(fd)
            who = f" (process {holder})" if holder else ""
            raise SessionBusy(f"session {session_id} is open in another coach{who}; finish or close it there "
                              "first (two at once would lose each other's turns)")
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(path))
        except FileNotFoundError:
            same = False
        if same:
            os.ftruncate(fd, 0)
            os.write(fd, str(os.getpid()).encode())
            return fd
        os.close(fd)  # its holder removed it as we locked it: take the new one
    raise SessionBusy(f"session {session_id}: could not lock {path}")


def _give_back(path: Path, fd: int) -> None:
    try:
        if fcntl is not None:
            path.unlink(missing_ok=True)  # before unlocking: a waiter then sees the file is gone and retries
    except OSError:
        pass
    finally:
        os.close(fd)  # closing releases the lock


def _try_lock(fd: int) -> bool:
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError:
        return False
    return True


def _read_holder(fd: int) -> str:
    try:
        return os.pread(fd, 32, 0).decode("ascii", "replace").strip() if hasattr(os, "pread") else ""
    except OSError:
        return ""
