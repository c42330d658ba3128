"""Structured output that survives real servers: JSON answers validated with pydantic.

Servers differ in what they take. The ladder, best first:

1. ``response_format={"type": "json_schema", ...}`` with a strict schema generated from the pydantic model;
2. ``response_format={"type": "json_object"}``, with the schema written into the system prompt;
3. no response_format at all: the schema in the prompt and a tolerant parser (jiter, with code fences,
   prose around the object, trailing commas and a leading <think> block allowed for).

A server that rejects a mode (a 400 or 422, or the HTTP 500 one popular local server answers for
json_schema) is asked again one rung down, and a `Capabilities` object remembers what worked, so the rest
of the session goes straight to it. A rejection is only believed when a simpler mode then gets through: a
server that fails every request is reported as failing, not as lacking a feature. Parameters a server
refuses by name (`max_tokens` for `max_completion_tokens`, `temperature`) are adapted the same way.

Whatever the mode, the answer is parsed and validated here: servers ignore `minimum`/`maximum`, cut JSON
off at max_tokens, or wrap it in prose. A cut-off answer is used when every field made it; otherwise
`parse` turns each of those into an `AnswerError` whose message can be shown to the model when it is
asked again.
"""

from __future__ import annotations

import asyncio
import json
import re
import weakref
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, TypeVar

import jiter
import openai
from pydantic import BaseModel, ValidationError

from coach.core import prompts
from coach.core.config import Settings
from coach.core.errors import EngineError
from coach.llm import faults

T = TypeVar("T", bound=BaseModel)

SCHEMA_PROMPT = "structured_schema"


class Mode(str, Enum):
    JSON_SCHEMA = "json_schema"
    JSON_OBJECT = "json_object"
    TEXT = "text"


LADDER = (Mode.JSON_SCHEMA, Mode.JSON_OBJECT, Mode.TEXT)
# Statuses that, for a response_format request, mean "not this mode" rather than "not at all".
_MODE_REJECTIONS = {400, 422, 500, 501}


@dataclass
class Capabilities:
    """What one server accepts, learned as a session goes. Share one per client (`capabilities_for`)."""

    confirmed: Mode | None = None  # the mode that has worked
    rejected: set[Mode] = field(default_factory=set)
    rename_max_tokens: bool = False  # send max_completion_tokens instead of max_tokens
    omit: set[str] = field(default_factory=set)  # parameters the server refused
    served_models: set[str] = field(default_factory=set)  # model names the server said answered
    # How the model answers, for callers that pace themselves: the last answer's seconds, and whether its
    # answers were last found unusable (then a caller tries one request before sending many).
    answer_seconds: float | None = None
    answers_unusable: bool = False
    _probe: tuple[asyncio.AbstractEventLoop, asyncio.Lock] | None = field(default=None, repr=False)

    def candidates(self) -> list[Mode]:
        if self.confirmed is not None:
            return [self.confirmed]
        return [m for m in LADDER if m not in self.rejected] or [Mode.TEXT]

    def probe_lock(self) -> asyncio.Lock:
        # Until a mode is known to work, requests go one at a time, so concurrent callers do not all
        # try (and pay for) the mode the server is about to reject.
        # One lock per event loop: the capabilities of a server outlive one asyncio.run.
        loop = asyncio.get_running_loop()
        if self._probe is None or self._probe[0] is not loop:
            self._probe = (loop, asyncio.Lock())
        return self._probe[1]


_CAPABILITIES: weakref.WeakKeyDictionary[Any, Capabilities] = weakref.WeakKeyDictionary()
# What each server (base URL and model) took, for the life of the process: a new client for the same
# server (each scoring makes one) starts from what the last one learned instead of probing again.
_SERVERS: dict[tuple[str, str], Capabilities] = {}


def capabilities_for(client: Any, model: str | None = None) -> Capabilities:
    """The capability cache of one client, created on first use; given the model, shared by every client
    of the same server and model."""
    try:
        found = _CAPABILITIES.get(client)
    except TypeError:  # not weak-referenceable: no sharing, but still correct
        return Capabilities()
    if found is not None:
        return found
    url = getattr(client, "base_url", None)
    caps = _SERVERS.setdefault((str(url), model), Capabilities()) if model and url is not None else Capabilities()
    _CAPABILITIES[client] = caps
    return caps


