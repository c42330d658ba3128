"""All the scenarios coach can see: the bundled pack plus trainers' extra folders."""

from __future__ import annotations

import difflib
import errno
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from coach.core import resources
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
    """The path as the user will recognise it: relative to here when it is below here."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):  # elsewhere, a symlink loop, a vanished cwd
        return str(path)


def load_criteria() -> CriteriaLibrary:
    path = resources.scenarios_dir() / LIBRARY_FILE
    library, problems = load_library(path, display_path(path))
    if library is None:
        raise CatalogError(problems)
    return library


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop: compare it as written
        return path.absolute()


def scenario_dirs(extra: Sequence[Path | str] = (), include_bundled: bool = True) -> list[Path]:
    """Bundled pack first, then COACH_SCENARIOS (an os.pathsep list), then --scenarios folders."""
    dirs = [resources.scenarios_dir()] if include_bundled else []
    dirs += [Path(p).expanduser() for p in os.environ.get(ENV_DIRS, "").split(os.pathsep) if p.strip()]
    dirs += [Path(p).expanduser() for p in extra]
    unique: list[Path] = []
    for d in dirs:
        if _resolved(d) not in {_resolved(u) for u in unique}:
            unique.append(d)
    return unique


def _kind(path: Path) -> str | None:
    """'dir', 'file', 'loop', 'denied' or None (missing), without ever raising."""
    try:
        if path.is_dir():
            return "dir"
        if path.is_file():
            return "file"
        if path.is_symlink():
            path.resolve(strict=True)  # raises for a loop or a dangling link
    except RuntimeError:
        return "loop"
    except PermissionError:
        return "denied"
    except OSError as exc:
        return "loop" if exc.errno == errno.ELOOP else None
    return None


_UNUSABLE = {"loop": "symbolic link loop; remove the link", "denied": "cannot read: permission denied"}


def _problem(path: Path, message: str) -> Problem:
    return Problem(display_path(path), 1, "(file)", message)


def _walk(folder: Path, problems: list[Problem]) -> list[Path]:
    """The .toml files under a folder, sorted, skipping hidden parts; linked folders are followed once."""
    found: list[Path] = []
    seen: set[Path] = set()

    def on_error(exc: OSError) -> None:
        where = Path(exc.filename) if exc.filename else folder
        problems.append(_problem(where, f"cannot read folder: {exc.strerror or exc}"))

    for root, dirnames, filenames in os.walk(folder, onerror=on_error, followlinks=True):
        real = _resolved(Path(root))
        if real in seen:  # a link back up the tree
            dirnames[:] = []
            continue
        seen.add(real)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or not name.endswith(".toml"):
                continue
            path = Path(root) / name
            kind = _kind(path)
            if kind == "file":
                found.append(path)
            elif kind in _UNUSABLE or (kind is None and path.is_symlink()):
                problems.append(_problem(path, _UNUSABLE.get(kind, "broken symbolic link")))
    return found


def scenario_files(paths: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    """Expand folders into their .toml files (recursively). Criteria libraries are files of their own
    kind: a folder's are returned apart (see `library_files`), never read as scenarios."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        kind = _kind(path)
        if kind == "dir":
            files += [p for p in _walk(path, problems) if p.name != LIBRARY_FILE]
        elif kind == "file":
            files.append(path)
        else:
            problems.append(_problem(path, _UNUSABLE.get(kind, "no such file or folder")))
    return files, problems


def library_files(paths: Iterable[Path]) -> list[Path]:
    """The criteria libraries named or found among `paths` (checked as libraries by `coach validate`)."""
    out: list[Path] = []
    for path in paths:
        kind = _kind(path)
        if kind == "file" and path.name == LIBRARY_FILE:
            out.append(path)
        elif kind == "dir":
            out += [p for p in _walk(path, []) if p.name == LIBRARY_FILE]
    return out


@dataclass
class Catalog:
    library: CriteriaLibrary
    scenarios: dict[str, ScenarioFile] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def get(self, key: str) -> ScenarioFile:
        """A scenario by id, or by the path of a file in the catalog."""
        if key in self.scenarios:
            return self.scenarios[key]
        wanted = _resolved(Path(key).expanduser())
        for item in self.scenarios.values():
            if wanted == _resolved(item.path):
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
        if _resolved(first.path) == _resolved(item.path):
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
        if path.name == LIBRARY_FILE:  # named on its own: checked as a library, not as a scenario
            continue
        item, problems = load_scenario(path, catalog.library, display_path(path))
        catalog.problems += problems
        if item:
            catalog.add(item)
    return catalog
