"""`coach new`: a commented starter scenario that already validates."""

from __future__ import annotations

import re
from pathlib import Path
from string import Template

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def starter_text(scenario_id: str, path: str | None = None) -> str:
    if not _SLUG.match(scenario_id) or not 2 <= len(scenario_id) <= 64:
        raise ValueError(
            f"'{scenario_id}' is not a valid id: use 2 to 64 lowercase letters, digits and single hyphens, "
            "e.g. 'ask-for-budget'"
        )
    title = scenario_id.replace("-", " ").capitalize()
    if len(title) < 3:  # the format wants a real title; the author replaces this one anyway
        title = f"Scenario {title}"
    template = Template((Path(__file__).parent / "starter.toml").read_text(encoding="utf-8"))
    return template.safe_substitute(id=scenario_id, title=title[:80], path=path or f"{scenario_id}.toml")
