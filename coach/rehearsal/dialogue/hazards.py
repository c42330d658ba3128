"""A safety problem said in plain words, heard by its shape rather than from a list of known incidents.

A turn reports a hazard when it names danger outright ("it's not safe"), when a person is at risk of harm
("someone nearly fell", "before a patient rolls out", "somebody will get hurt"), or when a physical thing people
use or pass is damaged or unsafe ("the guard has a cracked hinge", "the sling is fraying", "a forklift with no
brakes", "the fire door's propped open", "a wet floor"). The thing must be one whose failure hurts people
(machinery, vehicles, electrics, fixtures, floors, exits, care and safety kit): a broken coffee machine is a
complaint, a slipped deadline is nobody falling, "the next steps are missing" is a plan, and "bodily injury
files" are paperwork.
"""

from __future__ import annotations

import re

from coach.moves.features import RUN_ON, reading_spans
from coach.moves.model import shared_hazard_model

_I = re.IGNORECASE


def _alt(*parts: str) -> str:
    """One group of alternatives; a part may hold several, separated by spaces (use \\s inside a name)."""
    return "(?:" + "|".join(p for part in parts for p in part.split()) + ")"


# -- things whose failure hurts people ----------------------------------------------------------------

_MACHINERY = _alt(
    "guards? blades? machinery press(?:es)? saws? guillotines? slitters? cutters? lathes? drills? grinders?",
    "conveyors? rollers? mixers? compactors? balers? crushers? hooks? cranes? hoists? slings? winch(?:es)? jacks?",
    "tail-?lifts? ladders? step-?ladders? stools? scaffold(?:ing|s)? harness(?:es)? lanyards? ropes? straps?",
    "pins? bolts? beams? uprights? joists? struts? rungs? treads? hinges? clamps? latch(?:es)?",
    "brakes? tyres? tires? wheels? axles? seat-?belts? seat\\sbelts? airbags? beepers? horns? mirrors? headlights?",
    "forklifts? fork-lifts? lorry lorries trucks? vans? minibus(?:es)? buses? trailers? tractors? dumpers? diggers?",
)
_ELECTRICS = _alt(
    "cables? wires? wiring flex(?:es)? plugs? sockets? extension\\sleads? power\\sleads? kettles? heaters?",
    "power\\s?strips? extension\\s?(?:cords?|blocks?|reels?) multi-?plugs? adaptors? adapters?",
    "toasters? irons? fuse\\s?box(?:es)? fuses? batter(?:y|ies) chargers? light\\sswitch(?:es)? light\\sfittings?",
)
_FIXTURES = _alt(
    "floorboards? stairs? staircases? stairwells? steps? handrails? hand\\srails? rails? railings? banisters?",
    "balcon(?:y|ies) ceilings? roofs? windows? glass panes? fire\\sdoors? fire\\sexits?",
    "shel(?:f|ves) shelving racking racks? cabinets? bookcases? lockers? fences? manholes? drains? grates?",
    "gratings? covers? lids? ramps? walkways? gangways? pipes? boilers? radiators? valves? cylinders? tanks?",
    "hobs? ovens? fryers? cookers?",
)
_CARE_AND_SAFETY = _alt(
    "sharps\\sbins? beds? bed\\s?rails? cots? wheelchairs? commodes? trolleys? stretchers? defibs? defibrillators?",
    "alarms? detectors? extinguishers? sprinklers? emergency\\slights? eyewash goggles hard\\shats? helmets?",
    "ventilation extractors? (?:flood|security|street|yard|stair)?lights?",
)
# Things that only get in the way when they just "don't work" (a broken barrier means a wait, not a hazard), but hurt
# people when they fall, swing, hang off or are held open.
_ACCESS = r"\b(?:gates?|barriers?|shutters?|locks?|doors?)\b"
_THING = rf"\b(?:{_MACHINERY}|{_ELECTRICS}|{_FIXTURES}|{_CARE_AND_SAFETY})\b"
# Kit whose absence is the danger: "no brakes", "without the guard", "no banksman".
_KIT = _alt(
    "guards? brakes? handrails? railings? harness(?:es)? banksm[ae]n beepers? seat-?belts? seat\\sbelts?",
    "smoke\\salarms? extinguishers? helmets? hard\\shats? goggles wet\\sfloor\\ssigns?",
    "(?:head|brake|reversing|tail|emergency|stair|corridor)\\s?lights?",
)
_EXIT = r"(?:(?:fire|emergency)\s+(?:exits?|doors?|escapes?)|exits?|escape\s+routes?)"
_PASSAGE = rf"\b(?:{_EXIT}|doors?|doorways?|corridors?|aisles?|gangways?|walkways?|stairs?|stairwells?|staircases?|steps?|ramps?)\b"
_SURFACE = r"\b(?:floors?|stairs?|steps?|ramps?|corridors?|walkways?|paths?|carpets?|mats?|tiles?|yard|kitchen)\b"

