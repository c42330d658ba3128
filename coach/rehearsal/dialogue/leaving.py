"""A learner taking their leave: "I've got to go", "let's leave it there", "thanks, bye", "I'll think about it and
come back to you", "maybe we can talk again sometime?". A person answers that with a goodbye, not a new question.

The rules below hear few of the ways people say goodbye (on whole conversations written by people who never saw
them, 41% of goodbyes), so a trained leave-taking reader (`coach.moves.closing`, data in data/leaving/) hears the
rest: together 89%, taking 2 of 274 ordinary turns for one (data/leaving/README.md). The rules also find the time to
meet again in a goodbye (`meeting_time`), and stand alone when the reader's file is missing.

Two kinds. Going now ("I've got to run", "bye", "I'll let you get on") may be followed by a reason or a time to
meet again ("the bed manager's on the phone. Can we finish on Tuesday?"). Winding up ("I'll think about it",
"that's all from me", "let's talk again sometime") ends a turn only when nothing but thanks comes after it:
"I'll think about it. The main thing for me is Tuesdays" goes on. Either way, "before I have to go, can we…" is
time pressure, "Good luck with the pitch, by the way. So…" a pleasantry on the way in, and a bare "thanks" is
what people say mid-conversation all the time.
"""

from __future__ import annotations

import re

from coach.moves.closing import heard_leaving, sentences

_I = re.IGNORECASE

# What can come straight after "I've got to go": the end, a stop, or a word that gives the reason or the moment.
_GO_END = (r"(?=\s*(?:[,.!;:\u2013\u2014-]|$)|\s+(?:now|soon|sorry|at\s+half\b(?!\s+(?:past|\w+\s+on))|i'm|i\s+am|i\s+have|i've|in\s+a|in\s+\d|shortly|right"
           r"|really|unfortunately|though|so\b|because|as\b|there|the\s+\w+\s+(?:is|are|'s)"
           # "gotta run mate", "got to go and open up the maths block", "got to go next drop is…"
           r"|(?:mate|pal|love|chuck|hun|babe|pet|duck|lads?|guys|folks)\b"
           r"|and\s+(?:open|lock|relieve)\b"
           r"|next\s+(?:drop|job|call|delivery|pickup|customer|patient|client|class|lesson|meeting|appointment|stop|run|shift)\b))")
