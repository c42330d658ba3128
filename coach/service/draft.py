"""`coach new ID --describe "..."`: a model drafts a whole scenario, coach validates it and has it repaired.

The model answers JSON in the shape of the scenario model (structured output, with the usual fallbacks).
Nothing it sends is trusted: the object is written as TOML and checked by the loader `coach validate` uses,
from a file, so every problem is the `file:line: field: message` an author would see. Those problems go
back to the model, up to ROUNDS times. Only a draft that validates becomes ID.toml; otherwise the last
draft is kept beside it as ID.draft.toml, with its problems, for a person to finish.
"""

from __future__ import annotations

import dataclasses
import json
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coach.core import prompts
from coach.core.config import Settings
from coach.core.errors import EngineError
from coach.llm import client as llm_client
from coach.llm import structured
from coach.scenario.criteria import CriteriaLibrary
from coach.scenario.loader import ScenarioFile, load_scenario, read_toml
from coach.scenario.problems import Problem
from coach.service import draft_text
from coach.service.check import CheckResult, check_scenario

ROUNDS = 3  # repair requests after the first draft
MAX_TOKENS = 8000  # a full scenario is 4,000-6,000 tokens of JSON
DRAFT_TEMPERATURE = 0.7  # some invention for the first draft
REPAIR_TEMPERATURE = 0.2  # a repair should change what was wrong, not rewrite the rest
MIN_TIMEOUT = 300.0  # one long answer, not a streamed reply: the reply timeout would cut it off
MAX_ECHO = 4000  # characters of an unusable answer shown back to the model
SCHEMA_NAME = "scenario"
CUT_OFF = ("your answer was cut off at the length limit: keep to two or three short lines per list and a "
           "short paragraph per prose field, so the whole object fits")


@dataclass
class Drafted:
    """What drafting came to. `path` is the file written (the scenario, or the draft beside it), None when
    the model never sent anything that could be written."""

    valid: bool
    path: Path | None = None
    problems: list[Problem] = field(default_factory=list)
    requests: int = 0
    error: str | None = None  # the server failed, or never sent a usable object: why
    item: ScenarioFile | None = None
    check: CheckResult | None = None


@dataclass
class _Attempt:
    toml: str | None  # the draft as the file it would be, or None when the answer was not an object
    problems: list[Problem]
    echo: str  # what the model is shown of its own answer
    note: str | None = None  # what is wrong with the answer itself (refused, not JSON, cut off)


def draft_path(out: Path) -> Path:
    return out.with_name(f"{out.name.removesuffix('.toml')}.draft.toml")


def validate_text(text: str, library: CriteriaLibrary, display: str) -> list[Problem]:
    """What `coach validate` says about a file with this text, named `display` in each problem."""
    from coach.moves.custom import example_problems

    with tempfile.TemporaryDirectory(prefix="coach-draft-") as folder:
        path = Path(folder) / "draft.toml"
        path.write_text(text, encoding="utf-8")
        item, problems = load_scenario(path, library, display)
        if item is not None and item.scenario.rubric.custom:
            parsed = read_toml(path, display)
            problems += [parsed.problem(loc, msg) for loc, msg in example_problems(item.scenario.rubric.custom)]
    return sorted(problems)


def review(reply: structured.Reply, scenario_id: str, library: CriteriaLibrary, display: str, head: str) -> _Attempt:
    """One answer from the model, as a draft file and its problems."""
    if reply.refusal:
        return _Attempt(None, [], "(refused)", f"the model refused: {reply.refusal[:200]}")
    cut = reply.finish_reason == "length"
    try:
        answer = structured.extract_json(reply.text, partial=cut)
        data = draft_text.scenario_data(answer, scenario_id)
        text = draft_text.to_toml(data, head)
    except structured.AnswerError as exc:
        note = CUT_OFF if cut else ("the answer was empty" if not reply.text.strip() else exc.message)
        return _Attempt(None, [], reply.text[:MAX_ECHO] or "(no answer)", note)
    except ValueError as exc:
        return _Attempt(None, [], reply.text[:MAX_ECHO], str(exc))
    echo = json.dumps(data, ensure_ascii=False)
    return _Attempt(text, validate_text(text, library, display), echo, CUT_OFF if cut else None)


