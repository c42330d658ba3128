"""Every way a model request can fail, as an EngineError with a specific message the learner can act on.

Messages name the server (without credentials) and the model, say what to do next, and never carry the
API key: each one is scrubbed of it, even when a server echoes the key back in its error body.
"""

from __future__ import annotations

import base64
import html
import json
import re
from typing import Any

import httpx
import openai

from coach.core.config import Settings
from coach.core.errors import EngineError
from coach.core.text_safety import clean
from coach.llm.client import display_url, retry_after_seconds, seconds_text

# Things that look like API keys, in case a server echoes one that is not ours (or a mangled ours).
_KEYLIKE = re.compile(r"\b(?:sk|rk|pk|key|ak)[-_][A-Za-z0-9_\-*]{12,}|\bBearer\s+\S+", re.I)
_DETAIL_MAX = 240
HIDDEN = "[api key hidden]"
MIN_KEY_PIECE = 6  # any run of this many characters of the key, or more, is hidden


def scrub(text: str, settings: Settings | None) -> str:
    """Remove the API key (and anything key-like) from text meant for a person: the whole key, and any
    run of MIN_KEY_PIECE or more characters of it (servers echo parts of a key: its tail, its middle),
    in any case, spaced out ("s k - 1 2 3"), or encoded (base64 in either alphabet, at any alignment, as
    in a Basic auth header; hex), each longest run hidden as one, so no fragment is left beside the mark."""
    if settings is not None and settings.api_key:
        secret = settings.api_key.get_secret_value()
        if secret:
            text = _hide_key(text, secret)
    return _KEYLIKE.sub(HIDDEN, text)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")  # keeps lengths
_SEPARATORS = set(" \t\r\n\u00a0\u200b.,;:|/\\·•*'\"`-_+")
MIN_ENCODED_PIECE = 8  # an encoded run this long, or more, of the key is hidden
MIN_SPACED_PIECE = 8  # as many characters of the key, with separators between them


def _hide_key(text: str, secret: str) -> str:
    hidden = [False] * len(text)
    lowered, key = text.translate(_ASCII_LOWER), secret.translate(_ASCII_LOWER)
    _mark(lowered, key, hidden, MIN_KEY_PIECE)
    for form in _encoded(secret):
        _mark(text, form, hidden, MIN_ENCODED_PIECE)
    # Spaced out: the text without separators the key does not use, each kept character's position noted.
    gaps = _SEPARATORS - set(key)
    where = [i for i, ch in enumerate(lowered) if ch not in gaps and not ch.isspace()]
    squeezed = "".join(lowered[i] for i in where)
    spaced = [False] * len(squeezed)
    _mark(squeezed, key, spaced, MIN_SPACED_PIECE)
    start = None
    for j, flag in enumerate([*spaced, False]):
        if flag and start is None:
            start = j
        elif not flag and start is not None:
            for i in range(where[start], where[j - 1] + 1):
                hidden[i] = True
            start = None
    if not any(hidden):
        return text
    out: list[str] = []
    for i, ch in enumerate(text):
        if not hidden[i]:
            out.append(ch)
        elif i == 0 or not hidden[i - 1]:
            out.append(HIDDEN)
    return "".join(out)