_GOING = re.compile("|".join([
    # I've got to go / I must run / I'd better head off / I need to get back to the ward (not "go through the figures")
    r"\b(?:got(?:ta)?|have|need|must|gotta|haffi|hafta|'ve\s+got|'d\s+better|had\s+better|better|'d\s+best|had\s+best"
    r"|should(?:\s+probably)?)\s+(?:to\s+)?"
    r"(?:go|run|dash|bail|head(?:\s+off)?|shoot(?:\s+off)?|get\s+going|leave|fly|get\s+back(?:\s+to\s+(?:the|my|work)(?:\s+\w+)?)?"
    r"|get\s+off|be\s+off|make\s+tracks|get\s+moving"
    r"|jump\s+(?:on|into)\s+(?:a|an|another|my)\s+(?:\w+\s+)?(?:call|meeting))" + _GO_END,
    r"\b(?:i'm|i\s+am)\s+(?:off|going\s+to\s+(?:have\s+to\s+)?(?:go|run|shoot\s+off))(?=\s*(?:[,.!;]|$))",
    r"\b(?:i'll|i\s+will)\s+(?:go|get\s+going|head\s+off)(?=\s*(?:[,.!;]|$))",
    r"\bcut\s+(?:this|it|things)\s+short\b",
    r"\b(?:i'll|i\s+will|let\s+me|i'd\s+better|i\s+should)\s+(?:let\s+(?:you|ye|yous|u)\s+(?:go|get\s+(?:on|back|to))(?!\s+ahead)"
    r"|leave\s+you\s+to\s+it|get\s+out\s+of\s+your\s+(?:hair|way)|not\s+keep\s+you(?!\s+long))\b",
    r"\b(?:let's|let\s+us|we\s+can|we\s+could|shall\s+we|we'll|we\s+will|i'll|i\s+will)\s+(?:leave\s+(?:it|this|things)\s+"
    r"(?:there|at\s+that|for\s+(?:now|today))|call\s+it\s+(?:a\s+day|there)|wrap\s+(?:it|this|things)\s+up)\b",
    r"\b(?:let's|let\s+us|we\s+can|we\s+could|shall\s+we|we'll|we\s+will)\s+stop\s+(?:there|here)\b",  # not "I'll stop there"
    r"\bcall\s+it\s+a\s+day\b|^\W*leave\s+it\s+there\b",
    r"\b(?P<bye>bye(?!\s+the\s+way)|goodbye|bye-bye|see\s+(?:you|ya)(?:\s+(?:later|soon|then|around|tomorrow|next\s+week"
    r"|on\s+\w+))?|speak\s+(?:soon|later)|talk\s+(?:soon|later)|catch\s+you\s+later|take\s+care)\b",
    # ...or another time that is theirs to say: "can we finish this on Tuesday at 2?"
    r"\b(?:finish|continue|carry\s+on\s+with)\s+(?:this|it|dis)\s+(?:on|another|later|tomorrow|next)\b",
    # A manager sending them off: "off you go", "you can go now", "go on then, start your shift" (not "go on, tell
    # me", a go-ahead, nor "you can go ahead")
    r"\b(?:off\s+you\s+(?:go|pop)|away\s+you\s+go|on\s+you\s+go|(?<!so\s)(?<!that\s)you\s+can\s+go(?:\s+now)?)"
    r"(?=\s*(?:[,.!;]|$))",  # (not "…cover your shift so you can go, and…")
    r"\bgo\s+on(?:\s+then)?\W+(?:go\s+and\s+)?(?:start\s+(?:your|the)\s+\w+|get\s+(?:back(?:\s+to\s+(?:the|your|work)\b|\s+on\b|(?=\s*(?:[,.!;]|$)))|off|going|yourself\s+off|(?:your|some)\s+(?:tea|lunch|dinner|break|rest|sleep|food))\b"
    r"|have\s+your\s+\w+|grab\s+(?:a|your)\s+\w+|enjoy\s+your\s+\w+|head\s+(?:off|home|back)\b|go\s+home\b)",
]), _I)
_THINK = (r"(?:go\s+away\s+and\s+)?(?:have\s+a\s+(?:think|proper\s+think)|think(?:\s+(?:about\s+)?(?:it|that|this)(?:\s+over)?)?"
          r"|(?:mull|chew)\s+(?:it|that|this)\s+over|sleep\s+on\s+(?:it|that|this)|reflect(?:\s+on\s+(?:it|that|this))?"
          r"|digest\s+(?:it|that|this)|consider\s+(?:it|that|this))")
_AND_BACK = (r"(?:\s+(?:a\s+bit\s+)?(?:and|&)\s+(?:maybe\s+|then\s+)?(?:(?:come|get)\s+back(?:\s+to\s+(?:you|me))?|let\s+you\s+know"
             r"|talk\s+to\s+you|be\s+in\s+touch|circle\s+back|follow\s+up))")