# -- what is wrong with them -----------------------------------------------------------------------

# Said after the thing ("the cable is frayed", "the brakes don't work", "the rail keeps dropping on its own").
# "Broken", "faulty", "not working": damaged, but not saying how.
_UNSPECIFIC = _alt(r"broken(?!\s+(?:up|down|into|out|in|off)\b)", "damaged faulty defective dodgy",
                   r"(?:not|isn't|aren't|wasn't|weren't)\s+working stopped\s+working (?:doesn't|don't|won't)\s+work")
_STATE = _alt(
    "cracked cracking snapped frayed fraying bent buckled loose wobbly wobbles wobbling unstable rickety rotten",
    "rusted rusty corroded torn ripped leaking leaks leaky exposed sparking sparks",
    "smoking scorched melted melting overheating overheats jammed jams dangling lifting leaning tilting sagging",
    "swaying spongy dead overfilled overflowing overloaded unguarded unsecured unstrapped collaps(?:ed|ing|es)",
    r"worn(?:\s+(?:through|out|down|thin))? stuck\s+(?:open|shut|down|up) hanging\s+(?:off|loose|down)",
    r"(?:gave|giving|gives)\s+way coming\s+(?:away|loose|off|apart|undone) came\s+(?:away|loose|off|apart)",
    r"falling\s+(?:apart|off|down) peeling\s+up split\s+(?:right\s+)?(?:across|down|open|through|in\s+(?:two|half))",
    r"(?:is|are|was|were|'s|'re|been|gone|went)\s+missing (?:been|was|were|got)\s+removed",
    r"(?:propped|wedged|tied|taped|held|pinned|chocked)\s+(?:open|back|up|down)",
    r"(?:has|have|had|with|got)\s+(?:a|an)\s+(?:\w+\s+)?(?:tear|crack|split|hole|rip|dent|kink|gap|break)\b",
    r"(?:not|isn't|aren't|wasn't|weren't|never)\s+(?:secured|strapped|locked|tied\s+down|chained|guarded|fitted)",
    r"(?:doesn't|don't|won't|can't|cannot|no\s+longer|never)\s+(?:\w+\s+)?(?:brake|stop|lock|latch|click"
    r"|close|shut|hold|catch|grip|engage|turn\s+off|switch\s+off|go\s+off|sound)\b",
    r"held\s+together\s+with",
    r"keeps?\s+(?:dropping|falling|slipping|sliding|slamming|collapsing|giving\s+way|tripping|sparking|cutting\s+out"
    r"|failing|jamming|sticking|swinging|coming\s+(?:down|off|loose|away|undone)|going\s+off)",
    r"(?:drops?|dropping|falls?|moves?|moving|comes?\s+down|slides?|swings?)\s+(?:down\s+)?"
    r"(?:on\s+(?:its|their)\s+own|by\s+itself|too\s+(?:fast|quick(?:ly)?|hard))",
)
# Between a thing and its state, a few words of the same clause ("the sling on the hoist in bay 4 is fraying").
_LINK = r"(?:(?!(?:so|because|but|when|if|then|and|or|while|since|though)\b)[\w'-]+\s+){0,6}?"
# Said before it ("a cracked guard", "a bald front tyre"), one word between at most.
_BEFORE = _alt(
    "broken cracked snapped frayed fraying bent buckled loose wobbly unstable rickety rotten rusted rusty corroded",
    "worn split torn ripped damaged faulty defective dodgy leaking leaky exposed bare live sparking smoking scorched",
    "melted overheating jammed unguarded unsecured unstrapped bald dangling unlit",
)
_SURFACE_STATE = _alt(
    "wet slippery icy greasy oily flooded soaked uneven lifting loose torn cracked collapsed rotten",
    r"ripped(?:\s+up)? curling(?:\s+up)? giving\s+way (?:gone|went)\s+missing",
)
_DAMAGED_THING = re.compile("|".join([
    rf"{_THING}(?:'s|'re)?\s+{_LINK}(?:{_STATE}|{_UNSPECIFIC})",
    rf"{_ACCESS}(?:'s|'re)?\s+{_LINK}{_STATE}",
    rf"\b{_BEFORE}\s+(?:[\w-]+\s+)?{_THING}",
    rf"\b{_KIT}(?:'s|\s+(?:is|are|has|have))\s+(?:\w+\s+)?gone\b",
    rf"\b(?:no|without(?:\s+(?:a|any|the|its))?|missing(?:\s+(?:a|its|the))?)\s+(?:working\s+|proper\s+)?{_KIT}\b",
    rf"{_PASSAGE}[^.;!?]{{0,40}}?\b(?:blocked|obstructed|locked|chained|padlocked|cluttered|(?:propped|wedged|held|tied)\s+open)",
    rf"\b(?:blocked|blocking|obstructing|across|in\s+front\s+of|parked\s+(?:across|in))\s+(?:\w+\s+){{0,2}}?{_EXIT}\b",
    rf"\b(?:wet|slippery|icy|greasy|oily|flooded|uneven)\s+(?:\w+\s+)?{_SURFACE}",
    rf"{_SURFACE}\s+{_LINK}(?:is|are|was|were|'s|gets?|got|been|keeps?)\s+(?:\w+\s+)?{_SURFACE_STATE}",
    r"\b(?:water|oil|grease|diesel|coolant|ice|liquid)\s+(?:all\s+)?(?:over|on|across)\s+(?:the\s+)?(?:\w+\s+)?floor",
    r"\b(?:cables?|leads?|wires?|flex|hoses?)\s+(?:\w+\s+){0,3}?(?:right\s+)?(?:across|over)\s+(?:the\s+)?"
    r"(?:floor|corridor|walkway|aisle|path|doorway|stairs)",
    r"\b(?:prop|props|propp(?:ed|ing)|wedg(?:e|es|ed|ing)|ti(?:e|es|ed|ing)|tap(?:e|es|ed|ing)|pinn(?:ed|ing)"
    r"|jamm(?:ed|ing))\s+(?:[\w'-]+\s+){1,8}?(?:open|back)\b",
]), _I)

