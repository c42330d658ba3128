"""The offline judge: scores from the move detector alone, with quotes of the sentences that showed each move.

Scores count how often and how concretely a move appeared (documented in `LEVEL_RULE`); an LLM judge
reads meaning. A move the detector found scores at least 1; one never shown scores 0.
"""

from __future__ import annotations

import re

from coach.scenario.criteria import CriteriaLibrary
from coach.scenario.model import Scenario
from coach.scoring.detector import Detection, Detector
from coach.scoring.rubric import LearnerLine, RubricEntry, flags_of
from coach.scoring.scorecard import CriterionScore, Evidence, FlagDetail

LEVEL_RULE = (
    "offline scores: 1 = shown once in general terms; 2 = shown in several turns, still general; "
    "3 = shown with concrete detail (numbers, dates, names); 4 = shown with concrete detail in two or more turns"
)
_CONCRETE = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|half|double|"
    r"monday|tuesday|wednesday|thursday|friday|january|february|march|april|may|june|july|august|"
    r"september|october|november|december|week|weeks|month|months|quarter|q[1-4]|sprint|cycle)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?\n]")


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of `text` that holds [start, end): a verbatim quote with enough context to read."""
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    right_match = _SENTENCE_END.search(text, end)
    right = right_match.end() if right_match else len(text)
    return text[left:right].strip()


def level_for(turns: int, concrete: int) -> int:
    if turns == 0:
        return 0
    if concrete >= 2:
        return 4
    if concrete == 1:
        return 3
    return 2 if turns >= 2 else 1


def detect_all(lines: list[LearnerLine], detector: Detector) -> list[Detection]:
    return [detector.detect(line.text, previous=line.previous) for line in lines]


# Model lines stand alone, so a move that only counts after a refusal is read as if one came before.
_ASSUMED_REFUSAL = "No, I can't agree to that right now."


def moves_shown_by(detector: Detector, line: str) -> frozenset[str]:
    """The moves an example line shows, in any context (a debrief line has no counterpart before it)."""
    return detector.detect(line).move_ids | detector.detect(line, previous=_ASSUMED_REFUSAL).move_ids


def better_line(criterion_id: str, scenario: Scenario | None, detector: Detector, fallback: str) -> str:
    """A model line from the scenario's debrief that shows this move, else the library's example."""
    for line in scenario.debrief.model_lines if scenario else []:
        if criterion_id in moves_shown_by(detector, line):
            return line
    return fallback


def score_criterion(
    entry: RubricEntry,
    lines: list[LearnerLine],
    detections: list[Detection],
    scenario: Scenario | None,
    detector: Detector,
    note: str | None = None,
) -> CriterionScore:
    c = entry.criterion
    evidence, concrete = [], 0
    for line, found in zip(lines, detections):
        hit = next((h for h in found.moves if h.criterion == c.id), None)
        if hit is None:
            continue
        quote = sentence_around(line.text, hit.start, hit.end)
        concrete += bool(_CONCRETE.search(quote))
        evidence.append(Evidence(quote=quote, turn=line.turn))
    score = level_for(len(evidence), concrete)
    return CriterionScore(
        id=c.id,
        name=c.name,
        score=score,
        weight=entry.weight,
        level=c.levels[score],
        evidence=evidence,
        reasoning=f"Seen in {len(evidence)} of your turns, {concrete} with concrete detail." if evidence else "Not seen in any of your turns.",
        better_line=better_line(c.id, scenario, detector, c.example),
        tip=c.tip,
        judge="offline",
        note=note,
    )


def score_flags(library: CriteriaLibrary, lines: list[LearnerLine], detections: list[Detection]) -> list[FlagDetail]:
    details = []
    for flag in flags_of(library):
        evidence = [
            Evidence(quote=sentence_around(line.text, hit.start, hit.end), turn=line.turn)
            for line, found in zip(lines, detections)
            for hit in found.flags
            if hit.criterion == flag.id
        ]
        if evidence:
            details.append(FlagDetail(id=flag.id, name=flag.name, count=len({e.turn for e in evidence}), evidence=evidence, tip=flag.tip))
    return details
