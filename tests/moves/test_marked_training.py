"""The marked-moves reader trains deterministically from the writers' marks, one output per move."""

from __future__ import annotations

from coach.moves.model import MARKED_MOVES, MoveModel


def test_the_same_rows_train_the_same_reader(train_twice):
    from coach.moves import train_marked

    first, second = train_twice(train_marked, 40)
    assert first.read_bytes() == second.read_bytes()
    assert MoveModel.load(first).labels == MARKED_MOVES


def test_the_bundled_reader_is_there_and_reads_a_plain_move():
    from coach.moves.model import shared_marked_model

    reader = shared_marked_model()
    assert reader.labels == MARKED_MOVES
    line = "Since I took over dispatch, on-time loads went from 88% to 97% and complaints halved."
    assert reader.score(line).confidence["impact-evidence"] > reader.clear["impact-evidence"]
