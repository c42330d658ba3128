"""Remarks a learner line makes besides its moves and questions: a joke, a complaint, an apology, strain or
nerves, a greeting, a wish for a word (hearing.py puts them together)."""

from __future__ import annotations

import re

from coach.moves.feelings import heard_feelings

_I = re.IGNORECASE

# Remarks outside the negotiation.
JOKE_OPENERS = r"\bwhy did the \w+|\bwhat do you call\b|\bknock,? knock\b|\bheard a good one\b"
RIDDLE = re.compile(JOKE_OPENERS + r"|\bwhat's the difference between\b|\bhow many \w+ does it take\b", _I)
JOKE = re.compile(r"\b(?:haha+|ha(?:\s+ha)+|hah|heh|lol|lmao|joking|kidding|jk)\b|😂|🤣|😆|😅|🙂|😄|😉|[:;]-?[)D]\B|" + JOKE_OPENERS
                  + r"|\bsorry,? (?:terrible|awful|bad joke)\b", _I)
COMPLAINT = re.compile(r"\b(?:coffee (?:machine)?|parking|car park|canteen|the lift|air ?con|heating|printer|wifi|"
                       r"the kitchen|the traffic|the train|the bus)\b", _I)
# The learner's own apology, not an apology in a story ("the account team had to apologise twice").
APOLOGY = re.compile(r"^\W*(?:so+ |really |very )?sorry\b|\bi(?:'m| am)? (?:so+ |really |very |truly )?sorry\b"
                     r"|\bi (?:do )?apologi[sz]e\b|\b(?:my )?apologies\b|\bsorry\s*(?:about|for|if|that|,)|\bmy bad\b"
                     r"|\bforgive me\b"
                     # owning it without the word: "that wasn't fair of me", "I was out of line", "I shouldn't have said that"
                     r"|\b(?:that|it)\s+(?:was|wasn'?t|is|isn'?t)\s+(?:not\s+)?(?:fair|right|ok|okay|on|called for)\s+(?:of|from)\s+me\b"
                     r"|\b(?:that|it)\s+was\s+(?:out\s+of\s+order|uncalled\s+for|a\s+cheap\s+shot)\b(?!\s+(?:of|from)\s+(?:you|him|her|them))"
                     r"|\bi\s+(?:was|went)\s+(?:out\s+of\s+line|too\s+far|over\s+the\s+top)\b"
                     r"|\bi\s+(?:shouldn'?t|should\s+not)\s+have\s+said\s+(?:that|it)\b|\bi\s+take\s+(?:that|it)\s+back\b", _I)

# Sympathy for the listener ("I'm sorry to hear about your dad", "sorry for your loss"): not an apology for anything
# the learner did, so it is thanked, not answered "no need to apologise".
SYMPATHY = re.compile(r"\bsorry\s+(?:to\s+hear|for\s+your\s+loss|(?:about|for)\s+(?:your|ur)\s+(?!(?:time|trouble|patience|"
                      r"email|message|question|request|side|view)\b)\w+|that\s+(?:you(?:'re|\s+are)|your)\b)"
                      r"|\bmy\s+(?:condolences|sympathies|thoughts\s+are\s+with\s+you)\b", _I)

# A moment asked for ("give me a sec", "I need a minute with that"): given, with no new question on top of it.
A_MOMENT = re.compile(r"\b(?:(?:give|gie)\s+(?:me|us)|gimme)\s+(?:a|one|just\s+a)\s+(?:sec|second|minute|min|moment|mo|tick)\b"
                      r"|\bi\s+(?:just\s+)?need\s+(?:a|one)\s+(?:sec|second|minute|moment)\b(?!\s+(?:to\s+(?:talk|ask|tell)|of\s+your))"
                      r"|\blet\s+me\s+(?:just\s+)?(?:take\s+(?:that|this|it)\s+in|digest|process|absorb)\b", _I)

