"""The offline judge: scores from the move model's confidences over the whole session, on the rubric's scale.

A move the model heard clearly scores at least 2 (a real move said in general terms), more with the concrete
detail counted over every turn that shows it (`coach.scoring.levels`); one it only came close to scores 1 (the
token or vague version) and is quoted as "maybe shown"; 0 means nothing in any turn came close. Better lines
build on what the learner said, or come from this scenario's own model lines.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

import tomli

from coach.core import resources
from coach.core.detection import Detection
from coach.core.scorecard import CriterionScore, Evidence, FlagDetail
from coach.moves.detector import Detector
from coach.moves.features import RUN_ON
from coach.scenario.criteria import CriteriaLibrary
from coach.scenario.model import Scenario
from coach.scoring.levels import (
    CAPITALISED,
    NEAR_DETAIL,
    NEAR_WITH_DETAIL,
    attack_turns,
    carrying_sentences,
    details,
    level_for,
    names,
    session_detail,
)
from coach.scoring.rubric import LearnerLine, RubricEntry, flags_of

MAX_EVIDENCE = 5  # quotes kept per criterion; the reasoning still counts every turn
# Saying yes to the counterpart's own next step ("ok, will do", "Fine.") agrees one, in general terms (level 2 of
# next-steps, as the expert scorers read it): short, and nothing but the yes.
NEXT_STEPS = "next-steps"
_YES = re.compile(r"^\W*(?:(?:um+|er+|uh+|so|well|oh)\W+)*(?:ok(?:ay)?|k|kk|fine|sure|yes|yeah|yep|yup|great|perfect|deal|agreed|lovely"
                  r"|brilliant|cool|grand|al(?:l\s+)?right|noted|understood|thanks|thank\s+you|cheers|i\s+will|i'?ll\s+do"
                  r"|sounds\s+(?:good|great|fine)|that\s+works|will\s+do|done|no\s+problem|works\s+for\s+me|happy\s+to|let'?s\s+do\s+(?:that|it)"
                  r"|that(?:'s|\s+is|\s+would\s+be|\s+sounds)\s+(?:\w+\s+)?(?:fine|good|great|perfect|ideal|helpful|satisfactory|acceptable))\b",
                  re.IGNORECASE)
# "yeah that sounds good, but…" or "ok I won't" is no yes to the step.
_NOT_YES = re.compile(r"\b(?:but|not|never)\b|n't\b", re.IGNORECASE)
# A full stop after one of these does not end a sentence.
_ABBREVIATIONS = {"e.g", "i.e", "etc", "vs", "dr", "mr", "mrs", "ms", "st", "no", "approx", "inc", "ltd", "co", "jr", "sr", "cf"}
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s|$)|\n")


def _ends_sentence(text: str, match: re.Match) -> bool:
    if match.group() == "\n" or not match.group().startswith("."):
        return True
    word = re.search(r"([\w.]+)$", text[: match.start()])
    token = word.group(1).lower() if word else ""
    return token not in _ABBREVIATIONS and not (len(token) == 1 and token.isalpha())  # "J. Smith"


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of `text` that holds [start, end): a verbatim quote with enough context to read.
    Decimals, versions and abbreviations ("2.1%", "v2.0", "e.g.", "Dr.") do not end a sentence."""
    left, right = _sentence_bounds(text, start, end)
    return text[left:right].strip()


def sentence_after(text: str, start: int, end: int) -> str:
    """The sentence after the one that holds [start, end) ("" when that one ends the text)."""
    _, right = _sentence_bounds(text, start, end)
    following = text[right:]
    skipped = len(following) - len(following.lstrip())
    return sentence_around(text, right + skipped, right + skipped) if following.strip() else ""


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left, right = 0, len(text)
    for m in _BOUNDARY.finditer(text):
        if not _ends_sentence(text, m):
            continue
        if m.end() <= start:
            left = m.end()
        elif m.end() >= end:  # the boundary that ends the hit's sentence (a hit may end on its full stop)
            right = m.end() if m.group() != "\n" else m.start()
            break
    return left, right


