"""Session files from older coach versions are read by migrating them, one step per format version.

Each step takes the raw JSON of version N and returns version N+1, so a file of any age walks up the
chain to today's `Session`; a newer file than this coach knows is refused with the fix (upgrade coach).
Add a step here (and bump CURRENT) whenever `Session` changes in a way an old file would not validate.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from coach.core.scorecard import Scorecard

CURRENT = 3


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    # Version 2 types the stored scorecard. A version 1 card that no longer fits the model came from an
    # older judge: drop it, and the session is scored afresh when it is next shown.
    card = data.get("scorecard")
    if card is not None:
        try:
            Scorecard.model_validate(card)
        except (ValidationError, RecursionError):
            data["scorecard"] = None
    return data


def _v2_to_v3(data: dict[str, Any]) -> dict[str, Any]:
    # Version 3 tells a care pause from a session left mid-way (both were "paused"). Which one an old
    # "paused" was is in the turns: the care message is the last turn.
    turns = data.get("turns") or []
    last = turns[-1] if turns and isinstance(turns[-1], dict) else {}
    if data.get("outcome") == "paused" and last.get("speaker") == "care":
        data["outcome"] = "care-pause"
        if isinstance(data.get("scorecard"), dict) and data["scorecard"].get("outcome") == "paused":
            data["scorecard"]["outcome"] = "care-pause"
    return data


UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2, 2: _v2_to_v3}


class TooNew(ValueError):
    """Written by a newer coach."""


def upgrade(data: dict[str, Any]) -> dict[str, Any]:
    """`data` migrated to the CURRENT format (in place where possible). A file without a version is a
    minimal transcript from another tool, read as version 1."""
    version = data.get("schema_version", 1)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        version = 1  # another tool's idea of a version: the documented core is what counts
    if version > CURRENT:
        raise TooNew(f"written by a newer coach (transcript format {version}); upgrade coach to read it")
    while version < CURRENT:
        data = UPGRADES[version](data)
        version += 1
    data["schema_version"] = CURRENT
    return data
