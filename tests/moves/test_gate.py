"""The move model's gate: a turn it reads as making no move keeps only the moves it is well past sure of."""

from __future__ import annotations

import numpy as np
import pytest

from coach.moves.model import CARE, GATE, MoveModel
from coach.moves.vocabulary import Vocabulary

LABELS = ("specific-ask", "next-steps", CARE, GATE)


def _model(gate_bias: float, biases: tuple[float, float, float], margin: float | None = 0.2) -> MoveModel:
    """A model with one feature and no weights: each output's confidence is the sigmoid of its bias."""
    arrays = {"idf": np.ones(1, np.float32), "weights": np.zeros((1, len(LABELS)), np.float16),
              "bias": np.array([*biases, gate_bias], np.float32), "kind": np.zeros(1, np.int8)}
    return MoveModel(LABELS, Vocabulary.of(["ask"]), arrays, 1, clear=[0.5, 0.5, 0.5, 0.3], maybe=[0.3, 0.3, 0.3, 0.3],
                     gate_margin=margin)


def logit(p: float) -> float:
    return float(np.log(p / (1 - p)))


def test_a_turn_read_as_making_a_move_is_left_as_it_is():
    scores = _model(logit(0.9), (logit(0.6), logit(0.55), logit(0.6))).score("Can I have Fridays?").confidence
    assert scores["specific-ask"] == pytest.approx(0.6) and scores["next-steps"] == pytest.approx(0.55)


def test_a_turn_read_as_making_no_move_keeps_only_what_is_well_past_its_cut_off():
    scores = _model(logit(0.1), (logit(0.6), logit(0.8), logit(0.6))).score("Morning! Good weekend?").confidence
    assert 0.3 <= scores["specific-ask"] < 0.5  # held just under its cut-off: it "came close"
    assert scores["next-steps"] == pytest.approx(0.8)  # 0.8 is past 0.5 + 0.2
    assert scores[CARE] == pytest.approx(0.6)  # care is never held back


def test_a_model_without_a_gate_reads_as_before():
    scores = _model(logit(0.1), (logit(0.6), logit(0.55), logit(0.6)), margin=None).score("Morning!").confidence
    assert scores["specific-ask"] == pytest.approx(0.6)
