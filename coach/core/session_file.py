"""Reading one session file: size-capped, migrated from older formats, every problem one line naming the file."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from coach.core.errors import TranscriptError
from coach.core.session import Session
from coach.core.upgrades import TooNew, upgrade

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
    try:
        data = upgrade(data)
    except TooNew as exc:
        raise TranscriptError(f"{path}: {exc}") from None
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
