"""What a session cost, roughly: a small editable price table (prices.toml, approximate and dated)
merged with the user's own `prices` settings. An unknown model gets None, never a guess."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

import tomli

from coach.core.config import Price
from coach.core.session import Usage

PRICES_FILE = Path(__file__).with_name("prices.toml")
_SNAPSHOT = re.compile(r"-\d{4}-\d{2}-\d{2}$")  # gpt-4o-2024-08-06 is priced as gpt-4o


@lru_cache(maxsize=1)
def bundled_prices() -> dict[str, Price]:
    try:
        data = tomli.loads(PRICES_FILE.read_text(encoding="utf-8"))
        return {name: Price.model_validate(p) for name, p in data.get("models", {}).items()}
    except (OSError, ValueError):  # a broken table means "no estimates", not a crash
        return {}


def checked() -> str:
    try:
        return str(tomli.loads(PRICES_FILE.read_text(encoding="utf-8")).get("checked", ""))
    except (OSError, ValueError):
        return ""


def price_table(overrides: Mapping[str, Price] | None = None) -> dict[str, Price]:
    return {**bundled_prices(), **(overrides or {})}


def price_for(model: str | None, overrides: Mapping[str, Price] | None = None) -> Price | None:
    if not model:
        return None
    table = price_table(overrides)
    for name in (model, model.rsplit("/", 1)[-1]):  # "openai/gpt-4o" on routers
        if name in table:
            return table[name]
        base = _SNAPSHOT.sub("", name)
        if base in table:
            return table[base]
    return None


def estimate_cost(model: str | None, usage: Usage | None, overrides: Mapping[str, Price] | None = None) -> float | None:
    """US dollars for `usage` on `model`, or None when the model's price is not known."""
    price = price_for(model, overrides)
    if price is None or usage is None:
        return None
    return (usage.prompt_tokens * price.input + usage.completion_tokens * price.output) / 1_000_000
