"""`coach doctor`: a model server checked end to end, the way coach will use it.

The steps run in order (the model list, a streamed reply, each structured-output mode); the first one
that makes the server unusable stops the check with a one-line fix, and the rows after it read "not
checked". Nothing is retried: the doctor reports what the server does, it does not wait it out.
"""

from __future__ import annotations

import asyncio
import difflib
import time
from dataclasses import dataclass, field

import openai
from pydantic import BaseModel

from coach.core.config import Settings
from coach.core.errors import EngineError
from coach.llm import faults, structured
from coach.llm.client import base_url, display_url, is_azure, make_client
from coach.llm.discover import LocalServer

OK, NO, WARN, FAIL, SKIP = "ok", "no", "warn", "FAIL", "-"
ROWS = ("reachable", "auth", "model listed", "streaming", "json_schema", "json_object", "plain", "first token",
        "speed", "coach will use")
MODE_ROWS = {structured.Mode.JSON_SCHEMA: "json_schema", structured.Mode.JSON_OBJECT: "json_object",
             structured.Mode.TEXT: "plain"}
PROBE_TIMEOUT = 10.0  # for a second guess at the URL (under /v1), never the server's only chance
STREAM_TOKENS = 64
PROBE_TOKENS = 100  # a small object; room for a small model's preamble too
COUNT = [{"role": "user", "content": "Count from 1 to 40, separated by spaces."}]


class Probe(BaseModel):
    word: str
    number: int


ANSWER_FAULTS = {"invalid-json": "not JSON", "invalid": "JSON without the fields asked for", "empty": "empty",
                 "truncated": "cut off at the length limit", "refusal": "a refusal"}
PROBE = [{"role": "system", "content": "You answer with one JSON object and nothing else."},
         {"role": "user", "content": 'Answer with the word "ready" and the number 3: {"word": ..., "number": ...}'}]


@dataclass
class Row:
    name: str
    status: str
    detail: str = ""


@dataclass
class Report:
    url: str
    model: str | None
    rows: list[Row] = field(default_factory=list)
    fix: str | None = None
    found: list[LocalServer] | None = None  # servers on this machine, when they were looked for

    @property
    def usable(self) -> bool:
        return self.fix is None and self.model is not None

    def add(self, name: str, status: str, detail: str = "") -> None:
        if not self.has(name):
            self.rows.append(Row(name, status, detail))

    def has(self, name: str) -> bool:
        return self.status(name) is not None

    def status(self, name: str) -> str | None:
        return next((r.status for r in self.rows if r.name == name), None)

    def lines(self) -> list[str]:
        width = max(len(name) for name in ROWS)
        return [f"  {r.name:<{width}}  {r.status:<4}  {r.detail}".rstrip() for r in self.rows]


class _Stop(Exception):
    """The server cannot be used; the message is the fix."""


async def check(settings: Settings) -> Report:
    settings = settings.model_copy(update={"max_retries": 0})
    report = Report(display_url(settings), settings.model)
    try:
        client = make_client(settings)
    except EngineError as exc:  # settings wrong before any request (e.g. Azure without an api_version)
        report.fix = exc.message
    else:
        try:
            await _steps(client, settings, report)
        except _Stop as stop:
            report.fix = faults.scrub(str(stop), settings)
        finally:
            await client.close()
    for name in ROWS:
        report.add(name, SKIP, "not checked")
    order = {name: i for i, name in enumerate(ROWS)}
    report.rows.sort(key=lambda r: order.get(r.name, len(ROWS)))
    for row in report.rows:
        row.detail = faults.scrub(row.detail, settings)
    return report


async def _steps(client: openai.AsyncOpenAI, settings: Settings, report: Report) -> None:
    listed = await _list(client, settings, report)
    if listed is not None:
        _listed(settings, report, listed)
    await _stream(client, settings, report)
    await _modes(client, settings, report)
    _uses(settings, report)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def _unreachable(exc: BaseException, settings: Settings, report: Report) -> _Stop:
    error = faults.from_exception(exc, settings)
    if error.kind not in ("connection", "timeout"):  # something answered, but not the way an API does
        report.add("reachable", OK, "answered")
        report.add("model listed", FAIL, "the answer was not a model list")
        return _Stop(f"{report.url} answered, but not as an OpenAI-compatible API: point --base-url at the API "
                     "root, usually ending in /v1 (Ollama: http://localhost:11434/v1).")
    said = error.message.lower()
    why = ("connection refused" if "refused" in said else "host not found" if "resolve" in said
           else "timed out" if error.kind == "timeout" else "no answer")
    report.add("reachable", FAIL, why)
    return _Stop(error.message)


