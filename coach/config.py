"""Settings: command-line flags over environment variables over the config file over defaults.

The API key is a SecretStr everywhere: it never reaches a transcript, a log, an export or an error.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

import tomli
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

from coach import paths

ENV = {
    "api_key": "OPENAI_API_KEY",
    "base_url": "OPENAI_BASE_URL",
    "model": "COACH_MODEL",
    "engine": "COACH_ENGINE",
}


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
    context_budget: int = Field(8000, ge=500, le=1_000_000, description="Tokens of conversation sent per request.")
    reply_max_tokens: int = Field(300, ge=16, le=8000)
    judge: Literal["auto", "offline", "llm"] = "auto"
    judge_samples: int = Field(1, ge=1, le=9)
    theme: str = "textual-dark"
    workshop: bool = False
    workshop_dir: str | None = None
    prices: dict[str, Price] = Field(default_factory=dict, description="Extra or corrected prices per model.")

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


class ConfigError(Exception):
    pass


def read_config_file(path: Path | None = None) -> dict[str, Any]:
    path = path or paths.config_file()
    if not path.exists():
        return {}
    try:
        return tomli.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomli.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from None


def load_settings(flags: dict[str, Any] | None = None, config_path: Path | None = None) -> Settings:
    """Resolve settings in order of precedence: flags, environment, config file, defaults."""
    merged: dict[str, Any] = dict(read_config_file(config_path))
    for field, var in ENV.items():
        if os.environ.get(var):
            merged[field] = os.environ[var]
    merged.update({k: v for k, v in (flags or {}).items() if v is not None})
    try:
        return Settings.model_validate(merged)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"]) or "settings"
        raise ConfigError(f"{where}: {first['msg']} (config file: {config_path or paths.config_file()})") from None


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write the config file (0600: it may hold an API key). Values that come from the environment
    stay there: they are not copied into the file."""
    import tomli_w

    from coach.rehearsal.store import write_private

    path = path or paths.config_file()
    data = settings.model_dump(mode="json", exclude_none=True, exclude={"api_key"})
    if settings.api_key:
        data["api_key"] = settings.api_key.get_secret_value()
    for field, var in ENV.items():
        if os.environ.get(var) and str(data.get(field)) == os.environ[var]:
            data.pop(field, None)
    paths.private_dir(path.parent)
    write_private(path, tomli_w.dumps(data))
    return path
