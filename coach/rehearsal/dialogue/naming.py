"""Who the learner puts forward to do something ("Sam could take the club", "the one I'd propose is Priya"): an answer
to "who?", so a press line asking who is not said after it."""

from __future__ import annotations

import re

from coach.core.calendar_words import HOLIDAYS, MONTHS, WEEKDAYS

# A press line that asks who: "Who is on the hill with those students in April?", "You haven't said who runs it".
_ASKS_WHO = re.compile(r"\bwho\b", re.IGNORECASE)
# A name, not a month, a day, a holiday or a word that opens a sentence ("Anyway, I was gonna ask, could I…").
_NOT_A_NAME = "|".join(sorted(MONTHS | WEEKDAYS | HOLIDAYS | {"The", "This", "That", "There", "Then", "What", "Which",
                                            "When", "How", "Anyway", "Also", "Well", "Okay", "Right", "Honestly", "Sorry",
                                            "Basically", "Maybe", "Perhaps", "Yes", "Look", "Listen", "Actually", "Now",
                                            "And", "But", "Just"}))
_NAME = rf"(?!(?:{_NOT_A_NAME})s?\b)[A-Z][a-z]{{2,}}(?:\s+[A-Z][a-z]{{2,}})?"
# Someone put forward to do it: "Sam could take the club", "Sam Whitlock is the one I am proposing", "the one I'd
# put in is Priya", "hand them to Amira", "my deputy, Joe, would cover it" (not "Dan got it", a story).
_PUT_FORWARD = re.compile(
    rf"\b{_NAME}(?:,\s+[^,]{{1,30}},)?,?(?:\s+(?:sir|miss|really|also|too|himself|herself|already))?\s+(?:could|would|will|can"
    rf"|should|might|takes|to take|is the one|is happy|is keen|is interested|is willing|is up for|has offered|has asked"
    rf"|has volunteered|volunteered|offered|wants to|'d|’d|'ll|’ll)\b"
    rf"|\b(?:(?:the one|who)\b[^.,;!?]{{0,30}}\bis|(?:give|hand|pass|leave)\s+(?:it|them|that|those|over|the\s+\w+)\s+(?:over\s+)?to)"
    rf"\s+{_NAME}\b(?=\s*(?:[,.;!?]|$|,?\s+(?:who|as|and)\b))"
    rf"|\b(?i:could|can|would|should|might)\s+{_NAME}\s+(?:take|cover|run|lead|do|pick|have|step|shadow)\b")


def asks_who(line: str) -> bool:
    return bool(_ASKS_WHO.search(line))


def puts_someone_forward(text: str, not_them: set[str]) -> bool:
    """The line names a person to do it (not the listener): an answer to "who?"."""
    return any(m.group(0).split()[0].strip(",") not in not_them for m in _PUT_FORWARD.finditer(text))


# A capitalised word inside a sentence: a name ("Marsh", "Pennine", "Amira"), not an opening word or a time.
_INSIDE_NAME = re.compile(rf"(?<=[\w,;:)'’\"] )(?!(?:{_NOT_A_NAME})s?\b)[A-Z][a-z]{{2,}}\b")


def names_in(text: str, phrase: bool = False) -> set[str]:
    """The names a line says, lower-cased: capitalised words inside a sentence that are not times (in a `phrase`,
    "Hadley Homes", the first word too)."""
    return {m.group(0).lower() for m in _INSIDE_NAME.finditer(f"a {text}" if phrase else text)}
