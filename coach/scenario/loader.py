"""Read one TOML file into a validated model, or into one-line problems. Never raises for bad input."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import tomli  # tomllib's own source, compiled: three times faster, and its errors carry a line number
from pydantic import BaseModel, ValidationError

from coach.core.text_safety import first_control
from coach.scenario.criteria import CriteriaLibrary
from coach.scenario.locate import Loc, field_name, line_index, locate
from coach.scenario.model import Scenario
from coach.scenario.problems import Problem, from_validation_error
from coach.scenario.references import check_references

MAX_BYTES = 1_000_000  # a scenario is prose, not data; anything larger is a mistake
MAX_PROBLEMS = 50  # per file: past this, more lines bury the first mistake rather than help fix it
_SCENARIO_KEYS = {"id", "learner", "counterpart", "levels", "offline"}
_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column \d+\)$|\s*\(at end of document\)$")

M = TypeVar("M", bound=BaseModel)


@dataclass
class Parsed:
    """A TOML file read from disk: its data and a line index, or the problems that stopped it."""

    path: str
    digest: str = ""
    data: dict | None = None
    text: str = ""
    problems: list[Problem] = field(default_factory=list)
    _index: dict[Loc, int] | None = None

    def line_of(self, loc: Loc) -> int:
        if self._index is None:
            self._index = line_index(self.text)
        return locate(self._index, loc)

    def problem(self, loc: Loc, message: str) -> Problem:
        return Problem(self.path, self.line_of(loc), field_name(loc), message)


def read_toml(path: Path, display: str | None = None) -> Parsed:
    shown = display or str(path)
    parsed = Parsed(shown)

    def fail(line: int, field_: str, message: str) -> Parsed:
        parsed.problems.append(Problem(shown, line, field_, message))
        return parsed

    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return fail(1, "(file)", f"file is too large ({size:,} bytes; the limit is {MAX_BYTES:,})")
        raw = path.read_bytes()
    except OSError as exc:
        return fail(1, "(file)", f"cannot read file: {exc.strerror or exc}")
    parsed.digest = hashlib.sha256(raw).hexdigest()
    if b"\x00" in raw:
        return fail(1, "(file)", "binary file, not TOML text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return fail(line, "(file)", f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8")
    if not text.strip():
        return fail(1, "(file)", "file is empty")
    parsed.text = text
    try:
        parsed.data = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        last = max(1, text.rstrip().count("\n") + 1)  # an error "at the end" points at the last real line
        line = min(getattr(exc, "lineno", None) or last, last)
        message = getattr(exc, "msg", None) or _TOML_POSITION.sub("", str(exc))
        return fail(line, _field_at(text, line), _syntax_hint(message or "invalid TOML"))
    except (RecursionError, ValueError) as exc:  # absurd nesting, invalid dates and the like
        return fail(1, "(syntax)", f"invalid TOML: {exc}")
    return parsed


# tomllib's messages, with what an author should do about them.
_SYNTAX_HINTS = (
    ("Invalid value", "invalid value: text must be in quotes, like key = \"...\""),
    ("Unterminated string", "a string is not closed: check its closing quote (or \"\"\" for several lines)"),
    ("Cannot overwrite a value", "this key is set twice"),
    ("Cannot declare", "this [table] appears twice"),
    ("Expected '=' after a key", "expected key = value here (text values need quotes)"),
    ("Unclosed array", "a list is not closed: check its closing ]"),
    ("Illegal character '\\n'", "the text on this line has no closing quote (use \"\"\" for text over several lines)"),
)


def _syntax_hint(message: str) -> str:
    for start, hint in _SYNTAX_HINTS:
        if message.startswith(start):
            return hint
    return message[:1].lower() + message[1:]


def _field_at(text: str, line: int) -> str:
    """The field being written on `line`, worked out from the lines above it; '(syntax)' if none."""
    head = "\n".join(text.split("\n")[:line])
    here = [loc for loc, n in line_index(head).items() if n == line]
    return field_name(max(here, key=len)) if here else "(syntax)"


def control_problems(parsed: Parsed) -> list[Problem]:
    """One problem per text (or key) holding a control character: scenario text is shown in terminals,
    where an escape sequence would retitle the window or write the clipboard."""
    found: list[Problem] = []

    def walk(value: object, loc: Loc) -> None:
        if isinstance(value, str):
            code = first_control(value)
            if code:
                found.append(parsed.problem(loc, f"contains a control character ({code}); terminals act on "
                                                 "these, so remove it"))
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(key, loc)
                walk(item, (*loc, key))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, (*loc, i))

    walk(parsed.data, ())
    return found


def validate_model(parsed: Parsed, model: type[M], context: dict | None = None) -> M | None:
    if parsed.data is None:
        return None
    controls = control_problems(parsed)
    parsed.problems.extend(controls)
    try:
        valid = model.model_validate(parsed.data, context=context)
    except ValidationError as exc:
        parsed._index = parsed._index or line_index(parsed.text)
        parsed.problems.extend(from_validation_error(parsed.path, exc, parsed._index, model))
        return None
    except RecursionError:
        parsed.problems.append(Problem(parsed.path, 1, "(file)", "nested too deeply"))
        return None
    return None if controls else valid


@dataclass
class ScenarioFile:
    """A scenario that loaded cleanly, with where it came from (sessions record the digest)."""

    path: Path
    scenario: Scenario
    digest: str


def load_scenario(
    path: Path, library: CriteriaLibrary, display: str | None = None
) -> tuple[ScenarioFile | None, list[Problem]]:
    parsed = read_toml(path, display)
    if parsed.data is not None and not parsed.data.keys() & _SCENARIO_KEYS:
        # Some other TOML file (a pyproject.toml, a criteria library): one line, not a line per field.
        what = "a criteria library" if "criterion" in parsed.data else "not a scenario file"
        return None, [Problem(parsed.path, 1, "(file)", f"{what}: it has no id, [learner] or [counterpart]")]
    scenario = validate_model(parsed, Scenario)
    if scenario is None:
        return None, _capped(parsed.problems)
    problems = [parsed.problem(loc, message) for loc, message in check_references(scenario, library)]
    if problems:
        return None, sorted(problems)
    return ScenarioFile(path, scenario, parsed.digest), []


def _capped(problems: list[Problem]) -> list[Problem]:
    if len(problems) <= MAX_PROBLEMS:
        return problems
    rest = problems[MAX_PROBLEMS - 1]
    more = len(problems) - MAX_PROBLEMS + 1
    return problems[: MAX_PROBLEMS - 1] + [Problem(rest.path, rest.line, rest.field, f"{rest.message} (and {more - 1} more problems after this one)")]


def load_library(path: Path, display: str | None = None) -> tuple[CriteriaLibrary | None, list[Problem]]:
    parsed = read_toml(path, display)
    library = validate_model(parsed, CriteriaLibrary)
    return library, parsed.problems