def _auth(status: int, settings: Settings, report: Report) -> _Stop:
    report.add("auth", FAIL, f"HTTP {status}")
    if status == 403:
        return _Stop(f"The API key has no access to '{settings.model}' on {report.url} (403): check the key's "
                     "project or permissions, or choose another model.")
    if not settings.api_key:
        return _Stop(f"The server at {report.url} needs an API key (401): set OPENAI_API_KEY (or pass --api-key).")
    return _Stop(f"The server at {report.url} rejected the API key (401: wrong, revoked or expired): check "
                 "--api-key, OPENAI_API_KEY or api_key in the settings.")


async def _list(client: openai.AsyncOpenAI, settings: Settings, report: Report) -> list[str] | None:
    """The model names the server lists; None when it lists none coach can check against."""
    if is_azure(settings):
        report.add("model listed", SKIP, "Azure lists models, not deployments")
        return None
    models = client.models  # its module loads on first use: not part of the time measured
    started = time.perf_counter()
    try:
        page = await models.list()  # the reply timeout: a busy llama-cpp-python answers it after the reply
        names = [m.id for m in page.data]
    except openai.APIStatusError as exc:
        report.add("reachable", OK, f"HTTP {exc.status_code} for /models in {_ms(time.perf_counter() - started)}")
        if exc.status_code in (401, 403):
            raise _auth(exc.status_code, settings, report) from None
        if exc.status_code == 404 and not report.url.rstrip("/").endswith("/v1"):
            better = f"{report.url.rstrip('/')}/v1"
            if await _answers(client, base_url(settings) + "/v1"):
                report.add("model listed", FAIL, "no /models at this URL")
                raise _Stop(f"The API is under /v1: use --base-url {better}") from None
        report.add("model listed", WARN, f"the server does not list its models (HTTP {exc.status_code})")
        return None
    except Exception as exc:  # noqa: BLE001 - refused, timed out, not an API: said in words
        raise _unreachable(exc, settings, report) from None
    report.add("reachable", OK, f"answered in {_ms(time.perf_counter() - started)}")
    report.add("auth", OK, "key accepted" if settings.api_key else "no key needed")
    return names


async def _answers(client: openai.AsyncOpenAI, url: str) -> bool:
    try:
        await client.with_options(base_url=url).models.list(timeout=PROBE_TIMEOUT)
    except Exception:  # noqa: BLE001
        return False
    return True


def same_model(wanted: str, listed: str) -> bool:
    """Ollama answers to 'llama3.2' for 'llama3.2:latest'."""
    return wanted == listed or f"{wanted}:latest" == listed or wanted == f"{listed}:latest"


def _listed(settings: Settings, report: Report, names: list[str]) -> None:
    wanted = settings.model or ""
    if any(same_model(wanted, name) for name in names):
        report.add("model listed", OK, f"{wanted} ({len(names)} model{'s' if len(names) != 1 else ''} listed)")
        return
    report.add("model listed", FAIL, f"'{wanted}' is not among the {len(names)} listed")
    if not names:
        raise _Stop(f"The server at {report.url} lists no models: load or pull one first (Ollama: `ollama pull "
                    "llama3.2`), then pass its name with --model.")
    close = difflib.get_close_matches(wanted, names, n=3, cutoff=0.3) or names[:3]
    others = f" (or {', '.join(close[1:])})" if len(close) > 1 else ""
    raise _Stop(f"The server at {report.url} does not list the model '{wanted}': use one it lists, e.g. --model "
                f"{close[0]}{others}.")


async def _open(client: openai.AsyncOpenAI, settings: Settings, report: Report) -> tuple[object, float, bool]:
    """The streamed request as the counterpart sends it, adapted as it adapts; with its start time and
    whether stream_options (usage in the stream) was taken."""
    params: dict[str, object] = {"model": settings.model, "messages": COUNT, "stream": True, "temperature": 0,
                                 "stream_options": {"include_usage": True}, "max_tokens": STREAM_TOKENS}
    completions = client.chat.completions
    while True:
        started = time.perf_counter()
        try:
            response = await completions.create(**params)  # type: ignore[call-overload]
            return response, started, "stream_options" in params
        except openai.BadRequestError as exc:
            said = f"{faults.server_detail(exc)} {exc}".lower()
            if "max_completion_tokens" in said and "max_tokens" in params:
                params["max_completion_tokens"] = params.pop("max_tokens")
            elif "temperature" in said and "temperature" in params:
                params.pop("temperature")
            elif "stream_options" in params:
                params.pop("stream_options")
            else:
                raise _failed(exc, settings, report) from None
        except Exception as exc:  # noqa: BLE001
            raise _failed(exc, settings, report) from None