def repair_message(attempt: _Attempt) -> str:
    lines = [f"- {p.field}: {p.message}" for p in attempt.problems]
    if attempt.note:
        lines.insert(0, f"- (the answer): {attempt.note}")
    return prompts.render("scenario_repair", problems="\n".join(lines)).strip()


async def draft_scenario(
    scenario_id: str,
    description: str,
    settings: Settings,
    library: CriteriaLibrary,
    out: Path,
    *,
    timeout: float | None = None,
    client: Any = None,
    notice: Callable[[str], None] | None = None,
) -> Drafted:
    """Draft `scenario_id` from `description` with the model in `settings` and write it to `out` (or, when
    it never validates, to the draft beside it). `timeout` overrides the reply timeout, which is otherwise
    raised to MIN_TIMEOUT. `notice` hears about each round and the client's waits."""
    say = notice or (lambda _text: None)
    settings = settings.model_copy(update={"timeout": timeout or max(settings.timeout, MIN_TIMEOUT)})
    own = client is None
    try:
        client = client or llm_client.make_client(settings, notice=notice)
    except EngineError as exc:
        return Drafted(valid=False, error=exc.message)
    caps = structured.capabilities_for(client, settings.model)
    start = [{"role": "system", "content": draft_text.system_prompt(library)},
             {"role": "user", "content": draft_text.task_prompt(scenario_id, description)}]
    messages, display, head = start, str(out), draft_text.header(settings.model or "", description, valid=True)
    result = Drafted(valid=False)
    best = attempt = None
    try:
        for round_ in range(1 + ROUNDS):
            if attempt is not None:
                what = (f"the draft has {len(attempt.problems)} problem(s)" if attempt.problems
                        else f"the answer could not be used ({attempt.note})")
                say(f"round {round_ + 1} of {1 + ROUNDS}: {what}; asking the model to fix it")
            try:
                reply = await structured.complete(
                    client, settings, caps, messages, draft_text.DraftScenario, name=SCHEMA_NAME,
                    max_tokens=MAX_TOKENS,
                    temperature=REPAIR_TEMPERATURE if round_ else DRAFT_TEMPERATURE)
            except EngineError as exc:
                result.error = exc.message
                if exc.kind == "context-length":  # its advice (a smaller context_budget) is for rehearsals
                    result.error = (f"'{settings.model}' cannot hold a whole scenario: drafting one needs a "
                                    "context of about 16,000 tokens (the instructions, the format and room for "
                                    f"the draft). Use a model with a longer context. ({exc.message})")
                break
            result.requests += 1
            attempt = review(reply, scenario_id, library, display, head)
            if attempt.toml is not None:
                best = attempt
                if not attempt.problems:
                    break
            shown = attempt
            if attempt.toml is None and best is not None:  # build on the last usable draft, not start again
                shown = dataclasses.replace(best, note=f"your last answer could not be used ({attempt.note}); "
                                            "this was your last usable draft")
            # Only the latest exchange is sent: the context stays one draft long however many rounds it takes.
            messages = [*start, {"role": "assistant", "content": shown.echo},
                        {"role": "user", "content": repair_message(shown)}]
    finally:
        if own:
            await client.close()
    if best is None and result.error is None:
        result.error = ("the model never sent a scenario that could be written"
                        + (f" (last: {attempt.note})" if attempt is not None and attempt.note else ""))
    return await _finish(result, best, out, library, settings, description)


async def _finish(result: Drafted, best: _Attempt | None, out: Path, library: CriteriaLibrary,
                  settings: Settings, description: str) -> Drafted:
    if best is None:
        return result
    if not best.problems:
        with out.open("x", encoding="utf-8") as file:  # "x": never over a file made while the model wrote
            file.write(best.toml or "")
        result.valid, result.path = True, out
        result.item, _ = load_scenario(out, library, str(out))
        if result.item is not None:
            result.check = await check_scenario(result.item, library)
        return result
    path = draft_path(out)
    head = draft_text.header(settings.model or "", description, valid=False)
    text = head + (best.toml or "").split("\n", 2)[2]  # the same two header lines, so line numbers hold
    path.write_text(text, encoding="utf-8")
    result.path = path
    result.problems = [dataclasses.replace(p, path=str(path)) for p in best.problems]
    return result