def _encoded(secret: str) -> set[str]:
    """The key as servers and proxies may echo it encoded: base64 (standard and URL-safe) at each of the
    three alignments it can have inside a longer encoded value, without the characters it shares with
    its neighbours; and hex."""
    raw = secret.encode("utf-8")
    forms = {raw.hex(), raw.hex().upper()}
    for shift in range(3):
        encoded = base64.b64encode(b"\0" * shift + raw).decode("ascii").rstrip("=")
        core = encoded[(shift * 4 + 2) // 3 : -2]  # the first and last characters mix in the neighbours' bits
        forms |= {core, core.replace("+", "-").replace("/", "_")}
    return {f for f in forms if len(f) >= MIN_ENCODED_PIECE}


def _mark(text: str, secret: str, hidden: list[bool], size: int) -> None:
    """Mark in `hidden` every run of `size` or more characters of `text` that is a piece of `secret`."""
    size = min(size, len(secret))
    seeds = {secret[i : i + size] for i in range(len(secret) - size + 1)}
    for start in range(len(text) - size + 1):
        if text[start : start + size] not in seeds:
            continue
        end = start + size
        while end < len(text) and text[start : end + 1] in secret:
            end += 1
        for i in range(start, end):
            hidden[i] = True


_TAG = re.compile(r"<[^>]*>")
_TITLE = re.compile(r"<(title|h1)\b[^>]*>(.*?)</\1\s*>", re.I | re.S)
_DROP = re.compile(r"<(script|style|head)\b[^>]*>.*?</\1\s*>", re.I | re.S)
_HTML = re.compile(r"<\s*(?:!doctype|html|head|body|title|h1|div|p|center|pre|br)\b", re.I)


def plain(text: str, limit: int = _DETAIL_MAX) -> str:
    """Server text as one short line for a terminal: an HTML page becomes its title (or its text
    without tags), runs of whitespace one space, and anything long is cut with an ellipsis."""
    if _HTML.search(text):
        title = next((" ".join(html.unescape(_TAG.sub(" ", m.group(2))).split()) for m in _TITLE.finditer(text)
                      if m.group(2).strip()), "")
        text = title or html.unescape(_TAG.sub(" ", _DROP.sub(" ", text)))
        limit = min(limit, 120)
    text = " ".join(text.split())
    return text[:limit].rstrip() + "…" if len(text) > limit else text


def fail(kind: str, message: str, settings: Settings | None, *, retryable: bool = True,
         retry_after: float | None = None) -> EngineError:
    # A server's words end up on a terminal: no escape sequence in them survives.
    return EngineError(kind, scrub(clean(message), settings), retryable=retryable, retry_after=retry_after)


def server_detail(exc: openai.APIStatusError | openai.APIError) -> str:
    """The server's own explanation, short, from the JSON error body (or the text of the response)."""
    body: Any = getattr(exc, "body", None)
    message = ""
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict):
            message = str(inner.get("message") or inner.get("detail") or "")
        elif isinstance(inner, str):
            message = inner
        if not message and isinstance(body.get("detail"), str):
            message = body["detail"]
    elif isinstance(body, str):
        message = body
    if not message:
        response = getattr(exc, "response", None)
        try:
            message = response.text if response is not None else ""
        except Exception:  # noqa: BLE001 - a streamed body that was never read
            message = ""
    return plain(message)


def _code(exc: openai.APIError) -> str:
    code = getattr(exc, "code", None)
    if not code and isinstance(getattr(exc, "body", None), dict):
        inner = exc.body.get("error", exc.body)  # type: ignore[union-attr]
        code = inner.get("code") or inner.get("type") if isinstance(inner, dict) else None
    return str(code or "")


def _when(seconds: float | None) -> str:
    if seconds is None:
        return "Wait a minute, then try again."
    if seconds < 1.5:
        return "Try again in a second or two."
    if seconds < 90:
        return f"Try again in about {round(seconds)} seconds."
    return f"Try again in about {round(seconds / 60)} minutes."


def _retried(settings: Settings) -> str:
    n = settings.max_retries
    return f" (after {n} automatic {'retry' if n == 1 else 'retries'})" if n else ""


def _with_detail(message: str, detail: str) -> str:
    return f"{message} The server said: {detail}" if detail else message


