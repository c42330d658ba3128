"""Which line meets a turn read as aggression. An ultimatum or an outside offer ("sign it by the 14th or I take the
recruiter's call", "a recruiter's been ringing me, I haven't rung back") is about leaving: it gets a line about
leaving, not "I won't be spoken to like that", which answers an insult. Blame or contempt gets none of the lines
about threats to leave ("Threatening to leave isn't the way to get my signature" said to "If you'd sign. Maybe.")."""

from __future__ import annotations

import re
from collections.abc import Mapping

# Talk of leaving or of another job: the threat, veiled or plain, that the line makes.
_LEAVING = re.compile(
    r"\b(?:recruiters?|head-?hunters?|(?:another|other|new)\s+(?:job|role|offer|firm|company|post|position)s?"
    r"|(?:job|role|offer|post|position)s?\s+(?:elsewhere|somewhere\s+else|at\s+another|across\s+town)"
    r"|(?:go|going|move|moving|look|looking)\s+(?:elsewhere|somewhere\s+else)"
    r"|(?:hand|handing|put|putting)\s+(?:in\s+)?(?:my\s+)?notice|resign(?:ing|ation)?|quit(?:s|ting)?|walk\s+out"
    r"|i'?m\s+(?:gone|off|out\s+of\s+here|leaving)|i'?ll\s+(?:leave|go)\b"
    r"|take\s+(?:the|that|their|his|her)\s+(?:call|job|offer)"
    r"|ring\s+(?:him|her|them)\s+back|rung\s+(?:him|her|them)\s+back|look(?:ing)?\s+(?:around|elsewhere))\b",
    re.IGNORECASE)
# An ultimatum, or blame of the listener as a habit ("you always…", "every time", "are you even listening"): an
# attack, whatever the rest of the line says.
_ULTIMATUM = re.compile(r"\bor else\b|\byou(?:'re|\s+are)?\s+(?:always|never|just|even)\b|\bevery\s+time\b"
                        r"|\bare\s+you\s+even\b", re.IGNORECASE)
# A line of ours that speaks to a threat or to leaving.
_ABOUT_LEAVING = re.compile(r"\b(?:threat\w*|leav\w*|elsewhere|lose\s+you|your\s+(?:right|call)|stay\w*)\b",
                            re.IGNORECASE)


def _plain_quotes(text: str) -> str:
    return text.replace("\u2019", "'")


def talks_of_leaving(text: str) -> bool:
    return bool(_LEAVING.search(_plain_quotes(text)))


def threatens(text: str) -> bool:
    """A threat to leave, veiled or plain, an ultimatum, or blame as a habit: an attack however civil its words."""
    return talks_of_leaving(text) or bool(_ULTIMATUM.search(_plain_quotes(text)))


def aggression_pools(text: str, own: list[str], general: Mapping[str, list[str]]) -> tuple[list[str], ...]:
    """The scenario's aggression lines (`own`) that fit the kind of line, then general ones for a threat to leave,
    then any of its own (a scenario with no fitting line still answers)."""
    leaving = talks_of_leaving(text)
    fitting = [line for line in own if bool(_ABOUT_LEAVING.search(line)) == leaving]
    return (fitting, general.get("threat_to_leave", []) if leaving else [], own)
