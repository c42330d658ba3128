"""What a learner line asks or does beyond its moves: a direct question and its topic, a remark outside the
negotiation (a hazard: hazards.py), an apology or nerves, a goodbye (leaving.py).

Moves come from the trained move model; these are conversational acts a listening person answers. The
cues are plain English a learner types, lower case or not, with or without a question mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from coach.moves.feelings import heard_feelings
from coach.moves.in_full import in_full
from coach.moves.model import MoveModel, shared_asking_model
from coach.rehearsal.dialogue import topics
from coach.rehearsal.dialogue.facts import choice_options, options_before
from coach.rehearsal.dialogue.hazards import describes_hazard
from coach.rehearsal.dialogue.leaving import split_sentences, takes_leave

_I = re.IGNORECASE

# A sentence that asks the other person something: a question mark, or a question's first words.
_QUESTION_START = re.compile(
    r"^\s*(?:so\s+|and\s+|but\s+|ok(?:ay)?\s*,?\s+|also\s*,?\s+|just\s+|honestly\s*,?\s+|sorry\s*,?\s+|anyway\s*,?\s+"
    r"|right\s*,?\s+|look\s*,?\s+|oh\s*,?\s+|well\s*,?\s+)*"
    r"(?:what|what's|whats|how|how's|when|who|who's|why|which|where|is there|are there|is it|are you|do you|"
    r"does|did you|have you|has|can you|could you|would you|will you|were you|was it)\b"
    r"(?!\s*[:\u2013\u2014-])",  # "Why: the drive's 75 minutes" introduces a reason, it asks nothing
    _I,
)
# A request that is phrased as a question is an ask, answered by the reply to the ask itself.
_REQUEST = re.compile(
    r"^\s*(?:so\s+|and\s+|ok(?:ay)?\s*,?\s+)?(?:can|could|may|might|shall)\s+(?:i|we|someone|somebody|they)\b|^\s*(?:would|will) you\s+"
    r"(?:be (?:ok|okay|open|willing|happy)|agree(?!\s*(?:[,?]|with\b|that\b|on\b|about\b|or\b))|support|back|approve|sign|consider"
    r"|nominate|let me)\b",
    _I,
)
# "Does that work for you?" or "Do those feel doable?" asks for their view of what was just proposed: the reply
# to the proposal answers it; with none to reply to, an honest word on where they are with it.
_CHECK = re.compile(r"^\W*(?:(?:so|and|but|ok(?:ay)?|right)\W+)?(?:does|do|would|will|could|is|are)\s+(?:that|this|those|these|it|they)\s+"
                    r"(?:\w+\s+)?(?:work|suit|sound|feel|seem|look|fair|ok|okay|alright|all right|doable|realistic|reasonable)\b", _I)

# "May I ask what would concern you most?" or "Can I ask a random one, is the agency still doing Friday drinks?" asks
# what follows; it is no request to be let to ask.
_LEAD = r"^\W*(?:(?:so|and|but|also|just|honestly|sorry|ok(?:ay)?|look|well|um|actually|kindly|please)\W+)*"
_WH = r"(?:what|who|how|when|why|where|which|whether|if)\b"
_ASK_PREFACE = re.compile(_LEAD + r"(?:can|could|may|might) i (?:just |also )?ask(?: you)?(?: (?:something|one thing|a (?:\w+ )?(?:question|one|thing)))?[\s,:-]*"
                          r"(?=" + _WH + r"|(?:is|are|do|does|did|would|will|has|have)\b)", _I)
# "I would be grateful if you could let me know what concerns you would have", "Kindly let me know whether the head
# would agree": a formal request for an answer; not "let me know if you need anything", an offer, nor "let me know
# what you think", which the reaction to what they just heard answers.
_LET_ME_KNOW = (r"(?:(?:i|we)(?:'d| would| should) (?:be (?:very |most |really )?grateful|(?:really )?appreciate it)"
                r"\s+if\s+(?:you|u)\s+(?:could|would|can)\s+)?(?:kindly\s+|please\s+)?let me know"
                r"(?!\s+if\s+(?:(?:you|u)\s+(?:need|want|have any (?:questions|trouble|problems))|there(?:'s| is)|anything|i can)"
                r"|\s+(?:what (?:you|u) think|your thoughts))")
# "I'm wondering what the budget looks like", "I'd like to know who signs it off": a question put as a statement.
_INDIRECT = re.compile(r"(?:" + _LEAD + r"|[,;:]\s+|\b(?:so|and|but|also)\s+)"
                       r"(?:(?:i(?:'m| am| was|'d| would| have been|'ve been)?\s+)?(?:just\s+|also\s+|really\s+|kind of\s+)?"
                       r"(?:wondering|wondered|wonder|curious(?: about)?|(?:like|love|want|wanted|need|keen|interested) to (?:know|understand|hear|ask)"
                       r"|not (?:really )?sure)|(?:please\s+)?(?:tell|help) me (?:understand\s+)?|(?:do|would) you (?:happen to )?know"
                       r"|(?:you|ya|u) (?:happen to )?know(?=\s+(?:if|whether)\b(?!\s+(?:you|u)\s+(?:need|want)))"
                       r"|" + _LET_ME_KNOW + r")"
                       r"[\s,]*(?:(?:if|when) [^,?]{3,40},\s*)?(?=" + _WH + ")", _I)
# "I'm wondering if we could start in March": a proposal, put gently.
_PROPOSED = re.compile(r"^(?:if|whether) (?:i|we|someone|somebody|they|\w+) (?:can|could|might|may|should)\b", _I)

# "…, you know?" or "…, right?" asks nothing: a tag on a statement.
_TAG = re.compile(r"(?:,|\s)\s*(?:you know|right|yeah|ok(?:ay)?|innit|eh|no|isn't it|aren't they|don't you think)\s*\?$", _I)
# "Honestly? I've been a wreck." or "Seriously?": a word of tone, not a question.
_INTERJECTION = re.compile(r"^\W*(?:honestly|seriously|really|right|so|well|anyway|actually|okay|ok|yeah|yes|no)\W*$", _I)
_YOU = re.compile(r"\b(?:you|your|yours|yourself|u|ur)\b", _I)
# "Is everything ok?" opens like a question, so its "ok?" is no tag.
_INVERTED = re.compile(r"^\s*(?:so\s+|and\s+|but\s+)?(?:is|are|was|were|do|does|did|have|has|can|could|would|will|should)\s+"
                       r"(?:everything|anything|something|all|it|that|this|there|you|he|she|they|we|i)\b", _I)
# A question word, an auxiliary and its subject ("what does your director think…", "how would you…", "who do I
# ask…") ask, with a mark or without, whatever the question reader says; not "what would help is…".
_WH_ASKS = re.compile(r"^\s*(?:(?:so|and|but|ok(?:ay)?|also|just|honestly|sorry|anyway|right|look|oh|well)\s*,?\s+)*"
                      r"(?:what|who|how|when|why|which|where)\s+(?:do|does|did|can|could|would|will|should|has|have)\s+"
                      r"(?:you|he|she|they|we|i|it|your|the|this|that|my|our|his|her|their|[A-Z][a-z]+)\b")
# "…and then we can have another chat in a couple of weeks or so is that alright with you": a line that ends by
# checking it suits them asks, with or without a mark.
_CHECK_TAIL = re.compile(r"\b(?:is|would|does|will)\s+(?:that|this|it)\s+(?:be\s+)?(?:ok(?:ay)?|alright|all right|fine|work"
                         r"|suit|do)(?:\s+(?:with|for)\s+(?:you|u))?\s*$", _I)
# An auxiliary and then who or what it asks about ("Is Mr Hartigan gonna have a problem with that", "Did anybody
# get sand down on that spill yet", "Would it be easier for you if…") asks, typed without a mark; not "Do one
# thing, …", "Could be worse" or, ended with a full stop, "Did it myself.".
_INVERTED_ASKS = re.compile(r"^\s*(?i:(?:(?:so|and|but|ok(?:ay)?|also|just|right|look|oh|well|anyway)\s*,?\s+)*)"
                            r"(?:(?i:(?:is|are|was|were|do|does|did|have|has|can|could|would|will|should|shall)\s+"
                            r"(?:it|that|this|there|you|u|he|she|they|we|anybody|anyone|somebody|someone|everybody|"
                            r"everyone|nobody|everything|anything|something|the|your|ur|my|our|his|her|their|mr|mrs|ms|dr)\b)"
                            r"|(?i:is|are|was|were|do|does|did|have|has|can|could|would|will|should)\s+[A-Z][a-z]+\b)")
# "What I want is…" or "How we got here was…" states something: a question word before its own subject and
# no question mark. "You know the secondment Raj runs? I reckon…" checks common ground before a point.
_STATEMENT_START = re.compile(r"^\s*(?:so\s+|and\s+|but\s+)?(?:what|how|why|where|when)\s+(?:i|we|they|she|he)\b", _I)
# "It's just that I'm finding things a bit much at the moment?": a statement said with a rising tone (hedged
# speech) tells something and asks for a hearing, not an answer. Not "I was thinking maybe Sam could…?" (a
# tentative ask), nor anything put to "you", nor "…, or not?".
_UPTALK = re.compile(r"^\W*(?:(?:so|and|but|well|um|like|just|honestly|yes|yeah|sorry|look|right|ok|okay|no)\W+)*"
                     r"(?:it's\s+just\s+(?:that\s+)?)?"
                     r"(?:i'm|i\s+am|i've|i\s+feel|i\s+was|i\s+had)\s+"
                     r"(?!.*\b(?:you|your|u|or|wonder(?:ing)?|hoping|asking|okay|ok|alright|fine|allowed|possible|can|could|might|maybe"
                     r"|would|help)\b)", _I)
_COMMON_GROUND = re.compile(r"^\s*(?:so\s+|and\s+)?(?:do\s+)?(?:you|u)\s+know\s+(?:the|that|about|how|what|when|our|my)\b", _I)

# Topic cues in two tiers. What the question asks ("what worries you most…", "who signs it off…", "what would
# the panel need to see…") names its topic first, in this order; only a question whose shape says nothing gets
# its topic from the things it mentions (the panel, the budget, the weekend). So "what worries you most: his
# experience, or how the governors will see it?" is about a worry, not about who decides.
_ASKS: list[tuple[str, re.Pattern]] = [
    ("choice", re.compile(r"\b(?:would you (?:rather|prefer)|which (?:one |option )?(?:would|do|works|suits|is better)"
                          r"|do you prefer|which of (?:these|those|the two)|either\b.*\bor\b)", _I)),
    # "Are you going to put me forward or not?": where they stand now, answered "not yet" or "yes".
    ("verdict", _VERDICT := re.compile(r"\bare you (?:going to|gonna) (?:put me (?:forward|up|through)|support|back|approve|sign|say yes|agree|give me"
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
                            r"|\bhow (?:is|are|does|do|will|would) (?:it|that|this|the [\w-]+|they|you|someone|anyone|people|decisions?|promotions?"
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
_MENTIONS: list[tuple[str, re.Pattern]] = [
    ("decision", re.compile(r"\b(?:panel|committee|calibration|governors|competenc(?:y|ies)|criteria|sign[- ]?off|nominat\w*)\b"
                            r"|\bthe (?:decision|process|feedback|reasoning|reason)\b|\bget a yes\b|\bdecid\w*", _I)),
    ("constraint", re.compile(r"\b(?:budget|freeze|headcount|pressure|constraints?)\b", _I)),
    ("personal", re.compile(r"\b(?:holidays?|vacation|christmas|weekend)\b|\byourself\b", _I)),
]


# Remarks outside the negotiation.
_JOKE_OPENERS = r"\bwhy did the \w+|\bwhat do you call\b|\bknock,? knock\b|\bheard a good one\b"
_RIDDLE = re.compile(_JOKE_OPENERS + r"|\bwhat's the difference between\b|\bhow many \w+ does it take\b", _I)
_JOKE = re.compile(r"\b(?:haha+|ha(?:\s+ha)+|hah|heh|lol|lmao|joking|kidding|jk)\b|😂|🤣|😆|😅|🙂|😄|😉|[:;]-?[)D]\B|" + _JOKE_OPENERS
                   + r"|\bsorry,? (?:terrible|awful|bad joke)\b", _I)
_COMPLAINT = re.compile(r"\b(?:coffee (?:machine)?|parking|car park|canteen|the lift|air ?con|heating|printer|wifi|"
                        r"the kitchen|the traffic|the train|the bus)\b", _I)
# The learner's own apology, not an apology in a story ("the account team had to apologise twice").
_APOLOGY = re.compile(r"^\W*(?:so+ |really |very )?sorry\b|\bi(?:'m| am)? (?:so+ |really |very |truly )?sorry\b"
                      r"|\bi (?:do )?apologi[sz]e\b|\b(?:my )?apologies\b|\bsorry\s*(?:about|for|if|that|,)|\bmy bad\b"
                      r"|\bforgive me\b"
                      # owning it without the word: "that wasn't fair of me", "I was out of line", "I shouldn't have said that"
                      r"|\b(?:that|it)\s+(?:was|wasn'?t|is|isn'?t)\s+(?:not\s+)?(?:fair|right|ok|okay|on|called for)\s+(?:of|from)\s+me\b"
                      r"|\b(?:that|it)\s+was\s+(?:out\s+of\s+order|uncalled\s+for|a\s+cheap\s+shot)\b(?!\s+(?:of|from)\s+(?:you|him|her|them))"
                      r"|\bi\s+(?:was|went)\s+(?:out\s+of\s+line|too\s+far|over\s+the\s+top)\b"
                      r"|\bi\s+(?:shouldn'?t|should\s+not)\s+have\s+said\s+(?:that|it)\b|\bi\s+take\s+(?:that|it)\s+back\b", _I)
# Strain at work said in the first person ("I'm stuffed", "I'm not sleeping", "I cried in the car park"): overload,
# met with a manager's warmth before the negotiation goes on (acute distress is the care check's, not this).
_STRAIN = re.compile(r"\b(?:i'?m|i am|i feel|feeling|i've been|i have been)\s+(?:so |really |completely |totally |absolutely |"
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
_MAY_I_ASK_WORDS = r"is it (?:even )?(?:all right|alright|ok|okay) (?:that i'?m asking|that i ask|to ask|for me to ask|if i ask)"
_NERVES = re.compile(r"\b(?:nervous|anxious|scared|terrified|shaking|not (?:very )?good at (?:this|these)|hard for me to say"
                     r"|letting (?:you|everyone|everybody|the team|people) down|" + _MAY_I_ASK_WORDS +
                     r"|(?:bit|little|really) (?:emotional|overwhelmed)|awkward for me|(?:my )?mind (?:went|is going) blank)\b", _I)
_MAY_I_ASK = re.compile(_MAY_I_ASK_WORDS, _I)


# "How are you?", "good weekend?": how they are, which their own small talk answers; "did you see the match?"
# or "are you coming to the quiz?" asks about something only the real person knows.
_WELLBEING = re.compile(r"\bhow (?:are|r) (?:you|u)\b(?! (?:going|planning|feeling about))|\bhow have you been\b"
                        r"|\bhow(?:'s| is| was| has) (?:your|the) (?!(?:mum|mother|dad|father|lad|son|daughter|girl|boy|kids?|wife"
                        r"|husband|partner|family|little)\b)[\w-]+(?: [\w-]+)?(?: been| going| go)?\s*[?,.]"
                        r"|\b(?:good|nice|lovely) (?:weekend|holiday|christmas|break|trip|week|day)\b|\bhow(?:'s| is) (?:it (?:going|gaun|goin)|life)\b|\bhow are (?:you|ye) getting on\b|\bkeep (?:you|ye|u) (?:up|awake)\b"
                        r"|\bdid you have a (?:good|nice|lovely)\b|\bdo anything (?:nice|fun)\b|\bwere you (?:away|off)\b"
                        r"|\bare you (?:ok|okay|alright|all right|well|keeping well)\b", _I)


_A_WORD = re.compile(r"\bis\s+(?:it\s+|this\s+|now\s+)?(?:a\s+)?(?:good|ok|okay|right|convenient)\s+time\b"
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
_ANOTHER_TIME = re.compile(r"\b(?:again|another\s+(?:time|day)|later|tomorrow|next\s+\w+|at\s+some\s+point|some\s+time"
                           r"|after\s+school|(?:mon|tues|wednes|thurs|fri)day)\b", _I)
_NOW = re.compile(r"\b(?:now|good\s+time|convenient|right\s+time)\b", _I)


def asks_for_later(text: str) -> bool:
    return bool(_ANOTHER_TIME.search(text)) and not _NOW.search(text)


# Questions about the counterpart's side (their worry, who decides, what would help, how they feel): asking them
# explores that side, and they are answered from what the counterpart knows.
THEIR_SIDE = frozenset({"constraint", "decision", "help", "feelings"})

# "G'day Rob, how ya going.", "Afternoon Marcus, alright eh?", "Habari?": a greeting that asks how they are, typed
# as people greet (often with no mark), answered in kind before anything else. Only at the start of a sentence,
# after a hello and a name at most; "alright" asks only after a hello ("Alright, I'll do the pack." agrees).
_HELLO = (r"(?:hi|hiya|hey|hello|hullo|morning|mornin'?|afternoon|evening|good (?:morning|afternoon|evening|day)|g'?day"
          r"|howdy|oi|now then|ey up|eh up|yo|salaam|namaste)")
_GREETING_ASK = re.compile(
    r"^\W*(?:" + _HELLO + r"\b\W*)?(?:(?!(?:so|and|but|anyway|right|ok|okay|well|also|then|now)\b)[\w'-]+\W+){0,2}?"
    r"(?:how (?:are |r )?(?:you|ye|yous|youse|y'all|you all) (?:going|goin'?|doing|doin'?|keeping|keepin'?|holdin[g']? up"
    r"|getting on)\b"
    r"(?!\s+(?:to|with|about|on|for|at|in|that|this|it|so)\b)"
    r"|how(?:'s| is) (?:it (?:going|goin'?|gaun)|things|tricks|life|the form|yourself)\b(?!\s+(?:with|for|on|at)\b)"
    r"|how(?:'s| is| was| has) your (?:weekend|holiday|hols|break|christmas|trip|summer)\b"
    r"|how(?:'s| is| was| has) your (?:week|day|morning)(?: been| going)?\s*(?:[?.!,]|$)"
    r"|how goes it\b|what(?:'s| is) the craic\b(?!\s+(?:with|about|on)\b)|howzit\b|habari\b|kumusta\b"
    r"|wagwan\b|fit like\b|hoo(?:'s| is) it gaun\b)"
    r"|^\W*" + _HELLO + r"\b\W*(?:[\w'-]+\W+)?(?:all right|alright|awright|aight|you well|keeping well)"
    r"(?:\s+(?:eh|mate|love|pet|hen|duck|pal|bud|flower|boss|chief))?\s*(?:[?.!,]|$)", _I)


@dataclass
class Question:
    topic: str  # constraint, decision, timing, help, feelings, personal, choice, verdict, favour, offer, check, other
    text: str
    options: list[str] = field(default_factory=list)
    request: bool = False  # "could we…?": an ask in question form, answered by the reply to the ask
    greeting: bool = False  # "G'day Rob, how ya going.": hello and how are you, answered in kind before the rest
    around: str = ""  # the line a question at its tail was cut from ("the radiator's banging again, is that just me")
    # the turn's other questions: "how does one get into the December round? Is there a deadline, or is it up to the
    # partners?" is one question put twice over, answered on the words of both
    others: list[str] = field(default_factory=list)

    @property
    def whole(self) -> str:
        """Every question the turn asks, this one last: the words an answer is chosen on."""
        return " ".join([*self.others, self.text])

    @property
    def asks_for_a_word(self) -> bool:
        """"Can I grab you about my workload?", "got a minute?": asking to talk at all, answered with "go on"."""
        return bool(_A_WORD.search(self.text) or _WANT_A_WORD.search(self.text))

    @property
    def word_later(self) -> bool:
        """A word asked for another time ("have you a minute on Thursday?"), answered as a meeting, not "go on"."""
        return self.asks_for_a_word and asks_for_later(self.text)

    @property
    def how_they_are(self) -> bool:
        """A personal question their own small talk answers ("good weekend?"), not one about a particular."""
        return bool(_WELLBEING.search(self.text) or _GREETING_ASK.search(self.text))


@dataclass
class Heard:
    question: Question | None = None
    hazard: bool = False
    aside: bool = False  # a joke, a complaint, small talk outside the negotiation
    laughing: bool = False  # "ha", "lol", "only joking": said with a laugh
    apology: bool = False
    nerves: bool = False
    strain: bool = False  # "I'm stuffed, I'm not sleeping": overload, met with warmth
    leaving: bool = False  # "I've got to go", "let's leave it there": met with a goodbye, not a new question


def sentences(text: str) -> list[str]:
    out: list[str] = []
    for part in split_sentences(text):  # "…go somewhere else? Or wait?": the tail belongs to the question before it
        if out and len(part.split()) <= 3 and re.match(r"(?:or|and)\b", part, _I):
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return out


def feelings_in(text: str, reader: bool = True) -> dict[str, bool]:
    """Strain and an apology: heard when the phrases above hear them, or the feelings reader does (people say how
    they are in more ways than any list: "cream crackered", "sleep is not coming properly", "that came out
    sharper than I meant"). `reader=False`: the phrases alone, for the benchmark that compares the two."""
    said = {"strain": bool(_STRAIN.search(text)), "apology": bool(_APOLOGY.search(text))}
    felt = heard_feelings(text) if reader and not all(said.values()) else None
    return {k: said[k] or bool(felt and felt[k]) for k in said}


def hear(text: str, earlier: str = "") -> Heard:
    """What a learner line does besides its moves. `earlier`: their line before, where a bare "Which one do you
    prefer?" finds the options it points back to."""
    text = in_full(text)
    heard = Heard(
        hazard=describes_hazard(text),
        aside=bool(_JOKE.search(text) or _COMPLAINT.search(text)),
        laughing=bool(_JOKE.search(text)),
        nerves=bool(_NERVES.search(text)),
        leaving=takes_leave(text),
        **feelings_in(text),
    )
    before_turn = sentences(in_full(earlier)) if earlier else []  # where a bare "which one?" finds its options
    said_as = sentences(text)
    said = [piece for sentence in said_as for piece in _typed_question(sentence)]
    questions = [q for i in range(len(said)) if (q := question_in(said, i, text, before_turn)) is not None]
    if not questions:  # a clause at the end that asks is looked for only where nothing else does
        tail = [piece for sentence in said_as for piece in _typed_question(sentence, tail_asks=True)]
        if tail != said:  # read again only where a tail was cut off
            questions = [q for i in range(len(tail)) if (q := question_in(tail, i, text, before_turn)) is not None]
            for q in questions:
                q.around = text
    if not questions and (asked := asked_by_reader(said, text, before_turn)
                          or asked_past_the_cues(said, text, before_turn)) is not None:
        questions = [asked]
    if questions:
        # The last question is the one left hanging; a real topic beats a request or a general one.
        ranked = sorted(questions, key=lambda q: (q.topic != "other", not q.request))
        heard.question = ranked[-1]
        heard.question.others = [q.text for q in questions if q is not heard.question]
    if heard.question and heard.question.topic == "other" and _RIDDLE.search(text):
        heard.question = None  # the riddle in a joke wants a laugh, not an answer ("…lol" still asks)
    return heard


def _typed_question(sentence: str, tail_asks: bool = False) -> list[str]:
    """"hiya siobhan, hows the new kitchen going, did the worktop ever turn up": typed with commas and no end mark,
    the question starts at the last clause that opens like one; typed with no comma that opens one ("…not the desk
    phone so what would you need to see"), at the last "so", "but" or "and" that does. The sentence is read as what
    comes before it and the question."""
    if sentence.rstrip().endswith((".", "!", "?")):
        return [sentence]
    clauses = [c.strip() for c in sentence.split(",")]
    for j in range(len(clauses) - 1, 0, -1):
        clause = clauses[j]
        if len(clause.split()) >= 3 and _QUESTION_START.match(clause) and not _STATEMENT_START.match(clause):
            return [", ".join(clauses[:j]), ", ".join(clauses[j:])]
    # Where nothing else in the line asks (`tail_asks`): "…making that banging noise again, is that just me", "can I
    # ask something daft first, is the heating ever getting fixed": the last clause opens with an auxiliary and who
    # or what it asks about (not "…, did his Gold and everything", said of someone)
    last = clauses[-1]
    if tail_asks and len(clauses) > 1 and len(last.split()) >= 3 and _TAIL_ASKS.match(last):
        return [", ".join(clauses[:-1]), last]
    for m in reversed(list(_JOINED.finditer(sentence))):
        clause = sentence[m.start():].strip()
        if len(clause.split()) >= 4 and _RUN_ON_ASK.match(clause) and not _STATEMENT_START.match(clause):
            return [sentence[: m.start()].strip(), clause]
    return [sentence]


_TAIL_ASKS = re.compile(r"^(?:is|are|was|were|do|does|did|has|have|can|could|would|will|should)\s+(?:it|that|this|there|the|anyone"
                        r"|anybody|someone|somebody|you|u|ye|we|he|she|they)\b", _I)
_JOINED = re.compile(r"(?<=\w)(?<!\bor)\s+(?=(?:so|and|but)\s)", _I)  # not "…a couple of weeks or so is that ok"
# "so what…", "but how…", "and could you…"; not "…and who could take them" or "…the freeze and why, no
# need…": a question word after "and" names something inside a statement
_RUN_ON_ASK = re.compile(r"^(?:(?:so|but)\s+(?:what|what's|whats|how|when|who|why|which|where)\b(?!\s*,)"
                         r"|(?:so|and|but)\s+(?:can|could|would|will|do|does|did|is|are|have)\s+"
                         r"(?:you|u|ye|ya|yous|we|i|it|that|this|there)\b)", _I)


# "Did I ever tell you about my first DofE expedition?": a story about to be told, not a question to answer.
_STORY_OPENER = re.compile(r"\b(?:did i (?:ever )?tell (?:you|ye|u)|have i (?:ever )?told (?:you|ye|u)) (?:about|the (?:one|story|time))\b", _I)


def question_in(said: list[str], i: int, line: str, before_turn: list[str]) -> Question | None:
    """The question sentence `said[i]` of `line` asks, if any: the question reader's word on what may be one
    (anything with a question's shape, a question mark, or "tell me…"), the hand-written cues' without a reader.
    A greeting that asks how they are ("G'day Rob, how ya going.") is one, unless it asks more ("How are you
    doing, really?" asks what is going on)."""
    question = _question_in(said, i, line, before_turn)
    if (question is None or question.topic == "personal") and _GREETING_ASK.search(said[i]):
        return Question("personal", said[i], greeting=True)
    return question


def _question_in(said: list[str], i: int, line: str, before_turn: list[str]) -> Question | None:
    s = said[i]
    # asks by its shape alone, whatever the question reader says: "what does your director think…", "Is Mr
    # Hartigan gonna…" typed without a full stop
    asks_by_shape = bool(_WH_ASKS.match(s) or (_INVERTED_ASKS.match(s) or _CHECK_TAIL.search(s)) and not s.endswith("."))
    shaped = bool(((s.endswith("?") and not (_TAG.search(s) and not (_QUESTION_START.match(s) or _INVERTED.match(s))))
                   or (_QUESTION_START.match(s) and not _STATEMENT_START.match(s)) or (i and _YOUR_PICK.match(s))
                   or _PICK_TAIL.search(s) and (_OR.search(s) or i and _LISTED.search(said[i - 1]))
                   or _ASK_PREFACE.match(s) or _indirect(s) or _VERDICT.search(s) or _asks_for_a_word(s)
                   or asks_by_shape)  # (a question word's opening is already shaped, by _QUESTION_START)
                  and not _INTERJECTION.match(s) and not (_COMMON_GROUND.match(s) and i < len(said) - 1)
                  and not _UPTALK.match(s))
    if (asking := _MAY_I_ASK.search(s)) and (rest := _asked_after_leave(s[asking.end():])):
        # "is it ok if I ask what you think the head would want?": the nerves get warmth, the question its answer
        s, said = rest, [*said[:i], rest, *said[i + 1:]]
    elif asking or _STORY_OPENER.search(s):
        return None  # "is it even okay that I'm asking?" wants warmth (nerves), not an answer
    if not (shaped or s.endswith("?") or _QUESTION_START.match(s) and not _STATEMENT_START.match(s)
            or _ASK_PREFACE.match(s) or _INDIRECT.search(s)):
        return _asked_without_a_shape(s, line)
    choice, listed, cued = _cued_at(said, i, before_turn, s)
    # "What's making it so hard, and how does the panel decide?": the question left hanging is the one answered
    clauses = [c for c in _AND_ASKS.split(s) if len(c.split()) >= 3]
    reading = topics.read(clauses[-1] if len(clauses) > 1 else s, line, cue=_cue(cued))
    if reading is None:
        return cued if shaped else None
    if not topics.asked(reading, shaped) and not asks_by_shape:
        return None
    return choice or _read(s, listed, reading)


def _cued_at(said: list[str], i: int, before_turn: list[str], sentence: str) -> tuple[Question | None, bool, Question]:
    """The choice `sentence` (the `i`th of `said`) offers, if any, whether options were listed just before it, and
    the question as the cues hear it (the choice, else their reading). Only a bare "which one?" points back across
    turns; "which one or two gaps would you close?" names its own."""
    choice, listed = _choice(sentence, said[:i] or (before_turn if len(sentence.split()) <= 6 else []))
    return choice, listed, choice or _cued(sentence)


# The reader alone hears a question no cue knows the shape of ("yeah so what is it thats worrying you about it",
# "do one thing, kindly tell me what you will need from me") only when it is this sure.
READER_ALONE = 0.9
_WH = r"(?:what|whats|which|who|whom|whose|where|why|how|whether|when)"
# a question word that opens a clause ("…tbh whats the process", "kindly tell me how…", "let me know by when"), or
# one followed by what a question puts next ("…which would you rather"); not one inside a statement ("people who
# know what claims cost", "…, which is the view the panel wanted")
_ASKING_WORD = re.compile(r"(?:^|\b(?:tell\s+me|let\s+(?:me|us)\s+know|(?:to|me)\s+(?:know|understand)|wondering|explain|"
                          r"tbh|so|then|and|but)\s+)(?:what|whats|which|who|whom|whose|where|why|how|whether)\b|\bby\s+when\b"
                          # "wondering when does…", not "wondering when I last…"
                          r"|\b(?:wondering|wonder|tell\s+me|let\s+(?:me|us)\s+know)\s+when\b(?!\s+i\b)"
                          r"|[,;:]\s*(?:what|whats|who|how|why|where|whether)\b"  # ", which…" and ", when…" go on a statement
                          r"|(?<!,\s)\b" + _WH + r"\s+(?:do|does|did|would|will|can|could|should|shall|are|were|works?|suits?)\b"
                          r"\s+(?:you|u|ye|we|i|it|that|this|they|he|she|better|best|for)\b", _I)
# "if you need anything, just tell me" offers; "what I mean is…", "what I'd like is…" say
_STATES = re.compile(r"^\W*(?:and\s+|but\s+|so\s+)?(?:if\b|what\s+(?:i|we)(?:'d|'m|\s+(?:would|want|mean|need|should|am|like)\b))", _I)


def _asked_after_leave(rest: str) -> str:
    """The question asked for leave to ask: "what you think the head would want" of "is it ok if I ask what you
    think the head would want, sorry if that's silly" ("" when nothing is asked: "is it okay to ask?")."""
    rest = re.split(r",|\s+(?:sorry|but|and\s+sorry)\b", rest.strip(), maxsplit=1)[0].strip()
    return rest if re.match(rf"{_WH}\b", rest, _I) and len(rest.split()) >= 3 else ""


def _asked_without_a_shape(sentence: str, line: str) -> Question | None:
    asked_for = bool(_TELL_ME.search(sentence))  # "kindly advise me how…", "I have one doubt": asked in so many words
    if not (asked_for or _ASKING_WORD.search(sentence)) or _STATES.match(sentence):
        return None
    reading = topics.read(sentence, line)
    barred, bar = (_NOT_ALONE_ASKED, ASKED_FOR) if asked_for else (_NOT_ALONE, READER_ALONE)
    by_when = bool(_BY_WHEN.search(sentence))
    if reading is None or reading.topic in barred and not by_when or reading.confidence < bar:
        return None
    if by_when:  # "kindly let me know by when you can decide" asks a time, not a favour
        return Question("timing", sentence)
    return _read(sentence, False, reading)


# Not taken from the reader alone: what it reads in statements ("other", the learner's "ask"), and who decides, which it
# hears in "I want to understand what the panel meant" (a question about the reasons, not the process).
_NOT_ALONE = ("none", "other", "ask", "decision")
# A request for information in so many words ("kindly advise me how the management is seeing this", "please tell,
# I will work on it", "I have one doubt, kindly tell me who is deciding") asks whatever the reader finds in it, even
# who decides, when it is fairly sure of the topic.
_TELL_ME = re.compile(r"\b(?:kindly|please)\s+(?:do\s+)?(?:tell|advise|explain|share|say|let\s+(?:me|us)\s+know)\b"
                      # ("please let me know if you need anything" offers; it does not ask)
                      r"(?!\s+(?:me\s+|us\s+)?(?:if|when)\s+(?:you|u)\s+(?:need|want|have|get))"
                      r"|\b(?:advise|explain\s+(?:to\s+)?)(?:me|us)\s+(?:how|what|which|who|why|where|whether|when)\b"
                      r"|\bi\s+have\s+(?:one|a|an|another|small|a\s+small)\s+(?:doubt|question|query)\b", _I)
_NOT_ALONE_ASKED = ("none", "other", "ask", "favour")  # "kindly tell me what can be done" asks no favour
ASKED_FOR = 0.5
_BY_WHEN = re.compile(r"\bby\s+when\b", _I)


def _asks_for_a_word(sentence: str) -> bool:
    """"hi declan got a min", "got 5 mins": a short line asking for a word asks, with or without a mark; so does
    "I just, um, wanted to have a bit of a chat, if that's alright?", a wish for a word put to them."""
    words = len(sentence.split())
    return (words <= 8 and bool(_A_WORD.search(sentence)) and not _THEY_HAVE.search(sentence)
            or words <= 20 and bool(_WANT_A_WORD.search(sentence)))


# "wanted a bit of a chat, if that's okay?", "hoping for a quick word, is that alright?": the word asked for by wishing
_WANT_A_WORD = re.compile(r"\b(?:want|wanted|wanting|hoping|hoped|wondering|wondered|like)\s+"
                          r"(?:to\s+(?:maybe\s+|just\s+)?(?:have|grab|get)\s+|for\s+)?"
                          r"(?:a\s+)?(?:bit\s+of\s+a\s+|quick\s+|wee\s+|little\s+|short\s+)?(?:word|chat|catch-up|catch\s+up|natter|blether)\b"
                          r"[^.!?]{0,40}(?:\?|\b(?:if|is)\s+(?:that's|that\s+is|it's|it\s+is|that)\s+(?:ok|okay|alright|all\s+right|fine)\b)", _I)


_THEY_HAVE = re.compile(r"\b(?:we|i|they|he|she|it)(?:'ve|\s+have)?\s+got\b", _I)  # "we got five minutes of fame"


def _cue(question: Question) -> str | None:
    """The topic the hand-written cues name, in the reader's labels, where they name one."""
    if question.topic == "other" or question.request and question.topic not in _NOT_ASKS:
        return None
    return question.topic


_NOT_ASKS = ("favour", "verdict", "offer", "personal", "feelings", "choice", "check")  # topics a request shape keeps


# "X. Or Y. Your pick." asks to choose as plainly as "which would you rather?".
_YOUR_PICK = re.compile(r"^\W*(?:(?:it's\s+)?(?:up\s+to\s+you|your\s+(?:pick|call|choice)|you\s+(?:choose|pick|decide)|dealer's\s+choice)"
                        r"\W*)+$", _I)
# "early 7-3 or the 10-6 ur call", "…, either's fine, you pick": options put without a question, handed over to pick.
_PICK_TAIL = re.compile(r"(?:(?<!is it )(?<!it is )(?<!it's )(?<!is that )(?<!that's )\b(?:your|ur|yr) (?:call|choice|pick)"
                        r"|\byou (?:pick|choose|decide)|\bup to you"
                        r"|\bwhichever(?:'s| is)? (?:easier|better|best|suits|works)\b[^.!?]*)(?:,? \w+)?\W*$", _I)
_OR = re.compile(r"\bor\b", _I)
_LISTED = re.compile(r",|\bor\b", _I)  # "I could A, B, or C."
# "Which of those would make the biggest difference?": a choice among what was just said, however it was put.
_WHICH_OF_THOSE = re.compile(r"^\W*(?:so\s+|and\s+)?which\s+(?:one\s+|of\s+(?:those|these|them|the\s+(?:two|three|options|ideas))\s+)", _I)


def _choice(sentence: str, before: list[str]) -> tuple[Question | None, bool]:
    """A choice among options said in the sentence or just before it (`before`: the sentences before it, or of the
    turn before, where "which is easier?" finds its options), and whether something was listed just before."""
    options = (choice_options(sentence if sentence.endswith("?") else sentence + "?")
               or options_before(sentence, before[-1] if before else "", " ".join(before), pick=bool(_YOUR_PICK.match(sentence))))
    listed = bool(before) and bool(_LISTED.search(before[-1]))  # "I could A, B, or C. Which of those…?"
    if options or (listed and (_YOUR_PICK.match(sentence) or _WHICH_OF_THOSE.match(sentence) or _PICK_TAIL.search(sentence))) or (
            _PICK_TAIL.search(sentence) and _OR.search(sentence)):
        return Question("choice", sentence, options), listed  # with no options parsed, one of "those" is still picked
    return None, listed


def _read(sentence: str, listed: bool, reading: topics.Reading) -> Question:
    """The question as the question reader hears it."""
    topic = topics.topic_of(reading)
    if topic == "favour" and _TELL_ME_WHICH.search(sentence):
        # "could you let me know which competencies the panel meant?" asks which, not for a favour ("I can do that, yes")
        topic = reading.runner_up if reading.runner_up not in ("favour", "none", "ask") else "other"
    if topic == "choice" and not listed and not _OR.search(sentence):
        # "which one do you prefer?" with nothing said to choose from asks what they prefer
        topic = reading.runner_up if reading.runner_up not in ("choice", "none", "favour") else "other"
    if topic == "ask":  # the learner's own ask put as a question: the reply to the ask answers it
        return Question("other", sentence, request=True)
    return Question(topic, sentence, request=topic == "check")


# Asked to be told something in particular: "let me know how the names are chosen", "tell me who decided"; not "let me
# know by Wednesday" or "let me know when it's done", which ask a favour.
_TELL_ME_WHICH = re.compile(r"\b(?:tell|let\s+(?:me|us)\s+know|explain|say)\b[^.?!]{0,40}?\b(?:which|how|who|what|why|where"
                            r"|whether)\b", _I)


def _cued(sentence: str) -> Question:
    """The question as the hand-written cues hear it (what the reader weighs, and all there is without one)."""
    # "Aisha could help, maybe?" or "deal?": a statement with a question mark asks for a reaction, not an answer.
    request = bool(_REQUEST.match(sentence)) or not (_QUESTION_START.match(sentence) or _YOU.search(sentence)
                                                     or _ABOUT_A_THING.match(sentence))
    topic = _topic(sentence)
    if topic == "other" and _CHECK.match(sentence):
        topic, request = "check", True
    put_as_statement = _ASK_PREFACE.match(sentence) or _INDIRECT.search(sentence)
    if put_as_statement:  # what follows the preface is the question: "if we could start in March" proposes
        request = bool(_PROPOSED.match(sentence[put_as_statement.end():]))
    if topic in ("personal", "feelings", "offer") or topic == "verdict" and not _REQUEST.match(sentence):
        request = False  # "Good weekend?" or "Everything alright?" asks about them, whatever its shape
    return Question(topic, sentence, request=request)


# "And the December round, how does it work?" or "Is the lift ever getting fixed?": a question about a thing, not
# an ask put as a question (a topic put first, then the question word; or a yes/no question whose subject is
# neither the speaker nor "it"/"that", which would be "is it ok if I…?").
_ABOUT_A_THING = re.compile(_LEAD + r"(?:(?:[\w'-]+\s+){1,7}[\w'-]+,\s*(?:what|how|who|when|why|where|which)\b"
                            r"|(?:is|are|was|were|has|have|does|do|did)\s+(?:(?:the|a|an|our|my|his|her|their|any|this|that)\s+\w+\b"
                            r"|(?-i:[A-Z][\w-]+)\b(?<!\bI))"
                            r"(?!\s+(?:ok|okay|alright|all right|fine|possible)\b))", _I)


# "I'm fuming, not with you, with the panel": frustration that says it has no target here (in the corpus, 54 rows
# say so and none of them is an attack).
_NOT_AT_YOU = re.compile(r"\bnot (?:with|at|aimed at|directed at|angry at|cross with|mad at|having a go at) (?:you|u)\b"
                         r"|\bnot your fault\b|\bnothing (?:against|to do with) (?:you|u)\b", _I)


# "Sorry, but that's rubbish" and "I'm sorry you feel that way" own nothing.
_SORRY_BUT = re.compile(r"\bsorry\b[^.!?]{0,25}?\bbut\b|\bsorry\s+(?:that\s+|if\s+)?you\b", _I)


def owns_a_remark(heard: Heard, text: str) -> bool:
    """An apology for something said ("I'm sorry I called your rota a joke"): the rude words it repeats are not
    said again as an attack."""
    return heard.apology and not _SORRY_BUT.search(text)


def not_at_you(text: str) -> bool:
    return bool(_NOT_AT_YOU.search(text))


def about_you(text: str) -> bool:
    """Whether the words are put to the listener ("you", "your", "u")."""
    return bool(_YOU.search(text))


def _indirect(sentence: str) -> bool:
    """A question put as a statement, when it asks about them or their side: "I'm not sure how I'll manage"
    asks nothing, "I'm not sure who signs this off" does."""
    m = _INDIRECT.search(sentence)
    return bool(m) and (_topic(sentence) != "other" or bool(_YOU.search(sentence[m.end():])))


# "…, and how does the panel decide?": a second question in the same sentence, the one left hanging.
_AND_ASKS = re.compile(r",?\s+and\s+(?=(?:what|how|who|when|why|where|which|is|are|do|does|did|can|could|would|will)\b)", _I)


def _topic(sentence: str) -> str:
    """What the question asks, its last question first; else what it mentions; else "other"."""
    for clause in reversed(_AND_ASKS.split(sentence)):
        for topic, pattern in _ASKS:
            if topic != "choice" and pattern.search(clause):
                return topic
    return next((topic for topic, pattern in _MENTIONS  # "after Christmas, maybe?" is a date, "your Christmas?" theirs
                 if pattern.search(sentence) and (topic != "personal" or _YOU.search(sentence))), "other")


# The asking reader (`python -m coach.moves.train_asking`) hears a question the cues have no shape for ("Fa decides if
# I can gie it up is it you or the heidie", "Is possible to become Senior this year or not"), when it is this sure of
# the line. It has the last word only where the cues have none: not on a line with a question mark, nor on words
# they weigh and turn down on purpose ("is it even okay that I'm asking", "did I ever tell you about…", "kindly tell
# me…", "what I'd like is…", "you know the review Raj runs"), nor on a fragment ("Could be worse"). Chosen on read
# coherence sets 101-121 with a reader trained on the others: of the 1,968 questions their writers marked, the cues
# alone heard 1,836, with the reader 1,867; lines heard as questions that were not marked, 58 and 60.
READER_ASKS = 0.85
_WEIGHED = re.compile("|".join(p.pattern for p in (_MAY_I_ASK, _STORY_OPENER, _TELL_ME, _ASKING_WORD)), _I)
_WEIGHED_START = (_STATES, _COMMON_GROUND, _UPTALK, _STATEMENT_START)
FRAGMENT = 4  # words: fewer is a fragment


def asked_by_reader(said: list[str], line: str, before_turn: list[str]) -> Question | None:
    """The question the asking reader hears in `line` (its sentences `said`), in the sentence it is surest of."""
    model = shared_asking_model()
    if model is None or not said or "?" in line or _WEIGHED.search(line):
        return None
    if any(p.match(sentence) for p in _WEIGHED_START for sentence in said):
        return None
    return _reader_question(model, READER_ASKS, said, line, before_turn)


# Where the cues looked and turned a line down ("Why's it frozen for us lot and not for whoever lost the Kestrel job",
# read as rhetorical; "I just want to know what I did wrong, like."; "kindly tell me who is supposed to fix it"), the
# asking reader, trained on what writers marked as a question a listener would answer, still has the last word when
# it is very sure of the line. Not over asking leave or a story about to be told: those want warmth, not an answer.
READER_SURE = 0.95


def asked_past_the_cues(said: list[str], line: str, before_turn: list[str]) -> Question | None:
    model = shared_asking_model()
    if model is None or not said or _MAY_I_ASK.search(line) or _STORY_OPENER.search(line):
        return None
    return _reader_question(model, READER_SURE, said, line, before_turn, topic_reader_agrees=True)


def _reader_question(model: MoveModel, bar: float, said: list[str], line: str, before_turn: list[str],
                     topic_reader_agrees: bool = False) -> Question | None:
    """The question in the sentence the asking reader is surest of, where it is at least `bar` sure of the line (and,
    with `topic_reader_agrees`, only where the question reader names a topic it hears on its own)."""
    if model.score(line).confidence["asks"] < bar:
        return None
    sure = [model.score(sentence).confidence["asks"] for sentence in said]
    i = max(range(len(said)), key=lambda k: (sure[k], k))  # (the later of two as sure: the one left hanging)
    sentence = said[i]
    if len(sentence.split()) < FRAGMENT:
        return None
    choice, listed, cued = _cued_at(said, i, before_turn, sentence)
    reading = topics.read(sentence, line, cue=_cue(cued))
    if topic_reader_agrees and (reading is None or reading.topic in _NOT_ALONE_ASKED):
        return None
    return cued if reading is None else choice or _read(sentence, listed, reading)