def forget_servers() -> None:
    """Forget what every server took (tests; or after the user changes server settings)."""
    _SERVERS.clear()


@dataclass
class Reply:
    text: str
    finish_reason: str | None
    mode: Mode
    model: str | None = None  # the model the server says answered
    refusal: str | None = None
    prompt_tokens: int | None = None
    completion_tokens: int | None = None


class AnswerError(Exception):
    """An answer that cannot be used. `kind`: empty, refusal, truncated, invalid-json or invalid."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind
        self.message = message


# -- the schema ------------------------------------------------------------------------------------


def strict_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The model's JSON schema in the form strict structured output wants: every $ref inlined (some
    local servers cannot follow them), every property required, no additional properties, no titles or
    defaults. Property order is the model's field order, which is the order the model writes them in."""
    schema = model.model_json_schema()
    defs = schema.pop("$defs", {})

    def walk(node: Any) -> Any:
        if isinstance(node, list):
            return [walk(item) for item in node]
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            target = defs[node["$ref"].rsplit("/", 1)[-1]]
            node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key in ("title", "default"):
                continue
            if key == "properties":
                out[key] = {name: walk(sub) for name, sub in value.items()}
            else:
                out[key] = walk(value)
        if out.get("type") == "object" and "properties" in out:
            out["required"] = list(out["properties"])
            out["additionalProperties"] = False
        return out

    return walk(schema)


def response_format(mode: Mode, model: type[BaseModel], name: str) -> dict[str, Any] | None:
    if mode is Mode.JSON_SCHEMA:
        return {"type": "json_schema", "json_schema": {"name": name, "strict": True, "schema": strict_schema(model)}}
    if mode is Mode.JSON_OBJECT:
        return {"type": "json_object"}
    return None


def with_schema(messages: list[dict[str, Any]], mode: Mode, model: type[BaseModel]) -> list[dict[str, Any]]:
    """For json_object and plain text, the schema goes into the (first) system message: the server will
    not enforce it, so the model has to be told. The system message stays the same for every request
    that uses this schema, so servers can still cache it."""
    if mode is Mode.JSON_SCHEMA:
        return messages
    note = prompts.render(SCHEMA_PROMPT, schema=json.dumps(strict_schema(model), indent=1))
    out = [dict(m) for m in messages]
    for message in out:
        if message.get("role") == "system":
            message["content"] = f"{message['content'].rstrip()}\n\n{note}"
            return out
    return [{"role": "system", "content": note}, *out]


# -- the request -----------------------------------------------------------------------------------


async def complete(
    client: Any,
    settings: Settings,
    caps: Capabilities,
    messages: list[dict[str, Any]],
    model: type[BaseModel],
    *,
    name: str,
    max_tokens: int,
    temperature: float = 0.0,
    seed: int | None = None,
) -> Reply:
    """One chat completion in the best structured-output mode this server takes. Raises EngineError
    (from the faults module) when the server fails for reasons no mode can fix."""
    if caps.confirmed is None:
        async with caps.probe_lock():
            return await _ladder(client, settings, caps, messages, model, name, max_tokens, temperature, seed)
    return await _ladder(client, settings, caps, messages, model, name, max_tokens, temperature, seed)


async def _ladder(client: Any, settings: Settings, caps: Capabilities, messages: list[dict[str, Any]],
                  model: type[BaseModel], name: str, max_tokens: int, temperature: float,
                  seed: int | None = None) -> Reply:
    modes = caps.candidates()
    rejected_here: list[Mode] = []
    for position, mode in enumerate(modes):
        last = position == len(modes) - 1
        try:
            response = await _create(client, settings, caps, with_schema(messages, mode, model), mode, model,
                                     name, max_tokens, temperature, seed)
        except openai.APIStatusError as exc:
            if not last and _rejects_mode(exc, settings):
                caps.rejected.add(mode)
                rejected_here.append(mode)
                continue
            # The simpler mode failed too: the server is failing, not lacking a feature.
            caps.rejected.difference_update(rejected_here)
            raise faults.from_exception(exc, settings) from None
        except EngineError:
            caps.rejected.difference_update(rejected_here)
            raise
        except Exception as exc:  # noqa: BLE001 - timeouts, refused connections, unreadable replies
            caps.rejected.difference_update(rejected_here)
            raise faults.from_exception(exc, settings) from None
        caps.confirmed = mode
        return _reply(response, mode, caps)
    raise AssertionError("unreachable: the last mode either answers or raises")