def _failed(exc: BaseException, settings: Settings, report: Report) -> _Stop:
    if not isinstance(exc, openai.APIStatusError):
        if not report.has("reachable"):  # the model list was skipped: this is the first request
            return _unreachable(exc, settings, report)
        return _broken(faults.from_exception(exc, settings), report)
    report.add("reachable", OK, f"HTTP {exc.status_code}")
    if exc.status_code in (401, 403):
        return _auth(exc.status_code, settings, report)
    report.add("auth", OK, "key accepted" if settings.api_key else "no key needed")
    error = faults.from_exception(exc, settings)
    if exc.status_code == 404:
        report.add("model listed", FAIL, "no such model (404)")
    return _broken(error, report)


def _broken(error: EngineError, report: Report) -> _Stop:
    report.add("streaming", FAIL, error.kind)
    return _Stop(error.message)


async def _stream(client: openai.AsyncOpenAI, settings: Settings, report: Report) -> None:
    response, started, usage_asked = await _open(client, settings, report)
    first: float | None = None
    pieces, shaped, usage, finish = 0, 0, None, None
    try:
        async for chunk in response:  # type: ignore[attr-defined]
            usage = getattr(chunk, "usage", None) or usage
            choices = getattr(chunk, "choices", None)
            if type(choices) is not list:
                continue
            shaped += 1
            for choice in choices[:1]:
                if getattr(getattr(choice, "delta", None), "content", None):
                    first = first or time.perf_counter()
                    pieces += 1
                finish = getattr(choice, "finish_reason", None) or finish
    except Exception as exc:  # noqa: BLE001
        raise _broken(faults.from_exception(exc, settings, during_stream=shaped > 0), report) from None
    end = time.perf_counter()
    if shaped == 0:
        report.add("streaming", FAIL, "the answer was not a stream")
        raise _Stop(f"The server at {report.url} answered without streaming; coach streams every reply: use a "
                    "server (or version) that supports \"stream\": true.")
    if finish is None:
        raise _broken(faults.dropped(settings), report)
    tokens = getattr(usage, "completion_tokens", None)
    counted = isinstance(tokens, int) and tokens > 0
    tokens = tokens if counted else pieces
    note = "" if counted else (" (no usage in the stream: coach counts tokens itself)" if not usage_asked
                               else " (counted as pieces: the server sent no usage)")
    report.add("streaming", OK if pieces else WARN, f"{tokens} tokens{note}" if pieces else "the reply was empty")
    report.add("first token", OK if first else SKIP, _ms(first - started) if first else "no text arrived")
    if first and end - first > 0 and tokens > 1:
        report.add("speed", OK, f"{(tokens - 1) / (end - first):.0f} tokens/s")
    else:
        report.add("speed", SKIP, "too few tokens to time")


async def _mode(client: openai.AsyncOpenAI, settings: Settings, mode: structured.Mode) -> tuple[str, str]:
    caps = structured.Capabilities(confirmed=mode)  # this mode alone, no ladder
    try:
        reply = await structured.complete(client, settings, caps, PROBE, Probe, name="coach_doctor",
                                          max_tokens=PROBE_TOKENS)
    except EngineError as exc:
        # structured raises "from None"; the server's own status is still the exception's context
        status = getattr(exc.__context__, "status_code", None)
        return NO, f"refused (HTTP {status})" if status else f"failed: {exc.kind}"
    try:
        structured.parse(reply, Probe)
    except structured.AnswerError as exc:
        return WARN, f"accepted, but this model's answer was {ANSWER_FAULTS.get(exc.kind, exc.kind)}"
    return OK, "valid JSON"


async def _modes(client: openai.AsyncOpenAI, settings: Settings, report: Report) -> None:
    results = await asyncio.gather(*(_mode(client, settings, mode) for mode in structured.LADDER))
    for mode, (status, detail) in zip(structured.LADDER, results):
        report.add(MODE_ROWS[mode], status, detail)


def _uses(settings: Settings, report: Report) -> None:
    taken = [m for m in structured.LADDER if report.status(MODE_ROWS[m]) in (OK, WARN)]
    if settings.resolved_engine == "offline":
        report.add("coach will use", WARN, "the offline counterpart: the engine is set to offline (set it to auto)")
        return
    judge = (f"model judge via {MODE_ROWS[taken[0]]}" if taken and settings.judge != "offline" else "offline judge")
    report.add("coach will use", OK, f"{settings.model} (streamed); {judge}")
