"""The feelings reader trains deterministically from its labelled turns, and the counterpart hears a feeling when
its phrases or the reader do."""

from __future__ import annotations

from coach.moves.model import FEELINGS, MoveModel, shared_feelings_model
from coach.rehearsal.dialogue import hearing, remarks


def test_the_same_rows_train_the_same_reader(train_twice):
    from coach.moves import train_feelings

    first, second = train_twice(train_feelings, 2)
    assert first.read_bytes() == second.read_bytes()
    assert MoveModel.load(first).labels == FEELINGS


def test_the_bundled_reader_is_there():
    assert shared_feelings_model().labels == FEELINGS


def test_a_feeling_is_heard_by_the_phrases_or_the_reader(monkeypatch):
    monkeypatch.setattr(remarks, "heard_feelings", lambda text: {"strain": True, "apology": False})
    assert hearing.hear("Honestly I come home like a ghost these days.").strain
    assert not remarks.feelings_in("Honestly I come home like a ghost these days.", reader=False)["strain"]
    monkeypatch.setattr(remarks, "heard_feelings", lambda text: None)  # no reader in this install: the phrases
    assert hearing.hear("I'm exhausted, if I'm honest.").strain
    assert not hearing.hear("Honestly I come home like a ghost these days.").strain
