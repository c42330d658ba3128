"""A learner taking their leave: "I've got to go", "let's leave it there", "thanks, bye", "I'll think about it and
come back to you", "maybe we can talk again sometime?". A person answers that with a goodbye, not a new question.

The leave must be where the turn ends: "Good luck with the pitch later. So, about the Monday pack…" is a
pleasantry on the way in, and "before I have to go, can we…" is time pressure, not a goodbye. A bare "thanks"
is not one either: people thank each other mid-conversation all the time.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

_LEAVE = re.compile("|".join([
    # I've got to go / I must run / gotta dash / I need to get back (not "go through the figures", "go to the panel")
    r"\b(?:got(?:ta)?|have|need|must|gotta|'ve\s+got)\s+(?:to\s+)?(?:go|run|dash|head\s+off|shoot\s+off|get\s+going|leave|fly"
    r"|get\s+back(?:\s+to\s+(?:the|my)\s+\w+)?)(?=\s*(?:[,.!;:\u2013\u2014-]|$)|\s+(?:now|soon|sorry|i'm|i\s+am|i\s+have|i've"
    r"|in\s+a|in\s+\d|shortly|right|really|unfortunately|though|so\b|because|as\b|there|the\s+\w+\s+(?:is|are|'s)))",
    r"\b(?:i'm|i\s+am)\s+(?:off|going\s+to\s+(?:have\s+to\s+)?(?:go|run|shoot\s+off))(?=\s*(?:[,.!;]|$))",
    r"\bcut\s+(?:this|it|things)\s+short\b",
    # I'll let you go / I'll leave it there / I'll leave it with you / I won't keep you
    r"\b(?:i'll|i\s+will|let\s+me|i'd\s+better|i\s+should)\s+(?:let\s+you\s+(?:go|get\s+(?:on|back|to))(?!\s+ahead)"
    r"|leave\s+(?:it|you|things|this)\s+(?:there|with\s+you|to\s+it|at\s+that|for\s+(?:now|today))|get\s+out\s+of\s+your\s+(?:hair|way)"
    r"|not\s+keep\s+you(?!\s+long)|get\s+(?:going|back|off)(?!\s+(?:to\s+(?:you|me)|with|on)))\b",
    r"\b(?:i\s+won't|i\s+don't\s+want\s+to)\s+keep\s+you\b(?!\s+long)",
    r"\b(?:let's|let\s+us|we\s+can|we\s+could|shall\s+we|we'll|we\s+will)\s+(?:leave\s+(?:it|this|things)\s+(?:there|at\s+that|for\s+(?:now|today))"
    r"|stop\s+(?:there|here)|call\s+it\s+a\s+day|wrap\s+(?:it|this|things)\s+up|pick\s+(?:it|this)\s+up\s+(?:another|some|later|again)"
    r"|park\s+(?:it|this)\s+(?:there|for\s+now))\b",
    r"\bcall\s+it\s+a\s+day\b|^\W*leave\s+it\s+there\b",
    # Bye and its friends
    r"\b(?P<bye>bye|goodbye|bye-bye|see\s+(?:you|ya)(?:\s+(?:later|soon|then|around|tomorrow|next\s+week|on\s+\w+))?"
    r"|speak\s+(?:soon|later)|talk\s+(?:soon|later)|catch\s+you\s+later|take\s+care|have\s+a\s+(?:good|nice|great)\s+"
    r"(?:one|day|weekend|evening|afternoon)|good\s+luck\s+with\s+(?:the|your|it)\b(?![^.!?]*\bby\s+the\s+way))",
    # Leaving the decision with them
    r"\b(?:have|take)\s+a\s+think\s+(?:about\s+(?:it|that|this)\s+)?(?:and|&)\s+(?:let\s+me\s+know|get\s+back\s+to\s+me|we\s+can"
    r"|maybe|come\s+back)",
    r"\b(?:i'll|i\s+will|let\s+me|can\s+i|i'm\s+going\s+to|i\s+need\s+to|i'd\s+like\s+to)\s+(?:go\s+away\s+and\s+)?"
    r"(?:have\s+a\s+think|think(?:\s+(?:about\s+)?(?:it|that|this)(?:\s+over)?)?|(?:mull|chew)\s+(?:it|that|this)\s+over"
    r"|sleep\s+on\s+(?:it|that|this)|reflect(?:\s+on\s+(?:it|that|this))?|digest\s+(?:it|that|this)|consider\s+(?:it|that|this))"
    r"\s+(?:a\s+bit\s+)?(?:and|&)\s+(?:maybe\s+|then\s+)?(?:come\s+back|get\s+back|let\s+you\s+know|talk\s+to\s+you"
    r"|be\s+in\s+touch|circle\s+back|follow\s+up)",
    r"\b(?:i'll|i\s+will)\s+leave\s+it\s+with\s+you\b",
    r"\blet\s+me\s+know\s+(?:then|when\s+you\s+(?:can|know)|what\s+you\s+(?:think|decide))\s*[.!]*\s*$",
    # We'll talk again (some time, later, in a few weeks): vague on purpose, unlike "review it on the 14th"
    r"\b(?:talk|speak|chat|catch\s+up|meet|look\s+at\s+it|come\s+back\s+to\s+(?:it|this)|check\s+with\s+you)\s+(?:about\s+(?:it|this)\s+)?"
    r"(?:again\s+)?(?:maybe\s+)?(?:some\s?time|later|another\s+time|another\s+day|at\s+some\s+point|soon"
    r"|in\s+(?:a\s+few|some|a\s+couple\s+of)\s+(?:weeks|days)|again\s+(?:later|some\s?time|another\s+time|soon))\b",
    r"\bpick\s+(?:it|this)\s+up\s+(?:another\s+time|some\s?time|later|again\s+(?:later|another\s+time|some\s?time))\b",
    # ...or another time that is theirs to say: "can we finish this on Tuesday at 2?"
    r"\b(?:finish|continue|carry\s+on\s+with)\s+(?:this|it)\s+(?:on|another|later|tomorrow|next)\b",
]), _I)
# "before I have to go", "if I need to leave early": time pressure, the conversation still going; "or I have to
# leave" is an ultimatum.
_NOT_YET = re.compile(r"\b(?:before|until|till|when|if|once|after|in\s+case|or|otherwise|else)\s+(?:\w+\s+){0,2}$", _I)
# "I asked to see you", "did you have a good weekend?": the words of a goodbye inside something else.
_NOT_A_BYE = re.compile(r"\b(?:to|can|could|will|'ll|i|we|did|do|you|want|wanted|asked|come|would|should|shall|and)\s+$", _I)
# What may still follow a goodbye: thanks, a bye, a reason for going, or when to meet again.
_MEET_AGAIN = re.compile(r"\b(?:can|could|shall|should)\s+we\s+(?:\w+\s+)?(?:meet|see|speak|talk|chat|finish|continue|pick|do|catch"
                         r"|look|sit|grab|book|find|get)\b", _I)


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", text.strip()) if s.strip()]


def takes_leave(text: str) -> bool:
    """Whether the learner is ending the conversation now (at the end of this turn)."""
    said = _sentences(text)
    for i, sentence in enumerate(said):
        for m in _LEAVE.finditer(sentence):
            before = sentence[: m.start()]
            if _NOT_YET.search(before) or (m.group("bye") and _NOT_A_BYE.search(before)):
                continue
            if all(_after_leaving(rest) for rest in said[i + 1 :]):
                return True
    return False


def _after_leaving(sentence: str) -> bool:
    """A sentence that may follow a goodbye: no new question or point, bar a time to meet again."""
    return not sentence.endswith("?") or bool(_MEET_AGAIN.search(sentence)) or len(sentence.split()) <= 3


_DAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_WHEN = re.compile(
    rf"\b(?:(?:this|next|on)\s+)?{_DAY}(?:\s+(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?)?(?:\s+(?:morning|afternoon|evening|week))?"
    r"(?:\s+(?:at|after|before)\s+(?:\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)?|half\s+past\s+\w+|noon|lunch|stand-?up|the\s+\w+(?:\s+\w+)?))?"
    r"|\b(?:the\s+)?\d{1,2}(?:st|nd|rd|th)\b(?:\s+of\s+\w+)?|\btomorrow(?:\s+(?:morning|afternoon))?\b"
    r"|\bnext\s+week\b|\bafter\s+(?:half-?term|the\s+results|christmas|easter|the\s+launch)\b",
    _I,
)


_MEETING = re.compile(r"\b(?:review|check-?in|catch-?up|meeting|follow-?up|diary|calendar|sit down|meet)\b", _I)


def asks_to_meet(question: str) -> bool:
    """Whether a question proposes a time to meet again or review ("can we put the review in for the 12th?")."""
    return bool(_MEET_AGAIN.search(question) or _MEETING.search(question))


def meeting_time(text: str) -> str:
    """When the learner asked to meet again, as they said it ("Tuesday at 2"), or ""."""
    asked = [s for s in _sentences(text) if _MEET_AGAIN.search(s) or _LEAVE.search(s)]
    for sentence in asked:
        m = _WHEN.search(sentence)
        if m:
            when = re.sub(r"^on\s+", "", m.group(0).strip(), flags=_I)
            return re.sub(rf"\b{_DAY}\b", lambda d: d.group(0).capitalize(), when, flags=_I)
    return ""
