"""The shapes of a question in a learner line: how it opens, how it ends, and what it is put to (hearing.py
reads them; question_cues.py names the topic)."""

from __future__ import annotations

import re

_I = re.IGNORECASE

# A sentence that asks the other person something: a question mark, or a question's first words.
QUESTION_START = re.compile(
    r"^\s*(?:so\s+|and\s+|but\s+|ok(?:ay)?\s*,?\s+|also\s*,?\s+|just\s+|honestly\s*,?\s+|sorry\s*,?\s+|anyway\s*,?\s+"
    r"|right\s*,?\s+|look\s*,?\s+|oh\s*,?\s+|well\s*,?\s+)*"
    r"(?:what|what's|whats|how|how's|when|who|who's|why|which|where|is there|are there|is it|are you|do you|"
    r"does|did you|have you|has|can you|could you|would you|will you|were you|was it)\b"
    r"(?!\s*[:\u2013\u2014-])",  # "Why: the drive's 75 minutes" introduces a reason, it asks nothing
    _I,
)
# A request that is phrased as a question is an ask, answered by the reply to the ask itself.
REQUEST = re.compile(
    r"^\s*(?:so\s+|and\s+|ok(?:ay)?\s*,?\s+)?(?:can|could|may|might|shall)\s+(?:i|we|someone|somebody|they)\b|^\s*(?:would|will) you\s+"
    r"(?:be (?:ok|okay|open|willing|happy)|agree(?!\s*(?:[,?]|with\b|that\b|on\b|about\b|or\b))|support|back|approve|sign|consider"
    r"|nominate|let me)\b",
    _I,
)
# "Does that work for you?" or "Do those feel doable?" asks for their view of what was just proposed: the reply
# to the proposal answers it; with none to reply to, an honest word on where they are with it.
CHECK = re.compile(r"^\W*(?:(?:so|and|but|ok(?:ay)?|right)\W+)?(?:does|do|would|will|could|is|are)\s+(?:that|this|those|these|it|they)\s+"
                   r"(?:\w+\s+)?(?:work|suit|sound|feel|seem|look|fair|ok|okay|alright|all right|doable|realistic|reasonable)\b", _I)

# "May I ask what would concern you most?" or "Can I ask a random one, is the agency still doing Friday drinks?" asks
# what follows; it is no request to be let to ask.
LEAD = r"^\W*(?:(?:so|and|but|also|just|honestly|sorry|ok(?:ay)?|look|well|um|actually|kindly|please)\W+)*"
WH = r"(?:what|who|how|when|why|where|which|whether|if)\b"
ASK_PREFACE = re.compile(LEAD + r"(?:can|could|may|might) i (?:just |also )?ask(?: you)?(?: (?:something|one thing|a (?:\w+ )?(?:question|one|thing)))?[\s,:-]*"
                         r"(?=" + WH + r"|(?:is|are|do|does|did|would|will|has|have)\b)", _I)
# "I would be grateful if you could let me know what concerns you would have", "Kindly let me know whether the head
# would agree": a formal request for an answer; not "let me know if you need anything", an offer, nor "let me know
# what you think", which the reaction to what they just heard answers.
LET_ME_KNOW = (r"(?:(?:i|we)(?:'d| would| should) (?:be (?:very |most |really )?grateful|(?:really )?appreciate it)"
               r"\s+if\s+(?:you|u)\s+(?:could|would|can)\s+)?(?:kindly\s+|please\s+)?let me know"
               r"(?!\s+if\s+(?:(?:you|u)\s+(?:need|want|have any (?:questions|trouble|problems))|there(?:'s| is)|anything|i can)"
               r"|\s+(?:what (?:you|u) think|your thoughts))")
# "I'm wondering what the budget looks like", "I'd like to know who signs it off": a question put as a statement.
INDIRECT = re.compile(r"(?:" + LEAD + r"|[,;:]\s+|\b(?:so|and|but|also)\s+)"
                      r"(?:(?:i(?:'m| am| was|'d| would| have been|'ve been)?\s+)?(?:just\s+|also\s+|really\s+|kind of\s+)?"
                      r"(?:wondering|wondered|wonder|curious(?: about)?|(?:like|love|want|wanted|need|keen|interested) to (?:know|understand|hear|ask)"
                      r"|not (?:really )?sure)|(?:please\s+)?(?:tell|help) me (?:understand\s+)?|(?:do|would) you (?:happen to )?know"
                      r"|(?:you|ya|u) (?:happen to )?know(?=\s+(?:if|whether)\b(?!\s+(?:you|u)\s+(?:need|want)))"
                      r"|" + LET_ME_KNOW + r")"
                      r"[\s,]*(?:(?:if|when) [^,?]{3,40},\s*)?(?=" + WH + ")", _I)
# "I'm wondering if we could start in March": a proposal, put gently.
PROPOSED = re.compile(r"^(?:if|whether) (?:i|we|someone|somebody|they|\w+) (?:can|could|might|may|should)\b", _I)

