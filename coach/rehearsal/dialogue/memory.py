"""What the counterpart keeps from each learner line: the terms an agreement will echo, how clearly each move
was made, what was just heard (so it is never asked for next), and the questions still waiting for an answer."""

from __future__ import annotations

import re
from dataclasses import fields
from typing import TYPE_CHECKING

from coach.rehearsal.dialogue.credit import ASKING_MOVES, writers_would_mark
from coach.rehearsal.dialogue.facts import Terms, same_order, terms_in
from coach.rehearsal.dialogue.hearing import THEIR_SIDE
from coach.rehearsal.dialogue.naming import puts_someone_forward

if TYPE_CHECKING:  # a reply being decided (policy.py) is passed in; nothing here decides one
    from coach.core.detection import Detection
    from coach.rehearsal.dialogue.policy import Reply

RECENT_TURNS = 2  # a move shown (or nearly shown) in the last two learner turns is never asked for
HEARD = 0.25  # a move this likely is never asked for next, even if not shown
PROPOSING = frozenset({"specific-ask", "phased-plan", "collaborative-options", "recover-from-no"})
# A date with a meeting or a check in the same line answers "when do we look at this again?".
MEETING = re.compile(r"\b(?:review|check(?:-|\s)?in|check|meet|catch\s+up|revisit|look\s+(?:at\s+it\s+)?again|"
                     r"sit\s+down|book|diary|follow\s+up)\b", re.IGNORECASE)
# An ask that sets this many checkable specifics (times, dates, lengths, figures) says how it will be judged:
# "how will we know?" is not the next question, though the measure is not counted as made.
CHECKABLE = 3
_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}(?:st|nd|rd|th)\b"
                    r"|\b(?:by|before)\s+(?:the\s+end\s+of\s+(?:the|your|my|this|each|every)\s+\w+|noon|midday|tonight|tomorrow)")
# "To sum up: …" or "so, to recap": what was agreed, said back; nothing in it is to be asked for next.
_SUMMING_UP = re.compile(r"\b(?:to|tae) (?:sum (?:it )?up|summari[sz]e|recap)\b|\bin summary\b|\bso,? (?:we've|we have) agreed\b"
                         r"|\blet me (?:sum (?:it )?up|summari[sz]e|recap)\b", re.IGNORECASE)


def remember(r: Reply) -> None:
    s, d = r.state, r.detection
    # The terms of the latest proposal (one line, clearly an ask or a plan) are what an agreement echoes;
    # a date inside a story, or pieces from several lines, are not an offer.
    ask = terms_of(r, {"specific-ask"})
    if "specific-ask" in d.move_ids and ask.all():
        s.facts.update(days=ask.days, dates=ask.dates, deadlines=ask.deadlines, durations=ask.durations,
                       figures=_headline_kept(s.facts.get("figures", []), ask.figures))
    elif PROPOSING & d.move_ids and (shaped := terms_of(r, PROPOSING)).durations:
        s.facts["durations"] = shaped.durations  # a trial's length, added to the ask it shapes
    if "specific-ask" not in d.move_ids and (revised := _counter_offer(s.facts.get("figures", []), r)):
        s.facts["figures"] = revised  # "Then £41,000, … I won't go under £41,000": the figure now on the table
    planning = (PROPOSING | {"next-steps", "success-metrics"}) & d.move_ids
    if planning:  # review dates, checkpoints: agreed as said
        plan = terms_of(r, planning).all()
        s.facts.setdefault("plan", []).extend(x for x in plan if x not in s.facts.get("plan", []))
    s.facts.setdefault("options", []).extend(o for o in r.terms.options if o not in s.facts.get("options", []))
    s.someone_named = s.someone_named or puts_someone_forward(d.text, set(r.scenario.counterpart.name.split()))
    s.accepted += r.taken  # "I'm not here to reopen the decision": no refusal needed now
    if s.plainly is None:  # a state saved before plain asks were kept: what it heard clearly counts as plain
        s.plainly = {m: c for m, c in s.confidence.items() if m in s.shown}
    for move, value in d.confidence.items():
        s.confidence[move] = max(s.confidence.get(move, 0.0), round(float(value), 3))
    for move in d.move_ids:
        s.times[move] = s.times.get(move, 0) + 1
        # "they've got this secondment thing… nine months I think" is no plain ask; nor is a line the writers of the
        # coherence scripts would not have marked as one (the second opinion praise asks for too): "maybe I could still
        # do the April ones alongside him?" is no handover to agree to
        second_opinion = move != "specific-ask" or writers_would_mark(d.text, move)
        if "hedging" not in d.flag_ids and second_opinion:
            s.plainly[move] = max(s.plainly.get(move, 0.0), round(float(d.confidence.get(move, 1.0)), 3))
    heard = set(d.move_ids | d.maybe) | {m for m, c in d.confidence.items() if c >= HEARD}
    if (r.terms.dates or r.terms.days) and MEETING.search(d.text):
        heard.add("next-steps")  # "let's review on 27 February": the when is answered, even if the model missed it
    q = r.heard.question
    if q and (q.topic in THEIR_SIDE or q.topic == "other" and not q.request):
        # asking about their side is exploring it: the counterpart does not then ask the learner to explore it
        heard |= ASKING_MOVES  # "what did they say I was missing?" explores their side, whatever its topic
    if q and q.topic == "choice":  # "(1) an award or (2) the course: which is easier?", "which of those…?"
        heard |= {"collaborative-options", "specific-ask"}
    if _PUT_AS_A_SUGGESTION.search(d.text):
        heard.add("collaborative-options")  # "how about anything not done by 20:00 goes to the nurse in charge?"
    if d.move_ids & {"phased-plan", "collaborative-options"}:
        heard.add("specific-ask")  # a plan or options say what is being asked for: "what exactly…?" is not next
    checkable = _checkable(r.terms, d.text)
    if _SUMMING_UP.search(d.text) and checkable >= 1:
        heard |= PROPOSING | {"next-steps", "success-metrics"}  # "to sum up: …, first check-in on the 10th"
    if "specific-ask" in d.move_ids and checkable >= CHECKABLE:
        heard.add("success-metrics")  # "in by 07:30, checklists by 21:00, the module by the 19th": how it is judged
    s.recent = [*s.recent, sorted(heard)][-RECENT_TURNS:]
    if r.heard.question:
        s.questions.append({"turn": s.learner_turns, "topic": r.heard.question.topic, "answered": False})