# -- danger named, or plain on its face ------------------------------------------------------------

# A hazard is one whatever it is about; "unsafe" or "dangerous" is one only said of a thing or a place people use
# ("the ladder in the store is dangerous"), not of a workload, a commute or a road to go down.
_HAZARD_WORD = re.compile(r"\bhazard(?:ous)?\b(?!\s+a\s+guess)|\b(?:trip|fire|shock|fall)\s+risk\b(?!\s+assessments?)", _I)
_DANGER = re.compile(
    r"\b(?:unsafe|dangerous|(?<!\bjob\s)(?<!\bjob's\s)(?<!\bjobs\s)not\s+safe|death\s*trap|accident\s+waiting\s+to\s+happen"
    r"|(?<!psychological\s)safety\s+(?:issue|problem|risk|concern))\b"
    r"(?!\s+(?:precedent|assumption|to\s+(?:assume|promise|say|guess|bet)|bet|game|ground|territory))",
    _I,
)
_PLACE = re.compile(rf"{_THING}|{_PASSAGE}|{_SURFACE}|\b(?:site|warehouse|lab|workshop|car\s+park|loading\s+bay|bay\s+\w+"
                    r"|stock\s?room|store\s?room|plant|factory|depot|dock|basement|building|changing\s+rooms?)\b", _I)
_PLAIN = re.compile("|".join([
    r"\bspill(?:ed|age)?\b",
    # shut in with no way out: "the push-bar on the cold store door don't work, someone outside has to let you out"
    r"\b(?:door|push-?bars?|release|handle|freezer|cold\s+store|chiller|walk-in|lift)\b[^.;!?]{0,80}?\b(?:let\s+(?:you|them|him|her|"
    r"people|some(?:one|body)|us)\s+out|(?:can'?t|cannot|couldn'?t|no\s+way\s+to)\s+get\s+out)\b",
    r"\b(?:gas|water|oil|fuel|diesel|chemical|acid)\s+leaks?\b",
    r"\b(?:leak(?:s|ing|ed)?|dripping|pouring|flooding)\s+(?:\w+\s+)?(?:onto|into|through|over|down|under|out\s+of)\s",
    r"\b(?:water|rain|gas|smoke)(?:'s|\s+is)?\s+(?:coming|pouring|dripping|leaking)\s+(?:in\s+)?"
    r"(?:through|from|out\s+of|into|onto|under)\b",
    r"\b(?:exposed|loose|bare|sparking|live)\s+wires?\b",
    r"\bsmell(?:s|ing)?\s+of\s+(?:gas|burning|smoke)\b",
    # a fire said plainly: "something's burning", "can you smell burning?", "smells like burning", "a burning smell"
    r"\bsomething(?:'s|\s+is)\s+(?:burning|smouldering|smoldering|on\s+fire)\b",
    r"\b(?:smell|smells|smelt|smelled|smelling)\s+(?:like\s+)?(?:burning|smoke|something\s+burning)\b",
    r"\bburning\s+(?:smell|plastic|rubber|wires?|cables?)\b",
    r"\b(?:stuck|trapped)\s+(?:in\s+(?:there|the\s+lift)|between\s+floors)\b",
    r"\breversing\s+blind\b",
    r"\b(?:revers\w*|driv\w*|backing|lifting|loading|working|climbing)\b[^.;!?]{0,60}\bin\s+the\s+(?:pitch\s+|pitch-)?(?:dark|black)\b",
    r"\bnot\s+wearing\s+(?:a\s+|any\s+)?(?:harness|hard\s+hat|helmet|goggles|gloves|ppe)\b",
    r"\bsharps\s+bins?\s+(?:\w+\s+)?(?:overflowing|full|open|left)\b",
    r"\bneedles?\s+(?:left|lying)\b",
    r"\b(?:took|take|taken|taking)\s+(?:a|an|his|her|their|your|my|\w+'s)\s+(?:hand|arm|finger|eye|leg|foot)s?\s+off\b",
    r"\b(?:nearly|almost|could\s+have|narrowly\s+missed|just\s+missed)\s+(?:hit|hitting|ran\s+over|run\s+over|clipped"
    r"|knocked\s+(?:over|down))\s+(?:an?|the|some(?:one|body)|one\s+of)\s",
]), _I)

