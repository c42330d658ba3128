"""Shared steps of the readers' training tests."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest


@pytest.fixture
def train_twice(tmp_path):
    """Train a `coach.moves.train_*` module twice on every `every`-th of its labelled rows (written as `name` in a
    temporary folder); the two files it wrote."""
    def train(trainer: ModuleType, every: int, name: str = "rows-1.jsonl") -> tuple[Path, Path]:
        rows = []
        for path in trainer.training_files():
            rows += [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        (tmp_path / name).write_text("\n".join(rows[::every]), encoding="utf-8")
        first, second = tmp_path / "a.npz", tmp_path / "b.npz"
        for out in (first, second):
            trainer.train(out, verbose=False, root=tmp_path)
        return first, second

    return train
