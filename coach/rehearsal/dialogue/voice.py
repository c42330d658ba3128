"""A scenario's hidden constraints are written about the counterpart ("Her director has told her…"); when
the counterpart reveals one, it says it of itself ("My director has told me…")."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from coach.core.calendar_words import MONTHS, WEEKDAYS

if TYPE_CHECKING:
    from coach.scenario.model import Counterpart

_IRREGULAR = {"has": "have", "is": "am", "does": "do", "hasn't": "haven't", "doesn't": "don't", "isn't": "am not",
              "was": "was", "wasn't": "wasn't", "'s": "'m"}
_ADVERBS = {"still", "also", "already", "quietly", "half", "really", "never", "always", "just", "only", "even", "now"}
# After "her", a word that starts a noun phrase means "my"; anything else (a preposition, the end) means "me".
_NOT_NOUN = {"to", "that", "about", "and", "or", "but", "for", "with", "in", "on", "at", "by", "from", "if", "when",
             "so", "not", "again", "too", "a", "the", "an", "this", "what", "whether", "informally", "directly"}


def first_person(text: str, name: str) -> str:
    """`text` about the counterpart called `name`, said by them: pronouns and their own name become I/me/my."""
    first = name.split()[0] if name.split() else name
    out = re.sub(rf"\b{re.escape(first)}'s\b", "my", text)
    out = re.sub(rf"\b{re.escape(name)}\b|\b{re.escape(first)}\b", "I", out)
    out = re.sub(r"\b(?:he|she)\b", "I", out, flags=re.IGNORECASE)
    out = re.sub(r"\b(?:himself|herself)\b", "myself", out, flags=re.IGNORECASE)
    out = re.sub(r"\bhis\b", "my", out, flags=re.IGNORECASE)
    out = re.sub(r"\bhim\b", "me", out, flags=re.IGNORECASE)
    out = re.sub(r"\bher\b(\s+(\w+))?", _her, out, flags=re.IGNORECASE)
    out = re.sub(r"\bI((?:\s+(?:" + "|".join(_ADVERBS) + r"))*)\s+([\w']+)", _agree, out)
    out = re.sub(r"(^|[.!?]\s+)(my|me|myself)\b", lambda m: m.group(1) + m.group(2).capitalize(), out)
    # "I am sleeping five hours a night, has started to dread my shifts": the verbs that share the "I" agree with it
    return re.sub(r"(?:^|(?<=[.!?]\s))I\b[^.!?]*", _shared_verbs, out)


def _shared_verbs(match: re.Match) -> str:
    return re.sub(r"(,\s*(?:and\s+)?|\band\s+)(has|is|does)\b", lambda m: m.group(1) + _IRREGULAR[m.group(2)], match.group(0))


def _her(match: re.Match) -> str:
    word = match.group(2)
    if word is None:
        return "me"
    return ("me" if word.lower() in _NOT_NOUN else "my") + match.group(1)


def _agree(match: re.Match) -> str:
    adverbs, verb = match.group(1), match.group(2)
    return f"I{adverbs} {_verb(verb)}"


def _verb(word: str) -> str:
    lower = word.lower()
    if lower in _IRREGULAR:
        return _IRREGULAR[lower]
    if len(lower) > 3 and lower.endswith("ies"):
        return word[:-3] + "y"
    if len(lower) > 3 and lower.endswith(("shes", "ches", "xes", "sses")):
        return word[:-2]
    if len(lower) > 3 and lower.endswith("s") and not lower.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


_PRONOUN = re.compile(r"\b(?:he|she|his|her|him|himself|herself)\b", re.IGNORECASE)
_PERSON = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]{2,}\b")
# Capitalised words that are never the someone else a he or she could mean ("…on file by 31 October. She has not…").
NOT_PEOPLE = MONTHS | WEEKDAYS
_SAME = {"he": {"he", "his", "him", "himself"}, "she": {"she", "her", "herself"}}


def can_voice(text: str, name: str, pronoun: str = "") -> bool:
    """Whether `first_person` can be trusted on `text`: a he or she that may be someone else (another
    named person is in the sentence, or the pronoun is not the one the scenario uses for the counterpart: "Sam is
    early-career… his mentor" said by Ruth) would be turned into "I" wrongly, so such a fact is not said."""
    said = {p.lower() for p in _PRONOUN.findall(text)}
    if not said:
        return True
    if pronoun and said - _SAME[pronoun]:
        return False
    own = set(name.split())
    others = {w for w in _PERSON.findall(text) if w not in own and w not in NOT_PEOPLE}
    return not others



def counterpart_pronoun(cp: Counterpart) -> str:
    """He or she, as the scenario writes of the counterpart: a fact with the other one is about someone else."""
    return pronoun_of([cp.relationship, cp.personality, cp.style, cp.private_goal, *cp.hidden_constraints])


def pronoun_of(texts: list[str]) -> str:
    """"he" or "she", as the scenario's own words about the counterpart use it most ("" when they use neither)."""
    said = [p.lower() for text in texts for p in _PRONOUN.findall(text)]
    he, she = sum(p in _SAME["he"] for p in said), sum(p in _SAME["she"] for p in said)
    return "he" if he > she else "she" if she > he else ""
