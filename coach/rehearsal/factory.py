"""Build the counterpart the settings ask for. The model counterpart (and openai) load only when used."""

from __future__ import annotations

from coach.config import Settings
from coach.rehearsal.engines.base import Counterpart, EngineError
from coach.rehearsal.engines.offline import OfflineCounterpart


def make_engine(settings: Settings, seed: int = 0, pace: float = 0.0) -> Counterpart:
    if settings.resolved_engine == "offline":
        return OfflineCounterpart(seed=seed, pace=pace)
    if not settings.model:
        raise EngineError(
            "config",
            "The model engine needs a model name: pass --model, set COACH_MODEL, or set it in the settings.",
            retryable=False,
        )
    from coach.rehearsal.engines.openai_chat import ModelCounterpart

    return ModelCounterpart(settings, seed=seed)
