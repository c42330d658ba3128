"""Prompt templates from the bundled prompts/ folder, with a version (a digest of the text) for the record."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from string import Template

from coach.core import resources


@lru_cache(maxsize=None)
def text(name: str) -> str:
    return (resources.prompts_dir() / f"{name}.md").read_text(encoding="utf-8")


def version(name: str) -> str:
    return hashlib.sha256(text(name).encode("utf-8")).hexdigest()[:12]


def render(name: str, /, **values: object) -> str:
    """Fill a template's $placeholders; a missing value is a bug, so it raises."""
    return Template(text(name)).substitute({k: str(v) for k, v in values.items()})