def _params(settings: Settings, caps: Capabilities, messages: list[dict[str, Any]], mode: Mode,
            model: type[BaseModel], name: str, max_tokens: int, temperature: float,
            seed: int | None = None) -> dict[str, Any]:
    params: dict[str, Any] = {"model": settings.model, "messages": messages, "temperature": temperature}
    if seed is not None:
        params["seed"] = seed
    params["max_completion_tokens" if caps.rename_max_tokens else "max_tokens"] = max_tokens
    fmt = response_format(mode, model, name)
    if fmt is not None:
        params["response_format"] = fmt
    for key in caps.omit:
        params.pop(key, None)
    return params


async def _create(client: Any, settings: Settings, caps: Capabilities, messages: list[dict[str, Any]], mode: Mode,
                  model: type[BaseModel], name: str, max_tokens: int, temperature: float,
                  seed: int | None = None) -> Any:
    """Send the request, adapting parameters the server refuses by name (remembered in `caps`)."""
    for _ in range(4):
        params = _params(settings, caps, messages, mode, model, name, max_tokens, temperature, seed)
        try:
            return await client.chat.completions.create(**params)
        except openai.BadRequestError as exc:
            said = f"{faults.server_detail(exc)} {exc}".lower()
            if "max_tokens" in said and "max_completion_tokens" in said and not caps.rename_max_tokens:
                caps.rename_max_tokens = True
            elif "temperature" in said and "temperature" not in caps.omit:
                caps.omit.add("temperature")  # e.g. reasoning models take only their default
            elif "seed" in said and seed is not None and "seed" not in caps.omit:
                caps.omit.add("seed")
            else:
                raise
    return await client.chat.completions.create(**_params(settings, caps, messages, mode, model, name, max_tokens,
                                                          temperature, seed))


def _rejects_mode(exc: openai.APIStatusError, settings: Settings) -> bool:
    if exc.status_code not in _MODE_REJECTIONS:
        return False
    kind = faults.from_exception(exc, settings).kind
    return kind not in ("context-length", "content-filter")


def _reply(response: Any, mode: Mode, caps: Capabilities) -> Reply:
    choices = getattr(response, "choices", None) or []
    choice = choices[0] if choices else None
    message = getattr(choice, "message", None)
    served = getattr(response, "model", None)
    if isinstance(served, str) and served:
        caps.served_models.add(served)
    usage = getattr(response, "usage", None)
    return Reply(
        text=(getattr(message, "content", None) or "") if message is not None else "",
        finish_reason=getattr(choice, "finish_reason", None),
        mode=mode,
        model=served if isinstance(served, str) else None,
        refusal=getattr(message, "refusal", None) if message is not None else None,
        prompt_tokens=getattr(usage, "prompt_tokens", None),
        completion_tokens=getattr(usage, "completion_tokens", None),
    )


# -- the answer ------------------------------------------------------------------------------------

# jiter (pydantic's parser, which openai installs) reads the JSON. What it will not tolerate, prose after
# the object and trailing commas, is repaired where its error points, so braces and commas inside strings
# are never taken for structure.
MAX_ANSWER_CHARS = 50_000  # far above the judge's 4,000-token re-ask; a server ignoring max_tokens is not read whole
_MAX_STARTS = 16  # `{`s tried as the start of the object: prose may hold a brace or two, not hundreds
_MAX_REPAIRS = 64  # trailing commas dropped (and one cut) per start: bounds the work on hostile text
_THINK = re.compile(r"^\s*<think>.*?</think>", re.S | re.I)
_AT = re.compile(r" at line (\d+) column (\d+)$")
_UNCLOSED = "the JSON object is not closed"


def _offset(data: bytes, error: str) -> int | None:
    """The byte a jiter error points at (its lines and columns count bytes from 1)."""
    found = _AT.search(error)
    if found is None:
        return None
    start = 0
    for _ in range(int(found[1]) - 1):
        start = data.find(b"\n", start) + 1
        if start == 0:
            return None
    return start + int(found[2]) - 1