def from_exception(exc: BaseException, settings: Settings, *, during_stream: bool = False) -> EngineError:
    """Map an exception from the openai client (or httpx, or the SSE decoder) to an EngineError."""
    url = display_url(settings)
    model = settings.model or "(no model)"
    if isinstance(exc, EngineError):
        return exc
    if isinstance(exc, openai.APIStatusError):
        return _from_status(exc, settings, url, model)
    if isinstance(exc, openai.APITimeoutError) or isinstance(exc, httpx.TimeoutException):
        cause = exc.__cause__ if isinstance(exc, openai.APITimeoutError) else exc
        if isinstance(cause, httpx.ConnectTimeout) or isinstance(exc, httpx.ConnectTimeout):
            return fail("timeout", f"Could not connect to {url} within {settings.connect_timeout:g} s{_retried(settings)}. "
                        "Check the server is up and the base URL is right, or raise connect_timeout.", settings)
        if during_stream:
            return fail("dropped", f"The reply from {url} stalled part-way for more than {settings.timeout:g} s; "
                        "what arrived is kept. Retry to get a full reply.", settings)
        return fail("timeout", f"No reply from {url} within {settings.timeout:g} s{_retried(settings)}. The server "
                    f"may be busy or still loading the model '{model}'; try again, or raise timeout in the settings.",
                    settings)
    if isinstance(exc, openai.APIConnectionError) or isinstance(exc, httpx.TransportError):
        cause = exc.__cause__ if isinstance(exc, openai.APIConnectionError) else exc
        return _connection(cause, exc, settings, url, during_stream)
    if isinstance(exc, (json.JSONDecodeError, UnicodeDecodeError, openai.APIResponseValidationError)):
        return fail("malformed", f"The server at {url} sent a reply coach could not read ({_short(exc)}). "
                    "Is it an OpenAI-compatible /v1 endpoint that supports streaming?", settings)
    if isinstance(exc, openai.APIError):  # an error event inside the stream, with no HTTP status
        detail = server_detail(exc) or _short(exc)
        return fail("server", f"The server at {url} reported an error part-way through the reply: {detail}", settings)
    if isinstance(exc, openai.OpenAIError):
        return fail("config", f"The model client could not start: {_short(exc)}", settings, retryable=False)
    return fail("unexpected", f"Unexpected failure talking to {url}: {type(exc).__name__}: {_short(exc)}", settings)


def _short(exc: BaseException) -> str:
    return plain(str(exc)) or type(exc).__name__


def _chain(exc: BaseException | None) -> list[BaseException]:
    """The exception and everything behind it (causes and contexts), without looping."""
    seen: list[BaseException] = []
    while exc is not None and all(exc is not s for s in seen) and len(seen) < 20:
        seen.append(exc)
        exc = exc.__cause__ or exc.__context__
    return seen


def _connection(cause: BaseException | None, exc: BaseException, settings: Settings, url: str,
                during_stream: bool) -> EngineError:
    chain = _chain(exc)
    text = " ".join(str(e) for e in chain).lower()
    if any(isinstance(e, ConnectionRefusedError) for e in chain):
        text += " connection refused"
    if during_stream or isinstance(cause, (httpx.RemoteProtocolError, httpx.ReadError)):
        return fail("dropped", f"The connection to {url} dropped part-way through the reply; what arrived is kept. "
                    "Retry to get a full reply.", settings)
    if "refused" in text or "errno 111" in text or "errno 61" in text:
        return fail("connection", f"Could not connect to {url}: connection refused{_retried(settings)}. Is the "
                    "server running (for Ollama: `ollama serve`)? Check --base-url or OPENAI_BASE_URL.", settings)
    if "name or service not known" in text or "nodename nor servname" in text or "getaddrinfo" in text \
            or "name resolution" in text:
        return fail("connection", f"Could not find the server {url}: the host name does not resolve. Check the base "
                    "URL and your network.", settings)
    if "certificate" in text or "ssl" in text:
        return fail("connection", f"Could not make a secure connection to {url}: {_short(cause or exc)}.", settings)
    return fail("connection", f"Could not reach {url}{_retried(settings)}: {_short(cause or exc)}. Check the "
                "base URL and that the server is running.", settings)


