"""All the scenarios coach can see: the bundled pack plus trainers' extra folders."""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from coach import resources
from coach.scenario.criteria import CriteriaLibrary
from coach.scenario.loader import ScenarioFile, load_library, load_scenario, read_toml
from coach.scenario.locate import line_index, locate
from coach.scenario.problems import Problem

LIBRARY_FILE = "criteria.toml"
ENV_DIRS = "COACH_SCENARIOS"


class CatalogError(Exception):
    """The criteria library itself is broken, so no scenario can be checked."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))


def display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def load_criteria() -> CriteriaLibrary:
    path = resources.scenarios_dir() / LIBRARY_FILE
    library, problems = load_library(path, display_path(path))
    if library is None:
        raise CatalogError(problems)
    return library


def scenario_dirs(extra: Sequence[Path | str] = (), include_bundled: bool = True) -> list[Path]:
    """Bundled pack first, then COACH_SCENARIOS (an os.pathsep list), then --scenarios folders."""
    dirs = [resources.scenarios_dir()] if include_bundled else []
    dirs += [Path(p).expanduser() for p in os.environ.get(ENV_DIRS, "").split(os.pathsep) if p.strip()]
    dirs += [Path(p).expanduser() for p in extra]
    unique: list[Path] = []
    for d in dirs:
        if d.resolve() not in {u.resolve() for u in unique}:
            unique.append(d)
    return unique


def scenario_files(paths: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    """Expand folders into their .toml files (recursively), skipping criteria libraries."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            files += sorted(
                p
                for p in path.rglob("*.toml")
                if p.name != LIBRARY_FILE and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.is_file():
            files.append(path)
        else:
            problems.append(Problem(display_path(path), 1, "(file)", "no such file or folder"))
    return files, problems


@dataclass
class Catalog:
    library: CriteriaLibrary
    scenarios: dict[str, ScenarioFile] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def get(self, key: str) -> ScenarioFile:
        """A scenario by id, or by the path of a file in the catalog."""
        if key in self.scenarios:
            return self.scenarios[key]
        for item in self.scenarios.values():
            if Path(key).expanduser().resolve() == item.path.resolve():
                return item
        close = difflib.get_close_matches(key, list(self.scenarios), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else "; `coach list` shows the ids"
        raise KeyError(f"no scenario '{key}'{hint}")

    def add(self, item: ScenarioFile) -> None:
        sid = item.scenario.id
        first = self.scenarios.get(sid)
        if first is None:
            self.scenarios[sid] = item
            return
        if first.path.resolve() == item.path.resolve():
            return
        parsed = read_toml(item.path)
        line = locate(line_index(parsed.text), ("id",))
        self.problems.append(
            Problem(display_path(item.path), line, "id", f"duplicate id '{sid}' (also in {display_path(first.path)})")
        )


def load_catalog(extra_dirs: Sequence[Path | str] = (), include_bundled: bool = True) -> Catalog:
    return load_paths(scenario_dirs(extra_dirs, include_bundled))


def load_paths(paths: Iterable[Path], library: CriteriaLibrary | None = None) -> Catalog:
    catalog = Catalog(library or load_criteria())
    files, catalog.problems = scenario_files(paths)
    for path in files:
        item, problems = load_scenario(path, catalog.library, display_path(path))
        catalog.problems += problems
        if item:
            catalog.add(item)
    return catalog
