"""The leave-taking reader trains deterministically from its labelled turns, and reads a turn by how it ends."""

from __future__ import annotations

from coach.moves.closing import reading, tail
from coach.moves.model import MoveModel


def test_the_same_rows_train_the_same_reader(train_twice):
    from coach.moves import train_leaving

    first, second = train_twice(train_leaving, 3)
    assert first.read_bytes() == second.read_bytes()
    reader = MoveModel.load(first)
    assert reader.labels == ("leaving",)
    goodbye = reader.score(*reading("Grand so, thanks a million for your time. See you Thursday."))
    goodbye = goodbye.confidence["leaving"]
    question = reader.score(*reading("Thanks. So who signs the form in the end?")).confidence["leaving"]
    assert goodbye > reader.clear["leaving"] > question


def test_a_turn_is_read_by_its_last_sentences():
    text = "The panel wants client work. I can lead Ashgrove from March. Thanks, Helen, see you Friday."
    assert tail(text) == "I can lead Ashgrove from March. Thanks, Helen, see you Friday."
    assert reading(text) == (tail(text), text)
    assert reading("Cheers, bye.") == ("Cheers, bye.", None)


def test_the_bundled_reader_is_there():
    from coach.moves.model import shared_leaving_model

    assert shared_leaving_model().labels == ("leaving",)
