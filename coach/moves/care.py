"""Care: telling acute distress (pause, offer support) from overload at work (part of the conversation).

The move model has a `care-acute` output trained on a care set with both kinds (data/moves/care/); its cut-off
is set high, so workload talk ("I'm drowning", "this job is killing me", "breaking point with this workload")
does not pause. Missing a person in crisis costs far more than a pause too many, so first-person phrases of
the kinds people use for self-harm, not wanting to live, feeling unsafe and panic also pause, whatever the
model says. A line about someone else ("she had a panic attack on the ward") or about the topic ("suicide-
prevention training") does not.
"""

from __future__ import annotations

import re
from functools import cache

from coach.moves.features import normalise
from coach.moves.first_chars import alternation

_SELF = r"(?:myself|meself|mysel'?|masel'?|my (?:arms?|wrists?|legs?|skin|body))"
_GONE = (r"(?:dead|gone|not here|not around|wasn't here|weren't here|wasn't around|weren't around|died|disappeared|"
         r"vanished|not alive|wasn't alive)")
# What people give away when they are putting things in order ("giving me tools away… won't be needing 'em").
_BELONGINGS = (r"tools|things|stuff|belongings|clothes|books|records|vinyl|guitar|bike|motorbike|games|jewellery|watch|plants"
               r"|collection|fishing gear|rods|golf clubs|camera|medals|kit")
