"""Which moves each scenario model line shows, kept between runs.

Every offline scorecard asks which moves each of its scenario's model lines shows (the better lines come from
them), and reading those lines was 8 of the 18 lines the model read in a 10-turn `coach score`. The answers
depend only on the model and the criteria (`Detector.examples_key`), so they are kept in the cache folder under
that key. The file is a cache: one that cannot be read, is not ours or cannot be written is ignored, and what it
holds is checked like any file from outside (only known criteria are taken back).
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ValidationError

from coach.core import paths
from coach.core.files import write_private

if TYPE_CHECKING:
    from coach.moves.detector import Detector

FILE = "example-moves.json"
MAX_KEYS = 8  # models and criteria sets kept (one per scenario with criteria of its own, at most)
MAX_LINES = 2_000  # lines kept per key
MAX_BYTES = 2_000_000  # a larger file is not ours to read


class _CacheFile(BaseModel):
    version: int = 1
    entries: dict[str, dict[str, list[str]]] = {}


def _read(path: Path) -> _CacheFile:
    try:
        if path.stat().st_size > MAX_BYTES:
            return _CacheFile()
        return _CacheFile.model_validate_json(path.read_bytes())
    except (OSError, ValidationError, ValueError):
        return _CacheFile()


def recall(detector: Detector, folder: Path | None = None) -> None:
    """Give the detector what earlier runs worked out for its key."""
    if detector.examples_key is None:
        return
    kept = _read((folder or paths.cache_dir()) / FILE)
    detector.recall_examples(kept.entries.get(detector.examples_key, {}))


def keep(detector: Detector, folder: Path | None = None) -> None:
    """Add what the detector worked out itself to the file (atomically; silently not, if it cannot)."""
    new = detector.examples_read()
    if detector.examples_key is None or not new:
        return
    folder = folder or paths.cache_dir()
    path = folder / FILE
    kept = _read(path)
    lines = {**kept.entries.pop(detector.examples_key, {}), **new}
    kept.entries[detector.examples_key] = dict(list(lines.items())[-MAX_LINES:])
    kept.entries = dict(list(kept.entries.items())[-MAX_KEYS:])  # the newest last
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        write_private(path, kept.model_dump_json())
