"""Shared fixtures. No test may reach the network: anything that could is pointed at respx or loopback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Each test gets its own config and data folders, and no real API settings leak in."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("COACH_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("COACH_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("COACH_CACHE_DIR", str(home / "cache"))
    # COLUMNS: `coach rehearse` wraps to it; unset, a captured stream is not wrapped (as in a pipe).
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "COACH_MODEL", "COACH_SCENARIOS", "COACH_ENGINE", "COACH_TIMEOUT",
                "COLUMNS"):
        monkeypatch.delenv(var, raising=False)
    # tiktoken must never try to download during tests.
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(home / "tiktoken-cache"))
    monkeypatch.setenv("COACH_TIKTOKEN_TIMEOUT", "0")  # only an encoding already cached may load; no download
    yield


@pytest.fixture(scope="session")
def library():
    from coach.scenario import load_criteria

    return load_criteria()


@pytest.fixture(scope="session")
def catalog():
    from coach.scenario import load_catalog

    saved = os.environ.pop("COACH_SCENARIOS", None)
    try:
        return load_catalog()
    finally:
        if saved is not None:
            os.environ["COACH_SCENARIOS"] = saved


@pytest.fixture
def starter_text():
    from coach.scenario.starter import starter_text

    return starter_text("test-scenario")