def quote_around(text: str, start: int, end: int) -> str:
    return quote_of(sentence_around(text, start, end), text[start:end].strip())


def quote_of(sentence: str, clause: str) -> str:
    """The quote for a hit: its sentence, or, in a run-on (dictated, unpunctuated), the clause the model read it in,
    not a whole paragraph."""
    return clause if len(sentence) > RUN_ON and clause and len(clause) < len(sentence) else sentence


def detect_all(lines: list[LearnerLine], detector: Detector) -> list[Detection]:
    return [detector.detect(line.text, previous=line.previous, care=False) for line in lines]  # no pausing here


def _same_words(a: str, b: str) -> bool:
    """Whether two lines say much the same thing (so one cannot be offered as a better version of the other)."""
    x, y = " ".join(a.lower().split()), " ".join(b.lower().split())
    if min(len(x), len(y)) < 20:  # "Yes." is in many lines without saying any of them
        return x == y
    if x in y or y in x:
        return True
    # Bounds of ratio() from above tell most pairs apart before the full comparison: first the lengths alone
    # (difflib's real_quick_ratio, without building a matcher), then the letters in common.
    if 2 * min(len(x), len(y)) / (len(x) + len(y)) <= 0.8:
        return False
    matcher = difflib.SequenceMatcher(None, x, y)
    return matcher.quick_ratio() > 0.8 and matcher.ratio() > 0.8


