"""What a learner's question asks for, as the trained question reader reads it (data/questions/, trained by
`python -m coach.moves.train_questions`).

The hand-written cues in `hearing.py` still find the sentences that may be questions and parse the options of a
choice; the reader says what each one asks: a worry, who decides, what would help, a time, how they are, small
talk, a verdict, a check on a proposal, a choice, a favour, an offer, the learner's own ask, something else, or
nothing at all. On 3,500 labelled questions (cross-validated) it names the topic right 76% of the time, where the
cues did 49%: they heard "other" in most questions they had no pattern for.
"""

from __future__ import annotations

from dataclasses import dataclass

from coach.moves.model import TOPICS, shared_question_model

# The reader's "not a question" overrules a question's shape only when it is this sure: above it, seven in ten
# such calls were right on held-out rows; below it, about half.
SURE_NOT_ASKED = 0.7


@dataclass(frozen=True)
class Reading:
    topic: str
    confidence: float
    runner_up: str  # the topic after `topic`: what a question that is one after all asks


# What the hand-written cues say counts as evidence beside the reader's own confidence: where a cue names a topic,
# that topic gets this much more. Chosen by cross-validation on the labelled questions (accuracy 0.782 with the
# reader alone, 0.786 so; 0.765 with the cues weighed as much as the reader), so a cue decides only where the
# reader is unsure.
CUE_WEIGHT = 0.5


def read(sentence: str, line: str, cue: str | None = None) -> Reading | None:
    """The reader's topic for one sentence, read in its whole line, with the hand-written cues' topic (if they
    name one) as evidence; None without a reader (a trimmed install)."""
    model = shared_question_model()
    if model is None:
        return None
    confidence = dict(model.score(sentence, line).confidence)
    if cue in confidence:
        confidence[cue] += CUE_WEIGHT
    first, second = sorted(TOPICS, key=lambda t: -confidence[t])[:2]
    return Reading(first, confidence[first], second)


def asked(reading: Reading, shaped_like_one: bool) -> bool:
    """Whether the sentence asks anything: the reader's word, unless only just unsure against a question's shape."""
    return reading.topic != "none" or shaped_like_one and reading.confidence < SURE_NOT_ASKED


def topic_of(reading: Reading) -> str:
    return reading.runner_up if reading.topic == "none" else reading.topic
