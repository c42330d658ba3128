"""Build the openai client from Settings: OpenAI, any OpenAI-compatible server, or Azure OpenAI.

Retries (429, 5xx, timeouts, dropped connections before the reply starts) are the client's own: it
honours Retry-After, so coach never hand-writes a retry loop for them.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

import httpx
import openai

from coach.config import Settings
from coach.rehearsal.engines.base import EngineError

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


def make_client(settings: Settings) -> openai.AsyncOpenAI:
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
            return openai.AsyncAzureOpenAI(base_url=base_url(settings), api_version=settings.api_version, **common)
        endpoint = urlunsplit((url.scheme, url.netloc, "", "", ""))
        return openai.AsyncAzureOpenAI(
            azure_endpoint=endpoint, azure_deployment=settings.model, api_version=settings.api_version, **common
        )
    return openai.AsyncOpenAI(base_url=base_url(settings), **common)