# -- a person at risk of harm ----------------------------------------------------------------------

_PERSON = (r"\b(?:some(?:one|body)s?|any(?:one|body)|no\s?one|nobody|people|folk|staff|patients|kids|pupils|children|he|she|they"
           r"|one\s+of\s+(?:the|my|our|your|his|her|their)\s+[\w-]+"
           r"|i|we|an?\s+(?:[\w-]+\s+)?(?:patient|colleague|resident|driver|pupil|child|kid|student|customer|visitor"
           r"|worker|nurse|lad|lass|cleaner|porter|operator|boy|girl|man|woman|guy|bloke|client|member\s+of\s+staff)"
           r"|the\s+(?:[\w-]+\s+)?(?:patients?|kids|pupils|children|drivers?|residents|lads|cleaners?|porters?"
           r"|operators?|boy|girl))")
_AUX = _alt("is was were are will would could can might may has had have gonna going to about bound nearly almost",
            "just be been get gets got getting actually literally easily definitely probably eventually really so")
# A harm is near when something says it nearly happened or will ("nearly", "'ll", "going to", "before someone…").
_NEAR = {"'ll", "'d", "will", "would", "could", "can", "might", "may", "gonna", "going", "about", "bound", "nearly", "almost"}
_PASSIVE = {"be", "been", "being", "was", "were", "is", "are", "get", "gets", "got", "getting"}
# Harm only when near: "I fell behind", "they'll cut the budget" and "we got hit with it" are not.
_HARM_IF_NEAR = _alt(
    r"run\s+over fell\s+(?:down|out|off) struck trapped burnt burned killed (?:an\s+)?electric\s+shock",
    r"flattened squashed squished run\s+down mown\s+down pinned (?:caught|trapped|stuck)\s+(?:in|between|under)\b",
    r"(?:caught|trapped|crushed|dragged)\s+(?:in|between|under|into)\s+(?:the|a|an)\s",
    r"(?:his|her|their|my|your|a)\s+(?:hand|arm|finger|fingers|foot|leg|head|sleeve|hair)\s+"
    r"(?:caught|trapped|crushed|stuck|dragged|taken\s+off)",
    r"shock\s+(?:from|off) went\s+over\s+it go\s+over\s+it (?:trip|tripped|trips|tripping)\s+(?:over|on)\b",
    r"hurt(?!\s+(?:that|if|by|when|about|because|feelings|my|his|her|their|our))",
    r"hit(?!\s+(?:with|the\s+(?:target|deadline|numbers?)))",
    r"(?:fall|fell|falls|falling|fallen)(?!\s+(?:behind|through|ill|sick|asleep|apart|short|out\b|for\b|in\s+love"
    r"|pregnant|silent|quiet|into\s+(?:place|line)))",
    r"(?:slip|slipped|slips|slipping)(?!\s+(?:up|through|behind|away|out|back|in\b|into|a\b))",
    r"(?:slid|slide|slides|sliding|slipped)\s+(?:off|out\s+of|down)\s+(?:the|a|an|his|her|their)\s",
    r"cut\s+(?:themselves|himself|herself|myself|yourself|(?:their|his|her|my)\s+(?:hand|finger|arm|head))",
    r"(?:break|broke|breaks)\s+(?:a|the|his|her|their|my|your)\s+(?:leg|arm|neck|ankle|wrist|back|hip)",
)
# Harm said so plainly that nothing more is needed ("a patient rolled out", "someone went flying").
_HARM = _alt(
    r"injured (?:a\s+)?needle-?stick(?:\s+injury)? crushed electrocuted scalded knocked\s+(?:over|down)",
    r"went\s+flying go(?:es)?\s+flying going\s+flying rolled\s+out roll(?:s|ing)?\s+out\s+of",
    r"fell\s+(?:out\s+of|off|from)\s+(?:the|a|an|his|her|their)\s fell\s+down\s+(?:the\s+)?(?:stairs|steps)",
    r"reach(?:ing|es)?\s+in\s+(?:past|behind|under)",
    r"(?:lose|losing|lost)\s+(?:a|an|his|her|their|your|my)\s+(?:hand|arm|finger|eye|leg|foot|toe)s?(?!\s+of)",
)
_AT_RISK = re.compile(
    rf"(?:\b(?P<pre>before|until|or|otherwise|in\s+case)\s+)?(?P<who>{_PERSON})"
    rf"(?P<aux>(?:'s|'ll|'d|'re|'ve|'m)?(?:\s+{_AUX}\b)*)\s+(?:(?P<sure>{_HARM})|(?P<maybe>{_HARM_IF_NEAR}))\b",
    _I,
)
# "I was hurt by that" or "we were hit hard" is a feeling or a setback, not harm.
_FEELING = re.compile(r"^(?:i|we)(?:'m|'re)?\s+(?:was|were|felt|feel|am|are)\s+(?:\w+\s+)?(?:hurt|hit)\b|\bhit\s+(?:hard|us|me)\b",
                      _I)