def _load(data: bytes, partial: bool) -> dict[str, Any] | str:
    """The object `data` starts with, or why there is none. An unclosed object is read as far as it goes
    when `partial` ("on": a string cut mid-way is dropped, so a half-written field counts as missing)."""
    for _ in range(_MAX_REPAIRS):
        try:  # keys only in jiter's string cache: the values are one-off model text
            return jiter.from_json(data, allow_inf_nan=False, cache_mode="keys")
        except ValueError as exc:
            error = str(exc)
        where = _offset(data, error)
        if error.startswith("EOF"):
            if not partial:
                return _UNCLOSED
            try:
                return jiter.from_json(data, allow_inf_nan=False, cache_mode="keys", partial_mode="on")
            except ValueError as exc:
                return str(exc)
        if where is None:
            return error
        if error.startswith("trailing characters"):  # prose, a fence or a second object after this one
            data = data[:where]
        elif error.startswith("trailing comma"):  # points at the bracket after the comma
            comma = data.rfind(b",", 0, where)
            if comma == -1:
                return error
            data = data[:comma] + data[comma + 1 :]
        else:
            return error
    return error


def extract_json(text: str, *, partial: bool = False) -> dict[str, Any]:
    """The first JSON object in a model's answer, tolerating code fences, prose around it, trailing commas
    and, when `partial` (the answer was cut off), an object that is never closed.
    Raises AnswerError('invalid-json') when there is none."""
    data = _THINK.sub("", text)[:MAX_ANSWER_CHARS].encode("utf-8", "replace")
    first: str | None = None
    start = data.find(b"{")
    for _ in range(_MAX_STARTS):
        if start == -1:
            break
        found = _load(data[start:], partial)
        if isinstance(found, dict):
            return found
        first = first or found
        if found == _UNCLOSED:
            break  # every later `{` is inside the unclosed object
        start = data.find(b"{", start + 1)
    raise AnswerError("invalid-json", f"the answer was not a valid JSON object ({first or 'no JSON object found'})")


def describe(exc: ValidationError) -> str:
    """A validation error in words a model (and a person) can act on."""
    parts = []
    for err in exc.errors(include_url=False)[:4]:
        where = ".".join(str(p) for p in err["loc"]) or "the answer"
        kind = err["type"]
        if kind == "missing":
            parts.append(f"the field '{where}' is missing")
        elif kind in ("less_than_equal", "greater_than_equal", "less_than", "greater_than"):
            ctx = err.get("ctx") or {}
            low, high = ctx.get("ge", ctx.get("gt")), ctx.get("le", ctx.get("lt"))
            bound = f"at most {high}" if high is not None else f"at least {low}"
            parts.append(f"'{where}' must be {bound} (got {err.get('input')!r})")
        else:
            parts.append(f"'{where}': {err['msg']} (got {str(err.get('input'))[:60]!r})")
    return "; ".join(parts)


def parse(reply: Reply, model: type[T]) -> T:
    """The reply as a validated `model`, or an AnswerError saying what was wrong with it."""
    if reply.refusal:
        raise AnswerError("refusal", f"the model refused: {reply.refusal[:200]}")
    if not reply.text.strip():
        if reply.finish_reason == "length":
            raise AnswerError("truncated", "the answer was cut off at the length limit before any JSON was written")
        raise AnswerError("empty", "the answer was empty")
    cut = reply.finish_reason == "length"
    try:  # a cut-off answer is read as far as it goes: if every field is there, it is usable
        data = extract_json(reply.text, partial=cut)
    except AnswerError as exc:
        if cut:
            raise AnswerError("truncated", "the answer was cut off at the length limit before the JSON was "
                              "complete") from None
        raise exc from None
    fields = set(model.model_fields)
    if not fields & set(data) and len(data) == 1:  # {"answer": {...}}: unwrap one level
        inner = next(iter(data.values()))
        if isinstance(inner, dict):
            data = inner
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        if cut:
            raise AnswerError("truncated", "the answer was cut off at the length limit (" + describe(exc) + ")") from None
        raise AnswerError("invalid", describe(exc)) from None