_UNSAFE_BY = r"(?:him|her|them|my (?:partner|husband|wife|boyfriend|girlfriend|ex|dad|father|mum|mother|stepdad|stepmum|housemate|flatmate|son|brother))"
# Families of first-person phrases; each alternative is bounded, so the search stays linear in the line.
_PHRASES = [
    # self-harm
    rf"(?:cut|cutting|cuttin'?|hurt|hurting|hurtin'?|harm|harmed|harming|burn|burnt|burned|burning|scratch|scratched|scratching"
    rf"|starv\w*|punish\w*) {_SELF}\b"
    r"(?! (?:a break|some slack|off|out|short|loose|free|laugh\w*|up about|to the bone))",
    r"self[- ]?harm(?:ing|ed)?\b(?![- ](?:policy|training|awareness|module|course|session|prevention|risk))",
    r"(?:started|start) cutting(?: again)?|fresh cuts|punch(?:ed|ing)? (?:the|a) wall",
    r"(?:kill|killing|killin'?) (?:myself|meself|masel|mysel|mysen)'?(?![\w'])"
    r"(?! (?:to|over|for|with|on|at|trying|getting|working|doing|laughing)\b)",
    r"(?:what i|i) (?:might|could|would|'ll|will|'d) do to myself|(?:been|started|start) cutting(?! (?:back|down|corners|costs|hours|it|the|my|our|out|\w+ (?:a break|some slack)))"
    r"|cutting again",
    # not wanting to live
    r"(?:end|ending|take|taking) my (?:own )?life|(?:end|ending) it all\b",
    # "how I'd end it"; not a plan ("here's how I'd do it: February, Amira shadows me", "how to do it without…")
    r"\bhow (?:i'd|i would|i could|to) end it"
    r"|\b(?:i|i'd|i could|i would|i might|just) end it\b(?! (?:there|here|now|early|at|with|for|off|on))",
    r"\b(?:stop|stopped|cease) (?:existing|to exist)\b|over for good|(?:want|wish) (?:it all|everything) to (?:stop|end)",
    r"running out of reasons|(?:i'll|i will) (?:still )?be (?:here|around|alive)\W.{0,40}\balive\b|getting dangerous",
    r"(?:lorry|truck|bus|train|car) (?:just )?(?:ploughed|ploughs|hit|hits|crash\w*|runs?|ran) (?:into|over) me"
    # wishing for it, not the key-person idiom ("if I get hit by a bus, nobody can run the schedule")
    r"|(?:wish|wished|hope|hoping|want|wanted|wanting|wouldn't mind|would not mind|pray|praying|dream\w* (?:of|about)"
    r"|think\w* about) (?:[\w']+ ){0,4}?(?:get|getting|got|be|being) hit by a (?:bus|lorry|truck|train|car)|the train crash",
    r"suicid(?:e|al)(?![- ](?:prevention|awareness|training|policy|module|first aid|risk|rates?|line|alliance|bereavement"
    r"|group|charity|helpline|hotline|statistics|survivors?|talk|course))",
    r"(?:want|wanted|wanting|wish|hope|hoping|rather|prefer|like) (?!die than|be dead than)(?:to |i could |i would |i'd |that i |i |i'd just |just )?"
    r"(?:just )?(?:die(?! of (?:embarrassment|shame|laughing|laughter|boredom|envy|cringe))|be dead|not wake up"
    r"|never wake up|won't wake up|disappear|vanish|stop existing|not exist|not be here|"
    r"not be around|not be alive|had never been born|were dead|was dead|wasn't alive|weren't alive)",
    r"(?:don't|do not|doesn't|no longer|not|haven't|have not|didn't) (?:want|wanted|wanting|feel like|feeling like) (?:to )?(?:be alive|live|living|"
    r"wake up|exist|be here any ?more|be here at all|be around)",
    r"(?:better (?:off|aff)|happier|easier|relieved|kinder|better) (?:for (?:everyone|everybody|them|all) )?(?:(?:without|wi'?oot|wi'?out|widout) me|"
    rf"if i (?:just )?(?:was|were|wasn't|weren't|am|'m) (?:\w+ )?{_GONE}|if i (?:just )?(?:died|disappeared|wasn't here|weren't here)|with me gone)",
    # "how much easier it would be for everyone if I didn't wake up" (not "…if I wasn't here on Fridays")
    r"(?:better off|easier|happier|simpler)\b[^.!?]{0,30}\bif i (?:just )?(?:didn't wake up|never woke up|wasn't here"
    r"|weren't here|wasn't around|was gone|were gone|died|disappeared)(?=\s*(?:[.,;!?]|$|and\b|any ?more))",
    rf"(?:nobody|no one|no-one|who) (?:would|will|'d) (?:even )?(?:notice|miss me|care|look for me)(?: if i (?:was|were) {_GONE})?",
    r"(?:stopped caring|don't care) (?:whether|if) i(?:'m| am) (?:alive|dead|here)",
    # "I won't be around to see it", not "…next week, I'm on leave", "…Saturday" or "…for the December round"
    r"(?:won't|will not|don't plan on|not going to) be(?:ing)? around(?! (?:at all )?(?:on|next|this|until|till|tomorrow|today|tonight"
    r"|(?:for )?(?:a|one|two|three|four|five|six|a few|a couple of|\d+) (?:days?|weeks?|wks?|months?)\b"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)days?|all (?:day|week|weekend|morning|afternoon|evening)"
    r"|that (?:day|week|weekend)"
    r"|during|from|after|before|over|in (?:the|a|an|\d)|for (?:the|a|an|that|this|my|our) (?:\w+ )?(?:round|meeting|review|shift|launch"
    r"|audit|call|week|weekend|month|visit|day|interview|course|rota|handover|deadline|panel|start)s?)\b"
    r"|,? (?:it's|its) my (?:week|day|weekend|holiday|hols|turn|leave)\b"
    r"|,? (?:i'm|im|i am) (?:on|off) (?:leave|holiday|nights|a course|annual))",
    r"(?:no|can't see a|cannot see a|running out of|lost (?:all|any)) (?:reasons?|point|hope)(?: (?:to|in|for|of))? "
    r"(?:keep going|living|live|go on|carry on|being alive|anything|everything|things)",
    r"(?:driv\w+ (?:into|off)|swerv\w+ (?:into|off)|steer\w* (?:\w+ )?(?:into|off)|veer\w* (?:into|off)|jump\w* (?:off|from|in front of)|go(?:ing)? over|step\w* (?:off|in front of)|"
    r"throw\w* myself (?:off|under|in front of)) (?:the |a )?(?:\w+ )?"
    r"(?:river|bridge|barrier|railings?|reservation|building|roof|lorry|train|traffic|platform|edge|motorway)",
    r"(?:pills?|pils|tablets) (?:saved|lined up|stockpiled)|(?:saved|stockpil\w+) (?:up )?(?:pills|tablets)|overdos\w*",
    r"(?:written|writing|wrote) (?:goodbye |farewell )?(?:letters|notes|messages) (?:to|for) (?:my|the) (?:kids|children|family|partner)"
    # a note left for people "if anything happens" or "for when I'm gone" (not one for the night shift "in case")
    r"|(?:letters?|notes?|messages?) (?:for|to) [^!?]{0,80}\b(?:if anything (?:happens|happened)(?: to me)?"
    r"(?=\s*(?:[.,;!?]|$|and\b|anyway\b))|for (?:when|after) i'?m gone)"
    r"|giving (?:my|all my) (?:things|stuff|belongings) away",
    # "I've no future", "there's no future for me"; not a branch's or a job's ("no future for the Mutare branch")
    r"(?:in|at) (?:a )?(?:really )?dark place|\bno way out\b"
    r"|\bno future\b(?! (?:for|in|with) (?!me\b|myself\b|anything\b|everything\b|life\b|living\b|it all\b)"
    r"|(?:plans?|dates?|bookings?|shifts?|orders?|projects?|funding|intakes?|rounds?|work)\b)"
    r"|(?:feel|feeling|i'm|i am) (?:completely |so )?hopeless\b(?! (?:at|with|when it comes to)\b)",
    # feeling unsafe
    # not a worry about work things kept at home ("I don't feel safe at home with the client files")
    rf"(?:don't|do not|dont|doesn't|not) (?:feel )?safe (?:at home|going home|to go home|in the house|with {_UNSAFE_BY}|being alone)"
    r"(?! with (?:the |my |our |all the )?(?:client|company|work|patient|customer)?\s?(?:files|laptop|data|documents|papers|records))",
    rf"(?:scared|afraid|frightened|terrified) (?:of {_UNSAFE_BY}|to go (?:back )?home|to be (?:in the house|at home|alone) with)",
    rf"{_UNSAFE_BY} (?:hits|hit|hurts|hurt|beats|threatened|threatens|strangled|locks|locked) me",
    # hiding from someone at home: "I does lock myself in the bathroom till he fall asleep"
    r"\block(?:s|ed|ing)? (?:myself|meself|masel|mysel) in (?:the |my |our )?(?:bathroom|bedroom|room|toilet|loo|car|shed)\b"
    r"[^.!?]{0,30}\b(?:till|until|til|so|when|while) (?:he|she|they|him|her)\b",
    r"\b(?:he|she|they)(?:'ll| will|'d| would) kill me\b|threatened me with a (?:knife|weapon)",
    # the means, the method, or affairs put in order ("been looking up ways to do it", "putting tablets aside")
    r"(?:looking up|looked up|look up|researching|researched|googling|googled|reading (?:up )?(?:about|on)|read (?:up )?(?:about|on)) "
    r"(?:ways|how|the best way) to(?: (?:do it|end it|die|go)\b|\W+you know\b(?=\W*$|\W*[.!?]))",
    # "I've been reading a lot about, um, how people do it. Methods."
    r"(?:reading|read|looking|looked|googling|googled|researching|researched)\b[^.!?]{0,30}\bhow (?:people|someone|you) (?:do it|end it"
    r"|go about it)\b(?=\W*(?:$|[.!?]|,\s+(?:and|but|i|just|methods)\b|\s+(?:and|but)\s+i\b))",
    # others better off, with the speaker gone from it ("…would run smoother without me, everyone would be better off"),
    # and being a weight on everyone ("someone who isn't a weight round everyone's neck")
    r"\bwithout me\b[^.!?]{0,40}\b(?:everyone|everybody|they|all of them|the team|my family) (?:would|'d) be better off\b"
    r"|\b(?:a |the )?(?:weight|millstone|burden|drain) (?:round|around|on|to) (?:everyone|everybody|every one|all of them"
    r"|the whole team|my family)(?:'s)?\b",
    # staying out of a home that is not safe ("i dont want to go home till hes asleep its safer that way")
    r"\b(?:don't|dont|do not|won't|wont) (?:want to |wanna )?go (?:back )?home (?:un)?til+ (?:he|she|they)(?:'s|s| is| are)? "
    r"(?:asleep|gone out|out|calmed down|in bed)\b",
    r"(?:putting|put|set|setting|saved|saving|keeping|kept|stockpiling|stockpiled|hoarding|hoarded) (?:\w+ ){0,2}?"
    r"(?:tablets|pills|meds|medication|painkillers) (?:aside|by|away|up)\b",
    # gathered over time ("collecting my sleeping tablets since two months, now I have enough"), not fetched for someone
    r"(?:collect\w*|gather\w*|sav(?:e|ed|ing)|build(?:ing)? up|built up) (?:\w+ ){0,2}?(?:tablets|pills|meds|medication"
    r"|painkillers)\b[^.!?]{0,40}?\b(?:enough|since|for (?:weeks|months|a while|ages))\b",
    # standing too close at a drop ("I stand on the train platform very long time, too close")
    r"\bi (?:\w+ ){0,3}?(?:stand|stood|standing|stay\w*|wait\w*|sat|sit\w*)\b[^.!?]{0,40}\b(?:platform|bridge|edge|roof|ledge"
    r"|cliff|tracks?|railway line)\b(?:(?!\b(?:stood|standing|stands?|got|came|was|were)\b)[^.!?]){0,50}\btoo close\b",
    r"(?:sat|sitting|stood|standing|been) (?:up )?on (?:the|a) (?:foot)?(?:bridge|ledge|roof|cliff|edge|railings?|overpass|flyover)\b"
    r"[^.!?]{0,60}\b"
    r"(?:looking|staring) (?:at the water|down|over the edge|into the water)",
    r"engine running (?:in|inside) (?:the|a|my) (?:garage|car)|(?:hose|hosepipe) (?:to|on|in|into) the exhaust",
    r"(?:put|putting|got|getting|sorted|sorting) my affairs in order|settl(?:e|ed|ing) my affairs\b",
    # a high place, then stepping or jumping off it ("on the motorway bridge right now… thinking of just stepping off"),
    # or standing at the edge at the top of one
    r"\b(?:on|at|up on|onto) (?:the |a )?(?:top of (?:the |a )?)?(?:[\w-]+ )?(?:bridge|roof|multi-storey|cliff|ledge|flyover|overpass)\b"
    r"[^.!?]{0,60}\b(?:thinking (?:of|about)|going to|gonna|want to|could|might) (?:just )?(?:step\w*|jump\w*|throw\w* myself) off\b"
    r"(?! (?:the|a|that|this) (?:ladder|bus|train|stage|kerb|step|boat))",
    r"\btop of (?:the |a )?(?:[\w-]+ )?(?:multi-storey|car park|building|tower|cliff|bridge)\b[^.!?]{0,40}\b(?:stand\w*|stood|sat|sit\w*) "
    r"(?:right )?(?:at|on) the edge\b",
    # a hose bought for the car; things given away because they "won't be needed"; enough of being here, "not the job"
    r"\b(?:car|exhaust|garage)\b[^.!?]{0,60}\bhose(?:pipe)? (?:bought|ready|sorted)\b"
    r"|\bhose(?:pipe)? (?:bought|ready|sorted)\b[^.!?]{0,40}\b(?:car|exhaust|garage)\b",
    rf"\bgiv(?:ing|en|e) (?:(?:all )?(?:my|me) (?:\w+ ){{0,2}}?(?:{_BELONGINGS}) away|away (?:all )?(?:my|me) (?:\w+ ){{0,2}}?(?:{_BELONGINGS}))\b"
    r"[^.!?]{0,40}(?:[.!?,]\s*|\bi )"
    r"(?:won't|wont|will not) be needing(?: them| 'em| em| it| any of (?:it|them))?(?=\s*(?:[.!?]|$|,?\s*(?:bab|mate|love|pal)\b))",
    r"(?:h?ad enough|sick|tired) of (?:bein'?g?|being) (?:here|'?ere)\b[^.!?]{0,30}\b(?:don'?t|doh|dinnae|do not) mean (?:the|this) "
    r"(?:job|place|work)\b(?!\s*(?:itself|as such|,?\s*i mean))",
    # letters left "just in case", goodbyes said, things put in order for after "I'm gone" or "I won't be here"
    r"(?:writ\w+|wrote|left|leaving) (?:\w+ ){0,3}?letters (?:to|for) (?:people|everyone|everybody|my (?:family|kids|children|mum|mam|mom|mother|dad"
    r"|father|sister|brother|partner|wife|husband|son|daughter|loved ones|parents|friends))[^.!?]{0,40}\bin case\b",
    r"(?:said|saying|say) (?:my )?goodbyes? to (?:the people|everyone|everybody|those|my (?:family|kids|mum|mam|mom|dad))\b"
    r"(?! (?:at|before|on|in) the (?:leaving|farewell|party|do|airport|station)"
    r"| on (?:mon|tues|wednes|thurs|fri|satur|sun)day\b)",  # "…on Friday, I go back to Albania"
    r"(?:sorted|tidied|cleared|organised|organized|arranged) (?:\w+ ){0,3}?(?:so|that) (?:nobody|no one|no-one)(?:'s| is| has| will)"
    r"[^.!?]{0,40}\b(?:after|when|once) i'm gone\b(?! (?:on|for|to) )",
    r"(?:isn't|is not|won't be|will not be|ain't) (?:going to be |gonna be )?(?:a|any) next (?:year|month|christmas|summer) for me\b(?=\s*(?:[.,;!?]|$))",
    r"\b(?:think|thinking|thought) (?:about )?(?:just )?(?:jump|jumping)\b(?! (?:ship|at|in|on board|the queue|to))",
    r"\bi (?:just |could |would |should |might |can )?(?:disappear|vanish)(?:ed)? for good\b",
    r"\b(?:written|wrote|writing|finished) my (?:letters|goodbyes|goodbye letters?)\b(?! (?:of|for|to (?:the|hr|council|school)))",
    r"\bsafer (?:here|at work|in the office|on shift) than (?:at home|in my (?:house|flat))\b(?! for\b)",
    # "not the job. me.": saying outright that it is not about work
    r"(?:not|no|nothing to do with) (?:just |only |really )?(?:about )?(?:the|my|this|these) (?:job|work|shifts?|rota|hours|"
    r"workload|launch|role|promotion|panel|money|pay|doubles|audit|deadline)s?\b(?:\W{1,5}|\W*\s(?:lol|tbh|honestly)\W{1,5})"
    r"(?:it's |its |it is )?(?:me|any of it|all of it|everything|life|living)\b(?=\s*(?:[.!?;]|$))",
    r"(?:nuh|nah|naw|nae|no|not|don't|dont|do not) (?:waan|wan|wanna|want to|want) (?:to )?live\b(?! like)",
    r"tired (?:of|a) (?:living|being alive|life|existing)",
    r"(?:not sure|don't think|doubt) (?:i'll|i will|i'd) (?:still )?be (?:here|around|alive) (?:to see|for|by|next|in|when)\b",
    r"(?:don't|doh|do not|not|no) plan(?:ning)? (?:on |to )?(?:be(?:ing)?|stay(?:ing)?) (?:here|around|alive) to see\b",
    r"point (?:to|in|of) me\b(?! \w+ing)|point (?:to|in|of) (?:any of it|anything|living|going on|carrying on)\W+(?:me|myself)\b",
    r"(?:can't|cannot|cannae|canny|cyaan|can not) (?:go on|carry on)\W+(?:not|no|nothing to do with) (?:just |only )?(?:the|my)\b",
    # panic
    r"panic attacks?|(?:can't|cannot|couldn't|trying to) (?:breathe|get (?:any )?air|get a breath)"
    r"(?! in (?:that|this|the|here)"
    r"| (?:for|with) (?:all )?(?:the |these |my )?(?:e-?mails|work|meetings|calls|deadlines|paperwork|tickets)\b"
    r"| with so (?:many|much)\b)|thought i was dying",  # "…cannot breathe with so many bookings" is the workload
    r"(?:i'm|i am) falling apart",
    r"\bi(?:'m| am|'ve| have)? (?:having|had|been having) a (?:breakdown|nervous breakdown)",
    # knowing what a dose would do, to oneself ("I know exactly what a dose would do… For me, I mean.")
    r"\bknow (?:exactly |just |precisely )?(?:what|how much|how many)\b.{0,40}?\b(?:dose|overdose|tablets|pills|insulin"
    r"|paracetamol|meds|amount)\b.{0,40}?\b(?:would|will|could|'d) (?:do|take)\b.{0,80}?\b(?:to|for|on) (?:me|myself)\b",
]