_WINDING_UP = re.compile("|".join([
    # Leaving the decision with them, or taking it away to think
    r"\b(?:have|take)\s+a\s+think\s+(?:about\s+(?:it|that|this)\s+)?(?:and|&)\s+(?:let\s+me\s+know|get\s+back\s+to\s+me"
    r"|we\s+can|maybe|come\s+back)",
    rf"\b(?:i'll|i\s+will|i'm\s+going\s+to|i\s+need\s+to|i'd\s+like\s+to)\s+{_THINK}{_AND_BACK}?\b(?!\s+(?:how|what|whether|if|about))",
    rf"\b(?:let\s+me|can\s+i)\s+{_THINK}{_AND_BACK}",  # "let me think" alone is a pause for thought
    r"\b(?:i'll|i\s+will)\s+leave\s+it\s+with\s+you\b",
    r"\blet\s+me\s+know\s+(?:then|when\s+you\s+(?:can|know)|what\s+you\s+(?:think|decide))\b",
    # That's all from me / thanks for your time / I won't take up more of your time
    r"\b(?:that's|that\s+is|i\s+think\s+that's)\s+(?:all|it|everything)\s+(?:from\s+me|for\s+(?:now|today|me)|i\s+(?:wanted|had|needed))"
    r"|\bi\s+think\s+that's\s+(?:all|everything|it)\b",
    r"\bthank(?:s|\s+you)\s+(?:\w+\s+)?for\s+(?:your|the)\s+time\b|\bappreciate\s+(?:your|the)\s+time\b",
    r"\b(?:won't|will\s+not|don't\s+want\s+to)\s+(?:take\s+up\s+(?:any\s+)?more\s+of\s+your\s+time|keep\s+you(?!\s+long))\b",
    r"\b(?:have\s+a\s+(?:good|nice|great|lovely)\s+(?:one|day|weekend|evening|afternoon|night)"
    r"|good\s+luck\s+with\s+(?:the|your|it)\b(?![^.!?]*\bby\s+the\s+way)(?:\s+[\w-]+){0,3})",
    # We'll talk again (some time, later, in a few weeks, another day): vague on purpose, unlike "review it on the 14th"
    r"\b(?:talk|speak|chat|catch\s+up|meet|look\s+at\s+it|come\s+back\s+to\s+(?:it|this)|check\s+with\s+you)\s+(?:about\s+(?:it|this)\s+)?"
    r"(?:again\s+)?(?:maybe\s+)?(?:some\s?time|later|another\s+time|another\s+day|some\s+other\s+time|at\s+some\s+point|soon"
    r"|in\s+(?:a\s+few|some|a\s+couple\s+of)\s+(?:weeks|days)|again\s+(?:later|some\s?time|another\s+time|soon))\b",
    r"\b(?:pick\s+(?:it|this)\s+up|continue|carry\s+on)\s+(?:again\s+)?(?:another\s+(?:time|day)|some\s?(?:time|other\s+time)|later"
    r"|next\s+week|tomorrow)\b",
]), _I)
# "before I have to go", "if I need to leave early": time pressure, the conversation still going; "or I have to
# leave" is an ultimatum.
_NOT_YET = re.compile(r"\b(?:before|until|till|when|if|once|after|in\s+case|or|otherwise|else)\s+(?:\w+\s+){0,2}$", _I)
# "I asked to see you", "did you have a good weekend?": the words of a goodbye inside something else.
_NOT_A_BYE = re.compile(r"\b(?:to|can|could|will|'ll|i|we|did|do|you|want|wanted|asked|come|would|should|shall|and)\s+$", _I)
_MEET_AGAIN = re.compile(r"\b(?:can|could|shall|should)\s+we\s+(?:\w+\s+)?(?:meet|see|speak|talk|chat|finish|continue|pick|do|catch"
                         r"|look|sit|grab|book|find|get)\b"
                         r"|\b(?:can|could|shall|should)\s+we\s+have\s+(?:a|another)\s+(?:quick\s+)?"
                         r"(?:chat|catch-?up|talk|meeting|review|check-?in)\b", _I)
# Meeting again put as a statement with a rising tone: "We speak again, yes?", "…and we'll have another natter a
# fortnight Friday?" (on the way out, not a question that wants an answer first)
_AGAIN_SAID = re.compile(r"^\W*(?:(?:ok(?:ay)?|right|so|and|then|maybe|thanks|thank\s+you|cheers|ta|(?-i:[A-Z][a-z]+))\W+)*"
                         r"(?:we|we'll|we\s+will|we\s+can|let's|let\s+us)\s+"
                         r"(?:\w+\s+)?(?:(?:speak|talk|chat|meet|catch\s+up)\s+again"
                         r"|have\s+(?:a|another)\s+(?:\w+\s+)?(?:chat|catch-?up|talk|natter|meeting|word))\b"
                         r"|\b(?:and|so)\s+(?:we'll|we\s+will)\s+have\s+(?:a|another)\s+(?:\w+\s+)?(?:chat|catch-?up|talk|natter|word)\b", _I)
_THANKS = re.compile(r"^\W*(?:(?:ok(?:ay)?|right|great|brilliant|lovely|cheers|thanks?|thank\s+you|ta|thx|bye|anyway|well"
                     r"|again|so\s+much|very\s+much|a\s+lot|really|for\s+(?:everything|this|that|listening|your\s+time"
                     r"|hearing\s+me\s+out|the\s+chat|seeing\s+me)|whenever\s+(?:works|suits)(?:\s+for)?(?:\s+you)?|no\s+rush"
                     r"|no\s+pressure|no\s+worries"
                     r"|appreciate\s+it|i\s+appreciate\s+it|(?-i:[A-Z][a-z]+))\W*)+$", _I)


