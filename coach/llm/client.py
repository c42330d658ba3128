"""Build the openai client from Settings: OpenAI, any OpenAI-compatible server, or Azure OpenAI.

Retries (429, 5xx, timeouts, dropped connections before the reply starts) are the client's own: it
honours Retry-After, so coach never hand-writes a retry loop for them. Coach only bounds the waiting:
all the waits of one request together stay within `max_retry_wait` seconds, a server that asks for
longer is not retried (the error says how long it asked for), and each wait is announced ("rate
limited; waiting 5 s") to whoever listens: the `notice` given to `make_client`.
"""

from __future__ import annotations

import contextvars
import email.utils
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx
import openai

from coach.core.config import Settings
from coach.core.errors import EngineError

Notice = Callable[[str], None]
# A front end (the CLI) sets this to hear about waits in whatever runs under it.

DEFAULT_BASE_URL = "https://api.openai.com/v1"
# Local servers (Ollama, llama.cpp, vLLM, LM Studio) want no key, but the client insists on one.
PLACEHOLDER_KEY = "not-needed"


def base_url(settings: Settings) -> str:
    return (settings.base_url or DEFAULT_BASE_URL).rstrip("/")


def display_url(settings: Settings) -> str:
    """The base URL as it may be shown: no user:password@, no query string."""
    parts = urlsplit(base_url(settings))
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, "", "")) or base_url(settings)


def is_azure(settings: Settings) -> bool:
    host = (urlsplit(base_url(settings)).hostname or "").lower()
    return host.endswith(".openai.azure.com")


def _azure_v1(settings: Settings) -> bool:
    """Azure's newer /openai/v1 endpoint speaks plain OpenAI (no api-version, no deployment path)."""
    return "/openai/v1" in urlsplit(base_url(settings)).path


def api_key(settings: Settings) -> str:
    return settings.api_key.get_secret_value() if settings.api_key else PLACEHOLDER_KEY


def check(settings: Settings) -> None:
    """Settings problems that can be reported before any request."""
    if not settings.model:
        raise EngineError("config", "No model is set: pass --model or set COACH_MODEL.", retryable=False)
    url = urlsplit(base_url(settings))
    if url.scheme not in ("http", "https") or not url.hostname:
        raise EngineError(
            "config",
            f"The base URL {display_url(settings)!r} is not an http(s) URL, e.g. http://localhost:11434/v1.",
            retryable=False,
        )
    if is_azure(settings) and not _azure_v1(settings) and not settings.api_version:
        raise EngineError(
            "config",
            "Azure OpenAI needs an API version: set api_version in the settings (e.g. '2024-10-21'), "
            "or use the endpoint's /openai/v1 URL.",
            retryable=False,
        )


def retry_after_seconds(headers: httpx.Headers | None) -> float | None:
    """The wait a server asks for (retry-after-ms, or Retry-After in seconds or as a date), or None."""
    if headers is None:
        return None
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        value = headers.get(name)
        if value is None:
            continue
        try:
            seconds = float(value) * scale
        except ValueError:
            parsed = email.utils.parsedate_tz(value)
            if parsed is None:
                continue
            seconds = email.utils.mktime_tz(parsed) - time.time()
        if not math.isfinite(seconds):
            continue
        return max(0.0, seconds)
    return None


def seconds_text(seconds: float) -> str:
    """A wait as a person reads it: '0.3 s', '5 s', '2 min'."""
    if seconds < 1:
        return f"{max(seconds, 0.1):.1f} s"
    if seconds < 90:
        return f"{math.ceil(seconds)} s"
    return f"{round(seconds / 60)} min"


@dataclass
class _Waits:
    """The waiting done for one request (all its retries)."""

    waited: float = 0.0
    status: int | None = None  # the status of the response about to be retried
    refused: float | None = None  # a Retry-After longer than the time left, so not retried


_REQUEST: contextvars.ContextVar[_Waits | None] = contextvars.ContextVar("coach_request_waits", default=None)