# Words that look like the hazard vocabulary but are not: paperwork, plans, office kit, staffing, idioms.
_NOT_HAZARD = re.compile("|".join([
    r"\b(?:bodily|personal)\s+injury|injury\s+(?:claims?|files?|cases?|lawyers?)",
    r"\bbroken\s+(?:promises?|records?|english|hearts?)",
    r"\b(?:coffee|vending|washing|fax|ticket|franking|slot|time)\s+machines?|supply\s+chains?|floor\s+plans?|shop\s+floor",
    r"\b(?:next|first|second|third|last|final|few|small|practical|baby|concrete|clear|action|these|those|two|three)\s+steps?",
    r"\b(?:early|late|night|weekend|holiday|sick(?:ness)?|maternity|staff|shift)\s+cover|cover\s+(?:for|letter|story)",
    r"\boff\s+guard|guard\s+down|loose\s+ends?|break\s+a\s+leg|wheels?\s+(?:came|come|coming|fell)\s+off",
    r"\b(?:fell|fall|falling|falls)\s+off\s+(?:my|his|her|their|your|the)\s+chair",
    # a commute spared, not a danger here: "from home I can take the calls without driving in the dark"
    r"\b(?:without|instead\s+of|rather\s+than|no\s+more|not|avoid(?:ing)?|save\s+(?:me|us))\s+(?:\w+\s+){0,2}?"
    r"(?:driving|commuting|cycling|walking)\b[^.;!?]{0,40}",
]), _I)


def describes_hazard(text: str) -> bool:
    """Whether the learner reports a safety problem (anywhere in the turn): by its shape, or as the trained
    reader hears it (the shapes alone heard a third of reports written by people who never saw them)."""
    said = _NOT_HAZARD.sub(" ", text)
    named = any(_DANGER.search(sentence) and _PLACE.search(sentence) for sentence in re.split(r"(?<=[.!?;])\s+", said))
    return bool(named or _HAZARD_WORD.search(said) or _PLAIN.search(said) or _DAMAGED_THING.search(said)
                or _at_risk(said) or _heard_by_model(text))


def _heard_by_model(text: str) -> bool:
    """The trained reader's word on the line, and on each sentence (each clause of a run-on) of a long one: a
    danger mentioned in passing inside a dictated ramble is not diluted by the rest of it."""
    model = shared_hazard_model()
    if model is None:
        return False
    spans = [(0, len(text))] + (reading_spans(text) if len(text) > RUN_ON else [])
    return any(model.score(text[a:b]).confidence["hazard"] >= model.clear["hazard"] for a, b in spans)


def _at_risk(text: str) -> bool:
    for m in _AT_RISK.finditer(text):
        if _FEELING.search(m.group(0)):
            continue
        aux = set(m.group("aux").lower().split())
        near = bool(m.group("pre") or aux & _NEAR)
        if m.group("maybe") and re.match(r"(?:hit|struck)\b", m.group("maybe"), _I) and not aux & _PASSIVE:
            continue  # "we'll hit the 3rd" is a deadline; "the driver was nearly hit" is harm
        # What happened to me or us counts only as a near thing ("I nearly went flying", not "I'm crushed").
        if near or (m.group("sure") and m.group("who").lower() not in ("i", "we")):
            return True
    return False


# -- coming back to one -----------------------------------------------------------------------------