# At sentence ends and line breaks, each stripped, as the leave-taking reader splits them (`hearing.sentences` also
# keeps a short "Or…?" tail with the question before it).
split_sentences = sentences


def takes_leave(text: str) -> bool:
    """Whether the learner is ending the conversation now (at the end of this turn): the reader's word or the
    rules' (each hears goodbyes the other misses; in whole conversations neither took an ordinary turn after the
    first for one more often than the reader alone). The reader's word gives way when the turn asks a question that
    wants an answer ("thanks, bye. Oh, and is the budget fixed?", "how did the panel land from your side? That
    can't have been easy."): the question wins. The rules weigh that themselves."""
    return takes_leave_by_rules(text) or (bool(heard_leaving(text)) and not _asks_something(text))


def _asks_something(text: str) -> bool:
    """A sentence of the turn asks something that wants an answer: not a time to meet again ("same time next
    week?", "can I catch you tomorrow after my first run?"), nor a tag of a few words ("talk tmrw?")."""
    return any(s.rstrip().endswith("?") and len(s.split()) > 3
               and not (_MEET_AGAIN.search(s) or _AGAIN_WHEN.search(s) or asks_to_meet(s) or _SEE_YOU.search(s)
                        or _AGAIN_SAID.search(s))
               for s in split_sentences(text))


# "can I catch ye tomorrow after me first run?": when to see each other again
_SEE_YOU = re.compile(r"\b(?:catch|see|grab|speak\s+to|talk\s+to)\s+(?:you|ye|yous|u|ya)\b", _I)


def goes_after_asking(text: str) -> bool:
    """Going now, with a question on the way out ("I must go now, my mother's in hospital. We talk again when?",
    "I'll need to run, I'm on bus duty. Will you let me know who decides?"). `takes_leave` lets the question win, so
    the conversation would go on; here the question gets its answer and then the goodbye, not a new question of
    ours. Only the rules' "going now" counts: the reader also hears "how did it land from your side? That can't have
    been easy." as a goodbye."""
    if takes_leave(text) or not _asks_something(text):
        return False
    return any(_said_as_meant(m, sentence) for sentence in split_sentences(text) for m in _GOING.finditer(sentence))


def _said_as_meant(m: re.Match, sentence: str) -> bool:
    """A goodbye's words said as one: not time pressure ("before I have to go") nor "bye" inside something else
    ("I asked to see you")."""
    before = sentence[: m.start()]
    bye = "bye" in m.groupdict() and m.group("bye")
    return not (_NOT_YET.search(before) or bye and _NOT_A_BYE.search(before))


def takes_leave_by_rules(text: str) -> bool:
    """The hand-written rules' word on whether the learner is ending the conversation now."""
    said = split_sentences(text)
    for i, sentence in enumerate(said):
        rest = said[i + 1 :]
        for pattern, may_follow in ((_GOING, _after_going), (_WINDING_UP, _after_winding_up)):
            for m in pattern.finditer(sentence):
                if not _said_as_meant(m, sentence):
                    continue
                if all(may_follow(s) for s in rest) and (pattern is _GOING or _ends_clause(sentence[m.end() :])):
                    return True
    return False


def _ends_clause(tail: str) -> bool:
    """Nothing new left in the sentence after a winding-up phrase: thanks, a name, "I guess", or more of the same
    ("…and maybe we can chat again after half-term", "…to see how things are going")."""
    return bool(_TRIVIAL.fullmatch(tail) or _MORE_OF_THE_SAME.search(tail) or _WHEN_TAIL.match(tail))


_TRIVIAL = re.compile(r"(?:[\s,]*(?:then|now|for\s+now|thanks?|thank\s+you|cheers|i\s+guess|maybe|too|again|anyway|yes|yeah|ok(?:ay)?"
                      r"|right|(?-i:[A-Z][a-z]+)))*\W*", _I)
_WHEN_TAIL = re.compile(r"[\s,]*(?:after|before|in|on|next|this|once|when|by|at|over)\b[^?]*$", _I)  # "…after Easter."
_MORE_OF_THE_SAME = re.compile(r"\b(?:again|another\s+(?:time|day)|later|some\s?time|let\s+me\s+know|(?:come|get)\s+back"
                               r"|see\s+(?:how|where|what)|in\s+touch)\b", _I)


