"""The words around a drafted scenario: the prompt's criteria list and field guide, and the TOML it becomes.

The field guide is generated from the scenario model's own JSON schema, so the model is told exactly
what `coach validate` will hold it to, and the prompt never drifts from the format.
"""

from __future__ import annotations

from typing import Any

import tomli_w
from pydantic import Field
from pydantic.json_schema import SkipJsonSchema

from coach.core import prompts
from coach.core.text_safety import clean_line
from coach.llm import structured
from coach.scenario.criteria import CriteriaLibrary, Criterion
from coach.scenario.model import Rubric, Scenario

_LEFT_OUT = {"schema_version"}  # coach's to set, not the model's
_MAX_DESCRIPTION = 2000  # a description is a topic, not a document


class _DraftRubric(Rubric):
    custom: SkipJsonSchema[list[Criterion]] = Field(default_factory=list)


class DraftScenario(Scenario):
    """The scenario as the model is asked for it: without `rubric.custom`, whose criteria need example lines
    only a person who knows the learners can give (and whose schema would cost 1,600 tokens a request)."""

    rubric: _DraftRubric


def criteria_list(library: CriteriaLibrary) -> str:
    return "\n".join(
        f"- {c.id}{' (manager scenarios)' if c.kind == 'manager-move' else ''}: {c.name}. {clean_line(c.description)}"
        for c in library.criterion if c.kind != "flag"
    )


def _kind(node: dict[str, Any]) -> str:
    options = node.get("anyOf")
    if options:  # pydantic writes an optional field as anyOf [X, null]
        real = [o for o in options if o.get("type") != "null"]
        return _kind(real[0]) + ", or null for the default" if real else "null"
    if "enum" in node:
        return "one of " + ", ".join(map(str, node["enum"]))
    if "const" in node:
        return f"always {node['const']}"
    kind = node.get("type")
    if kind in ("integer", "number"):
        low, high = node.get("minimum", node.get("exclusiveMinimum")), node.get("maximum")
        word = "whole number" if kind == "integer" else "number"
        return f"{word} {low}-{high}" if low is not None and high is not None else word
    if kind == "string":
        return "slug" if "pattern" in node else "text"
    if kind == "array":
        at_least = node.get("minItems")
        return f"list of {_kind(node.get('items', {}))}" + (f", at least {at_least}" if at_least else "")
    return str(kind or "value")


def _walk(node: dict[str, Any], path: str, out: list[str]) -> None:
    if path in _LEFT_OUT:
        return
    note = clean_line(node.get("description", ""))
    kind = node.get("type")
    if kind == "object" and "properties" in node:
        if path and note:
            out.append(f"- {path}: {note}")
        for name, sub in node["properties"].items():
            _walk(sub, f"{path}.{name}" if path else name, out)
    elif kind == "object":  # a table keyed by criterion ids, topics or levels
        keys = (node.get("propertyNames") or {}).get("enum")
        key = f"<{'|'.join(keys)}>" if keys else "<criterion id>"
        if note:
            out.append(f"- {path}: {note}")
        _walk({k: v for k, v in node.get("additionalProperties", {}).items() if k != "description"}
              | next(iter(node.get("patternProperties", {}).values()), {}), f"{path}.{key}", out)
    elif kind == "array" and node.get("items", {}).get("type") == "object":
        out.append(f"- {path}: list of tables" + (f". {note}" if note else ""))
        _walk(node["items"], f"{path}[]", out)
    else:
        out.append(f"- {path} ({_kind(node)})" + (f": {note}" if note else ""))


def field_guide() -> str:
    out: list[str] = []
    _walk(structured.strict_schema(DraftScenario), "", out)
    return "\n".join(out)


def system_prompt(library: CriteriaLibrary) -> str:
    return prompts.render("scenario_draft", criteria=criteria_list(library), fields=field_guide()).strip()


def task_prompt(scenario_id: str, description: str) -> str:
    return prompts.render("scenario_draft_task", id=scenario_id, description=description_text(description))


def description_text(description: str) -> str:
    return clean_line(description)[:_MAX_DESCRIPTION]


# -- the draft as TOML -----------------------------------------------------------------------------


def _without_nulls(value: Any) -> Any:
    """TOML has no null: a field the model set to null is left out (optional fields take their default;
    required ones are then reported missing, which is what they are)."""
    if isinstance(value, dict):
        return {str(k): _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value if v is not None]
    return value


def scenario_data(answer: dict[str, Any], scenario_id: str) -> dict[str, Any]:
    """The model's object as a scenario's data: unwrapped from one enclosing key if the model added one,
    in the format's field order, with the id the author asked for."""
    fields = list(Scenario.model_fields)
    if not set(fields) & set(answer) and len(answer) == 1 and isinstance(next(iter(answer.values())), dict):
        answer = next(iter(answer.values()))
    data = _without_nulls(answer)
    data["schema_version"], data["id"] = 1, scenario_id
    return {k: data[k] for k in fields if k in data} | {k: v for k, v in data.items() if k not in fields}


def header(model: str, description: str, valid: bool) -> str:
    """Two comment lines, the same count either way, so a problem's line number holds for both files."""
    first = f"# Drafted by `coach new --describe` with {clean_line(model)[:80]}: {description_text(description)[:300]}"
    second = ("# Read it through and make it your own; `coach check` plays it offline." if valid else
              "# NOT VALID YET: fix what `coach validate` lists for this file, then save it without .draft.")
    return f"{first}\n{second}\n"


def to_toml(data: dict[str, Any], head: str) -> str:
    """Raises ValueError for data TOML cannot hold (only reachable with hostile nesting)."""
    try:
        return head + tomli_w.dumps(data, multiline_strings=True)
    except (TypeError, ValueError, RecursionError) as exc:
        raise ValueError(f"the answer cannot be written as TOML: {exc}") from None
