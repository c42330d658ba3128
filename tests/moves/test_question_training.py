"""The question reader trains deterministically from labelled questions, and reads a topic for every question."""

from __future__ import annotations

from coach.moves.model import TOPICS, MoveModel


def test_the_same_questions_train_the_same_reader(tmp_path):
    from coach.moves import train_questions

    rows = []
    for path in train_questions.training_files():
        rows += [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    (tmp_path / "questions-01.jsonl").write_text("\n".join(rows[::3]), encoding="utf-8")
    first, second = tmp_path / "a.npz", tmp_path / "b.npz"
    for out in (first, second):
        train_questions.train(out, verbose=False, root=tmp_path)
    assert first.read_bytes() == second.read_bytes()
    reader = MoveModel.load(first)
    assert reader.labels == TOPICS
    confidence = reader.score("Who signs this off in the end?", "Who signs this off in the end?").confidence
    assert max(confidence, key=confidence.get) == "decision"


def test_the_bundled_reader_has_every_topic():
    from coach.moves.model import shared_question_model

    assert shared_question_model().labels == TOPICS