def _after_going(sentence: str) -> bool:
    """A sentence that may follow "I've got to go": no new question or point, bar a time to meet again."""
    return (not sentence.endswith("?") or bool(_MEET_AGAIN.search(sentence) or _AGAIN_WHEN.search(sentence)
                                               or _CATCH_UP_TAG.match(sentence))
            or len(sentence.split()) <= 3)


# "We'll catch up, shall we?", "let's talk tomorrow, yeah?": meeting again said with a tag, on the way out.
_CATCH_UP_TAG = re.compile(r"^\W*(?:we'll|we\s+will|let's|let\s+us)\s+(?:catch\s+up|talk|speak|chat|pick\s+(?:it|this)\s+up)\b"
                           r"[^?]{0,30}\?$", _I)


# "We finish this Monday?", "Same time Thursday?": a time to meet again, however plainly put.
_AGAIN_WHEN = re.compile(r"\b(?:finish|continue|carry\s+on|pick\s+(?:this|it)\s+up|same\s+time)\b", _I)


def _after_winding_up(sentence: str) -> bool:
    """After "I'll think about it" only thanks or a goodbye: anything more and the conversation goes on."""
    return bool(_THANKS.match(sentence) or _GOING.search(sentence) or _WINDING_UP.search(sentence))


_DAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_WHEN = re.compile(
    rf"\b(?:(?:this|next|on)\s+)?{_DAY}(?:\s+(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?)?(?:\s+(?:morning|afternoon|evening|week))?"
    r"(?:\s+(?:at|after|before)\s+(?:\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)?|half\s+past\s+\w+|noon|lunch|stand-?up|the\s+\w+(?:\s+\w+)?))?"
    r"|\b(?:the\s+)?\d{1,2}(?:st|nd|rd|th)\b(?:\s+of\s+\w+)?|\btomorrow(?:\s+(?:morning|afternoon))?\b"
    r"|\bnext\s+week\b|\bafter\s+(?:half-?term|the\s+results|christmas|easter|the\s+launch)\b",
    _I,
)
_MEETING = re.compile(r"\b(?:review|check-?in|catch-?up|meeting|follow-?up|diary|calendar|sit down|meet)\b", _I)


# More time asked for as a slot: "a further half-hour next week", "another hour", "30 minutes on Thursday".
_MORE_TIME = re.compile(r"\b(?:book|arrange|have|get|grab|find|schedule|set\s+up|put\s+in|take)\s+(?:us\s+|in\s+)?"
                        r"(?:another|a\s+further|one\s+more|a\s+second|a\s+follow-?up)\s+(?:quick\s+|short\s+)?"
                        r"(?:half[- ]an?[- ]hour|half[- ]hour|hour|\d+\s*(?:mins?|minutes)|(?:ten|fifteen|twenty|thirty)\s+"
                        r"minutes|slot|session|chat|conversation)\b"
                        r"|\b(?:half[- ]an?[- ]hour|\d+\s*(?:mins?|minutes)|(?:ten|fifteen|twenty|thirty)\s+minutes)\s+"
                        r"(?:next|on|this|tomorrow|later|after|before|in\s+the)\b", _I)


def asks_to_meet(question: str) -> bool:
    """Whether a question proposes a time to meet again or review ("can we put the review in for the 12th?", "might
    we arrange a further half-hour next week?")."""
    return bool(_MEET_AGAIN.search(question) or _MEETING.search(question) or _MORE_TIME.search(question))


def asks_for_more_time(question: str) -> bool:
    return bool(_MORE_TIME.search(question))


def time_in(sentence: str) -> str:
    """The first day or time named in a sentence ("Thursday 12 February after stand-up"), as said, or ""."""
    m = _WHEN.search(sentence)
    if not m:
        return ""
    when = re.sub(r"^on\s+", "", m.group(0).strip(), flags=_I)
    return re.sub(rf"\b{_DAY}\b", lambda d: d.group(0).capitalize(), when, flags=_I)


def meeting_time(text: str) -> str:
    """When the learner asked to meet again, as they said it ("Tuesday at 2"), or ""."""
    asked = [s for s in split_sentences(text) if _MEET_AGAIN.search(s) or _GOING.search(s) or _WINDING_UP.search(s)]
    return next((when for when in map(time_in, asked) if when), "")