# A later line that asks for the reported thing to be seen to: "will you get someone to sort that floodlight?"
_SEE_TO = re.compile(r"\b(?:sort(?:ed|ing)?|fix(?:ed|ing)?|repair(?:ed|ing)?|look(?:ed|ing)?\s+at|check(?:ed|ing)?"
                     r"|report(?:ed|ing)?|replac(?:e|ed|ing)|made\s+safe|maintenance|estates|facilities|taken\s+out\s+of\s+use"
                     r"|dealt\s+with|deal\s+with|seen\s+to|unplug(?:ged|ging)?|tap(?:ed|ing)\s+off|tape\s+(?:it\s+)?off"
                     # "switch that heater off at the wall", "turn the thing off"
                     r"|(?:switch|turn)(?:ed|ing)?\s+(?:(?:it|that|this|the|them|dat|thon)\s+)?(?:[\w-]+\s+){0,2}?off"
                     r"|cordon(?:ed|ing)?\s+off|fenced\s+off|closed\s+off|cones?|barriers?|caretaker|safety"
                     r"|before\s+(?:any|some)(?:one|body))\b", _I)
_THINGS = re.compile(rf"{_THING}|{_KIT}|{_EXIT}|{_PASSAGE}", _I)


def things_named(text: str) -> list[str]:
    """The things a hazard report names (the guard, the floodlight, the fire door), to know them again."""
    return sorted({m.group(0).lower() for m in _THINGS.finditer(text)})


# "that door", and said as people say it: "dat door", "dem pallets", "thon ladder", "di minibus"
_POINTERS = r"that|this|those|these|dat|dis|dem|them|thon|yon|thae|di|da|de"


def comes_back_to(text: str, named: list[str]) -> bool:
    """A line that returns to a hazard reported earlier: it names "that" or "the" same thing and asks for it to
    be seen to ("can maintenance look at that glue station guard today?", "did the oxygen get sorted?"), or
    points back at it ("that", "this") and asks after it ("did anyone get back to you about that slotter?")."""
    if not named:
        return False
    said = text.lower()
    seen_to = bool(_SEE_TO.search(text))
    if not (seen_to or asks_about(text)):  # "that" points back: a question about it is enough
        return False
    pointers = f"the|{_POINTERS}" if seen_to else rf"{_POINTERS}|about\s+the"
    places = {name[len(PLACE):] for name in named if name.startswith(PLACE)}
    # a place comes back pointed at, or asked about by name ("has anyone done anything about the kitchen?")
    return _said_again(said, _things(named), pointers) or _said_again(
        said, places, "that|this|those|these|(?:about|with|in|at)\\s+the")


def _things(named: list[str]) -> set[str]:
    """The things of the hazards named, and each one's last word ("that strip" for "extension strip")."""
    return {w for name in named if not name.startswith(PLACE) for w in (name, name.split()[-1])}


def _said_again(said: str, words: set[str], pointed: str) -> bool:
    """One of `words` said again after a pointer ("that bed", "one of the beds"), a few words between at most."""
    stems = {w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words}
    return any(re.search(rf"\b(?:{pointed})\s+(?:[\w-]+\s+){{0,3}}?{re.escape(w)}(?:s|es)?\b", said) for w in stems)


# What the learner did or will do about the problem they have just reported, said of "it" or of the thing
# itself: "ive pulled it out at the wall", "I have sent it, he will tape it off", "I've moved the cylinder".
_DEALT_WITH = (r"\b(?:i'?ve|i\s+have|i'?ll|i\s+will|i'?m\s+going\s+to|i'?m\s+gonna|let\s+me|i\s+just|i\s+already|"
               r"we'?ve|(?:some|any)(?:one|body)\s+(?:needs?|has|have|should|must)\s+to|"
               r"get\s+(?:some|any)(?:one|body)\s+to|"
               r"(?:he|she|they)\s+will|(?:he|she|they)'ll)\s+(?:[\w'-]+\s+){0,3}?")
_DEALT_WITH_IT = re.compile(_DEALT_WITH + r"(?:it|that|them)\b", _I)
# Words too common to tell one hazard report from the rest of a conversation.
_COMMON = frozenset(
    "someone somebody anyone anybody everyone every time thing things stuff people here there just really again "
    "today tomorrow minute second right sorry okay floor room office other same whole next last first and but for way end "
    "with from into onto over under about after before then than are were was has have had been will would could "
    "should can".split())
# "did the oxygen get sorted btw": a question about it, with or without the question mark.
_ASKS = re.compile(r"\?|^\W*(?:(?:and|so|oh|also)\W+)?(?:did|has|have|is|was|were|are|will|can|could)\s+"
                   r"(?:the|that|this|it|they|you|we|some(?:one|body)?|any(?:one|body)?)\b", _I)
# The same question begun inside a longer line: "Fine, I'll write it up. Oh and them yard lights, did anyone ring the
# electrician, cos…" (a clause after a full stop or a comma that starts as a question about someone doing it).
_ASKS_INSIDE = re.compile(r"(?:[.!;]|,)\s+(?:(?:and|so|oh|also|btw)\W+)*(?:did|has|have)\s+(?:some(?:one|body)|any(?:one|body)"
                          r"|they|you|facilities|maintenance|estates)\b", _I)


