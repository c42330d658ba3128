"""The question reader trains deterministically from labelled questions, and reads a topic for every question."""

from __future__ import annotations

from coach.moves.model import TOPICS, MoveModel


def test_the_same_questions_train_the_same_reader(train_twice):
    from coach.moves import train_questions

    first, second = train_twice(train_questions, 3, "questions-01.jsonl")
    assert first.read_bytes() == second.read_bytes()
    reader = MoveModel.load(first)
    assert reader.labels == TOPICS
    confidence = reader.score("Who signs this off in the end?", "Who signs this off in the end?").confidence
    assert max(confidence, key=confidence.get) == "decision"


def test_the_bundled_reader_has_every_topic():
    from coach.moves.model import shared_question_model

    assert shared_question_model().labels == TOPICS
