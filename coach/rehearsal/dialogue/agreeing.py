"""Agreeing: the yes itself, to what the learner proposed and nothing they did not, and the goodbye after it."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from coach.rehearsal.dialogue import lines as general_lines
from coach.rehearsal.dialogue.answering import content
from coach.rehearsal.dialogue.facts import unproposed
from coach.rehearsal.dialogue.naming import names_in

if TYPE_CHECKING:
    from coach.rehearsal.dialogue.policy import Reply


def concede(r: Reply) -> None:
    """Agree to what the learner proposed, and nothing they did not (nor an option of theirs just passed over)."""
    proposed = r.state.proposed()
    slots = r.session_slots()
    # (once the learner has settled on a named option of theirs, a yes naming another, the scenario's client, is not to it)
    unsaid = _unsaid_names(r)
    filled = [(line, general_lines.fill(line, slots) or "") for line in r.lines.concession]
    fitting = [line for line, said in filled if not unproposed(said, proposed) and not unsaid & names_in(said)]
    pools = [fitting, r.general["concession"], r.general["concession_plain"]]
    passed_over = _passed_over(r)
    if passed_over:  # "which would you rather?" just answered: the yes is to that one, not a package with the other
        pools = [[line for line in fitting if not content(general_lines.fill(line, slots) or "") & passed_over],
                 r.general["concession_chosen"]]
    r.say("concession", *pools, slots=slots)


def _unsaid_names(r: Reply) -> set[str]:
    """Once the learner has settled on an option that names something ("the Pennine Trust audit", picked between two
    named clients), the names in the scenario's agreement lines the learner never said ("Marsh Logistics"): a yes
    naming them would agree to something else. Empty while no named option has been settled on."""
    s = r.state
    settled = [*s.facts.get("chosen", []), *s.facts.get("options", [])]
    if not any(names_in(option, phrase=True) for option in settled):
        return set()
    said = set(re.findall(r"[a-z]+", " ".join([*s.said, *settled]).lower()))
    return set().union(*(names_in(line) for line in r.lines.concession)) - said


def _passed_over(r: Reply) -> set[str]:
    """The distinctive words of the learner's options this reply did not pick, when it picked one, but not words
    they said outside those options ("I still want the nomination in March… title now, or both together in
    March?": March stays in the agreement)."""
    q, chosen = r.heard.question, r.state.facts.get("chosen")
    if not chosen or "answer:choice" not in r.picker.trace or q is None or not q.options:
        return set()
    picked = content(chosen[0])
    others = [o for o in q.options if content(o) != picked]
    rest = r.detection.text
    for option in others:
        rest = rest.replace(option, " ")
    return set().union(*(content(o) for o in others)) - picked - content(rest)


# The learner takes the writing-up on ("I'll send you the plan tomorrow", "I will draft the wording by Monday"), and
# the counterpart's own "I'll send the plan on Friday" would take it back.
_THEY_SEND = re.compile(r"\bi(?:'ll|\s+will|\s+can|'m\s+going\s+to|\s+am\s+going\s+to)\s+(?:also\s+|then\s+|just\s+)?"
                        r"(?:send|write|e-?mail|draft|type|put\s+(?:it|that|this|them|everything|the\s+\w+)\s+in\s+writing"
                        r"|put\s+together|get\s+(?:it|that|this|the\s+\w+)\s+(?:over\s+)?to\s+(?:you|ye|u))\b", re.IGNORECASE)
_I_SEND = re.compile(r"\bI(?:'ll| will)\s+(?:send|write|draft|e-?mail)\b|\bbefore I send\b|\bI'll have the email drafted\b")


def close_agreed(r: Reply) -> None:
    """The goodbye after the yes. When the learner takes the writing-up on ("I'll send you the plan tomorrow"), not
    the counterpart's own "I'll send the plan on Friday", which would take it back."""
    if _THEY_SEND.search(r.detection.text):
        r.say("close", [line for line in r.lines.close_agreed if not _I_SEND.search(line)], r.general["close_they_send"])
    else:
        r.say("close", r.lines.close_agreed, r.general["acknowledge"])
