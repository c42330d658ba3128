"""The hand-written topic cues of a question: what it asks in so many words, else what it mentions (the question
reader weighs them; see hearing.py)."""

from __future__ import annotations

import re

from coach.rehearsal.dialogue import question_shapes as shapes

_I = re.IGNORECASE

# Topic cues in two tiers. What the question asks ("what worries you most…", "who signs it off…", "what would
# the panel need to see…") names its topic first, in this order; only a question whose shape says nothing gets
# its topic from the things it mentions (the panel, the budget, the weekend). So "what worries you most: his
# experience, or how the governors will see it?" is about a worry, not about who decides.
ASKS: list[tuple[str, re.Pattern]] = [
    ("choice", re.compile(r"\b(?:would you (?:rather|prefer)|which (?:one |option )?(?:would|do|works|suits|is better)"
                          r"|do you prefer|which of (?:these|those|the two)|either\b.*\bor\b)", _I)),
    # "Are you going to put me forward or not?": where they stand now, answered "not yet" or "yes".
    ("verdict", VERDICT := re.compile(r"\bare you (?:going to|gonna) (?:put me (?:forward|up|through)|support|back|approve|sign|say yes|agree|give me"
                          r"|promote|nominate|let me|do it)\b|\b(?:will|would) you (?:put me (?:forward|up|through)|promote me)\b"
                          r"|\b(?:you'll|you will) (?:put me (?:forward|up|through)|promote me|nominate me|back me)\b"
                          r"|\bare you (?:backing|supporting|nominating) me\b"
                          r"|\bhow do you (?:feel|rate) (?:about )?my (?:chances|odds|case|prospects)\b|\bwhat are my (?:chances|odds)\b"
                          r"|\bis (?:that|it|this) (?:a|an) (?:yes|no)\b|\byes or (?:a )?no\b|\bwhere do i stand\b|\bdo we have a deal\b"
                          r"|\bwhat(?:'s| is) your (?:answer|decision|verdict)\b|\bare we (?:agreed|good|on)\b", _I)),
    # "Do you want a tea?": an offer, thanked.
    ("offer", re.compile(r"\b(?:do|would|d') ?(?:you|u) (?:want|like|fancy)\b[^?]{0,25}\b(?:tea|coffee|cuppa|water|drink|biscuit|a seat|to sit|chair)\b"
                         r"|\b(?:can|shall) i (?:get|make|grab) (?:you|u)\b[^?]{0,20}\b(?:tea|coffee|cuppa|water|drink|biscuit)\b"
                         r"|\b(?:brought|made|got|poured) (?:you|u) (?:a|some|one)\b[^?]{0,20}\b(?:tea|coffee|cuppa|water|drink|biscuit)", _I)),
    ("feelings", re.compile(r"\bhow (?:do|are) you (?:really |actually |honestly |truly )?(?:feel|feeling|doing|holding up|finding)|\bhow(?:'s| is) (?:it|that) "
                            r"(?:sitting|landing|feeling)|\bare you (?:ok|okay|alright|all right|worried|comfortable|"
                            r"stressed|happy)\b|\bhow do you feel\b|\bis (?:everything|all|it all) (?:ok|okay|alright|all right|well|fine)\b"
                            r"|\b(?:something|anything) (?:going on|wrong|up) (?:at home|with you|outside work)\b|\bis (?:there )?(?:anything|something) (?:going on|wrong)\b"
                            r"|\bhow are things\b|\byour (?:gut|honest) (?:feeling|reaction)|^\W*(?:so\s+)?what(?:'s| is) up\b"
                            r"|\bwhat(?:'s| is| has)(?: been)? (?:going on|happening) (?:for|with) you\b|\bwhat do you think(?:'s| is) going on\b"
                            r"|\bhow (?:have|has) (?:things|it|this) (?:felt|been) (?:for you|from your side|on your side)"
                            r"|\b(?:felt|feel|feels|looks?) (?:like )?from your side\b|\bhow does it look from your side\b", _I)),
    ("constraint", re.compile(r"\bwhat(?:'s| is| are)? (?:making|stopping|holding|blocking|driving|in the way|worrying|"
                              r"bothering|(?:the|your) (?:main |biggest |real |first |only )?(?:concern|problem|issue|worry|constraint|blocker|challenge|risk|catch|"
                              r"pressure|obstacle|hesitation|hold-?up|reservation|fear)s?)|\bwhat (?:concerns|worries|bothers) you\b"
                              r"|\bwhat (?:is it that |exactly )?(?:worries|concerns|bothers) you|\byour (?:main |biggest |real |first |only )?"
                              r"(?:worry|worries|concern|concerns|fear|fears|hesitation|reservation|reservations)\b"
                              r"|\bwhat (?:would|will|might|does|do) (?:\w+ )?(?:worry|concern|bother) you"
                              r"|\bwhat (?:would|could|might) make (?:\w+ ){1,2}(?:hard|harder|difficult|tricky|tough)"
                              r"|\b(?:what|who) would you have to (?:answer to|explain|justify)|\bwould (?:it|that|this) be a problem\b"
                              r"|\bwhat makes (?:it|this|that) (?:hard|difficult|tricky)|\bwhy (?:not|is it hard|can't|cannot|won't)\b"
                              r"|\bwhat are you (?:up against|dealing with|working with)|\bgetting in the way\b"
                              r"|\bwhat(?:'s| has) been (?:hard|difficult|tough)\b|\b(?:nothing|anything)(?: at all)? you can do\b"
                              r"|\bwhat makes you (?:so )?(?:hesita\w*|unsure|nervous|worried|wary|reluctant|doubt\w*)"
                              r"|\bwhy (?:the|are you (?:so )?)(?:hesita\w*|reluctan\w*|unsure|wary|worried)|\bputting you off\b", _I)),
    ("help", re.compile(r"\bwhat (?:else )?(?:would|could|do|does|will|might) (?:you|it|they|he|she|(?:the|your) [\w-]+) (?:actually |really |still |else )?"
                        r"(?:need|want|expect|take|help|look for|have to see)|\bwhat you need\b|\bis there (?:any|a|some) way\b"
                        r"|\bwhat (?:else )?(?:would|could|might) help\b|\bwhat would (?:help|make (?:it|this|that|you)|convince|change your mind)"
                        r"|\bhow can i (?:help|make|support)|\b(?:anything|what) (?:else )?(?:you'd|you would|you) (?:\w+ )?need from me\b"
                        r"|\bwhat (?:can|could|should) i (?:do|bring|show|prepare|change|be (?:doing|working on|focusing on)|work on"
                        r"|focus on)|\b(?:anything|something) (?:else )?i (?:can|could|should|might) (?:do|be doing|work on)\b"
                        r"|\bneed to see\b|\bwhat would a (?:yes|good)\b|\bwhat would it take\b|\bwhat has to be true\b"
                        r"|\bwhat (?:would|do|should|must) i (?:\w+ )?(?:need|have) to\b|\bhow (?:do|would|can|could) i (?:get|become|be ready|improve)"
                        r"|\bwhat (?:i|we) (?:must|should|need to|have to|could|can|would need to) (?:improve|change|work on|do better|fix|develop)\b"
                        r"|\bwhat (?:would|do|should) you (?:put first|prioriti[sz]e|focus on|work on)\b"
                        r"|\b(?:something|anything) else (?:you'd|you would) put first\b"
                        r"|\b(?:gap|delta|difference) between where i am\b|\bwhere (?:the panel|they|you|the board|the committee) needs? me to be\b", _I)),
    ("decision", re.compile(r"\bwho (?:\w+ )?(?:decides|signs|approves|nominates|makes (?:the|that|this|those|these) (?:call|decision)s?)"
                            r"|\bwho(?:'d|'ll|'s)?\s+(?:\w+\s+){0,3}?(?:sign(?:s|ed)?\s+(?:\w+\s+)?off|approv\w*|authori[sz]\w*"
                            r"|rubber-?stamp\w*|(?:have|need|needs|has)\s+to\s+(?:sign|decide|agree))\b"
                            r"|\bwho (?:else|has the final|gets a say|has to sign|needs to sign|would (?:\w+ )?need to sign)"
                            r"|\bis it (?:you|up to you|your (?:call|decision))\b|\byour call\b|\bgo (?:past|above|through) (?:your|the) boss\b"
                            r"|\bwho (?:do|should) i (?:\w+ )?(?:go|talk|speak) to\b|\bwhat did (?:the|they|you) \w*\s?(?:say|think|want|decide|mean|write)\b"
                            r"|\bhow (?:is|are|does|do|will|would) (?:it|that|this|the [\w-]+|they|you|one|someone|anyone|people|decisions?|promotions?"
                            r"|exceptions?)\b[^?]*\b(?:decid|choos|chose|pick|allocat|work|approv|judg|assess|get into|make a decision)"
                            r"|\bwho(?:'s| is) involved\b|\bwho(?:'s| is| will be|'ll be) (?:making|taking) (?:the|that|this) (?:call|decision)|\bwhat (?:they|the panel) (?:were|was) (?:thinking|after)|\bwhat (?:were|was) (?:they|the panel|"
                            r"the committee|the board) (?:thinking|looking for)|\bwhy (?:didn't|did|wasn't|was) (?:i|it|my)\b"
                            r"|\bdid you (?:even |actually |really )?(?:fight|push|argue|speak up|go in) (?:for|hard for) (?:me|my case)\b"
                            r"|\bwhat was said\b|\bwhat (?:exactly )?(?:the \w+|they) said\b|\bhow (?:do|does) (?:calibration|the panel)", _I)),
    # "Could you put the main reason in writing?": a small favour asked of them, granted or not.
    ("favour", re.compile(r"(?:^|[:;,]\s*)\W*(?:(?:so|and|but|sorry|ok(?:ay)?|also|just|please|look)\W+)*(?:can|could|would|will) (?:you|u) (?:please |just |also )?"
                          r"(?:put|send|write|e-?mail|share|forward|cc|copy|jot|note|confirm (?:it |that |this )?in writing|let me know|get back to me"
                          r"|check|find out|ask|look into|dig out|pass|loop|introduce)\b", _I)),
    # "back when you were in the yard" or "how long have you been a manager?" ask about them, not about a date
    ("timing", re.compile(r"\bwhen\b(?! (?:you|i|we) (?:were|was)\b)|\bwhich (?:date|day|week|month)\b"
                          r"|\bhow (?:long(?! have you\b)|soon|quickly)\b|\bby when\b|\btime ?(?:line|frame|scale)\b"
                          r"|\bwhat date\b|\bdeadline\b", _I)),
    ("personal", re.compile(r"\b(?:your|you) (?:weekend|holiday|kids?|children|family|dog|cat|partner|wife|husband|mother|mum|father"
                            r"|dad|parents?|son|daughter|sister|brother|"
                            r"trip|break|lunch|commute)\b|\bdid you (?:ever )?(?:watch|see|go|have a|get to|get away|get your|catch|hear)\b"
                            r"|\bare you (?:still )?(?:coming|joining|doing|running|playing|off|away|busy|around)\b"
                            r"|\bare you (?:still )?going (?:to (?:the|a|an)\b|anywhere|away|on holiday|out|home)"
                            r"|\bdid your (?:\w+ )?(?:daughter|son|kids?|children|partner|wife|husband|mum|mother|dad|father|car)\b|\bhave you (?:been (?:away|anywhere|on)|"
                            r"eaten|had (?:a|your) (?:break|lunch|holiday))\b|\b(?:good|nice|lovely) (?:weekend|holiday|christmas|break|trip)"
                            r"|\bdo you have (?:any )?(?:kids|children|a family|family|pets|a dog|a cat)\b"
                            r"|\bhow(?:'s| is) (?:it (?:going|gaun|goin)(?! with\b)|life)\b|\bhow are (?:you|ye) getting on\b(?! with\b)"
                            r"|\bkeep (?:you|ye|u) (?:up|awake)\b|\b(?:you|ye) look (?:\w+ )?(?:tired|knackered|shattered|wrecked|exhausted)\b"
                            r"|\bdo anything (?:nice|fun)\b|\bhow long have you\b|\bwere you always\b|\bback when you\b|\bdo you (?:like|play|watch|follow|support)\b"
                            r"|\bhow was (?:your|the)\b|\b(?:have )?you ever\b|\bhow(?:'s| is| are) (?:the|your) (?:family|folks|kids)\b"
                            r"|\bdo you (?:actually |really |even )?(?:like|enjoy|miss|love|hate)\b"
                            # "Now then Ruth, y'alright duck?": how are you, as a greeting
                            r"|^\W*(?:[\w']+\W+){0,3}?(?:y'?all?right|you all?right|ya all?right|u all?right)\b"
                            r"|\bhow(?:'s| is| are) your (?!team|budget|department|director|boss|plan|case|view|side|worry)\w+", _I)),
]
# What a question mentions, when its shape named no topic.
MENTIONS: list[tuple[str, re.Pattern]] = [
    ("decision", re.compile(r"\b(?:panel|committee|calibration|governors|competenc(?:y|ies)|criteria|sign[- ]?off|nominat\w*)\b"
                            r"|\bthe (?:decision|process|feedback|reasoning|reason)\b|\bget a yes\b|\bdecid\w*", _I)),
    ("constraint", re.compile(r"\b(?:budget|freeze|headcount|pressure|constraints?)\b", _I)),
    ("personal", re.compile(r"\b(?:holidays?|vacation|christmas|weekend)\b|\byourself\b", _I)),
]

