"""The feelings reader trains deterministically from its labelled turns, and the counterpart hears a feeling when
its phrases or the reader do."""

from __future__ import annotations

from coach.moves.model import FEELINGS, MoveModel, shared_feelings_model
from coach.rehearsal.dialogue import hearing


def test_the_same_rows_train_the_same_reader(tmp_path):
    from coach.moves import train_feelings

    rows = []
    for path in train_feelings.training_files():
        rows += [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    (tmp_path / "rows-1.jsonl").write_text("\n".join(rows[::2]), encoding="utf-8")
    first, second = tmp_path / "a.npz", tmp_path / "b.npz"
    for out in (first, second):
        train_feelings.train(out, verbose=False, root=tmp_path)
    assert first.read_bytes() == second.read_bytes()
    assert MoveModel.load(first).labels == FEELINGS


def test_the_bundled_reader_is_there():
    assert shared_feelings_model().labels == FEELINGS


def test_a_feeling_is_heard_by_the_phrases_or_the_reader(monkeypatch):
    monkeypatch.setattr(hearing, "heard_feelings", lambda text: {"strain": True, "apology": False})
    assert hearing.hear("Honestly I come home like a ghost these days.").strain
    assert not hearing.feelings_in("Honestly I come home like a ghost these days.", reader=False)["strain"]
    monkeypatch.setattr(hearing, "heard_feelings", lambda text: None)  # no reader in this install: the phrases
    assert hearing.hear("I'm exhausted, if I'm honest.").strain
    assert not hearing.hear("Honestly I come home like a ghost these days.").strain
