"""Criteria an author defines by example lines: recognised offline, and checked by `coach validate`."""

from __future__ import annotations

from coach.cli import main
from coach.moves.custom import ExampleHead, example_problems
from coach.moves.detector import Detector
from coach.scenario.criteria import Criterion

DEADLINE = [
    "I need an answer by the 14th, because that's when the offer letter goes out.",
    "Could we decide by Friday? The supplier only holds the price until then.",
    "I'd need a decision before the board meets on the 20th, or the budget goes elsewhere.",
    "The deadline is the 2nd: after that the slot goes to another team.",
    "Can I have your decision by Thursday? Our contract renews on Monday.",
    "We need to decide by the end of March, or the grant money is lost.",
    "I need a yes or no by next Wednesday, because the recruiter needs my answer then.",
    "We have until the 30th to decide, after which the quote expires.",
]


def criterion(examples, counter=()) -> Criterion:
    return Criterion.model_validate({
        "id": "names-the-deadline", "name": "Names the deadline", "kind": "move", "description": "d",
        "levels": ["0", "1", "2", "3", "4"], "example": examples[0], "tip": "t",
        "examples": list(examples), "counter_examples": list(counter),
    })


def test_lines_like_the_examples_are_recognised_and_others_are_not(library):
    detector = Detector(library, [criterion(DEADLINE, ["We should sort this out at some point."])])
    shown = detector.detect("Any chance of a decision before the 9th? The quote expires then.")
    assert "names-the-deadline" in shown.move_ids
    assert shown.moves[0].text.startswith("Any chance of a decision")
    for other in ["Nice weather today.", "I'd like the senior title from April.", "We should sort this out at some point."]:
        assert "names-the-deadline" not in detector.detect(other).move_ids, other
    assert 0 <= detector.detect("Nice weather today.").confidence["names-the-deadline"] < 0.5


def test_validate_names_the_example_the_others_would_not_recognise():
    odd = [*DEADLINE, "My cat likes sitting on the warm laptop keyboard."]
    problems = example_problems([criterion(odd)])
    assert [loc for loc, _ in problems] == [("rubric", "custom", 0, "examples", 8)]
    assert "would not recognise" in problems[0][1]


def test_validate_wants_at_least_five_examples():
    [(loc, message)] = example_problems([criterion(DEADLINE[:3])])
    assert loc == ("rubric", "custom", 0, "examples") and "at least 5" in message


def test_coach_validate_reports_it_with_file_and_line(tmp_path, starter_text, capsys):
    text = starter_text.replace('[rubric]\ncriteria = [', '[rubric]\ncriteria = [\n  { id = "names-the-deadline", weight = 1 },')
    examples = ",\n".join(f'  "{e}"' for e in [*DEADLINE, "My cat likes sitting on the warm laptop keyboard."])
    text += f'''
[[rubric.custom]]
id = "names-the-deadline"
name = "Names the deadline"
kind = "move"
description = "Says when the decision is needed and why."
levels = ["0", "1", "2", "3", "4"]
example = "I need an answer by the 14th."
tip = "Say when you need the decision."
examples = [
{examples},
]
'''
    path = tmp_path / "deadline.toml"
    path.write_text(text)
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and "examples[8]" in out[0] and "would not recognise" in out[0]
    line = int(out[0].split(":")[1])
    assert "My cat" in text.splitlines()[line - 1]


def test_every_example_of_a_good_criterion_passes():
    assert ExampleHead.build(DEADLINE).unrecognised() == []
