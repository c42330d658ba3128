"""The offline judge: scores from the move detector alone, with quotes of the sentences that showed each move.

Scores count how often and how concretely a move appeared (documented in `LEVEL_RULE`); an LLM judge
reads meaning. A move the detector found scores at least 1; one never shown scores 0.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from coach.core.detection import Detection
from coach.core.scorecard import CriterionScore, Evidence, FlagDetail
from coach.moves.detector import Detector
from coach.scenario.criteria import CriteriaLibrary
from coach.scenario.model import Scenario
from coach.scoring.rubric import LearnerLine, RubricEntry, flags_of

LEVEL_RULE = (
    "offline scores: 1 = shown once in general terms; 2 = shown in several turns, still general; "
    "3 = shown with concrete detail (numbers, dates, names, or an open question); "
    "4 = shown with concrete detail in two or more turns, or with rich detail in one"
)
MAX_EVIDENCE = 5  # quotes kept per criterion; the reasoning still counts every turn
_CONCRETE = re.compile(
    r"\d+(?:[.,]\d+)?%?|[$£€]|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|half|double|"
    r"monday|tuesday|wednesday|thursday|friday|january|february|march|april|may|june|july|august|"
    r"september|october|november|december|week|weeks|month|months|quarter|q[1-4]|sprint|cycle)\b",
    re.IGNORECASE,
)
# For moves that are questions, the detail that counts is an open question, not a number.
_QUESTION_MOVES = {"explores-constraints", "invites-perspective", "recover-from-no"}
_OPEN_QUESTION = re.compile(r"\b(?:what|how|which|why|where|who)\b[^?]*\?", re.IGNORECASE)
# A full stop after one of these does not end a sentence.
_ABBREVIATIONS = {"e.g", "i.e", "etc", "vs", "dr", "mr", "mrs", "ms", "st", "no", "approx", "inc", "ltd", "co", "jr", "sr", "cf"}
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s|$)|\n")


def _ends_sentence(text: str, match: re.Match) -> bool:
    if match.group() == "\n" or not match.group().startswith("."):
        return True
    word = re.search(r"([\w.]+)$", text[: match.start()])
    token = word.group(1).lower() if word else ""
    return token not in _ABBREVIATIONS and not (len(token) == 1 and token.isalpha())  # "J. Smith"


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of `text` that holds [start, end): a verbatim quote with enough context to read.
    Decimals, versions and abbreviations ("2.1%", "v2.0", "e.g.", "Dr.") do not end a sentence."""
    left, right = 0, len(text)
    for m in _BOUNDARY.finditer(text):
        if not _ends_sentence(text, m):
            continue
        if m.end() <= start:
            left = m.end()
        elif m.start() >= end or m.end() > end:
            right = m.end() if m.group() != "\n" else m.start()
            break
    return text[left:right].strip()


def _detail(criterion_id: str, quote: str, turn: str) -> int:
    """How much concrete detail a quote carries: distinct numbers, dates and amounts (capped at 3). For
    a question move it is an open question, in the quote or right after it in the same turn ("I know the
    budget is tight. What would make this hard for you?")."""
    if criterion_id in _QUESTION_MOVES:
        after = turn[turn.find(quote) :] if quote in turn else quote
        return 2 if _OPEN_QUESTION.search(after[: len(quote) + 200]) else 0
    return min(3, len({m.group().lower() for m in _CONCRETE.finditer(quote)}))


def level_for(turns: int, concrete: int, richest: int = 0) -> int:
    """turns: turns that showed the move; concrete: of those, how many with detail; richest: the most
    detail in one quote."""
    if turns == 0:
        return 0
    if concrete >= 2 or richest >= 3:
        return 4
    if concrete == 1:
        return 3
    return 2 if turns >= 2 else 1


def detect_all(lines: list[LearnerLine], detector: Detector) -> list[Detection]:
    return [detector.detect(line.text, previous=line.previous, care=False) for line in lines]  # no pausing here


def _same_words(a: str, b: str) -> bool:
    """Whether two lines say much the same thing (so one cannot be offered as a better version of the other)."""
    x, y = " ".join(a.lower().split()), " ".join(b.lower().split())
    if min(len(x), len(y)) < 20:  # "Yes." is in many lines without saying any of them
        return x == y
    if x in y or y in x:
        return True
    # Bounds of ratio() from above tell most pairs apart before the full comparison: first the lengths alone
    # (difflib's real_quick_ratio, without building a matcher), then the letters in common.
    if 2 * min(len(x), len(y)) / (len(x) + len(y)) <= 0.8:
        return False
    matcher = difflib.SequenceMatcher(None, x, y)
    return matcher.quick_ratio() > 0.8 and matcher.ratio() > 0.8


def better_line(
    criterion_id: str, scenario: Scenario | None, detector: Detector, fallback: str, avoid: Iterable[str] = ()
) -> str:
    """A model line from the scenario's debrief that shows this move, else the library's example; never
    one the learner already said (or one close to it), and never one in `avoid`."""
    avoid = list(avoid)
    model_lines = scenario.debrief.model_lines if scenario else []
    candidates = [line for line in model_lines if criterion_id in detector.example_moves(line)]
    for line in [*candidates, fallback]:
        if line and not any(_same_words(line, other) for other in avoid):
            return line
    return ""


def score_criterion(
    entry: RubricEntry,
    lines: list[LearnerLine],
    detections: list[Detection],
    scenario: Scenario | None,
    detector: Detector,
    note: str | None = None,
) -> CriterionScore:
    c = entry.criterion
    evidence, concrete, richest, said = [], 0, 0, []
    for line, found in zip(lines, detections):
        hit = next((h for h in found.moves if h.criterion == c.id), None)
        if hit is None:
            continue
        said.append(line.text)  # a learner who said the expert's line is not offered it as better
        quote = sentence_around(line.text, hit.start, hit.end)
        detail = _detail(c.id, quote, line.text)
        concrete += detail > 0
        richest = max(richest, detail)
        evidence.append(Evidence(quote=quote, turn=line.turn))
    score = level_for(len(evidence), concrete, richest)
    shown = f"Seen in {len(evidence)} of your turns, {concrete} with concrete detail."
    return CriterionScore(
        id=c.id,
        name=c.name,
        score=score,
        weight=entry.weight,
        level=c.levels[score],
        evidence=evidence[:MAX_EVIDENCE],
        reasoning=shown if evidence else "Not seen in any of your turns.",
        better_line=better_line(c.id, scenario, detector, c.example, avoid=said),
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
            count = len({e.turn for e in evidence})
            details.append(FlagDetail(id=flag.id, name=flag.name, count=count, evidence=evidence[:MAX_EVIDENCE], tip=flag.tip))
    return details
