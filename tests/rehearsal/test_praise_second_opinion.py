"""Praise needs a second opinion: the move model sure of a move, and the marked-moves reader (trained on the moves
the coherence scripts' writers marked) agreeing at its own cut-off. Praise for what was not said is worse than none
(the coherence checker's largest class on fresh sets)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from coach.core.detection import Detection
from coach.rehearsal.dialogue import credit


def _reader(confidence: float):
    return SimpleNamespace(clear={"impact-evidence": 0.7},
                           score=lambda text: SimpleNamespace(confidence={"impact-evidence": confidence}))


@pytest.mark.parametrize("reader_says, praised", [(0.9, True), (0.3, False)])
def test_praise_needs_the_reader_to_agree(monkeypatch, reader_says, praised):
    monkeypatch.setattr(credit, "shared_marked_model", lambda: _reader(reader_says))
    detection = Detection("Our error rate fell from 4% to 1% after I rebuilt the checks.", confidence={"impact-evidence": 0.99})
    assert credit.sure_of(detection, "impact-evidence") is praised


def test_a_move_the_reader_does_not_read_needs_only_the_move_model(monkeypatch):
    monkeypatch.setattr(credit, "shared_marked_model", lambda: _reader(0.0))
    detection = Detection("Happy to take the rota questions first.", confidence={"rota-first": 0.99})
    assert credit.sure_of(detection, "rota-first")


def test_not_sure_is_never_praised_whatever_the_reader_says(monkeypatch):
    monkeypatch.setattr(credit, "shared_marked_model", lambda: _reader(1.0))
    detection = Detection("We could maybe look at the numbers.", confidence={"impact-evidence": 0.8})
    assert not credit.sure_of(detection, "impact-evidence")


@pytest.mark.parametrize("line, move", [
    ("Since I took over dispatch, on-time loads went from 88% to 97% and customer complaints halved.", "impact-evidence"),
    ("Could we try Tuesdays and Thursdays at home for eight weeks from 12 January, then review it together?", "phased-plan"),
])
def test_the_bundled_reader_agrees_on_moves_made_plainly(line, move):
    assert credit.writers_would_mark(line, move)
