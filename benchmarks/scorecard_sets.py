"""The scorecard evaluation sets: recorded sessions and a coach's expert scores for them, written and scored
before the app's scorer was ever run on them. One pydantic model for the expert-scores file, and a checker a set's
writer runs before handing it over.

    python benchmarks/scorecard_sets.py benchmarks/data/scorecard-12       # one set's format
    python benchmarks/scorecard_sets.py benchmarks/data/scorecard-12 --shape   # and the shape a new set is written to

Every session is read the way the app reads a saved session (`coach.core.session_file.read_session`). The checks:
turns alternate, the counterpart first with the scenario's opening line; every session has its expert record, of
the same scenario, and every record scores exactly the scenario's rubric, 0 to 4, citing learner turns only, with
flag counts that match their turns. `--shape` adds what sets are written to today: 16 sessions of 5 to 8 learner
turns, named `NN-<scenario>-<kind>.json`, a score of 0 citing no turn. (Sets 7 to 12 once carried their own copy
of such a check as `check_format.py`; their READMEs still mention it.)
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import set_checker  # noqa: E402
from coach.core.session_file import read_session  # noqa: E402
from coach.scenario import load_catalog  # noqa: E402

DATA = ROOT / "benchmarks/data"
SESSION_NAME = re.compile(r"(?P<number>\d\d)-(?P<scenario>.+)-(?P<kind>[a-z]+)\.json")


class CriterionScore(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    score: int = Field(ge=0, le=4)
    turns: tuple[int, ...]  # the learner turns (1-based, over all turns) that show it
    why: str = Field(min_length=1)


class FlagCount(BaseModel):
    """The second set's form of a flag: its count, level and turns together."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    count: int = Field(ge=0)
    level: int = Field(ge=0, le=4)
    turns: tuple[int, ...]


class SessionScore(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    kind: str
    total: int = Field(ge=0, le=100)
    criteria: dict[str, CriterionScore]
    flags: dict[str, int | FlagCount]
    flag_turns: dict[str, tuple[int, ...]] | None = None  # the first sets gave counts only
    scenario_id: str | None = None
    learner_turns: int | None = None
    date: str | None = None  # the development set's later sessions were scored on another day

    @model_validator(mode="after")
    def _flags_match_their_turns(self) -> SessionScore:
        for flag, turns in (self.flag_turns or {}).items():
            if self.flags.get(flag) != len(turns):  # (flag_turns came in after the second set)
                raise ValueError(f"flags.{flag} is {self.flags.get(flag)}, but flag_turns.{flag} lists {len(turns)}")
        return self


class ExpertScores(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    scored_by: str
    date: str
    method: str | None = None
    sessions: dict[str, SessionScore]


def sets() -> dict[str, Path]:
    """`blind` (the first set), `blindN` (benchmarks/data/scorecard-N) and `dev`."""
    numbered = sorted(int(d.name.removeprefix("scorecard-")) for d in DATA.glob("scorecard-[0-9]*"))
    return {"blind": DATA / "scorecard", **{f"blind{n}": DATA / f"scorecard-{n}" for n in numbered},
            "dev": DATA / "scorecard-dev"}


def expert_scores(folder: Path) -> ExpertScores:
    """The set's one expert-scores file; a ValueError naming the file and field when it breaks the format."""
    found = sorted(folder.glob("expert-scores*.json"))
    if len(found) != 1:
        raise ValueError(f"{folder.name}: {len(found)} expert-scores files, not 1")
    try:
        return ExpertScores.model_validate_json(found[0].read_bytes())
    except ValidationError as error:
        first = error.errors()[0]
        raise ValueError(f"{found[0].name}: {'.'.join(map(str, first['loc']))}: {first['msg']}") from None


def problems(folder: Path, shape: bool = False) -> list[str]:
    """Everything wrong with the set in `folder`, one line each; an empty list when it is fine."""
    try:
        expert = expert_scores(folder)
    except ValueError as error:
        return [str(error)]
    catalog, found = load_catalog(), []
    files = sorted((folder / "sessions").glob("*.json"))
    if missing := {f.name for f in files} ^ set(expert.sessions):
        found.append(f"sessions and expert records do not match: {sorted(missing)}")
    if shape and len(files) != 16:
        found.append(f"{len(files)} sessions, not 16")
    for path in files:
        record = expert.sessions.get(path.name)
        try:
            session = read_session(path)
            scenario = catalog.get(session.scenario_id).scenario
        except Exception as error:  # the app's own message for a file it cannot use
            found.append(f"{path.name}: {error}")
            continue
        found += [f"{path.name}: {p}" for p in _session_problems(session, scenario, record, path.name, shape)]
    return found


def _session_problems(session, scenario, record: SessionScore | None, name: str, shape: bool) -> list[str]:
    found = []
    speakers = [t.speaker for t in session.turns]
    if any(s != ("partner" if i % 2 == 0 else "learner") for i, s in enumerate(speakers)):
        found.append("turns do not alternate, the counterpart first")
    if not session.turns or session.turns[0].text != scenario.counterpart.opening_line:
        found.append("the first turn is not the scenario's opening line")
    learner = {i for i, s in enumerate(speakers, 1) if s == "learner"}
    if shape:
        named = SESSION_NAME.fullmatch(name)
        if not named or named["scenario"] != session.scenario_id:
            found.append("the name is not NN-<scenario_id>-<kind>.json")
        if not 5 <= len(learner) <= 8:
            found.append(f"{len(learner)} learner turns, not 5 to 8")
    if record is None:
        return found
    if record.scenario_id not in (None, session.scenario_id):
        found.append(f"the expert record is for {record.scenario_id}")
    if record.learner_turns not in (None, len(learner)):
        found.append(f"the expert record counts {record.learner_turns} learner turns, the session has {len(learner)}")
    if differ := set(record.criteria) ^ {c.id for c in scenario.rubric.criteria}:
        found.append(f"criteria scored differ from the rubric: {sorted(differ)}")
    if shape:  # (the second set cited the turns that came near a move it scored 0)
        found += [f"{cid}: a score of 0 cites no turn, any other at least one"
                  for cid, c in record.criteria.items() if (c.score == 0) != (not c.turns)]
    flagged = [*(record.flag_turns or {}).values(),
               *(f.turns for f in record.flags.values() if isinstance(f, FlagCount))]
    cited = {t for c in record.criteria.values() for t in c.turns} | {t for turns in flagged for t in turns}
    if cited - learner:
        found.append(f"cites turns that are not the learner's: {sorted(cited - learner)}")
    return found


def main() -> int:
    return set_checker.run(__doc__.splitlines()[0], "a set's folder (with sessions/ and its expert-scores file)",
                           problems, lambda folder: f"{len(list((folder / 'sessions').glob('*.json')))} sessions")


if __name__ == "__main__":
    sys.exit(main())
