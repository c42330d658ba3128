from __future__ import annotations

import pytest


@pytest.fixture
def move_model_alone(monkeypatch):
    """Praise decided by the move model's confidence alone: for tests that set a confidence by hand on a line and
    check what follows from being sure of it (the marked-moves reader's second opinion has its own tests)."""
    from coach.rehearsal.dialogue import credit

    monkeypatch.setattr(credit, "shared_marked_model", lambda: None)