# "…I won't be needing them." or "…won't need it after this month", not "won't need two once I'm on the home days"
_NEEDED_NO_MORE = (r"(?: (?:it|them|'em|em|any of (?:it|them)|anything|stuff|these|those))?"
                   r"(?=\s*(?:[.!?,;]|$)| (?:after|any ?more|where|again|much longer|for (?:long|much longer))\b)")
# Warning signs of parting, said calmly: things handed on as no longer needed, a decision that has brought calm, a
# goodbye "while I can". Each has an innocent twin with a reason in the line (retiring, a move, a new job, a notice
# handed in, a course, a trip), and then the phrase does not pause: the care reader still reads the line.
_GIVEN_AWAY = [
    r"\b(?:give|gave|giving|given|handing|handed|pass(?:ed|ing)? on)\b.{0,80}?\b(?:won't|wont|will not|not going to|am not gonna)"
    r" (?:be )?need(?:ing)?" + _NEEDED_NO_MORE,
    r"\b(?:won't|wont|will not) (?:be )?need(?:ing)?" + _NEEDED_NO_MORE + r".{0,60}?"
    r"\b(?:you (?:keep|have|take)|keep (?:the|it|them|my)|(?:they're|they are|it's|it is) yours)\b",
]
# …of something treasured: "my father's tools", the guitar; not spare chargers or a second monitor
_TREASURED = re.compile(rf"\b(?:{_BELONGINGS}|toolbox|tool ?kit|(?:father|dad|mum|mother|grandad|grandfather|nan|gran)'?s \w+)\b")
_CALM_DECISION = [
    r"\b(?:made|reached|come to) (?:my|the|a) (?:decision|mind up)\b.{0,60}?\b(?:calm|peace\w*|relie\w+|lighter|at ease|settled)\b",
    r"\b(?:made|reached) (?:my|the|a) decision\b.{0,100}?\b(?:while i (?:still )?can|wanted (?:you|u|ya) to know)\b",
    r"\b(?:wanted|want|had) (?:to )?(?:tell |say to )?(?:you|u|ya)(?: to know)?\b.{0,40}?\bwhile i (?:still )?can\b(?!\s+(?:still\s+)?[a-z])",
]
_INNOCENT_REASON = re.compile(r"\b(?:retir\w*|moving|move house|relocat\w*|new (?:job|role|post)|notice|resign\w*|transfer\w*"
                              r"|emigrat\w*|redundan\w*|downsiz\w*|declutter\w*|course|holiday|trip|travel\w*|secondment"
                              r"|patient|resident|client|animal|dog|cat|horse|dosage chart|prescription)")


