"""What a person reads in place of an id: criterion and flag names, scenario titles.

The catalog's names come first, so one id reads the same in every row even when old scorecards spell it
differently; then what the sessions themselves recorded; the id only when nothing else names it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from coach.scenario import CatalogError, load_catalog


@dataclass(frozen=True)
class Titles:
    criteria: dict[str, str] = field(default_factory=dict)  # criterion or flag id -> name
    scenarios: dict[str, str] = field(default_factory=dict)  # scenario id -> title


def catalog_titles(extra_dirs: Sequence[Path | str] = ()) -> Titles:
    """Names from the criteria library and the scenarios; none when the catalog cannot load (the report
    still reads the names its sessions recorded)."""
    try:
        catalog = load_catalog(extra_dirs)
    except (CatalogError, OSError):
        return Titles()
    criteria = {c.id: c.name for c in catalog.library.criterion}
    for item in catalog.scenarios.values():
        for cid, c in item.scenario.custom_criteria.items():
            criteria.setdefault(cid, c.name)
    return Titles(criteria, {sid: item.scenario.title for sid, item in catalog.scenarios.items()})


def resolve(known: dict[str, str], recorded: Iterable[tuple[str, str]]) -> dict[str, str]:
    """id -> name: `known` first, else the name most often recorded for that id, else the id."""
    seen: dict[str, Counter[str]] = {}
    for item_id, name in recorded:
        counts = seen.setdefault(item_id, Counter())
        name = " ".join(name.split())
        if name and name != item_id:
            counts[name] += 1
    return {item_id: (known.get(item_id) or (min(c, key=lambda n: (-c[n], n)) if c else item_id))
            for item_id, c in seen.items()}