def asks_about(text: str) -> bool:
    return bool(_ASKS.search(text) or _ASKS_INSIDE.search(text))


# "pls switch that heater off", "can you unplug it": the listener asked to do something about it themselves.
_MAKING_SAFE = r"switch|turn|unplug|move|shift|shut|close|get\s+rid\s+of|take"  # what is done to a hazard
_TO_ACT = re.compile(r"\b(?:pls|plz|please|can\s+(?:you|u|we)|could\s+(?:you|u|we)|would\s+(?:you|u)|will\s+(?:you|u)|shall\s+we)\s+"
                     rf"(?:just\s+)?(?:{_MAKING_SAFE}|open)\b", _I)


def asks_to_act(text: str) -> bool:
    return bool(_TO_ACT.search(text))


# "can I unplug it?", "shall I move them?", "I'll tape it down", "want me to switch it off?": the learner offering to
# make it safe themselves.
_OFFERS_TO_ACT = re.compile(r"\b(?:(?:can|could|shall|should|will|may)\s+i|i(?:'ll|\s+will|\s+can|\s+could)|want\s+me\s+to"
                            r"|let\s+me)\s+(?:just\s+|go\s+and\s+|quickly\s+)?"
                            rf"(?:{_MAKING_SAFE}|pull|tape|clear|mop|wipe|cone|block|put|stick|tie)\b", _I)


def offers_to_act(text: str) -> bool:
    return bool(_OFFERS_TO_ACT.search(text))


_WHERE_BEFORE = re.compile(r"\b(?:in|by|on|at|under|near|behind|beside|to|outside|inside|from|into|onto|over|round"
                           r"|around|past|through)\s+$")
_NAMED_AFTER = re.compile(r"\b(?:the|a|an|our|my|your|his|her|their|" + _POINTERS + r")\s+"
                          r"([a-z][a-z-]{2,})(?:\s+([a-z][a-z-]{2,}))?")
# "a stack of pallets", "a pile of boxes": the thing is what the stack is of ("them pallets" later)
_HEAP_OF = re.compile(r"\b(?:stack|stacks|pile|piles|heap|row|rows|bag|bags|roll|rolls|load|crate|crates|tower|bundle)"
                      r"\s+of\s+([a-z][a-z-]{2,})")


PLACE = "@"  # marks a word that names where the hazard is, not the thing itself


def hazard_words(text: str) -> list[str]:
    """The things a hazard report names, to know it again: the known things (the guard, the stepladder), and
    the words just after "the", "a", "that"… (an oxygen cylinder), except where they say where it is: in "the
    stepladder in the print room", the print room is a place, and "the print room rota" is about something else."""
    found = set(things_named(text))
    lowered = text.lower()
    for m in _NAMED_AFTER.finditer(lowered):
        words = {w for w in m.groups() if w and w not in _COMMON}
        # where it is ("on the climbing frame") is known again only when pointed back at: "that climbing frame"
        found |= {PLACE + w for w in words} if _WHERE_BEFORE.search(lowered, 0, m.start()) else words
    found |= {w for w in _HEAP_OF.findall(lowered) if w not in _COMMON}
    return sorted(found)


# Right after the report, what to do about it now: an instruction ("unplug it at the wall", "don't touch it") or
# fetching the people who deal with it ("I'll get facilities", "can you ring the shift manager?").
_ACT_NOW = re.compile(r"^\W*(?:please\s+|just\s+|ok(?:ay)?,?\s+)?(?:unplug|switch\s+(?:it\s+|that\s+)?off"
                      r"|turn\s+(?:it\s+|that\s+)?off|isolate|tape\s+(?:it\s+)?off|cordon|block\s+(?:it\s+)?off"
                      r"|don'?t\s+(?:touch|use|go\s+near)|do\s+not\s+(?:touch|use|go\s+near)|stay\s+(?:away|back|clear)"
                      r"|keep\s+(?:people|everyone|everybody|folk|them)\s+(?:away|back|off|clear))\b", _I)
# ...or asking for somebody to see to it ("can someone get a barrier on it today?", "send somebody up").
_SOMEBODY = re.compile(r"\b(?:can|could|will|would|should)\s+(?:some(?:one|body)|any(?:one|body))\b"
                       r"|\b(?:send|get|fetch|find)\s+(?:some(?:one|body)|any(?:one|body))\b", _I)
_FETCH = re.compile(r"\b(?:ring|call|phone|get|fetch|tell|told|email|message|page|radio|text|ping|send\s+it\s+to)\s+(?:\w+\s+){0,2}?"
                    r"(?:facilities|maintenance|estates|security|the\s+(?:[\w-]+\s+)?(?:manager|supervisor|engineers?"
                    r"|electrician|caretaker|porters?|fire\s+warden|first\s+aider|site\s+team|duty\s+\w+))\b", _I)