@cache
def _given_away() -> re.Pattern:
    return re.compile("|".join(_GIVEN_AWAY))


@cache
def _calm_decision() -> re.Pattern:
    return re.compile("|".join(_CALM_DECISION))


def _parting(norm: str) -> bool:
    if _INNOCENT_REASON.search(norm):
        return False
    return bool(_calm_decision().search(norm)) or bool(_given_away().search(norm) and _TREASURED.search(norm))


@cache
def _acute() -> re.Pattern:
    """Compiled on first use (about 45 ms, grouped by first character): a scorecard never asks about care, only a
    rehearsal does."""
    return alternation(_PHRASES)  # grouped by first character: each word start tries only its own phrases


# Someone else's distress, or the subject in general, just before the phrase: no pause for the learner.
_OTHER_PERSON = re.compile(
    r"\b(?:he|she|they|his|her|their|him|them|our \w+|one of (?:my|our|the) \w+|the (?:man|woman|patient|guy|lad|girl)|"
    r"a (?:colleague|patient|resident|client|student|pupil|guest|customer|friend|claimant)|"
    r"my (?:dad|mum|mother|father|sister|brother|friend|flatmate|son|daughter|colleague|cousin|nan|grandad|mate|pal|kid"
    r"|child|wife|husband|partner|neighbou?r|boss|boy|girl|lad|lass|youngest|eldest)'?s?|the (?:nurse|doctor|character|caller|driver|teacher|trainer)"
    # a role and a name ("Driver Goran had panic attack in the truck")
    r"|(?:driver|passenger|customer|patient|pupil|student|resident|guest|colleague|operator|trainee|apprentice|cleaner"
    r"|porter|carer|client) [a-z]+ (?:had|has|was|is))\b"
)
# The subject named, not lived: a course, a group, a talk, a story ("the Zero Suicide Alliance training", "the
# drama where the nurse overdoses", "the first aid course covered panic attacks"): no pause on the word alone.
_ABOUT_THE_TOPIC = re.compile(r"\b(?:training|course|module|trainer|workshop|talk|talks|group|alliance|charity|volunteer\w*"
                              r"|bereavement|awareness|prevention|first aid|drama|film|movie|series|show|episode|novel|book"
                              r"|documentary|podcast|article|news|statistics|policy|leaflet|poster|refresher|safeguarding"
                              r"|disclosures?|piece|report|study|survey|research|stats|headlines?|column|among|campaign"
                              r"|webinar|seminar|lecture)\b")
