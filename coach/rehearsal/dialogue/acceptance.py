"""A no taken as it stands: "I'm not here to reopen the panel's decision", "I accept the decision", "I won't fight the
freeze". Said before the counterpart refuses, it heads the refusal off; said after, it settles it. Either way the
counterpart does not go on refusing what nobody is asking for."""

from __future__ import annotations

import re

from coach.rehearsal.dialogue.answering import content
from coach.scenario.model import Objection

# Verbs that only ever point at a decision already made: "not here to reopen it" needs no object to be clear.
_REOPEN = (r"re-?open|overturn|re-?litigate|reverse|undo|revisit|rehash|appeal|relive|go\s+back\s+(?:over|on)"
           r"|re-?argue")
# Verbs that may point at anything ("not here to argue with you"): they count only with an object that says what.
_CONTEST = r"argue(?:\s+(?:with|about|over|against))?|fight|discuss|change|challenge|dispute|contest|question|go\s+over"
_NOT_HERE_TO = re.compile(
    r"\b(?:not|never|no\s+longer)\s+(?:here|asking(?:\s+you)?|trying|looking|going|gonna|come|coming|wanting|out"
    r"|planning|hoping|about)\s+to\s+(?:try\s+to\s+)?(?P<verb>" + _REOPEN + "|" + _CONTEST + r")\b(?P<what>[^.;:!?]{0,60})"
    r"|\b(?:won't|wont|will\s+not|shan't|don't\s+(?:want|come|mean)\s+to|do\s+not\s+(?:want|come|mean)\s+to"
    r"|no\s+point\s+(?:in\s+)?(?:trying\s+to\s+)?)\s*(?P<verb2>" + _REOPEN + "|" + _CONTEST + r")\w*\b(?P<what2>[^.;:!?]{0,60})",
    re.IGNORECASE)
_ACCEPT = re.compile(r"\b(?:i|i've|i\s+have|i\s+do|i\s+fully|i\s+completely)\s+(?:\w+\s+)?accept(?:ed)?\b"
                     r"(?P<what>[^.;:!?]{0,60})", re.IGNORECASE)
_NEGATED_ACCEPT = re.compile(r"\b(?:don't|do\s+not|can't|cannot|won't|will\s+not|never|not|didn't|haven't)\s+"
                             r"(?:\w+\s+)?accept", re.IGNORECASE)
# "I know the decision's made", "I understand that is closed": a decision known to be final.
_KNOWN_FINAL = re.compile(
    r"\b(?:know|understand|appreciate|realis\w*|realiz\w*|accept)\s+(?:that\s+|now\s+)?(?P<what>(?:the\s+)?(?:panel'?s\s+)?"
    r"(?:decision|call|answer|outcome|it|that))(?:'s|\s+is|\s+has\s+been|\s+was)\s+(?:made|final|closed|done|settled)\b",
    re.IGNORECASE)
# What a decision is called: "the panel's call", "the outcome", "your no", "the freeze"; or just "it" or "that".
_DECISION = re.compile(r"\b(?:decision|outcome|answer|call|result|verdict|ruling|freeze|position)\b"
                       r"|\b(?:the|your|their|a|that|this)\s+no\b", re.IGNORECASE)
_BARE = re.compile(r"(?:it|that|this)(?:\s+(?:now|fully|entirely|completely|though|too|as\s+well|again))?$", re.IGNORECASE)
_CONTEST_RE = re.compile(_CONTEST, re.IGNORECASE)


def taken_as_it_stands(text: str) -> list[tuple[str, bool]]:
    """What the line takes as it stands, in its own words, and whether plainly a decision ("the panel's decision",
    "it" after "reopen"), rather than something named that an objection may share ("not here to fight the freeze"
    is both; "I won't argue about the budget" only the second)."""
    out = []
    for m in _NOT_HERE_TO.finditer(text):
        verb, what = (m["verb"], m["what"]) if m["verb"] else (m["verb2"], m["what2"])
        what = _object(what or "")
        out.append((what, not _CONTEST_RE.fullmatch(verb.lower()) or _names_a_decision(what)))
    for m in _ACCEPT.finditer(text):
        what = _object(m["what"])
        # "I don't accept the decision" says the opposite; "I accept that the file was rough" and "I accept no
        # responsibility" take a point or refuse one, not a decision
        if not _NEGATED_ACCEPT.search(m.group(0)) and not _CLAUSE_OR_REFUSAL.match(what):
            out.append((what, _names_a_decision(what)))
    for m in _KNOWN_FINAL.finditer(text):
        out.append((m["what"], True))
    return [(what, plain) for what, plain in out if plain or content(what)]


_CLAUSE_OR_REFUSAL = re.compile(r"(?:that|this|it)\s+(?!(?:decision|outcome|answer|call|result|verdict|ruling|no)\b)\w+"
                                r"\s+\w+|no\s+(?!longer\b)\w+", re.IGNORECASE)
_OBJECT_ENDS = re.compile(r",|\s+(?:but|and|so|because|though|i|i'm|i'd|i've)\s+", re.IGNORECASE)


def _object(what: str) -> str:
    """The words a verb takes, up to where the sentence goes on: "the freeze" of "…fight the freeze, I just want a
    plan"."""
    return _OBJECT_ENDS.split(what.strip(), maxsplit=1)[0].strip()


def _names_a_decision(what: str) -> bool:
    """"the panel's decision", "your no", "it": a decision (or the thing refused); not "that the file was rough",
    "with you" or "no responsibility"."""
    head = " ".join(what.split()[:6])
    return bool(_DECISION.search(head) or _BARE.match(what.strip()))


def settles(objection: Objection, accepted: list[tuple[str, bool]]) -> bool:
    """Whether what the learner took as it stands answers this objection: any decision plainly taken, for an
    objection that refuses (one the learner recovers from); for any other, only one that names it ("the freeze")."""
    if "recover-from-no" in objection.answered_by and any(plain for _, plain in accepted):
        return True
    worry = content(" ".join([objection.line, *objection.press]))
    return any(worry & content(_head(what)) for what, _ in accepted)


def _head(what: str) -> str:
    """The thing named: "freeze" of "the freeze", "decision" of "the panel's decision of June" (not "panel", which
    every objection of that scenario may mention)."""
    words = re.split(r"\s+of\s+", what, maxsplit=1)[0].split()
    return words[-1] if words else ""
