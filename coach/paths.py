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


def config_file() -> Path:
    return config_dir() / "config.toml"


def sessions_dir() -> Path:
    return data_dir() / "sessions"


def private_dir(path: Path) -> Path:
    """Create a folder readable only by the user (sessions hold people's words about their jobs)."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path
