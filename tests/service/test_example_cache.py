"""What the detector read in a scenario's model lines is kept between runs, under a key of the model and the
criteria; the file is a cache, so a broken, foreign or unwritable one changes nothing but speed."""

from __future__ import annotations

import json

from coach.moves.detector import Detector
from coach.moves.model import MoveModel
from coach.scenario.criteria import Criterion
from coach.service import example_cache

LINES = ["I'd like you to nominate me for Senior in the March calibration. Can I walk you through why?",
         "I'll send you a one-page summary by Friday; can we book thirty minutes in January to review it?"]


def _reads(detector: Detector) -> list[str]:
    """The lines the detector's model reads from now on."""
    read: list[str] = []
    model = detector.model
    original = model._analyse

    def spy(text, previous):
        read.append(text)
        return original(text, previous)

    model._analyse = spy
    return read


def _fresh(library, extra=()) -> Detector:
    return Detector(library, extra, model=MoveModel.load())  # nothing remembered from another test


def test_a_later_run_takes_the_answers_without_reading_the_lines(library, tmp_path):
    first = _fresh(library)
    answers = {line: first.example_moves(line) for line in LINES}
    assert "specific-ask" in answers[LINES[0]] and "next-steps" in answers[LINES[1]]
    example_cache.keep(first, tmp_path)
    second = _fresh(library)
    example_cache.recall(second, tmp_path)
    read = _reads(second)
    assert {line: second.example_moves(line) for line in LINES} == answers
    assert read == []
    assert second.examples_read() == {}  # nothing new to keep


def test_other_criteria_or_a_broken_file_are_not_used(library, tmp_path):
    first = _fresh(library)
    first.example_moves(LINES[0])
    example_cache.keep(first, tmp_path)
    own = Criterion(id="names-the-client", name="Names the client", description="Says which client.", kind="move",
                    levels=["none", "hint", "names one", "names one with a reason", "names one with a plan"],
                    example="I'd run Halverson myself.", tip="Name the client you would run.",
                    examples=["We could start with Halverson.", "Halverson first, then Reddings.",
                              "Let me take Pennine Foods.", "I'd run the Marsh account.", "Give me Lantern Trust."])
    other = _fresh(library, [own])
    assert other.examples_key != first.examples_key
    example_cache.recall(other, tmp_path)
    read = _reads(other)
    other.example_moves(LINES[0])
    assert read  # read again: its answers may differ
    for broken in (b"{not json", json.dumps({"entries": {first.examples_key: {LINES[0]: "x"}}}).encode(),
                   b"[1, 2]", b"x" * (example_cache.MAX_BYTES + 1)):
        (tmp_path / example_cache.FILE).write_bytes(broken)
        again = _fresh(library)
        example_cache.recall(again, tmp_path)
        assert again.examples_read() == {} and not again._recalled


def test_unknown_moves_in_the_file_are_dropped(library, tmp_path):
    detector = _fresh(library)
    (tmp_path / example_cache.FILE).write_text(json.dumps(
        {"entries": {detector.examples_key: {LINES[0]: ["specific-ask", "<script>", "make-me-a-4"]}}}))
    example_cache.recall(detector, tmp_path)
    assert detector.example_moves(LINES[0]) == frozenset({"specific-ask"})


def test_a_cache_folder_that_cannot_be_written_is_left_alone(library, tmp_path):
    detector = _fresh(library)
    detector.example_moves(LINES[0])
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    example_cache.keep(detector, blocker)  # no error
    assert blocker.read_text() == "a file where the folder should be"
