"""How what a learner said over the whole session maps to a criterion's rubric level (0-4), and which turns
read as an attack.

The rubric's levels climb with specificity: 2 is the real move in general terms, 3 adds checkable specifics,
4 is rich and concrete. So the level of a clearly shown move follows how much distinct detail (numbers,
dates, amounts, names; open questions for a question move) the learner put into it across every turn that
shows it, counted in the sentences that carry the move, not only in the single sentence quoted: a move is
often made over a few sentences, or built up over several turns.
"""

from __future__ import annotations

import re

from coach.core.calendar_words import HOLIDAYS, MONTHS, WEEKDAYS
from coach.core.detection import EDGE, Detection
from coach.moves.detector import Detector
from coach.scoring.rubric import LearnerLine

LEVEL_RULE = (
    "offline scores follow the rubric's levels: 0 = not heard; 1 = came close (the token or vague version); "
    "2 = clearly shown in general terms, or nearly shown with concrete detail; 3 = clearly shown with some "
    "concrete detail (numbers, dates, names, "
    "or an open question); 4 = rich concrete detail, counted over every turn that shows the move"
)
# Distinct details over the session that lift a clear move to 3 and to 4 (one checkable figure with its unit,
# "91 to 96 percent", is already two or three). 4 was fit on the development set, where 3 was fit too; with 2,
# each of the five expert-scored sets written since came closer (within one: 84-93% -> 88-94%) and the
# development set a point further (90% -> 89%): see benchmarks/scorecard_eval.py.
DETAIL_FOR_3 = 2
DETAIL_FOR_4 = 6
# A line that came close (at least NEAR_WITH_DETAIL on the shown scale: 80% of the way to the cut-off) with concrete
# detail in the sentence that came closest ("For done, the design is signed off by both team leads before our
# January review") makes the move in general terms, as expert scorers read it: level 2, not 1. Chosen on the read
# sets (within one: +1 point on average over ten sets, none worse, the same with 1 to 3 details).
NEAR_WITH_DETAIL = 0.4
NEAR_DETAIL = 2
# A sentence carries the move when the model reads it at least this share as strongly as the turn's best one.
_CARRIES = 0.25
# For moves that are questions, the detail that counts is an open question, not a number.
QUESTION_MOVES = {"explores-constraints", "invites-perspective", "recover-from-no"}
_OPEN_QUESTION = re.compile(r"\b(?:what|how|which|why|where|who)\b[^?]*\?", re.IGNORECASE)
_CONCRETE = re.compile(
    r"\d+(?:[.,]\d+)?%?|[$£€]|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|half|double|"
    r"monday|tuesday|wednesday|thursday|friday|january|february|march|april|may|june|july|august|"
    r"september|october|november|december|week|weeks|fortnight|month|months|quarter|q[1-4]|sprint|cycle|"
    r"today|tomorrow|tonight)\b",
    re.IGNORECASE,
)
CAPITALISED = re.compile(r"\b[A-Z][a-z]{2,}\b")  # a name, or any word opening a sentence
# A capital after a sentence break is any word ("Let", "The"); these are never anyone's name either.
_NOT_NAMES = MONTHS | WEEKDAYS | HOLIDAYS
# Aggression the model is unsure of in one turn is still aggression when the learner keeps that edge: a turn
# at EDGE or above counts when at least two turns of the session are that close or closer, and one of them
# is sure (SURE_FLAG). Direct feedback and terse answers sit around the cut-off; real attacks rarely do.
SURE_FLAG = 0.7
# An ultimatum is the top of the aggression rubric (levels 3-4): read as aggression at all, it is a sure attack.
_THREAT = re.compile(
    r"\bor (?:else|i'll|i will|i'm (?:gone|off|out|leaving|going|walking|quitting)|i am (?:gone|leaving|going)|i quit|i walk)\b"
    r"|\bif (?:you|this) (?:can't|cannot|don't|won't|doesn't|isn't)\b[^.?!]{0,80}\b(?:i'm gone|i'm out|i'll (?:quit|leave|walk|resign|go))",
    re.IGNORECASE,
)


def names(text: str) -> set[str]:
    """Capitalised words in the middle of a sentence: the people, places and firms a text mentions."""
    found = set()
    for m in CAPITALISED.finditer(text):
        before = text[: m.start()].rstrip()
        if before and before[-1] not in ".!?:;\"“(" and m.group() not in _NOT_NAMES:
            found.add(m.group())
    return found


def details(text: str) -> set[str]:
    """The checkable specifics in a text: numbers, amounts, dates and periods, names."""
    return {m.group().lower() for m in _CONCRETE.finditer(text)} | names(text)


def carrying_sentences(detector: Detector, line: LearnerLine, criterion_id: str, quote: str) -> list[str]:
    """The sentences of a turn that carry the move (the model's per-sentence reading, remembered from the
    detection); just the quote for criteria the model was not trained on."""
    labels = detector.model.labels
    if criterion_id not in labels:
        return [quote]
    analysis = detector.model.analyse(line.text, line.previous)
    if not analysis.by_sentence:
        return [line.text]
    j = list(labels).index(criterion_id)
    top = max(float(p[j]) for p in analysis.by_sentence)
    return [line.text[a:b] for (a, b), p in zip(analysis.spans, analysis.by_sentence) if float(p[j]) >= _CARRIES * top]


def session_detail(criterion_id: str, sentences_per_turn: list[list[str]]) -> int:
    """Distinct details over every turn that shows the move; for a question move, plus one per turn that
    asks an open question."""
    found: set[str] = set()
    for sentences in sentences_per_turn:
        for sentence in sentences:
            found |= details(sentence)
    asked = sum(any(_OPEN_QUESTION.search(s) for s in sentences) for sentences in sentences_per_turn)
    return len(found) + (asked if criterion_id in QUESTION_MOVES else 0)


def level_for(turns: int, detail: int, near: int = 0, attack_only: bool = False, nearly: bool = False) -> int:
    """turns: turns that clearly showed the move; detail: `session_detail` of those; near: turns that came
    close without showing it; attack_only: every turn that showed it was an attack, which keeps the content
    but not the framing the top levels describe (at most 2); nearly: a turn came close with concrete detail
    (NEAR_WITH_DETAIL), the move in general terms."""
    if turns == 0:
        return 2 if nearly else 1 if near else 0
    level = 4 if detail >= DETAIL_FOR_4 else 3 if detail >= DETAIL_FOR_3 else 2
    return min(level, 2) if attack_only else level


def attack_turns(detector: Detector, detections: list[Detection], flag: str = "aggression") -> list[int]:
    """Indices of the turns that read as an attack: clearly, or close to it when the learner keeps the edge."""
    if not detector.recognises(flag):
        return [i for i, d in enumerate(detections) if flag in d.flag_ids]
    edgy = [i for i, d in enumerate(detections) if d.confidence.get(flag, 0.0) >= EDGE]
    sure = [i for i in edgy if detections[i].confidence.get(flag, 0.0) >= SURE_FLAG
            or (flag in detections[i].flag_ids and _THREAT.search(detections[i].text.replace("\u2019", "'")))]
    if not sure:  # points come off for what the model is sure of, not for a direct or terse manner alone
        return []
    return edgy if len(edgy) >= 2 else sure
