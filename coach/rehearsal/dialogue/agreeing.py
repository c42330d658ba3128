"""Agreeing: the yes itself, to what the learner proposed and nothing they did not, and the goodbye after it."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from coach.rehearsal.dialogue import lines as general_lines
from coach.rehearsal.dialogue.answering import answer, content, fact_asked_about, meets_again, reveal
from coach.rehearsal.dialogue.facts import terms_in, unproposed
from coach.rehearsal.dialogue.leaving import asks_to_meet, split_sentences
from coach.rehearsal.dialogue.naming import names_in
from coach.rehearsal.dialogue.question_cues import AND_ASKS, asks_a_date, asks_who_decides

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


def answer_after_yes(r: Reply) -> None:
    """After the handshake a real question still gets its answer ("can we diarise it?" gets the close). One about how
    it is decided or by when ("who nominates, and when is the deadline?") gets what they know of it: a fact of theirs
    that fits it, else how the decision is made, and for a date they have not got to hand a promise to find it out;
    not the goodbye over the top of it, nor the scenario's line on when the ask could start (the yes settled that)."""
    q = r.heard.question
    if q is None or q.request:
        return
    # "…and when is the deadline?", "is it your call, and by when?"; not "what happens when the freeze lifts?"
    asks_when = q.topic in ("timing", "decision", "other") and asks_a_date(q.text)
    if q.topic not in ("other", "timing") and not asks_when:
        answer(r)
        return
    if "aggression" in r.flags or meets_again(q) or asks_to_meet(q.text):
        return
    # (on the words of the whole sentence: "…how does one get into December round, who puts the name forward and by
    # when" is heard as its tail, "who puts the name forward and by when")
    q = replace(q, others=[*q.others, *[s for s in split_sentences(r.detection.text) if q.text in s][:1]])
    asks_who = q.topic == "decision" or any(asks_who_decides(clause) for clause in AND_ASKS.split(q.whole))
    if not (asks_who or asks_when):
        return
    before = len(r.parts)
    fact = fact_asked_about(r, q)
    if fact is not None and (asks_who or _dated(r.scenario.counterpart.hidden_constraints[fact])):
        # "how do people get into the December round?": the plan on file by 31 October (asked only when: a fact
        # with a date in it, not a lecture on the freeze for "when will you know what the director says?")
        reveal(r, q.whole, only=fact)
    if asks_who and len(r.parts) == before:
        asked = content(q.whole)
        r.say("answer:decision", r.lines.answers.get("decision", []), prefer=lambda line: len(content(line) & asked))
    if asks_when and not any(terms_in(part).dates for part in r.parts[before:]):
        if told := _date_told(r, q.whole):  # asked again for a date they gave: that date, not "I'll find out"
            r.say("answer:timing", r.general["date_again"], slots={"date": told})
        else:
            r.say("answer:timing", r.general["find_out"])  # a date not to hand: found out, not guessed
    r.state.questions[-1]["answered"] = len(r.parts) > before


def _dated(fact: str) -> str:
    """The first date with a number in a fact ("31 October" of "…on file by 31 October"), or ""."""
    dated = [d for d in terms_in(fact).dates if re.search(r"\d", d)]
    return re.sub(r"^(?:by|on|from|before|until|till)\s+", "", dated[0], flags=re.IGNORECASE) if dated else ""


def _date_told(r: Reply, question: str) -> str:
    """The date in a fact of theirs already told that the question is about (two distinctive words in common), as
    "31 October", or ""."""
    hidden, asked = r.scenario.counterpart.hidden_constraints, content(question)
    for i in r.state.revealed:
        if len(asked & content(hidden[i])) >= 2 and (date := _dated(hidden[i])):
            return date
    return ""
