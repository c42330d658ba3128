"""Settings: command-line flags over environment variables over the config file over defaults.

The API key is a SecretStr everywhere: it never reaches a transcript, a log, an export or an error.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
)

from coach.core import paths
from coach.core.config_file import ConfigError, read_config_file  # the file as written, pydantic-free

ENV = {
    "api_key": "OPENAI_API_KEY",
    "base_url": "OPENAI_BASE_URL",
    "model": "COACH_MODEL",
    "engine": "COACH_ENGINE",
    "timeout": "COACH_TIMEOUT",
}
# The command-line flag that sets a field, where there is one (for messages that name the source).
FLAGS = {
    "engine": "--engine",
    "model": "--model",
    "base_url": "--base-url",
    "timeout": "--timeout",
    "judge": "--judge",
    "judge_samples": "--samples",
}


def url_problem(url: str | None) -> str | None:
    """Why a base URL cannot work, in plain words; None when it can (or when none is set)."""
    if not url:
        return None
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "Enter a full http:// or https:// address, e.g. http://localhost:11434/v1 (or leave it empty for OpenAI)."
    return None


class Price(BaseModel):
    """US dollars per million tokens."""

    model_config = ConfigDict(extra="forbid")
    input: float = Field(ge=0)
    output: float = Field(ge=0)


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    engine: Literal["auto", "offline", "openai"] = Field(
        "auto", description="'auto' uses the model when one is configured, else the offline counterpart."
    )
    base_url: str | None = Field(None, description="An OpenAI-compatible server, e.g. http://localhost:11434/v1")
    model: str | None = None
    api_key: SecretStr | None = None
    api_version: str | None = Field(None, description="Azure OpenAI only, e.g. '2024-10-21'.")
    timeout: float = Field(60.0, gt=0, le=600, description="Seconds to wait for a reply.")
    connect_timeout: float = Field(10.0, gt=0, le=120)
    max_retries: int = Field(2, ge=0, le=10, description="The openai client's own retries (it honours Retry-After).")
    max_retry_wait: float = Field(
        20.0, ge=0, le=600,
        description="Seconds coach waits in all, per request, between retries (a server's Retry-After included); "
        "a server that asks for longer is reported at once.",
    )
    context_budget: int = Field(8000, ge=500, le=1_000_000, description="Tokens of conversation sent per request.")
    reply_max_tokens: int = Field(300, ge=16, le=8000)
    judge: Literal["auto", "offline", "llm"] = "auto"
    judge_samples: int = Field(1, ge=1, le=9)
    theme: str = "textual-dark"
    workshop: bool = False
    workshop_dir: str | None = None
    prices: dict[str, Price] = Field(default_factory=dict, description="Extra or corrected prices per model.")

    @field_validator("base_url")
    @classmethod
    def _usable_url(cls, url: str | None) -> str | None:
        url = (url or "").strip() or None
        problem = url_problem(url)
        if problem:
            raise ValueError(problem)
        return url

    @property
    def resolved_engine(self) -> Literal["offline", "openai"]:
        if self.engine == "auto":
            return "openai" if self.model else "offline"
        return self.engine

    def key_hint(self) -> str:
        """How the key looks on screen: never in full."""
        if not self.api_key:
            return "not set"
        secret = self.api_key.get_secret_value()
        return f"{secret[:3]}…{secret[-4:]}" if len(secret) > 10 else "set (hidden)"

    def key_source(self) -> str:
        if os.environ.get(ENV["api_key"]):
            return "environment (OPENAI_API_KEY)"
        return "config file" if self.api_key else "none"


def load_settings(flags: dict[str, Any] | None = None, config_path: Path | None = None) -> Settings:
    """Resolve settings in order of precedence: flags, environment, config file, defaults. A value that
    is not valid is reported with where it came from: the flag, the environment variable or the file."""
    path = config_path or paths.config_file()
    merged: dict[str, Any] = dict(read_config_file(config_path))
    source = {field: f"config file: {path}" for field in merged}
    for field, var in ENV.items():
        if os.environ.get(var):
            merged[field] = os.environ[var]
            source[field] = f"environment variable {var}"
    for field, value in (flags or {}).items():
        if value is not None:
            merged[field] = value
            source[field] = "flag"
    try:
        return Settings.model_validate(merged)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        field = str(first["loc"][0]) if first["loc"] else ""
        where = ".".join(str(p) for p in first["loc"]) or "settings"
        origin = source.get(field, f"config file: {path}")
        if origin == "flag":
            raise ConfigError(f"{FLAGS.get(field, field)}: {_problem(first)}") from None
        if origin.startswith("environment"):
            raise ConfigError(f"{ENV[field]} (environment variable): {_problem(first)}") from None
        raise ConfigError(f"{where}: {_problem(first)} ({origin})") from None


def _problem(error: Any) -> str:
    """A validation error in plain words, with the value that was given (never for the API key)."""
    ctx = error.get("ctx") or {}
    field = str(error["loc"][0]) if error["loc"] else ""
    given = error.get("input")
    shown = ""
    if field != "api_key" and given is not None and not isinstance(given, (dict, list)):
        shown = f" (got {given!r})"
    kind = error.get("type", "")
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        info = Settings.model_fields.get(field)
        low = high = None
        above = False
        for item in getattr(info, "metadata", None) or []:
            if getattr(item, "ge", None) is not None:
                low = item.ge
            if getattr(item, "gt", None) is not None:
                low, above = item.gt, True
            if getattr(item, "le", None) is not None:
                high = item.le
        if low is not None and high is not None:
            if above:
                return f"must be more than {low:g} and at most {high:g}{shown}"
            return f"must be between {low:g} and {high:g}{shown}"
        bound = ctx.get("ge", ctx.get("gt", ctx.get("le", ctx.get("lt"))))
        word = "at least" if kind.startswith("greater") else "at most"
        return f"must be {word} {bound}{shown}"
    if kind == "literal_error" and ctx.get("expected"):
        return f"must be {ctx['expected']}{shown}"
    if kind in ("float_parsing", "int_parsing", "int_from_float", "float_type", "int_type"):
        return f"must be a number{shown}"
    return f"{error['msg']}{shown}"


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write the config file (0600: it may hold an API key). Values that come from the environment
    stay there: they are not copied into the file."""
    import tomli_w

    from coach.core.files import write_private

    path = path or paths.config_file()
    data = settings.model_dump(mode="json", exclude_none=True, exclude={"api_key"})
    if settings.api_key:
        data["api_key"] = settings.api_key.get_secret_value()
    for field, var in ENV.items():
        if os.environ.get(var) and field in data and _same(data[field], os.environ[var]):
            data.pop(field, None)
    paths.private_dir(path.parent)
    write_private(path, tomli_w.dumps(data))
    return path


def _same(value: Any, text: str) -> bool:
    """Whether a setting's value is what an environment variable says (numbers compared as numbers)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return float(text) == float(value)
        except ValueError:
            return False
    return str(value) == text
