"""The learner scripts of the coherence sets: one pydantic model for the file format (each set's FORMAT.md), read
at the edge, and a checker a set's writer runs before handing the set over.

    python benchmarks/coherence_scripts.py benchmarks/data/coherence-57/scripts          # the format of each file
    python benchmarks/coherence_scripts.py DIR --shape                                    # and a new set's shape

The shape (`--shape`) is what a writer is asked for today: 30 scripts, a skilled, a mediocre and an off-script
script for each bundled scenario plus 6 extras, 8 or 9 lines each, every register different, one written date,
and physical safety problems in exactly three scripts, each with a later line returning to it. The earliest sets
were smaller, so the shape is not checked by default. (Each set once carried its own copy of this checker as
`check.py`; their READMEs still mention it.)
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks import set_checker  # noqa: E402

MOVES = {"impact-evidence", "business-value", "specific-ask", "phased-plan", "success-metrics", "explores-constraints",
         "collaborative-options", "next-steps", "recover-from-no"}
MANAGER_SCENARIO = "compassionate-performance-conversation"
MANAGER_MOVES = {"specific-observation", "invites-perspective", "offers-support"}  # only where the learner manages
FLAGS = {"hedging", "aggression"}  # annotated in the first sets; the benchmark does not use them
SCENARIOS = ("compassionate-performance-conversation", "flexible-work-trial", "hand-off-responsibility",
             "lateral-move", "promotion-after-win", "promotion-follow-up", "raise-during-budget-freeze",
             "workload-boundary")
KINDS = ("skilled", "mediocre", "off-script")
FILE_NAME = re.compile(r"^(?P<scenario>[a-z-]+?)--(?P<kind>skilled|mediocre|off-script)(?P<extra>-2)?\.json$")
Kind = Literal["skilled", "mediocre", "off-script"]
Topic = Literal["constraint", "decision", "timing", "help", "feelings", "personal", "choice", "other"]
Offtopic = Literal["hazard", "joke", "complaint", "apology", "vulnerability", "small-talk", "rude"]


class Question(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    topic: Topic


class ScriptLine(BaseModel):
    """One learner line and what its writer said it does (annotated before any run)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    text: str = Field(min_length=1)
    moves: tuple[str, ...]
    question: Question | None
    terms: tuple[str, ...]
    offtopic: Offtopic | None
    preempts: str | None  # the objection the line heads off before it is raised

    @field_validator("moves", "terms")
    @classmethod
    def _no_repeats(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if len(set(value)) != len(value):
            raise ValueError("listed twice")
        return value

    @model_validator(mode="after")
    def _terms_in_text(self) -> ScriptLine:
        missing = [t for t in self.terms if not t or t not in self.text]
        if missing:
            raise ValueError(f"terms not copied exactly from the text: {missing}")
        if "hazard" in self.text.lower():
            raise ValueError("the text uses the word 'hazard' (describe the problem instead)")
        return self


class Script(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    scenario_id: str
    kind: Kind
    written: dt.date
    learner_register: str = Field(alias="register", min_length=1)  # how the learner types
    lines: tuple[ScriptLine, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _moves_of_the_scenario(self) -> Script:
        allowed = MOVES | FLAGS | (MANAGER_MOVES if self.scenario_id == MANAGER_SCENARIO else set())
        for number, line in enumerate(self.lines, 1):
            if unknown := set(line.moves) - allowed:
                raise ValueError(f"line {number}: moves {sorted(unknown)} are not moves of {self.scenario_id}")
        return self


def load(path: Path) -> Script:
    """One script file; a ValueError naming the file (and line) when it breaks the format."""
    try:
        return Script.model_validate_json(path.read_bytes())
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p + 1 if isinstance(p, int) else p) for p in first["loc"])
        raise ValueError(f"{path.name}: {where + ': ' if where else ''}{first['msg']}") from None


def load_set(folder: Path) -> list[Script]:
    return [load(path) for path in sorted(folder.glob("*.json"))]


def raw_lines(first: int, last: int) -> list[tuple[Path, Path, dict]]:
    """Every learner line of the dev set, the first set and sets `first` to `last`, as written (no format check, so
    sets written to an older format read too), each new text once: (its set's folder, its file, the line)."""
    data = Path(__file__).resolve().parent / "data"
    folders = [data / "coherence-dev", data / "coherence" / "scripts",
               *(data / f"coherence-{n}" / "scripts" for n in range(first, last + 1))]
    out, seen = [], set()
    for folder in folders:
        for path in sorted(folder.glob("*.json")):
            for line in json.loads(path.read_text(encoding="utf-8"))["lines"]:
                text = line["text"].strip()
                if text and text not in seen:
                    seen.add(text)
                    out.append((folder, path, {**line, "text": text}))
    return out


def write_marked_lines(target: Path, first: int, last: int, marks: Callable[[dict], dict]) -> list[dict]:
    """Every learner line of the read sets (`raw_lines`) as a training row for a reader that learns the writers' marks:
    its text, what `marks` reads from the line, and the set and file it came from; written to `target` as JSON Lines."""
    data = Path(__file__).resolve().parent / "data"
    rows = [{"text": line["text"], **marks(line), "source": f"{folder.relative_to(data).parts[0]}/{path.name}"}
            for folder, path, line in raw_lines(first, last)]
    target.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return rows


def problems(folder: Path, shape: bool = False) -> list[str]:
    """Everything wrong with the set in `folder`, one line each; an empty list when it is fine."""
    found, scripts = [], {}
    for path in sorted(folder.glob("*.json")):
        name = FILE_NAME.match(path.name)
        try:
            script = load(path)
        except ValueError as error:
            found.append(str(error))
            continue
        if shape and (not name or name["scenario"] != script.scenario_id or name["kind"] != script.kind):
            found.append(f"{path.name}: the name is not <scenario_id>--<kind>[-2].json for this file's fields")
        scripts[path.name] = script
    if shape:
        found += _shape_problems(scripts)
    return found


def _shape_problems(scripts: dict[str, Script]) -> list[str]:
    found = []
    if len(scripts) != 30:
        found.append(f"{len(scripts)} scripts, not 30")
    for scenario in SCENARIOS:
        found += [f"missing {scenario}--{kind}.json" for kind in KINDS if f"{scenario}--{kind}.json" not in scripts]
    extras = [name for name in scripts if name.endswith("-2.json")]
    if len(extras) != 6:
        found.append(f"{len(extras)} extras, not 6")
    found += [f"{name}: {len(s.lines)} lines, not 8 or 9" for name, s in scripts.items() if not 8 <= len(s.lines) <= 9]
    registers = Counter(s.learner_register for s in scripts.values())
    found += [f"register used {n} times: {r!r}" for r, n in registers.items() if n > 1]
    if len({s.written for s in scripts.values()}) > 1:
        found.append("the scripts give different written dates")
    for name, script in scripts.items():
        if sum(line.offtopic == "hazard" for line in script.lines) == 1:
            found.append(f"{name}: a safety problem with no later line returning to it")
    with_hazard = sum(any(line.offtopic == "hazard" for line in s.lines) for s in scripts.values())
    if with_hazard != 3:
        found.append(f"physical safety problems in {with_hazard} scripts, not 3")
    return found


def main() -> int:
    return set_checker.run(__doc__.splitlines()[0], "a set's scripts folder", problems,
                           lambda folder: f"{len(list(folder.glob('*.json')))} scripts")


if __name__ == "__main__":
    sys.exit(main())