class _BoundedWaits:
    """Mixed into the openai clients: their own retries, with the waiting bounded and announced.

    The client's retry loop runs inside `request`, in one task, so a context variable set there holds
    the waiting of exactly that request, even with several requests in flight."""

    _coach_max_wait: float = 20.0
    _coach_notice: Notice | None = None

    async def request(self, *args: Any, **kwargs: Any) -> Any:
        waits = _Waits()
        token = _REQUEST.set(waits)
        try:
            return await super().request(*args, **kwargs)  # type: ignore[misc]
        except openai.APIError as exc:
            exc.coach_waited = waits.waited  # type: ignore[attr-defined]
            exc.coach_refused_wait = waits.refused  # type: ignore[attr-defined]
            raise
        finally:
            _REQUEST.reset(token)

    def _left(self) -> float:
        waits = _REQUEST.get()
        return max(0.0, self._coach_max_wait - (waits.waited if waits else 0.0))

    def _should_retry(self, response: httpx.Response) -> bool:
        waits = _REQUEST.get()
        asked = retry_after_seconds(response.headers)
        left = self._left()
        if asked is not None and asked > left:
            if waits is not None:
                waits.refused = asked
            return False  # fail now, saying how long the server asked for, rather than hang
        retry = super()._should_retry(response)  # type: ignore[misc]
        if retry and waits is not None:
            waits.status = response.status_code
        return retry

    def _calculate_retry_timeout(self, remaining_retries: int, options: Any, response_headers: Any = None) -> float:
        wait = super()._calculate_retry_timeout(remaining_retries, options, response_headers)  # type: ignore[misc]
        wait = max(0.0, min(wait, self._left()))
        waits = _REQUEST.get()
        status = None
        if waits is not None:
            waits.waited += wait
            status, waits.status = waits.status, None
        try:
            total = options.get_max_retries(self.max_retries)  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001
            total = remaining_retries
        self._coach_tell(status, wait, total - remaining_retries + 1, total)
        return wait

    def _coach_tell(self, status: int | None, wait: float, attempt: int, total: int) -> None:
        notice = self._coach_notice
        if notice is None:
            return
        if status == 429:
            what = "rate limited (429)"
        elif status is not None:
            what = f"the server answered {status}"
        else:
            what = "no answer from the server"
        try:
            notice(f"{what}; waiting {seconds_text(wait)} before retry {attempt} of {total}")
        except Exception:  # noqa: BLE001 - a notice must never break the request
            pass


class CoachAsyncOpenAI(_BoundedWaits, openai.AsyncOpenAI):
    pass


class CoachAsyncAzureOpenAI(_BoundedWaits, openai.AsyncAzureOpenAI):
    pass


def make_client(settings: Settings, notice: Notice | None = None) -> openai.AsyncOpenAI:
    check(settings)
    common = dict(
        api_key=api_key(settings),
        timeout=httpx.Timeout(settings.timeout, connect=settings.connect_timeout),
        max_retries=settings.max_retries,
    )
    if is_azure(settings) and not _azure_v1(settings):
        url = urlsplit(base_url(settings))
        path = url.path.rstrip("/")
        if "/openai/deployments/" in path:  # the full deployment URL was given: use it as it is
            client: _BoundedWaits = CoachAsyncAzureOpenAI(
                base_url=base_url(settings), api_version=settings.api_version, **common)
        else:
            endpoint = urlunsplit((url.scheme, url.netloc, "", "", ""))
            client = CoachAsyncAzureOpenAI(
                azure_endpoint=endpoint, azure_deployment=settings.model, api_version=settings.api_version, **common
            )
    else:
        client = CoachAsyncOpenAI(base_url=base_url(settings), **common)
    client._coach_max_wait = settings.max_retry_wait
    client._coach_notice = notice
    return client  # type: ignore[return-value]


def ready_client(settings: Settings, notice: Notice | None = None) -> openai.AsyncOpenAI:
    """A client with what its first request needs already loaded: openai imports its resources (about a
    third of a second) on first use, and httpx's connection pool anyio's asyncio backend. Call it in a
    thread, not on an event loop; the client is bound to no loop until it sends."""
    import anyio

    client = make_client(settings, notice)
    client.chat.completions  # noqa: B018 - the attribute access is the load
    anyio.run(anyio.sleep, 0)  # a moment on the asyncio backend loads it
    return client
