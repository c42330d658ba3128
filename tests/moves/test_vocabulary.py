"""The move model's vocabulary: stored keys give the same columns as the feature strings they came from."""

from __future__ import annotations

import numpy as np
import pytest

from coach.moves import vocabulary
from coach.moves.model import MODEL_PATH, MoveModel
from coach.moves.vocabulary import Vocabulary

TERMS = ["ask", "#ask#", "r:<num>", "p:no", "pay rise", "ça va", "重要"]


def test_columns_are_the_terms_positions_and_unknown_terms_have_none():
    vocab = Vocabulary.of(TERMS)
    assert len(vocab) == len(TERMS)
    assert vocab.columns(TERMS) == list(range(len(TERMS)))
    assert vocab.columns(["nope", "ask", "ask", "", "ça  va"]) == [0, 0]
    assert vocab.get("重要") == 6 and vocab.get("important") is None


def test_an_empty_vocabulary_knows_nothing():
    assert Vocabulary.of([]).columns(["ask", "anything"]) == []


def test_answers_stay_right_after_the_memo_is_forgotten(monkeypatch):
    monkeypatch.setattr(vocabulary, "_MEMO", 3)
    vocab = Vocabulary.of(TERMS)
    for _ in range(3):
        assert vocab.columns(TERMS[::-1] + ["x", "y", "z"]) == list(range(len(TERMS)))[::-1]
        vocab.columns(["a", "b", "c", "d"])


def test_two_features_with_one_key_are_refused(monkeypatch):
    monkeypatch.setattr(vocabulary, "feature_key", lambda term: 7)
    with pytest.raises(ValueError, match="share a key"):
        Vocabulary.of(["a", "b"])


def test_a_model_file_without_stored_keys_reads_lines_the_same(tmp_path):
    with np.load(MODEL_PATH) as data:
        older = {k: data[k] for k in data.files if k not in ("keys", "key_columns", "kind")}
    np.savez(tmp_path / "older.npz", **older)
    new, old = MoveModel.load(MODEL_PATH), MoveModel.load(tmp_path / "older.npz")
    for line, previous in [("Could I take Fridays from home from March, reviewed after six weeks?", None),
                           ("ok fair enough, what would it take", "We can't do that this year.")]:
        assert new.score(line, previous) == old.score(line, previous)
