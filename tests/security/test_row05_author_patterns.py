"""Row 5: a pattern from a scenario file cannot hang a turn, and the built-in criteria run no patterns at all.

The pattern `^(\\w+\\s?)*$` backtracks exponentially on a line that almost matches; it used to hang `coach
rehearse` for over a minute on 32 characters. Author patterns now run under the `regex` module's time limit
(a pattern that runs out of time has not matched), and the library's criteria are read by the move model.
"""

from __future__ import annotations

from coach.moves.detector import Detector
from coach.moves.signals import bounded_search, compile_pattern
from coach.scenario.criteria import Criterion

EVIL = r"^(\w+\s?)*$"
LINE = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!"  # 32 characters: no match, after exponential backtracking


def _custom(pattern: str) -> Criterion:
    return Criterion.model_validate({
        "id": "evil", "name": "Evil", "kind": "move", "description": "d", "levels": ["0", "1", "2", "3", "4"],
        "example": "e", "tip": "t", "signals": {"groups": [{"any": [pattern]}]},
    })


def test_a_catastrophic_pattern_gives_up_instead_of_hanging():
    assert bounded_search(compile_pattern(EVIL), LINE * 4) is None


def test_the_detector_survives_a_catastrophic_author_pattern(library):
    detector = Detector(library, [_custom(EVIL)])
    found = detector.detect(LINE)
    assert "evil" not in found.move_ids
    assert detector.detect("hello there").move_ids >= {"evil"}  # a plain match still counts


def test_the_library_criteria_carry_no_patterns(library):
    assert all(c.signals is None for c in library.criterion)