_TOPIC_WORD = re.compile(r"suicid|overdos|panic attack|self[- ]?harm")
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|i've|i'd|myself)\b")


_BARE = {"dont": "don't", "doesnt": "doesn't", "didnt": "didn't", "cant": "can't", "wont": "won't", "im": "i'm",
         "ive": "i've", "id": "i'd", "ill": "i'll", "wasnt": "wasn't", "werent": "weren't", "isnt": "isn't",
         "havent": "haven't", "hes": "he's", "shes": "she's", "thats": "that's", "evryone": "everyone",
         "beter": "better", "wouldnt": "wouldn't", "couldnt": "couldn't", "myslef": "myself", "mysefl": "myself",
         "myslf": "myself", "mysef": "myself"}
_BARE_WORD = re.compile(r"\b(?:" + "|".join(_BARE) + r")\b")


def explicit_acute(text: str) -> bool:
    """A first-person line that names self-harm, wanting to die or not exist, feeling unsafe, or panic."""
    norm = _BARE_WORD.sub(lambda m: _BARE[m.group()], normalise(text))
    for m in _acute().finditer(norm):
        start = max(norm.rfind(".", 0, m.start()) + 1, m.start() - 40)
        before = norm[start : m.start()]
        if _OTHER_PERSON.search(before) and not _FIRST_PERSON.search(before[-15:] + m.group()):
            continue  # "one of my team has disclosed self-harm", "my flatmate had a panic attack"
        if _TOPIC_WORD.match(m.group()) and _ABOUT_THE_TOPIC.search(_sentence_of(norm, m.start(), m.end())):
            continue  # "the suicide bereavement group I volunteer with", "the course covered panic attacks"
        return True
    return _parting(norm)