# "…, and how does the panel decide?": a second question in the same sentence, the one left hanging.
AND_ASKS = re.compile(r",?\s+and\s+(?=(?:what|how|who|when|why|where|which|is|are|do|does|did|can|could|would|will)\b)", _I)


def topic_named(sentence: str) -> str:
    """What the question asks, its last question first; else what it mentions; else "other"."""
    for clause in reversed(AND_ASKS.split(sentence)):
        for topic, pattern in ASKS:
            if topic != "choice" and pattern.search(clause):
                return topic
    return next((topic for topic, pattern in MENTIONS  # "after Christmas, maybe?" is a date, "your Christmas?" theirs
                 if pattern.search(sentence) and (topic != "personal" or shapes.YOU.search(sentence))), "other")


_DECIDES, _DECISION_MENTIONED = dict(ASKS)["decision"], dict(MENTIONS)["decision"]
# When, asked: at the head of a clause ("…, and when is the deadline?", "by when?"), or a date asked for in so many
# words; not "when" inside another question ("what does the committee look at when they decide?").
_WHEN = re.compile(r"(?:^|[,;:]|\band\b|\bor\b)\s*(?:so\s+|then\s+|but\s+)?(?:when|by\s+when)\b|\bby\s+when\b"
                   r"|\bhow\s+(?:long|soon)\b"
                   r"|\b(?:deadline|cut-?off|time-?scale|time-?frame|time-?line|what\s+date|which\s+date|by\s+what\s+date)\b", _I)


def asks_who_decides(clause: str) -> bool:
    """Whether a clause asks or names how it is decided ("who nominates", "is it your call", "what is the process"),
    whatever else the sentence asks ("…, and by which date?")."""
    return bool(_DECIDES.search(clause) or _DECISION_MENTIONED.search(clause))


def asks_a_date(question: str) -> bool:
    """Whether a question asks when as well as whatever it asks first ("is it your call, and by when?")."""
    return bool(_WHEN.search(question))