def acts_on_it(text: str) -> bool:
    """An instruction or a call for help about a danger just reported, in any sentence of the line."""
    return (bool(_FETCH.search(text) or _SOMEBODY.search(text))
            or any(_ACT_NOW.match(s) for s in re.split(r"(?<=[.!?;])\s+", text)))


def _about_other_things(text: str, named: list[str]) -> bool:
    """The line names things, none of them the ones reported: "did you get the dog sorted in the end, was it the
    vets on tuesday" (right after a smoking heater) asks about something else."""
    bare = {w.lstrip(PLACE) for w in named}
    own = {w.lstrip(PLACE) for w in hazard_words(text)}
    return bool(own) and not own & bare


def follows_up(text: str, named: list[str], just_reported: bool) -> bool:
    """A line about a hazard reported before: coming back to it later, or, right after reporting it, saying
    what has been or will be done about it (the counterpart thanks them, and the conversation goes on)."""
    if comes_back_to(text, named):
        return True
    lowered = text.lower()
    if not just_reported:  # later, pointing back at the thing and saying what is being done about it
        return _said_again(lowered, _things(named), _POINTERS) and bool(_DEALT_WITH_IT.search(lowered) or acts_on_it(text))
    if _SEE_TO.search(text) and re.search(r"\b(?:it|that|them|there)\b", lowered) and not _about_other_things(text, named):
        return True  # "Is it possible you send it to facilities?", "It need taping off proper before lunch."
    return bool(_DEALT_WITH_IT.search(lowered)) or acts_on_it(text) or any(
        re.search(_DEALT_WITH + rf"(?:the\s+|that\s+|this\s+)?{re.escape(w)}\b", lowered) for w in named)


# Something in the way (a cable across the doorway, pallets stacked at the fire exit, a spill on the floor) is
# cleared, not "taken out of use": nobody touches a trailing lead "until it's been looked at".
_IN_THE_WAY = re.compile(
    r"\b(?:block(?:ed|ing|s)?|obstruct\w*|stacked|piled|trailing|strewn|in\s+front\s+of|(?:right\s+)?across\s+(?:the\s+)?"
    r"(?:floor|doorway|door|walkway|corridor|aisle|gangway|path|footpath|way|entrance|exit)|spill\w*|puddle|wet\s+floor"
    r"|slippy|slippery|icy|ice)\b", _I)
_PRESUMES_USE = re.compile(r"\b(?:uses?\s+it|out\s+of\s+use|touch\s+it)\b", _I)
_PRESUMES_CLEARING = re.compile(r"\b(?:clear(?:ed|ing)?|goes\s+over)\b", _I)


# Coming back to it to say it is not dealt with: "still blocking the fire exit", "it's still a trip", "not been moved",
# "nobody's touched it" (not "I still think…", "still want…").
_STILL = re.compile(r"\bstill\b(?!\s+(?:think|want|need|hope|like|love|mean|say|reckon|feel|wonder|got\s+to|have\s+to))"
                    r"|\b(?:not|n't|never)\s+(?:been\s+|got\s+)?(?:fixed|sorted|moved|shifted|cleared|touched|looked\s+at|taped"
                    r"|mended|repaired|gritted|replaced|seen\s+to)\b|\b(?:nobody|no[- ]one)(?:'s|\s+has|\s+have)\s+(?:been\s+)?"
                    r"(?:fixed|sorted|moved|shifted|cleared|touched|looked|taped|mended|repaired|done)\b", _I)
# A thanks that says it has been dealt with ("Thanks for sorting that", "thank you for dealing with it").
CLAIMS_SORTED = re.compile(r"\b(?:sorting|sorted|dealing\s+with|dealt\s+with)\b", _I)


_DOING = re.compile(r"\bi(?:'ve|'ll|'m|\s+have|\s+will|\s+am)\b|\bive\b|\bill\b|\bim\s+(?:going|gonna|off)\b", _I)


def seeing_to_it(text: str) -> bool:
    """The learner is doing something about it themselves: "I've pulled it out", "I'll get estates up"."""
    return bool(_DOING.search(text)) or acts_on_it(text) or offers_to_act(text)


def still_unsafe(text: str) -> bool:
    """The learner, back on a safety problem, says it is still there or still not safe."""
    return bool(_STILL.search(text))


def fitting_lines(text: str, *pools: list[str]) -> list[list[str]]:
    """The hazard lines that fit what was reported: clearing for something in the way, taking out of use for a thing
    that is broken, and the plain ones ("get it reported and made safe") for either."""
    in_the_way = bool(_IN_THE_WAY.search(text))
    unfit = _PRESUMES_USE if in_the_way else _PRESUMES_CLEARING
    return [[line for line in pool if not unfit.search(line)] for pool in pools]
