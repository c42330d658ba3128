"""What a learner line asks or does beyond its moves: a direct question and its topic, a remark outside the
negotiation (a hazard: hazards.py), an apology or nerves, a goodbye (leaving.py).

Moves come from the trained move model; these are conversational acts a listening person answers. The
cues are plain English a learner types, lower case or not, with or without a question mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from coach.rehearsal.dialogue.facts import choice_options, options_before
from coach.rehearsal.dialogue.hazards import describes_hazard
from coach.rehearsal.dialogue.leaving import takes_leave

_I = re.IGNORECASE

# A sentence that asks the other person something: a question mark, or a question's first words.
_QUESTION_START = re.compile(
    r"^\s*(?:so\s+|and\s+|but\s+|ok(?:ay)?\s*,?\s+|also\s+|just\s+|honestly\s*,?\s+)?"
    r"(?:what|what's|whats|how|how's|when|who|who's|why|which|where|is there|are there|is it|are you|do you|"
    r"does|did you|have you|has|can you|could you|would you|will you|were you|was it)\b"
    r"(?!\s*[:\u2013\u2014-])",  # "Why: the drive's 75 minutes" introduces a reason, it asks nothing
    _I,
)
# A request that is phrased as a question is an ask, answered by the reply to the ask itself.
_REQUEST = re.compile(
    r"^\s*(?:so\s+|and\s+|ok(?:ay)?\s*,?\s+)?(?:can|could|may|might|shall)\s+(?:i|we|someone|somebody|they)\b|^\s*(?:would|will) you\s+"
    r"(?:be (?:ok|okay|open|willing|happy)|agree|support|back|approve|sign|consider|nominate|let me)\b",
    _I,
)

# "…, you know?" or "…, right?" asks nothing: a tag on a statement.
_TAG = re.compile(r"(?:,|\s)\s*(?:you know|right|yeah|ok(?:ay)?|innit|eh|no|isn't it|aren't they|don't you think)\s*\?$", _I)
# "Honestly? I've been a wreck." or "Seriously?": a word of tone, not a question.
_INTERJECTION = re.compile(r"^\W*(?:honestly|seriously|really|right|so|well|anyway|actually|okay|ok|yeah|yes|no)\W*$", _I)
_YOU = re.compile(r"\b(?:you|your|yours|yourself|u|ur)\b", _I)
# "What I want is…" or "How we got here was…" states something: a question word before its own subject and
# no question mark. "You know the secondment Raj runs? I reckon…" checks common ground before a point.
_STATEMENT_START = re.compile(r"^\s*(?:so\s+|and\s+|but\s+)?(?:what|how|why|where|when)\s+(?:i|we|they|she|he)\b", _I)
_COMMON_GROUND = re.compile(r"^\s*(?:so\s+|and\s+)?(?:do\s+)?(?:you|u)\s+know\s+(?:the|that|about|how|what|when|our|my)\b", _I)

# Topic cues, checked in this order: the first that matches names the topic.
_TOPICS: list[tuple[str, re.Pattern]] = [
    ("choice", re.compile(r"\b(?:would you (?:rather|prefer)|which (?:one |option )?(?:would|do|works|suits|is better)"
                          r"|do you prefer|which of (?:these|those|the two)|either\b.*\bor\b)", _I)),
    ("feelings", re.compile(r"\bhow (?:do|are) you (?:feel|feeling|doing|holding up|finding)|\bhow(?:'s| is) (?:it|that) "
                            r"(?:sitting|landing|feeling)|\bare you (?:ok|okay|alright|all right|worried|comfortable|"
                            r"stressed|happy)\b|\bhow do you feel\b|\bis (?:everything|all) (?:ok|okay|alright|all right|well)\b"
                            r"|\b(?:something|anything) (?:going on|wrong|up) (?:at home|with you|outside work)\b"
                            r"|\bhow are things (?:at home|outside work|with you)\b|\byour (?:gut|honest) (?:feeling|reaction)", _I)),
    ("decision", re.compile(r"\bwho (?:\w+ )?(?:decides|signs|approves|makes (?:the|that|this|those|these) (?:call|decision)s?)"
                            r"|\bwho (?:else|has the final)|\b(?:panel|committee|calibration|governors)\b|\bcompetenc(?:y|ies)\b"
                            r"|\bthe decision\b|\bget a yes\b|\bis it (?:you|up to you)\b|\bwho (?:do|should) i (?:\w+ )?(?:go|talk|speak) to\b|\bwhat did (?:the|they|you) \w*\s?(?:say|think|want|decide|mean|write)\b"
                            r"|\bhow (?:is|are|does|do|will|would) (?:it|that|this|the (?:panel|committee|board|process)|"
                            r"they|decisions?|promotions?|exceptions?)\b[^?]*\b(?:decid|work|approv|judg|chosen|assess)"
                            r"|\bsign[- ]?off\b|\bwho(?:'s| is) involved\b|\bthe process\b|\bcriteria\b|\bwhat (?:they|the panel) (?:were|was) (?:thinking|after)|\bwhat (?:were|was) (?:they|the panel|"
                            r"the committee|the board) (?:thinking|looking for)|\bwhy (?:didn't|did|wasn't|was) (?:i|it|my)\b"
                            r"|\bthe (?:feedback|reasoning|reason)\b|\bwhat does the "
                            r"(?:panel|committee|board|process)\b|\bhow (?:do|does) (?:calibration|the panel)", _I)),
    ("help", re.compile(r"\bwhat (?:would|could|do|will) (?:you|it) (?:need|want|take|help)|\bwhat you need\b|\bis there (?:any|a|some) way\b|\bwhat (?:else )?(?:would|could|might) help\b|\bwhat would (?:help|make "
                        r"(?:it|this|that|you)|convince|change your mind|you need)|\bhow can i (?:help|make|support)"
                        r"|\bwhat (?:can|could|should) i (?:do|bring|show|prepare|change)|\bneed to see\b"
                        r"|\bwhat would a (?:yes|good)\b|\bwhat would it take\b|\bwhat (?:would|do|should|must) i "
                        r"(?:\w+ )?(?:need|have) to\b|\bhow (?:do|would|can|could) i (?:get|become|be ready|improve)", _I)),
    ("constraint", re.compile(r"\bwhat(?:'s| is| are)? (?:making|stopping|holding|blocking|in the way|worrying|"
                              r"bothering|the (?:concern|problem|issue|worry|constraint|blocker|challenge|risk|catch|"
                              r"pressure|obstacle|hesitation|hold-?up)s?)|\bwhat (?:concerns|worries) you\b|\bbudget\b"
                              r"|\bwhat (?:would|will|might|does|do) (?:\w+ )?(?:worry|concern|bother) you"
                              r"|\b(?:what|who) would you have to (?:answer to|explain|justify)"
                              r"|\bfreeze\b|\bheadcount\b|\bpressure\b|\bwhat makes (?:it|this|that) (?:hard|difficult|"
                              r"tricky)|\bwhy (?:not|is it hard|can't|cannot|won't)\b|\bconstraints?\b|\bwhat are you "
                              r"(?:up against|dealing with|working with)|\bgetting in the way\b|\bwhat(?:'s| has) been (?:hard|difficult|tough)\b|\b(?:nothing|anything)(?: at all)? you can do\b|\bwhat's (?:going on|happening) (?:for|with) you", _I)),
    ("timing", re.compile(r"\bwhen\b|\bhow (?:long|soon|quickly)\b|\bby when\b|\btime ?(?:line|frame|scale)\b"
                          r"|\bwhat date\b|\bdeadline\b", _I)),
    ("personal", re.compile(r"\b(?:your|you) (?:weekend|holiday|kids?|children|family|dog|cat|partner|wife|husband|"
                            r"trip|break|lunch|commute)\b|\bdid you (?:watch|see|go|have a|get to|get away|catch)|\bhave you (?:been (?:away|anywhere|on)|"
                            r"eaten|had (?:a|your) (?:break|lunch|holiday))\b|\b(?:good|nice|lovely) (?:weekend|holiday|christmas|break|trip)"
                            r"|\bdo you have (?:any )?(?:kids|children|a family|family|pets|a dog|a cat)\b"
                            r"|\bdo anything (?:nice|fun)\b|\b(?:holidays?|vacation|christmas|weekend)\b|\bhow long have you\b|\bdo you (?:like|play|watch|follow|support)\b"
                            r"|\bhow was (?:your|the)\b|\bare you (?:going|off|away|busy)\b|\byourself\b|\b(?:have )?you ever\b"
                            r"|\bdo you (?:actually |really |even )?(?:like|enjoy|miss|love|hate)\b"
                            r"|\bhow(?:'s| is| are) your (?!team|budget|department|director|boss|plan|case|view|side|worry)\w+", _I)),
]

# Remarks outside the negotiation.
_JOKE = re.compile(r"\b(?:haha+|lol|lmao|joking|kidding|jk)\b|😂|😅|🙂|😄|\bwhy did the \w+|\bwhat do you call\b"
                   r"|\bknock,? knock\b|\bheard a good one\b|\bsorry,? (?:terrible|awful|bad joke)\b", _I)
_COMPLAINT = re.compile(r"\b(?:coffee (?:machine)?|parking|car park|canteen|the lift|air ?con|heating|printer|wifi|"
                        r"the kitchen|the traffic|the train|the bus)\b", _I)
# The learner's own apology, not an apology in a story ("the account team had to apologise twice").
_APOLOGY = re.compile(r"^\W*(?:so+ |really |very )?sorry\b|\bi(?:'m| am)? (?:so+ |really |very |truly )?sorry\b"
                      r"|\bi (?:do )?apologi[sz]e\b|\b(?:my )?apologies\b|\bsorry\s*(?:about|for|if|that|,)|\bmy bad\b"
                      r"|\bforgive me\b", _I)
_NERVES = re.compile(r"\b(?:nervous|anxious|scared|terrified|shaking|not (?:very )?good at (?:this|these)|hard for me to say"
                     r"|(?:bit|little|really) (?:emotional|overwhelmed)|awkward for me|(?:my )?mind (?:went|is going) blank)\b", _I)


@dataclass
class Question:
    topic: str  # constraint, decision, timing, help, feelings, personal, choice, other
    text: str
    options: list[str] = field(default_factory=list)
    request: bool = False  # "could we…?": an ask in question form, answered by the reply to the ask


@dataclass
class Heard:
    question: Question | None = None
    hazard: bool = False
    aside: bool = False  # a joke, a complaint, small talk outside the negotiation
    apology: bool = False
    nerves: bool = False
    leaving: bool = False  # "I've got to go", "let's leave it there": met with a goodbye, not a new question


def sentences(text: str) -> list[str]:
    parts = [p.strip() for p in re.split(r"(?<=[.!?])\s+|\n+", text.strip()) if p.strip()]
    out: list[str] = []
    for part in parts:  # "…go somewhere else? Or wait?": the tail belongs to the question before it
        if out and len(part.split()) <= 3 and re.match(r"(?:or|and)\b", part, _I):
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return out


def hear(text: str) -> Heard:
    heard = Heard(
        hazard=describes_hazard(text),
        aside=bool(_JOKE.search(text) or _COMPLAINT.search(text)),
        apology=bool(_APOLOGY.search(text)),
        nerves=bool(_NERVES.search(text)),
        leaving=takes_leave(text),
    )
    said = sentences(text)
    # each question with the sentence before it, where "which is easier?" finds its options
    questions = [(s, said[i - 1] if i else "") for i, s in enumerate(said)
                 if ((s.endswith("?") and not _TAG.search(s)) or (_QUESTION_START.match(s) and not _STATEMENT_START.match(s)))
                 and not _INTERJECTION.match(s) and not (_COMMON_GROUND.match(s) and i < len(said) - 1)]
    if questions:
        # The last question is the one left hanging; a real topic beats a request or a general one.
        ranked = sorted((_question(q, before) for q, before in questions), key=lambda q: (q.topic != "other", not q.request))
        heard.question = ranked[-1]
    if heard.question and heard.question.topic == "other" and _JOKE.search(text):
        heard.question = None  # the riddle in a joke wants a laugh, not an answer
    return heard


def _question(sentence: str, before: str) -> Question:
    options = choice_options(sentence if sentence.endswith("?") else sentence + "?") or options_before(sentence, before)
    if options:
        return Question("choice", sentence, options)
    # "Aisha could help, maybe?" or "deal?": a statement with a question mark asks for a reaction, not an answer.
    request = bool(_REQUEST.match(sentence)) or not (_QUESTION_START.match(sentence) or _YOU.search(sentence))
    for topic, pattern in _TOPICS:
        if topic != "choice" and pattern.search(sentence):
            if topic in ("personal", "feelings"):
                request = False  # "Good weekend?" or "Everything alright?" asks about them, whatever its shape
            return Question(topic, sentence, request=request)
    return Question("other", sentence, request=request)