_HEDGES = re.compile(
    r"\b(?:i was (?:just )?wondering if|i (?:just )?wanted to (?:ask|say|check)(?: if)?|i guess|i think maybe|maybe|perhaps|"
    r"sort of|kind of|kinda|(?:for )?a (?:little )?bit|just|possibly|if (?:that's|it's) (?:ok|okay|alright)|sorry,?|um+,?|uh+,?)\s*",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _rewrites() -> dict[str, str]:
    with (resources.prompts_dir() / "better-lines.toml").open("rb") as handle:
        return tomli.load(handle)


def rewrite(criterion_id: str, said: str) -> str:
    """The learner's own sentence, hedges out, with what the move was missing added in [brackets]."""
    # ("off my plate for a bit?" loses "for a bit", not just "a bit": no "for ?" left behind)
    plain = re.sub(r"\s+([.!?,;:])", r"\1", " ".join(_HEDGES.sub("", said).split())).strip(" ,;")
    if len(plain.split()) < 3:
        return ""
    plain = plain[:1].upper() + plain[1:]
    if plain[-1] not in ".!?":
        plain += "."
    templates = _rewrites()
    return templates.get(criterion_id, templates["default"]).replace("{said}", plain)


def briefing(scenario: Scenario) -> str:
    """What every learner of this scenario is told before the first line."""
    s, cp = scenario, scenario.counterpart
    return " ".join([s.title, s.summary, s.learner.role, s.learner.situation, s.learner.goal, s.learner.good_outcome,
                     cp.name, cp.role, cp.relationship, cp.opening_line])


def hidden_names(scenario: Scenario, told: str = "") -> set[str]:
    """Names from the counterpart's private brief or unraised objections that the learner was never told (in
    the briefing, or in `told`: the conversation): a better line never hands them to the learner."""
    cp = scenario.counterpart
    private = " ".join([cp.private_goal, cp.personality, cp.style, *cp.hidden_constraints, *(o.line for o in cp.objections)])
    known = briefing(scenario) + " " + told
    return {name for name in names(private) if name not in known}


def model_lines_for(criterion_id: str, scenario: Scenario | None, detector: Detector, told: str = "") -> list[str]:
    """This scenario's own model lines that show the move and name nobody the learner has not been told about."""
    return list(_model_lines(criterion_id, scenario, detector, told))


def _model_lines(criterion_id: str, scenario: Scenario | None, detector: Detector, told: str) -> Iterator[str]:
    """`model_lines_for`, one line at a time: a better line needs the first, and each line read is a model pass."""
    if scenario is None:
        return
    secret = hidden_names(scenario, told)
    for line in scenario.debrief.model_lines:
        if not secret & set(CAPITALISED.findall(line)) and criterion_id in detector.example_moves(line):  # any capital
            yield line


def better_line(
    criterion_id: str, scenario: Scenario | None, detector: Detector, fallback: str = "", avoid: Iterable[str] = (),
    close: str = "", told: str = "",
) -> str:
    """A line the learner could say next time: their own close line (`close`) completed with what was missing;
    otherwise one of this scenario's model lines for this move (never one they already said). Never another
    criterion's line or another scenario's world: `fallback` is used only when there is no scenario at all."""
    if close:
        built = rewrite(criterion_id, close)
        if built and criterion_id in detector.example_moves(built):  # it must show this move, not another
            return built
    avoid = list(avoid)
    candidates = _model_lines(criterion_id, scenario, detector, told) if scenario else [fallback]
    for line in candidates:
        if line and not any(_same_words(line, other) for other in avoid):
            return line
    return ""


def score_criterion(
    entry: RubricEntry,
    lines: list[LearnerLine],
    detections: list[Detection],
    scenario: Scenario | None,
    detector: Detector,
    note: str | None = None,
    attacks: Iterable[int] | None = None,
) -> CriterionScore:
    """`attacks`: indices of the turns that read as an attack (`attack_turns`), worked out here if not given."""
    c = entry.criterion
    attacks = set(attack_turns(detector, detections) if attacks is None else attacks)
    told = " ".join(line.text + " " + (line.previous or "") for line in lines)  # what was said in the session
    evidence, near, touched, said, carried = [], [], [], [], []
    nearly = False  # a line came close with concrete detail: the move in general terms (see NEAR_WITH_DETAIL)
    for i, (line, found) in enumerate(zip(lines, detections)):
        hit = next((h for h in found.moves if h.criterion == c.id), None)
        if hit is None:
            close = next((h for h in found.near if h.criterion == c.id), None)
            faint = next((h for h in found.faint if h.criterion == c.id), None)
            if close is None and faint is not None:
                sentence = sentence_around(line.text, faint.start, faint.end)
                touched.append(Evidence(quote=quote_of(sentence, faint.text.strip()), turn=line.turn))
            if close is not None:
                sentence = sentence_around(line.text, close.start, close.end)
                near.append(Evidence(quote=quote_of(sentence, close.text.strip()), turn=line.turn))
                # The detail of a move that came close often follows in the next sentence ("Could we look at my
                # hours? Fridays from March, say."): it counts too.
                around = sentence + " " + sentence_after(line.text, close.start, close.end)
                nearly |= (found.confidence.get(c.id, 0.0) >= NEAR_WITH_DETAIL and i not in attacks
                           and len(details(around)) >= NEAR_DETAIL)
            continue
        said.append(line.text)  # a learner who said the expert's line is not offered it as better
        sentence = sentence_around(line.text, hit.start, hit.end)
        quote = Evidence(quote=quote_of(sentence, hit.text.strip()), turn=line.turn)
        evidence.append((found.confidence.get(c.id, 0.0), quote))
        if i not in attacks:  # said as an attack, a move keeps its content, not the detail that lifts it
            carried.append(carrying_sentences(detector, line, c.id, sentence))
    if c.id == NEXT_STEPS and not evidence:
        evidence = [(0.0, e) for e in agreed_next_steps(lines, detector)]
    # The quote that shows the move most clearly comes first: it is the one the card quotes back.
    evidence = [e for _, e in sorted(evidence, key=lambda pair: -pair[0])]
    detail = session_detail(c.id, carried)
    score = level_for(len(evidence), detail, len(near) + len(touched), attack_only=bool(evidence) and not carried,
                      nearly=nearly)
    if evidence:
        reasoning = (f"Clearly shown in {len(evidence)} of your turns"
                     + (f", with {detail} concrete detail{'s' if detail != 1 else ''}." if score >= 3 else ", in general terms."))
    elif nearly:
        reasoning = f"Nearly shown (turn {near[0].turn}), with concrete detail: say it outright and it counts in full."
    elif near:
        reasoning = f"Maybe shown (turn {near[0].turn}): it came close; say it outright."
    elif touched:
        reasoning = f"Touched on (turn {touched[0].turn}), not yet made: say it outright."
    else:
        reasoning = "Not heard in any of your turns."
    # What to build on: the learner's own line when it stayed general (the clearest one, not a later line that
    # only came close), or when nothing showed the move but a line came close; never a line said as an attack,
    # which would hand the ultimatum back as the better line.
    attacked = {lines[i].turn for i in attacks}
    own = [e for e in (evidence if evidence and score == 2 else near if not evidence else []) if e.turn not in attacked]
    close = own[0].quote if own else ""
    return CriterionScore(
        id=c.id,
        name=c.name,
        score=score,
        weight=entry.weight,
        level=c.levels[score],
        evidence=(evidence or near or touched)[:MAX_EVIDENCE],
        reasoning=reasoning,
        better_line=better_line(c.id, scenario, detector, c.example, avoid=said, close=close, told=told),
        tip=c.tip,
        judge="offline",
        note=note,
    )


def agreed_next_steps(lines: list[LearnerLine], detector: Detector) -> list[Evidence]:
    """The learner's short yes (or thanks) to a next step the counterpart just proposed. The move model reads
    learner lines, so a counterpart's proposal ("write it up and bring it to me") often reads only as maybe: the
    yes that follows is what makes it agreed."""
    def proposed(previous: str) -> bool:
        found = detector.detect(previous, care=False)
        return NEXT_STEPS in found.move_ids | found.maybe

    def yes(text: str) -> str:
        """The yes that opens the turn, up to eight words of it ("That would be entirely satisfactory.", "yeah
        that sounds good yeah um cheers…" before the talk moves on), or nothing."""
        head = " ".join(_BOUNDARY.split(text.strip(), maxsplit=1)[0].split()[:8])
        return head if _YES.match(head) and not _NOT_YES.search(head) else ""

    return [Evidence(quote=said, turn=line.turn) for line in lines
            if line.previous and (said := yes(line.text)) and proposed(line.previous)]


def file_quotes(criteria: list[CriterionScore]) -> list[CriterionScore]:
    """Each quote under the criterion it best shows: a sentence that clearly shows one move is not also
    offered as a "maybe" of another (two clear moves in one sentence keep it under both)."""
    clear = {(e.turn, e.quote) for c in criteria if c.score >= 2 for e in c.evidence}
    out = []
    for c in criteria:
        if c.score == 1:
            kept = [e for e in c.evidence if (e.turn, e.quote) not in clear]
            c = c.model_copy(update={"evidence": kept})
        out.append(c)
    return out


def score_flags(
    library: CriteriaLibrary, lines: list[LearnerLine], detections: list[Detection], detector: Detector,
) -> list[FlagDetail]:
    """Each flag with the turns that showed it: clearly, or close to it in a session that keeps the edge."""
    details = []
    for flag in flags_of(library):
        evidence = [Evidence(quote=_flag_quote(detector, lines[i], detections[i], flag.id), turn=lines[i].turn)
                    for i in attack_turns(detector, detections, flag.id)]
        if evidence:
            count = len(evidence)
            cost = min(flag.penalty * count, flag.penalty_cap or flag.penalty * count)
            details.append(FlagDetail(id=flag.id, name=flag.name, count=count, evidence=evidence[:MAX_EVIDENCE],
                                      tip=flag.tip, cost=cost))
    return details


def _flag_quote(detector: Detector, line: LearnerLine, found: Detection, flag_id: str) -> str:
    """The sentence that shows the flag best: the detector's hit, else the model's strongest sentence."""
    hit = next((h for h in found.flags if h.criterion == flag_id), None)
    if hit is not None:
        return sentence_around(line.text, hit.start, hit.end)
    labels = detector.model.labels
    span = detector.model.analyse(line.text, line.previous).best_span(flag_id, labels) if flag_id in labels else None
    return sentence_around(line.text, *span) if span else line.text
