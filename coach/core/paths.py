"""Where user data lives (platformdirs), with overrides for tests and for trainers' shared machines."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "coach"


def config_dir() -> Path:
    return Path(os.environ.get("COACH_CONFIG_DIR") or platformdirs.user_config_dir(APP))


def data_dir() -> Path:
    return Path(os.environ.get("COACH_DATA_DIR") or platformdirs.user_data_dir(APP))


def cache_dir() -> Path:
    """What coach can work out again, kept to save time (deleting it loses nothing)."""
    return Path(os.environ.get("COACH_CACHE_DIR") or platformdirs.user_cache_dir(APP))


def config_file() -> Path:
    return config_dir() / "config.toml"


def sessions_dir() -> Path:
    return data_dir() / "sessions"


class UnsafePath(ValueError):
    """A name that would put a file outside the folder it belongs in."""


def inside(folder: Path, name: str) -> Path:
    """`folder / name`, refused unless it is a file directly in `folder` once every `..` and symbolic
    link is resolved: names come from files (a session's id), and a file can say '../../x'."""
    path = folder / name
    if not name or Path(name).name != name or name in (".", ".."):
        raise UnsafePath(f"{name!r} is not a plain file name")
    if path.resolve().parent != folder.resolve():
        raise UnsafePath(f"{path} is outside {folder}")
    return path


def private_dir(path: Path) -> Path:
    """Create a folder readable only by the user (sessions hold people's words about their jobs)."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path