# "…, you know?" or "…, right?" asks nothing: a tag on a statement.
TAG = re.compile(r"(?:,|\s)\s*(?:you know|right|yeah|ok(?:ay)?|innit|eh|no|isn't it|aren't they|don't you think)\s*\?$", _I)
# "Honestly? I've been a wreck." or "Seriously?": a word of tone, not a question.
INTERJECTION = re.compile(r"^\W*(?:honestly|seriously|really|right|so|well|anyway|actually|okay|ok|yeah|yes|no)\W*$", _I)
YOU = re.compile(r"\b(?:you|your|yours|yourself|u|ur)\b", _I)
# "Is everything ok?" opens like a question, so its "ok?" is no tag.
INVERTED = re.compile(r"^\s*(?:so\s+|and\s+|but\s+)?(?:is|are|was|were|do|does|did|have|has|can|could|would|will|should)\s+"
                      r"(?:everything|anything|something|all|it|that|this|there|you|he|she|they|we|i)\b", _I)
# A question word, an auxiliary and its subject ("what does your director think…", "how would you…", "who do I
# ask…") ask, with a mark or without, whatever the question reader says; not "what would help is…".
WH_ASKS = re.compile(r"^\s*(?:(?:so|and|but|ok(?:ay)?|also|just|honestly|sorry|anyway|right|look|oh|well)\s*,?\s+)*"
                     r"(?:what|who|how|when|why|which|where)\s+(?:do|does|did|can|could|would|will|should|has|have)\s+"
                     r"(?:you|he|she|they|we|i|it|your|the|this|that|my|our|his|her|their|[A-Z][a-z]+)\b")
# A question word opening a sentence that ends with a question mark ("Who says no?", "Why is the freeze for everybody,
# even people doing two jobs?", "Right, but why March, what's so big in March?") asks, whatever the question reader
# says (it heard those three as no question at all); not a proposal put that way ("what if we…", "how about…",
# "why don't we…", which the reply to the proposal answers).
WH_MARKED = re.compile(r"^\W*(?:(?:so|and|but|ok(?:ay)?|also|just|honestly|sorry|anyway|right|look|oh|well|aye|yeah|yes|no|ehh?"
                       r"|hmm|mm|then|wait|nah)\W+)*"
                       r"(?:what|who|how|when|why|which|where|whit|wha|hoo|hou)(?:'s|s)?\b(?!\s+were\s+we\b)"
                       r"(?!\s+(?:if|about)\b|\s+(?:don't|do\s+not|not)\s+(?:we|i|you)\b|\s+not\s+(?:just|try|do|make|go|put|give|let))"
                       r"[^?]*\?\W*$", _I)
# "…and then we can have another chat in a couple of weeks or so is that alright with you": a line that ends by
# checking it suits them asks, with or without a mark.
CHECK_TAIL = re.compile(r"\b(?:is|would|does|will)\s+(?:that|this|it)\s+(?:be\s+)?(?:ok(?:ay)?|alright|all right|fine|work"
                        r"|suit|do)(?:\s+(?:with|for)\s+(?:you|u))?\s*$", _I)
# An auxiliary and then who or what it asks about ("Is Mr Hartigan gonna have a problem with that", "Did anybody
# get sand down on that spill yet", "Would it be easier for you if…") asks, typed without a mark; not "Do one
# thing, …", "Could be worse" or, ended with a full stop, "Did it myself.".
INVERTED_ASKS = re.compile(r"^\s*(?i:(?:(?:so|and|but|ok(?:ay)?|also|just|right|look|oh|well|anyway)\s*,?\s+)*)"
                           r"(?:(?i:(?:is|are|was|were|do|does|did|have|has|can|could|would|will|should|shall)\s+"
                           r"(?:it|that|this|there|you|u|he|she|they|we|anybody|anyone|somebody|someone|everybody|"
                           r"everyone|nobody|everything|anything|something|the|your|ur|my|our|his|her|their|mr|mrs|ms|dr)\b)"
                           r"|(?i:is|are|was|were|do|does|did|have|has|can|could|would|will|should)\s+[A-Z][a-z]+\b)")
# "What I want is…" or "How we got here was…" states something: a question word before its own subject and
# no question mark. "You know the secondment Raj runs? I reckon…" checks common ground before a point.
STATEMENT_START = re.compile(r"^\s*(?:so\s+|and\s+|but\s+)?(?:what|how|why|where|when)\s+(?:i|we|they|she|he)\b", _I)
# "It's just that I'm finding things a bit much at the moment?": a statement said with a rising tone (hedged
# speech) tells something and asks for a hearing, not an answer. Not "I was thinking maybe Sam could…?" (a
# tentative ask), nor anything put to "you", nor "…, or not?".
UPTALK = re.compile(r"^\W*(?:(?:so|and|but|well|um|like|just|honestly|yes|yeah|sorry|look|right|ok|okay|no)\W+)*"
                    r"(?:it's\s+just\s+(?:that\s+)?)?"
                    r"(?:i'm|i\s+am|i've|i\s+feel|i\s+was|i\s+had)\s+"
                    r"(?!.*\b(?:you|your|u|or|wonder(?:ing)?|hoping|asking|okay|ok|alright|fine|allowed|possible|can|could|might|maybe"
                    r"|would|help)\b)", _I)
COMMON_GROUND = re.compile(r"^\s*(?:so\s+|and\s+)?(?:do\s+)?(?:you|u)\s+know\s+(?:the|that|about|how|what|when|our|my)\b", _I)