# Strain at work said in the first person ("I'm stuffed", "I'm not sleeping", "I cried in the car park"): overload,
# met with a manager's warmth before the negotiation goes on (acute distress is the care check's, not this).
STRAIN = re.compile(r"\b(?:i'?m|i am|i feel|feeling|i've been|i have been)\s+(?:so |really |completely |totally |absolutely |"
                    r"a bit |pretty |just )?(?:stuffed|exhausted|knackered|shattered|burnt out|burned out|running on (?:empty|fumes)"
                    r"|drowning|at breaking point|at the end of my tether|worn out|done in|frazzled|wiped out|fried|not coping"
                    r"|struggling(?! to\b))\b|\b(?:i'?m|i am|i've been|i have been) not sleeping\b|\bi can'?t (?:sleep|cope|keep "
                    r"(?:this|it) up)\b|\bi (?:have )?cried\b(?! (?:laughing|with laughter))|\bi(?:'ve| have)? (?:been )?in tears\b"
                    # stress, sleep and feeling stuck, said of themselves ("it's giving me so much tension", "struggling
                    # to sleep", "I feel like I'm standing still"); not "the client's stressed" or "I slept on it"
                    r"|\b(?:i'?m|i am|i've been|i have been|i feel|feeling)\s+(?:so |really |very |pretty |super |a bit |quite )?"
                    r"(?:stressed|under (?:so much |a lot of |real )?pressure|overwhelmed|on edge)\b(?! (?:test|testing)\b)"
                    r"|\b(?:giving|causing|gives|causes)\s+me\s+(?:so much |a lot of |real |such )?(?:stress|tension|anxiety|sleepless nights)"
                    r"|\b(?:i'?m|i am|i've been|i have been)\s+(?:struggling|finding it hard) to (?:sleep|switch off|cope|get up)"
                    r"|\bi\s+(?:haven'?t|have not|havent)\s+(?:been\s+)?(?:sleeping|slept)\b|\b(?:i'?m|i am)\s+(?:lying|lay) awake\b"
                    r"|\bi\s+(?:barely|hardly)\s+sleep"
                    r"|\bi\s+feel\s+(?:like\s+)?(?:i'?m\s+|i\s+am\s+)?(?:just\s+)?(?:stuck|standing\s+(?:still|in\s+one\s+place)"
                    r"|going\s+nowhere|treading\s+water|invisible)\b", _I)
MAY_I_ASK_WORDS = r"is it (?:even )?(?:all right|alright|ok|okay) (?:that i'?m asking|that i ask|to ask|for me to ask|if i ask)"
NERVES = re.compile(r"\b(?:nervous|anxious|scared|terrified|shaking|not (?:very )?good at (?:this|these)|hard for me to say"
                    r"|letting (?:you|everyone|everybody|the team|people) down|" + MAY_I_ASK_WORDS +
                    r"|(?:bit|little|really) (?:emotional|overwhelmed)|awkward for me|(?:my )?mind (?:went|is going) blank)\b", _I)
MAY_I_ASK = re.compile(MAY_I_ASK_WORDS, _I)


# "How are you?", "good weekend?": how they are, which their own small talk answers; "did you see the match?"
# or "are you coming to the quiz?" asks about something only the real person knows.
WELLBEING = re.compile(r"\bhow (?:are|r) (?:you|u)\b(?! (?:going|planning|feeling about))|\bhow have you been\b"
                       r"|\bhow(?:'s| is| was| has) (?:your|the) (?!(?:mum|mother|dad|father|lad|son|daughter|girl|boy|kids?|wife"
                       r"|husband|partner|family|little)\b)[\w-]+(?: [\w-]+)?(?: been| going| go)?\s*[?,.]"
                       r"|\b(?:good|nice|lovely) (?:weekend|holiday|christmas|break|trip|week|day)\b|\bhow(?:'s| is) (?:it (?:going|gaun|goin)|life)\b|\bhow are (?:you|ye) getting on\b|\bkeep (?:you|ye|u) (?:up|awake)\b"
                       r"|\bdid you have a (?:good|nice|lovely)\b|\bdo anything (?:nice|fun)\b|\bwere you (?:away|off)\b"
                       r"|\bare you (?:ok|okay|alright|all right|well|keeping well)\b", _I)


