"""The settings file as written, before validation: TOML only, no pydantic.

`coach` (the app) reads the theme from here before its first frame, and validates the whole file
(`coach.core.config.load_settings`) just after it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import tomli

from coach.core import paths


class ConfigError(Exception):
    pass


def read_config_file(path: Path | None = None) -> dict[str, Any]:
    path = path or paths.config_file()
    if not path.exists():
        return {}
    try:
        return tomli.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomli.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from None