def _sentence_of(text: str, start: int, end: int) -> str:
    """The sentence around a match."""
    first = max(text.rfind(mark, 0, start) for mark in ".!?") + 1
    ends = [i for i in (text.find(mark, end) for mark in ".!?") if i >= 0]
    return text[first : min(ends) if ends else len(text)]


MIN_WORDS_FOR_MODEL = 5  # a two-word line ("Better things.") is too little for the model alone to stop a rehearsal


# A daily annoyance with a thing ("the car park barrier was stuck again, I don't even know who to tell"): the
# model learned the car park from lines about sitting in it unable to go in, so on such a line its word alone
# pauses only beside something about the speaker's inner state. (On the corpus and care set: 0 acute lines lost.)
_THING = re.compile(r"\b(?:barrier|printer|photocopier|lift|coffee\s+machine|vending\s+machine|kettle|microwave|parking|traffic"
                    r"|wi-?fi|heating|air\s?con|gate|till|old\s+system|software|server|database|spreadsheet)\b",
                    re.IGNORECASE)
_INNER = re.compile(r"\b(?:feel\w*|felt|sleep\w*|slept|cry|cried|crying|tears|point|face|scared|afraid|frightened|terrified|hurt"
                    r"|harm|safe|alone|myself|any\s?more|thinking|want\w*|wish\w*|hopeless|matters?|dark|easier|home|die|dead"
                    r"|alive|live|living|end|panic\w*|breathe|numb|empty|carry\s+on|go\s+on|cope)\b", re.IGNORECASE)