A_WORD = re.compile(r"\bis\s+(?:it\s+|this\s+|now\s+)?(?:a\s+)?(?:good|ok|okay|right|convenient)\s+time\b"
                   r"|\b(?:do|have)\s+(?:you|u)\s+(?:have\s+|got\s+)?(?:a\s+)?(?:few|some|five|two|ten)\s+(?:minutes?|mins?)\b"
                   r"|\b(?:talk|speak|discuss)\s+(?:about\s+|with\s+you\s+about\s+)?(?![\w\s']{0,40}\b(?:again|later|after|next|weeks?|months?)\b)"
                   r"[\w\s']{1,30},?\s+(?:can|ok|okay)\W*$"
                   r"|\b(?:(?:do\s+you\s+)?mind\s+if|(?:is\s+it\s+)?ok(?:ay)?\s+if)\s+i\s+ask\s+(?:you\s+)?(?:something|a\s+(?:quick\s+)?(?:question|thing))\b"
                   r"|\b(?:can|could|may)\s+i\s+ask\s+(?:a|one)\s+(?:quick\s+)?(?:question|thing)\W*$"
                   r"|\b(?:can|could|may)\s+i\s+(?:just\s+)?(?:grab|borrow|steal|have|catch|talk\s+to|speak\s+to|ask)\s+you\b"
                   r"(?!\s+(?:to|for\s+(?:a|the|your)\s+(?!minute|moment|sec|second|few))\b)|\b(?:have|got)\s+(?:you\s+(?:got\s+)?)?"
                   r"(?:a|five|ten|two|\d{1,2}|a\s+few|a\s+spare)\s+(?:minutes?|mins?|moment|sec(?:ond)?s?)\b|\b(?:can|could)\s+we\s+(?![^?]*\b(?:again|later|next|"
                   r"tomorrow|week|month|(?:mon|tues|wednes|thurs|fri)day|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*)"
                   r"(?:have\s+a\s+(?:quick\s+)?(?:word|chat)|talk|chat)\s*(?:about\s+[\w\s']{1,40})?\??$|\bis\s+now\s+(?:a\s+)?"
                   r"(?:good|ok|okay|bad)\s+(?:time|moment)\b", _I)


# "have you a minute on Thursday?", "if you've a spare minute another time?": a time other than now, unless the
# line asks about now as well ("is this a good time, or shall I come back later?")
ANOTHER_TIME = re.compile(r"\b(?:again|another\s+(?:time|day)|later|tomorrow|next\s+\w+|at\s+some\s+point|some\s+time"
                          r"|after\s+school|(?:mon|tues|wednes|thurs|fri)day)\b", _I)
NOW = re.compile(r"\b(?:now|good\s+time|convenient|right\s+time)\b", _I)


def asks_for_later(text: str) -> bool:
    return bool(ANOTHER_TIME.search(text)) and not NOW.search(text)


# "G'day Rob, how ya going.", "Afternoon Marcus, alright eh?", "Habari?": a greeting that asks how they are, typed
# as people greet (often with no mark), answered in kind before anything else. Only at the start of a sentence,
# after a hello and a name at most; "alright" asks only after a hello ("Alright, I'll do the pack." agrees).
HELLO = (r"(?:hi|hiya|hey|hello|hullo|morning|mornin'?|afternoon|evening|good (?:morning|afternoon|evening|day)|g'?day"
         r"|howdy|oi|now then|ey up|eh up|yo|salaam|namaste)")