def _from_status(exc: openai.APIStatusError, settings: Settings, url: str, model: str) -> EngineError:
    status = exc.status_code
    detail = server_detail(exc)
    code = _code(exc)
    if status == 401:
        if not settings.api_key:
            return fail("auth", f"The server at {url} needs an API key and none is set (401). Set OPENAI_API_KEY or "
                        "api_key in the settings, or rehearse with --engine offline.", settings, retryable=False)
        return fail("auth", f"The server at {url} rejected the API key from the {settings.key_source()} (401: wrong, "
                    "revoked or expired key). Check OPENAI_API_KEY or api_key in the settings.", settings,
                    retryable=False)
    if status == 403:
        return fail("forbidden", _with_detail(f"The API key is valid but has no access to the model '{model}' on "
                    f"{url} (403 forbidden). Check the key's project or organisation permissions, or choose "
                    "another model.", detail), settings, retryable=False)
    if status == 404:
        return fail("model-not-found", _with_detail(f"The server at {url} has no model '{model}' (404). Check the "
                    "model name (--model or COACH_MODEL; for Azure, the deployment name) and that the base URL "
                    "points at the API root, usually ending in /v1.", detail), settings, retryable=False)
    if status == 429:
        wait = retry_after_seconds(exc.response.headers if exc.response is not None else None)
        if code == "insufficient_quota" or "quota" in detail.lower() and "exceeded your current quota" in detail.lower():
            return fail("quota", f"The account behind the API key has no quota left on {url} (429 insufficient_quota). "
                        "Check its billing and limits, or rehearse with --engine offline.", settings, retryable=False)
        refused = getattr(exc, "coach_refused_wait", None)
        if refused is not None and settings.max_retries:
            waited = getattr(exc, "coach_waited", 0.0) or 0.0
            so_far = f" after waiting {seconds_text(waited)}" if waited >= 0.5 else ""
            return fail("rate-limit", f"The server at {url} is rate limiting requests (429) and asks coach to wait "
                        f"{seconds_text(refused)}{so_far}, longer than coach waits for a reply (max_retry_wait: "
                        f"{seconds_text(settings.max_retry_wait)}), so it stopped instead. {_when(refused)}",
                        settings, retryable=True, retry_after=refused)
        return fail("rate-limit", f"The server at {url} is rate limiting requests (429){_retried(settings)}. "
                    f"{_when(wait)}", settings, retryable=True, retry_after=wait)
    if status == 400 or status == 422:
        lowered = f"{code} {detail}".lower()
        if "content_filter" in lowered or "content management policy" in lowered:
            return fail("content-filter", f"The content filter at {url} refused your line ({status} content_filter). "
                        "Rephrase it and send it again.", settings, retryable=False)
        if "context_length" in lowered or "context length" in lowered or "maximum context" in lowered \
                or "too many tokens" in lowered:
            return fail("context-length", _with_detail(f"The conversation is too long for the model '{model}' "
                        f"({status}). Lower context_budget in the settings.", detail), settings, retryable=False)
        return fail("bad-request", _with_detail(f"The server at {url} refused the request ({status}).", detail),
                    settings, retryable=False)
    if status == 408:
        return fail("timeout", f"The server at {url} timed out handling the request (408){_retried(settings)}. "
                    "Try again.", settings)
    if status in (502, 504):
        return fail("server", f"A gateway in front of {url} failed ({status}){_retried(settings)}. The problem is "
                    "between you and the model server; try again in a moment.", settings,
                    retry_after=retry_after_seconds(exc.response.headers))
    if status == 503:
        return fail("server", _with_detail(f"The server at {url} is unavailable or overloaded (503)"
                    f"{_retried(settings)}. {_when(retry_after_seconds(exc.response.headers))}", detail), settings,
                    retry_after=retry_after_seconds(exc.response.headers))
    if status >= 500:
        return fail("server", _with_detail(f"The server at {url} had an internal error ({status}){_retried(settings)}. "
                    "The problem is on the server's side; try again in a moment.", detail), settings)
    return fail("http", _with_detail(f"The server at {url} answered with HTTP {status}.", detail), settings,
                retryable=False)


# -- failures coach notices itself while reading the stream ------------------------------------------


def dropped(settings: Settings) -> EngineError:
    return fail("dropped", f"The reply from {display_url(settings)} stopped part-way (the stream ended without "
                "finishing); what arrived is kept. Retry to get a full reply.", settings)


def no_data(settings: Settings) -> EngineError:
    return fail("malformed", f"The server at {display_url(settings)} answered, but not with a chat-completion "
                "stream coach could read. Is it an OpenAI-compatible /v1 endpoint that supports streaming?", settings)


def empty(settings: Settings) -> EngineError:
    return fail("empty", f"The model '{settings.model}' sent an empty reply. Send your line again, or rephrase it.",
                settings)


def content_filter(settings: Settings) -> EngineError:
    return fail("content-filter", f"The content filter at {display_url(settings)} stopped the reply "
                "(finish_reason content_filter). Rephrase your line and send it again.", settings, retryable=False)