# Past this the model's word is not outweighed by a reassurance: people in crisis say "don't worry" too ("I have the
# pills ready at home… don't worry for the report"). The reassuring lines it protects read lower ("I'm not usually
# like this, I don't want you thinking I can't cope": 0.94 on round 40).
SURE = 0.98

# A line that reassures ("don't panic, I'm not handing my notice in", "I'm not usually like this, I don't want you
# thinking I can't cope"): the model learned "panic" and "can't cope" from acute lines, and pauses on such a line
# alone only if it names a crisis outright (an explicit phrase). On the corpus, care and blind sets and coherence
# scripts: 3 of 28 other pauses gone, none of 642 acute ones. ("…bill six hours like nothing's wrong" reassures nobody.)
_REASSURES = re.compile(r"\b(?:don'?t|do not|no need to) (?:panic|worry)\b|(?<!\blike )(?<!as if )\bnothin[g']?(?:'s| is)? "
                        r"(?:up|wrong)\b|\bnot (?:usually |normally )?like this\b|\bdon'?t want (?:you|anyone|people) "
                        r"(?:thinking|to think)\b", re.IGNORECASE)


# An explicit phrase pauses only where the model sees at least a trace of crisis: "a passenger had a panic attack",
# "I cut myself on the box cutter" and "won't be around all weekend, moving" match a phrase and get next to nothing
# from the model. (On untrained read rows, care sets 17-19 and the held-out split: 108 acute lines caught by a
# phrase, the lowest at 0.098, none lost; 8 of 18 phrase pauses on other lines gone.)
PHRASE_FLOOR = 0.02


def needs_care(text: str, confidence: float, cutoff: float) -> bool:
    """Pause with care: an explicit phrase the model does not rule out, or the model's confidence over its cut-off
    on a line long enough to judge that does not reassure (and, on a line about a thing that annoys, with something
    of the speaker's inner state in it)."""
    if confidence >= PHRASE_FLOOR and explicit_acute(text):  # the phrase search only where it could pause
        return True
    if confidence < cutoff or len(text.split()) < MIN_WORDS_FOR_MODEL:
        return False
    if confidence < SURE and _REASSURES.search(text):
        return False
    return not _THING.search(text) or bool(_INNER.search(text))
