"""Where the bundled scenarios/ and prompts/ folders are, installed from a wheel or run from a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # coach/, not coach/core/


def bundled(name: str) -> Path:
    # A wheel carries the folders inside the package (pyproject's force-include); a checkout or an
    # editable install has them beside the package.
    for candidate in (_PACKAGE / "_bundled" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"coach's bundled '{name}' folder is missing; reinstall coach")


def scenarios_dir() -> Path:
    return bundled("scenarios")


def prompts_dir() -> Path:
    return bundled("prompts")
