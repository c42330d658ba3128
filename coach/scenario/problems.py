"""One-line problems for scenario authors: `path:line: field: message`, never a traceback."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from pydantic import BaseModel, ValidationError

from coach.scenario.locate import Loc, field_name, locate


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


def known_field_names(model: type[BaseModel]) -> set[str]:
    """Every field name (by alias) in a model tree, for 'did you mean' suggestions."""
    names: set[str] = set()
    seen: set[type] = set()

    def walk(m: type[BaseModel]) -> None:
        if m in seen:
            return
        seen.add(m)
        for name, info in m.model_fields.items():
            names.add(info.alias or name)
            for sub in _models_in(info.annotation):
                walk(sub)

    walk(model)
    return names


def _models_in(annotation: object) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    out: list[type[BaseModel]] = []
    for arg in getattr(annotation, "__args__", ()) or ():
        out.extend(_models_in(arg))
    for meta in getattr(annotation, "__metadata__", ()) or ():
        out.extend(_models_in(meta))
    origin = getattr(annotation, "__origin__", None)
    if origin is not None and origin is not annotation:
        out.extend(_models_in(origin))
    return out


# pydantic's type errors in the words of a TOML file, for authors who are not programmers.
_EXPECTED = {
    "int_type": "must be a whole number, like 3",
    "int_parsing": "must be a whole number, like 3",
    "int_from_float": "must be a whole number, like 3",
    "float_type": "must be a number, like 1.5",
    "float_parsing": "must be a number, like 1.5",
    "string_type": 'must be text in quotes, like "..."',
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "list_type": 'must be a list in square brackets, like ["..."]',
    "dict_type": "must be a table: a [header] with key = value lines under it",
    "model_type": "must be a table: a [header] with key = value lines under it",
    "model_attributes_type": "must be a table: a [header] with key = value lines under it",
}


def _toml_kind(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"text {value!r}"[:60]
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list (was it written [[...]] or [ ]?)" if value and isinstance(value[0], dict) else "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def _message(error: dict, field_names: set[str]) -> str:
    kind, msg = error["type"], error["msg"]
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        name = str(error["loc"][-1])
        if name in field_names:
            return f"field '{name}' does not belong in this table (check the [table] header above it)"
        close = difflib.get_close_matches(name, sorted(field_names), n=1, cutoff=0.7)
        return f"unknown field '{name}'" + (f" (did you mean '{close[0]}'?)" if close else "")
    if kind == "string_pattern_mismatch":
        return "must be a slug: lowercase letters, digits and single hyphens, e.g. 'promotion-ask'"
    if kind == "value_error":
        return msg.removeprefix("Value error, ")
    if kind in _EXPECTED:
        return f"{_EXPECTED[kind]}, got {_toml_kind(error.get('input'))}"
    if kind == "literal_error":
        return f"{msg[0].lower() + msg[1:]}, got {_toml_kind(error.get('input'))}"
    if msg:
        msg = msg[0].lower() + msg[1:]
    return msg


def from_validation_error(
    path: str, exc: ValidationError, index: dict[Loc, int], model: type[BaseModel]
) -> list[Problem]:
    names = known_field_names(model)
    errors = exc.errors(include_url=False)
    for error in errors:
        # pydantic marks dict-key errors with a '[key]' part; keep the data path only.
        error["loc"] = tuple(p for p in error["loc"] if not (isinstance(p, str) and p.startswith("[key]")))
    # A misspelt field is also a missing one: report the typo, once, with its suggestion.
    missing = {e["loc"] for e in errors if e["type"] == "missing"}
    explained = set()
    for error in errors:
        if error["type"] == "extra_forbidden":
            loc = error["loc"]
            close = difflib.get_close_matches(str(loc[-1]), sorted(names), n=1, cutoff=0.7)
            if close and loc[:-1] + (close[0],) in missing:
                explained.add(loc[:-1] + (close[0],))
    problems = [
        Problem(path, locate(index, e["loc"]), field_name(e["loc"]), _message(e, names))
        for e in errors
        if not (e["type"] == "missing" and e["loc"] in explained)
    ]
    return sorted(set(problems))