GREETING_ASK = re.compile(
    r"^\W*(?:" + HELLO + r"\b\W*)?(?:(?!(?:so|and|but|anyway|right|ok|okay|well|also|then|now)\b)[\w'-]+\W+){0,2}?"
    r"(?:how (?:are |r )?(?:you|ye|yous|youse|y'all|you all) (?:going|goin'?|doing|doin'?|keeping|keepin'?|holdin[g']? up"
    r"|getting on)\b"
    r"(?!\s+(?:to|with|about|on|for|at|in|that|this|it|so)\b)"
    r"|how(?:'s| is) (?:it (?:going|goin'?|gaun)|things|tricks|life|the form|yourself)\b(?!\s+(?:with|for|on|at)\b)"
    r"|how(?:'s| is| was| has) your (?:weekend|holiday|hols|break|christmas|trip|summer)\b"
    r"|how(?:'s| is| was| has) your (?:week|day|morning)(?: been| going)?\s*(?:[?.!,]|$)"
    r"|how goes it\b|what(?:'s| is) the craic\b(?!\s+(?:with|about|on)\b)|howzit\b|habari\b|kumusta\b"
    r"|wagwan\b|fit like\b|hoo(?:'s| is) it gaun\b)"
    r"|^\W*" + HELLO + r"\b\W*(?:[\w'-]+\W+)?(?:all right|alright|awright|aight|you well|keeping well)"
    r"(?:\s+(?:eh|mate|love|pet|hen|duck|pal|bud|flower|boss|chief))?\s*(?:[?.!,]|$)", _I)

# "wanted a bit of a chat, if that's okay?", "hoping for a quick word, is that alright?": the word asked for by wishing
WANT_A_WORD = re.compile(r"\b(?:want|wanted|wanting|hoping|hoped|wondering|wondered|like)\s+"
                         r"(?:to\s+(?:maybe\s+|just\s+)?(?:have|grab|get)\s+|for\s+)?"
                         r"(?:a\s+)?(?:bit\s+of\s+a\s+|quick\s+|wee\s+|little\s+|short\s+)?(?:word|chat|catch-up|catch\s+up|natter|blether)\b"
                         r"[^.!?]{0,40}(?:\?|\b(?:if|is)\s+(?:that's|that\s+is|it's|it\s+is|that)\s+(?:ok|okay|alright|all\s+right|fine)\b)", _I)

THEY_HAVE = re.compile(r"\b(?:we|i|they|he|she|it)(?:'ve|\s+have)?\s+got\b", _I)  # "we got five minutes of fame"

# "I'm fuming, not with you, with the panel": frustration that says it has no target here (in the corpus, 54 rows
# say so and none of them is an attack).
NOT_AT_YOU = re.compile(r"\bnot (?:with|at|aimed at|directed at|angry at|cross with|mad at|having a go at) (?:you|u)\b"
                        r"|\bnot your fault\b|\bnothing (?:against|to do with) (?:you|u)\b", _I)

# "Sorry, but that's rubbish" and "I'm sorry you feel that way" own nothing.
SORRY_BUT = re.compile(r"\bsorry\b[^.!?]{0,25}?\bbut\b|\bsorry\s+(?:that\s+|if\s+)?you\b", _I)


def feelings_in(text: str, reader: bool = True) -> dict[str, bool]:
    """Strain and an apology: heard when the phrases above hear them, or the feelings reader does (people say how
    they are in more ways than any list: "cream crackered", "sleep is not coming properly", "that came out
    sharper than I meant"); and sympathy, which is no apology. `reader=False`: the phrases alone, for the
    benchmark that compares the two."""
    sympathy = bool(SYMPATHY.search(text))
    if sympathy:  # the sympathy's "sorry" is no apology; one said besides it still is ("sorry I'm late, and…")
        text = SYMPATHY.sub(" ", text)
    said = {"strain": bool(STRAIN.search(text)), "apology": bool(APOLOGY.search(text))}
    felt = heard_feelings(text) if reader and not all(said.values()) else None
    return {**{k: said[k] or bool(felt and felt[k]) for k in said}, "sympathy": sympathy}


def asks_for_a_word(sentence: str) -> bool:
    """"hi declan got a min", "got 5 mins": a short line asking for a word asks, with or without a mark; so does
    "I just, um, wanted to have a bit of a chat, if that's alright?", a wish for a word put to them."""
    words = len(sentence.split())
    return (words <= 8 and bool(A_WORD.search(sentence)) and not THEY_HAVE.search(sentence)
            or words <= 20 and bool(WANT_A_WORD.search(sentence)))


def not_at_you(text: str) -> bool:
    return bool(NOT_AT_YOU.search(text))