# A proposal put as a suggestion: "how about…", "what if we…", "could we agree…", "would it help if I…". Another way was
# just offered, so "is there another way to make this work?" is not the next question.
_PUT_AS_A_SUGGESTION = re.compile(r"\b(?:how about|what about|what if (?:we|i|you)|why don't (?:we|i)|(?:could|can) we"
                                  r"|would it (?:help|work) if|how would it be if|what would you say to)\b", re.IGNORECASE)


def proposes_in(detection: Detection, sentence: str, proposing: set[str] | frozenset[str]) -> bool:
    """Whether the model heard a proposal in this very sentence (not elsewhere in the turn)."""
    start = detection.text.find(sentence)
    end = start + len(sentence)
    return start >= 0 and any(h.criterion in proposing and h.start < end and h.end > start for h in detection.moves)


def _headline_kept(before: list[str], now: list[str]) -> list[str]:
    """The figures of a new ask, after the one asked for before when none of them revises it: "a one-off award of
    £1,500" put beside "£40,500 from September" is a second thing asked for, not a lower salary. An ask with no
    figure ("make it a trigger, not a promise: from 1 October") keeps the one asked for before."""
    if not now:
        return before
    if not before or any(same_order(before[0], f) for f in now):
        return now
    return [before[0], *(f for f in now if f != before[0])]


# A figure put forward as a counter-offer: "Then £41,000", "Okay, £41,500 then", "meet me at £40,250", "how about…"
_COUNTER_BEFORE = (r"(?:then(?:\W+[\w']+){0,3}?|how about|what about|meet me at|make it|settle (?:on|for)"
                   r"|go (?:with|for)|i'd take|i could (?:do|live with|accept)"
                   r"|(?:could|would|can) you (?:do|go to|manage|stretch to)|okay|ok|fine|alright|all right|say)"
                   r"\W+(?:at\s+)?")
_COUNTER_AFTER = r"(?:\W+(?:then|instead)\b|(?:'s|\s+is)\s+(?:closer|fine|ok|okay|fair|doable|better)\b)"


def _counter_offer(before: list[str], r: Reply) -> list[str]:
    """The figures asked for, with the headline revised by a counter-offer the model did not read as an ask: a new
    figure of the same order, not ruled out, said as a counter ("Then £41,000", "£41,500 then"); not a figure of
    evidence in the same line ("finance values the waste saving at £58,000")."""
    if not before:
        return []
    text = r.detection.text

    def countered(f: str) -> bool:
        fig = re.escape(f)
        return bool(re.search(_COUNTER_BEFORE + fig, text, re.IGNORECASE)
                    or re.search(fig + _COUNTER_AFTER, text, re.IGNORECASE))

    new = next((f for f in r.terms.figures
                if f not in r.terms.ranges and f != before[0] and same_order(before[0], f) and countered(f)), None)
    return [new, *(f for f in before if f != new)] if new else []


def terms_of(r: Reply, moves: set[str] | frozenset[str]) -> Terms:
    """The terms in the sentences that make these moves ("I'm asking for £42,000 from April"), not the evidence
    around them ("OTIF went from 91% to 96% since March"); the whole line's when those sentences name none. A term
    that starts inside such a sentence is kept whole: a clause read as the ask may end before the rest of it
    ("…working from home Tuesdays" | "and Thursdays, starting in January")."""
    d = r.detection
    spans = sorted({(h.start, h.end) for h in d.moves if h.criterion in moves})
    if not spans:
        return r.terms

    def inside(term: str) -> bool:
        return any(a <= m.start() < b for m in re.finditer(re.escape(term), d.text) for a, b in spans)

    whole = r.terms
    own = Terms(**{f.name: [t for t in getattr(whole, f.name) if inside(t)] for f in fields(Terms)})
    if own.all():
        return own
    clipped = terms_in(" ".join(d.text[a:b] for a, b in spans))
    return clipped if clipped.all() else whole


def _checkable(terms: Terms, text: str) -> int:
    """How many distinct checkable specifics a line sets: its terms, clock times, ordinals and deadlines
    ("by the end of your late"), each counted once however many patterns find it."""
    found: list[str] = []
    for item in [*terms.all(), *(m.group(0) for m in _CLOCK.finditer(text))]:
        k = item.lower()
        if not any(k in f or f in k for f in found):
            found.append(k)
    return len(found)
