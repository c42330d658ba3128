"""How a reply's parts are put into words: joined as one utterance, a backchannel that would hand the floor back
dropped before our own question, and agreed terms said back in the learner's own words."""

from __future__ import annotations

import re

from coach.rehearsal.dialogue.leaving import split_sentences

_OPENERS = re.compile(r"^(okay|ok|right|sure|well|look|fine|good|yes|alright|hm+|mm+)\b[,.!]?\s+", re.IGNORECASE)


# A backchannel that hands the floor back ("Go on.", "What else?"), wrong when the same reply then asks its own
# question: the invitation goes and the nod stays.
_INVITATION = re.compile(r"(?:(?:okay|ok|right|sure|mm|mm-hm|fine|all right)[,.]?\s+)?(?:go on|carry on|keep going"
                         r"|talk me through it|and|and what else|what else|i'm listening|go ahead|tell me more)[.!?]*",
                         re.IGNORECASE)


def yielding(backchannel: str, following: str) -> str:
    return _uninviting(backchannel) or ("Right." if following.lower().startswith("okay") else "Okay.")


def without_invitation(part: str) -> str:
    """A part of a closing reply without its "Go on.": the conversation is ending, the floor is not handed back."""
    return _uninviting(part) or part


def _uninviting(part: str) -> str:
    """`part` without the sentences that hand the floor back ("" when nothing else is left)."""
    return " ".join(x for x in split_sentences(part) if not _INVITATION.fullmatch(x))


# Lines that credit what was said, not a reply to the request (a nod to a time to meet again is its yes).
NODS = ("reaction:", "accepted:", "pre_empted:")
_BARE_YES = re.compile(r"^(?:yes|yeah|yep)[.,!]\s+(?=\S)", re.IGNORECASE)


def without_bare_yes(line: str) -> str:
    """A nod without its opening "Yes.": beside a request not granted, it would be heard as the answer."""
    rest = _BARE_YES.sub("", line, count=1)
    return rest[:1].upper() + rest[1:] if rest != line else line


def join_parts(parts: list[str]) -> str:
    """Join reply parts as one utterance: two parts opening with the same 'Okay.' keep only the first."""
    out: list[str] = []
    for part in filter(None, parts):
        opener = _OPENERS.match(part)
        if out and opener and (prev := _OPENERS.match(out[-1])) and prev.group(1).lower() == opener.group(1).lower():
            part = part[opener.end() :]
            part = part[:1].upper() + part[1:]
        out.append(part)
    return " ".join(out)


# The word the learner put before a date, kept when the agreement says it back: "by November" or "before the
# nominations close" is a deadline, not a start ("from November" had been agreed to "between now and November").
_DATE_WORD = r"(?:from|starting|by|before|until|till|after|in|on|for|between now and|(?:from\s+)?now\s+(?:to|through|till|until)|through\s+to)"


def with_its_word(date: str, said: list[str]) -> str:
    """The date with the word the learner last put before it ("by November"), or the date alone."""
    if not date:
        return date
    found = re.compile(rf"\b({_DATE_WORD})\s+(?:the\s+)?{re.escape(date)}", re.I)
    for line in reversed(said):
        m = found.search(line)
        if m:
            word = m.group(1).lower()
            if word == "between now and":
                word = "by"
            elif word.split()[-1] in ("to", "through", "till", "until"):  # "from now to November": until then
                word = "until"
            return f"{word} {date}"
    return date


def terms_phrase(days: str, date: str, duration: str) -> str:
    """ "Tuesdays and Thursdays from mid-January, for a 12-week trial" out of what the learner said."""
    if date and not re.match(r"(?:from|by|in|on|for|until|till|before|after|starting|start|end|mid|early|late|next|this|the)\b",
                             date, re.I):
        date = f"from {date}"
    phrase = " ".join(x for x in (days, date) if x)
    if duration:
        phrase = f"{phrase}, for {duration}" if phrase else f"for {duration}"
    return phrase


def first(values: list[str]) -> str:
    return values[0] if values else ""
