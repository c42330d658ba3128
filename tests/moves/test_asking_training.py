"""The asking reader trains deterministically from the marked lines, and hears a question by more than its shape."""

from __future__ import annotations

from coach.moves.model import MoveModel


def test_the_same_rows_train_the_same_reader(train_twice):
    from coach.moves import train_asking

    first, second = train_twice(train_asking, 8)
    assert first.read_bytes() == second.read_bytes()
    reader = MoveModel.load(first)
    assert reader.labels == ("asks",)
    asking = reader.score("so who is it that signs the form off in the end").confidence["asks"]
    telling = reader.score("I signed the form off on Tuesday and sent it to HR.").confidence["asks"]
    assert asking > reader.clear["asks"] > telling


def test_the_bundled_reader_is_there():
    from coach.moves.model import shared_asking_model

    assert shared_asking_model().labels == ("asks",)
