"""Counting tokens: tiktoken for the model's encoding, or a clearly labelled estimate.

Loading an encoding may mean a download the first time. That is bounded: the load runs in a daemon
thread for at most COACH_TIKTOKEN_TIMEOUT seconds (default 2); 0 means never load an encoding that is
not already in tiktoken's local cache. Whatever happens, counting never hangs and never raises.
"""

from __future__ import annotations

import hashlib
import math
import os
import tempfile
import threading
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Protocol

ESTIMATE = "estimate (~4 chars/token)"
DEFAULT_TIMEOUT = 2.0
TIMEOUT_ENV = "COACH_TIKTOKEN_TIMEOUT"
MESSAGE_OVERHEAD = 4  # role and separators, per chat message (OpenAI's published rule of thumb)
REPLY_PRIMING = 3

# Where tiktoken downloads each encoding from (its cache is keyed by the sha1 of this URL).
_BLOB = "https://openaipublic.blob.core.windows.net/encodings/{}.tiktoken"
_SOURCES = {
    "r50k_base": _BLOB.format("r50k_base"),
    "p50k_base": _BLOB.format("p50k_base"),
    "p50k_edit": _BLOB.format("p50k_base"),
    "cl100k_base": _BLOB.format("cl100k_base"),
    "o200k_base": _BLOB.format("o200k_base"),
    "o200k_harmony": _BLOB.format("o200k_base"),
}


class Encoding(Protocol):
    name: str

    def encode(self, text: str, *, disallowed_special: Any = ...) -> list[int]: ...


class TokenCounter:
    """Counts tokens with an encoding, or estimates ~4 characters per token without one."""

    def __init__(self, encoding: Encoding | None = None):
        self.encoding = encoding
        self.method = f"tiktoken {encoding.name}" if encoding is not None else ESTIMATE

    @property
    def exact(self) -> bool:
        return self.encoding is not None

    def count(self, text: str) -> int:
        if not text:
            return 0
        if self.encoding is not None:
            try:
                return len(self.encoding.encode(text, disallowed_special=()))
            except Exception:  # noqa: BLE001 - counting must never crash a rehearsal
                pass
        return math.ceil(len(text) / 4)

    def count_messages(self, messages: Iterable[Mapping[str, Any]]) -> int:
        total = REPLY_PRIMING
        for message in messages:
            total += MESSAGE_OVERHEAD + self.count(str(message.get("content") or ""))
        return total


def timeout_from_env() -> float:
    raw = os.environ.get(TIMEOUT_ENV, "").strip()
    if not raw:
        return DEFAULT_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        return DEFAULT_TIMEOUT
    return value if math.isfinite(value) and value >= 0 else DEFAULT_TIMEOUT


def encoding_name(model: str | None) -> str | None:
    """The model's tiktoken encoding, or None for a model tiktoken does not know (e.g. llama3.1:8b)."""
    if not model:
        return None
    try:
        import tiktoken
    except ImportError:
        return None
    name = model.rsplit("/", 1)[-1]  # "openai/gpt-4o" on routers
    try:
        return tiktoken.encoding_name_for_model(name)
    except KeyError:
        return None


def is_cached(name: str) -> bool:
    """True when loading `name` needs no download: already loaded, or in tiktoken's file cache."""
    try:
        from tiktoken import registry
    except ImportError:
        return False
    if name in registry.ENCODINGS:
        return True
    source = _SOURCES.get(name)
    if source is None:
        return False
    if "TIKTOKEN_CACHE_DIR" in os.environ:
        cache_dir = os.environ["TIKTOKEN_CACHE_DIR"]
    elif "DATA_GYM_CACHE_DIR" in os.environ:
        cache_dir = os.environ["DATA_GYM_CACHE_DIR"]
    else:
        cache_dir = os.path.join(tempfile.gettempdir(), "data-gym-cache")
    if not cache_dir:
        return False
    return os.path.exists(os.path.join(cache_dir, hashlib.sha1(source.encode()).hexdigest()))


# Loads started in earlier calls (a slow download keeps going in its thread; later calls wait on it
# instead of starting another) and encodings that failed to load in this process.
_pending: dict[tuple[str, Any], threading.Thread] = {}
_results: dict[tuple[str, Any], Any] = {}
_lock = threading.Lock()


def _default_loader(name: str) -> Encoding:
    import tiktoken

    return tiktoken.get_encoding(name)


def load_encoding(
    name: str, timeout: float | None = None, loader: Callable[[str], Encoding] | None = None
) -> Encoding | None:
    """The encoding, or None if it cannot be had within `timeout` seconds. Never raises, never hangs."""
    timeout = timeout_from_env() if timeout is None else timeout
    loader = loader or _default_loader
    key = (name, loader)  # an injected loader (tests) gets its own slot
    cached = loader is _default_loader and is_cached(name)
    if timeout <= 0 and not cached:
        return None
    with _lock:
        if key in _results:
            result = _results[key]
            return result if not isinstance(result, BaseException) else None
        thread = _pending.get(key)
        if thread is None:
            def run() -> None:
                try:
                    value: Any = loader(name)
                except BaseException as exc:  # noqa: BLE001 - any failure means "estimate"
                    value = exc
                with _lock:
                    _results[key] = value
                    _pending.pop(key, None)

            thread = threading.Thread(target=run, name=f"tiktoken-load-{name}", daemon=True)
            _pending[key] = thread
            thread.start()
    # From the local cache the load is only parsing; allow it a little longer than a download.
    thread.join(max(timeout, 10.0) if cached else timeout)
    with _lock:
        result = _results.get(key)
    if result is None or isinstance(result, BaseException):
        return None
    return result


def counter_for(
    model: str | None, *, timeout: float | None = None, loader: Callable[[str], Encoding] | None = None
) -> TokenCounter:
    name = encoding_name(model)
    if name is None:
        return TokenCounter(None)
    return TokenCounter(load_encoding(name, timeout, loader))
