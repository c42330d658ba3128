"""The second part of a reply: answer a direct question for its topic, from the scenario's answers or one of
its hidden constraints said in the counterpart's own voice, or deflect it honestly; and, after the handshake,
say yes to the time the learner proposed to meet again."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from coach.rehearsal.dialogue.facts import terms_in
from coach.rehearsal.dialogue.hearing import THEIR_SIDE, Question
from coach.rehearsal.dialogue.leaving import asks_for_more_time, asks_to_meet, meeting_time, split_sentences, time_in
from coach.rehearsal.dialogue.picks import remember_pick
from coach.rehearsal.dialogue.voice import can_voice, counterpart_pronoun, first_person
from coach.scenario.model import Scenario

if TYPE_CHECKING:  # a reply being decided (policy.py) is passed in; nothing here decides one
    from coach.rehearsal.dialogue.policy import Reply

# Questions a counterpart who answers only good questions still answers: nothing of theirs is at stake.
# Questions any scenario answers from general lines: "are you going to put me forward or not?" (verdict: "not yet",
# or the yes), "does that work for you?" with nothing proposed to reply to (check), "do you want a tea?" (offer),
# "could you put that in writing?" (favour).
_PLAIN = ("verdict", "check", "offer", "favour")
_ALWAYS_ANSWERED = {"timing", "personal", "choice", "other", *_PLAIN}
# what the question reader may call a bare "got a minute?" or "can I ask you something?" (not a question about the work)
ASKING_LEAVE = frozenset({"other", "personal", *_PLAIN})


# A real question about their side, the decision or the timing, put with an edge ("No offence, but who actually makes
# the call on this, you or head office?"), still gets its answer after the pushback: a manager who only scolds leaves
# the question hanging.
_ASKED_WITH_AN_EDGE = THEIR_SIDE | {"personal", "timing"}


def go_ahead(r: Reply) -> bool:
    """"Got a minute?": yes, go on; the question is still to come."""
    return r.say("answer:go-ahead", r.general["go_ahead"], r.general["acknowledge"])


def answer(r: Reply) -> None:
    """The second part: answer a direct question, or deflect it honestly."""
    q, s = r.heard.question, r.state
    if q is None or ("aggression" in r.flags and (q.request or q.topic not in _ASKED_WITH_AN_EDGE)):
        return  # an ask or a jibe thrown as an attack gets the reply to the attack
    if "hazard" in r.picker.trace:  # "can you get it sorted?" is answered by taking the hazard seriously
        r.picker.trace[r.picker.trace.index("hazard")] = "answer:hazard"
        s.questions[-1]["answered"] = True
        return
    if _booked(r):  # "…a review on Thursday 12 February. Can we book that now?": that date, said back
        s.questions[-1]["answered"] = True
        return
    answers = r.lines.answers
    reacted_to_question = any(k in ("reaction:explores-constraints", "reaction:invites-perspective") for k in r.picker.trace)
    reacted = any(k.startswith(("reaction:", "accepted:", "pre_empted:")) for k in r.picker.trace)
    # ("…no significant findings; might we arrange a further half-hour next week?": the reaction to the evidence
    # does not answer the request to meet)
    meeting_unanswered = meets_again(q) and not any(k in ("reaction:next-steps", "answer:meet") for k in r.picker.trace)
    if (q.request and r.detection.move_ids and reacted and not meeting_unanswered) or (
            reacted_to_question and q.topic in THEIR_SIDE | {"other"}):
        s.questions[-1]["answered"] = True  # the reaction answers it (an ask in question form, or "fair question: …")
        return
    if len(s.revealed) > r.told_before and q.topic in THEIR_SIDE and not q.request:
        # a reaction told them what is behind it ("the panel's notes had two points")
        s.questions[-1]["answered"] = True
        return
    if q.asks_for_a_word and q.topic in ASKING_LEAVE and not q.word_later:  # "can I grab you?": go on
        done = go_ahead(r)
    elif _asks_the_reason(q) and _answers_this(r, "decision"):
        # "which competencies did the panel mean?": what is behind the decision, not how it is made
        asked = content(q.whole)
        done = reveal(r, q.whole) or r.say("answer:decision", r.lines.answers.get("decision", []),
                                          prefer=lambda line: len(content(line) & asked))
    elif q.topic == "choice" and q.options:
        option = r.option or r.preferred(q.options)
        done = _picked_already(r, option) or r.say(
            "answer:choice", answers.get("choice", []), r.general["choice"], slots={"option": option})
        if done:  # the option picked is now the proposal on the table: never asked for again ("so what's your ask?")
            s.facts.setdefault("options", []).append(option)
            s.facts["chosen"] = [option]
            remember_pick(r, q.options, option)
    elif q.topic in _PLAIN:  # the scenario's own answer for the topic, else the general lines
        pool = ("verdict_yes" if s.conceded else "verdict_not_yet") if q.topic == "verdict" else q.topic
        done = r.say(f"answer:{q.topic}", answers.get(q.topic, []), r.general[pool])
    elif q.topic == "choice":  # "which of those would help most?" after a list not parsed: one of them, plainly
        done = _picked_already(r, r.option) or r.say("answer:choice", r.general["choice_unnamed"])
    elif q.topic == "other" and (r.heard.aside or not q.request and _off_topic(r.scenario, q.around or q.text)):
        done = r.say("answer:aside", r.general["aside_question"])  # "did HR sort the pension thing?"
    elif q.topic == "personal":  # "did you see the match?" is not "how are you?": a warm "tell you after"
        pools = [answers.get("personal", []), r.general["personal"]] if q.how_they_are else [r.general["personal_other"]]
        if q.greeting:  # a hello gets a hello's answer, not the story the scenario keeps for "how are you, really?"
            pools = [r.general["personal"], *pools]
        done = r.say("answer:personal", *pools)
    elif meets_again(q):  # "shall we chat again in a month or two?", "might we arrange a further half-hour next week?"
        when = meeting_time(q.text) or next(iter(terms_in(q.text).dates), "")
        done = bool(when) and agree_to_meet(r, when) or agree_to_meet(r, "")
    elif q.topic == "other" and q.request and _answers_this(r, q.topic):
        # "could something come off my plate?" is a request, not a question to call good or fair: an answer that
        # neither says yes nor calls it a question
        done = r.say("answer:other", [line for line in answers.get("other", []) if not _CALLS_IT_A_QUESTION.search(line)],
                     r.general["request_open"])
    elif _answers_this(r, q.topic) and (fact := fact_asked_about(r, q)) is not None:
        done = reveal(r, q.whole, only=fact)  # "how do people get into the December round?": the plan on file by October
    elif _answers_this(r, q.topic):
        asked = content(q.whole)  # of the scenario's answers for this topic, the one closest to what was asked
        done = r.say(f"answer:{q.topic}", answers.get(q.topic, []), prefer=lambda line: len(content(line) & asked)) or (
            q.topic in THEIR_SIDE and reveal(r, q.whole)
        ) or r.say("answer:other", answers.get("other", []) if q.topic == "other" else [])
    else:
        done = False
    done = done or _deflect(r, q)
    s.questions[-1]["answered"] = bool(done)


# "Good question", "a fair question": said of a question, not of a request
_CALLS_IT_A_QUESTION = re.compile(r"\bquestions?\b", re.IGNORECASE)


# What the people who decided meant, said, wanted or saw: the reason, not the process.
_REASON = re.compile(
    r"\bwhat (?:exactly |actually |really )?did (?:the|they|you|he|she)\b[^?.]{0,40}?"
    r"\b(?:say|think|want|mean|write|look(?:ing)? for|see|need)\b"
    r"|\bwhat (?:were|was) (?:they|the \w+) (?:thinking|after|looking for|meaning)\b|\bmean(?:t|ing)? by\b"
    r"|\bwhat (?:they|the \w+) (?:meant|wanted|said|were after|were looking for|did ?n[o']t see)\b"
    r"|\bwhich (?:competenc\w*|skills?|areas?|points?|gaps?|criteria)\b|\bwhat (?:was|were) (?:missing|lacking)\b"
    r"|\bwhy (?:didn't|did ?n[o']t|wasn't|was ?n[o']t) (?:i|it|my)\b"
    # "which ones exactly the panel meant", "the real reasons the panel gave", "why panel say no", "what is this full
    # range they are meaning"
    r"|\bwhich ones?\b[^?.]{0,30}\b(?:meant|mean|meaning|wanted|saw)\b"
    r"|\b(?:real |actual |main )?reasons? (?:the|they|you)\b|\bwhy\b[^?.]{0,25}\bsa(?:y|ys|id) no\b"
    r"|\bwhat\b[^?.]{0,50}\b(?:they|the \w+|he|she) (?:are|is|were|was) meaning\b",
    re.IGNORECASE)
# "could you let me know which competencies they meant?": a question put as a favour
_PUT_AS_A_FAVOUR = re.compile(r"\b(?:let me know|tell me|explain|share|walk me through|go through)\b", re.IGNORECASE)


def _asks_the_reason(q: Question) -> bool:
    put_as_a_favour = q.topic == "favour" and bool(_PUT_AS_A_FAVOUR.search(q.text))
    return bool(_REASON.search(q.text)) and (q.topic == "decision" or put_as_a_favour)


def _picked_already(r: Reply, option: str | None) -> bool:
    """A reaction named the option already ("If I had to choose, probably the weekly check-in"): once is an answer."""
    return bool(option) and any(option in part for part in r.parts)


def _deflect(r: Reply, q: Question) -> bool:
    """An honest "I can't go into that": to a question about the work, the scenario's own deflection when it speaks
    to what was asked (one about "other candidates" is no reply to "which competencies did they mean?"), else a
    general one, which names nothing. A personal question may get any of them ("is everything alright with you?":
    "with respect, that's my business")."""
    asked, own = content(q.whole), r.lines.answers.get("deflect", [])
    fitting = own if q.topic in ("personal", "feelings") else [line for line in own if content(line) & asked]
    return r.say("deflect", fitting, r.general["deflect"], own)


# Asking to put a time in the diary: "can we book that now?", "shall I pencil it in?", "does that work?" after a date.
_BOOKING = re.compile(r"\b(?:book|diary|calendar|pencil|schedule|put\s+(?:it|that|this)\s+in|lock\s+(?:it|that|this)\s+in)\b", re.I)
# "Let's review it on 14 December": a review held at a time (not "I'll lead the design review").
_REVIEW_MEETING = re.compile(r"\breview\s+(?:it|this|that|things|progress|how|on|at)\b", re.I)


def _booked(r: Reply) -> bool:
    """A request to book a time to meet or review, with the time named in the line, gets that time said back: a
    plain yes to meeting again, or, for a review of what is still being asked for, a yes if it goes ahead (saying a
    plain yes to the review date would be saying yes to the ask)."""
    q, text = r.heard.question, r.detection.text
    asking = (q.request and bool(_AGAIN.search(q.text) or _BOOKING.search(q.text))) or (
        q.topic == "check" and "specific-ask" not in r.detection.move_ids)
    if not asking:
        return False
    for sentence in split_sentences(text):
        if not (_AGAIN.search(sentence) or _BOOKING.search(sentence) or _REVIEW_MEETING.search(sentence)):
            continue  # "I'll lead the design review in Q1" is a piece of work, not a time to meet
        day, date = time_in(sentence), next(iter(terms_in(sentence).dates), "")
        when = _whole_time(sentence, day, date)
        if any(x and x.lower() in part.lower() for x in (day, date) for part in r.parts):
            return True  # the reaction said it back already ("Right, 12 February. Put it in the diary.")
        if when:
            again = r.state.conceded or bool(_AGAIN.search(sentence))
            return agree_to_meet(r, when, conditional=not again)
    return False


def said_back_if_proposed(r: Reply) -> bool:
    """A time to meet again or review put forward in a statement ("we meet again on 14 November", "first check-in
    is next Monday") is said back like one asked for: unheard, the learner's own date goes by while the reply asks
    for something else. The move model tells a proposal from a story ("my last review was on 3 March"): it must
    hear a next step in the line."""
    if r.heard.question is not None or not ({"next-steps"} & (r.detection.move_ids | r.detection.maybe)):
        return False
    when = stated_meeting_time(r.detection.text)
    if not when or any(when.lower() in part.lower() for part in r.parts):
        return bool(when)  # said back already ("Right, 14 November. Put it in the diary.")
    again = r.state.conceded or not _REVIEW_MEETING.search(r.detection.text)
    return agree_to_meet(r, when, conditional=not again)


def agree_to_meet(r: Reply, when: str, conditional: bool = False) -> bool:
    """Yes to meeting again, at `when` if they named one; remembered, so a learner who then has to go is seen off
    with that time rather than "book another slot". A yes only if the ask goes ahead (`conditional`) is no meeting."""
    pool = r.general["confirm_if" if conditional else "confirm"] if when else r.general["meet_again"]
    said = r.say("answer:meet", pool, slots={"date": when})
    if said and not conditional:
        r.state.meeting = when
    return said


# A meeting in a statement: "we meet on 14 November", "week six we sit down", "the review on the 18th"; "again"
# alone is not one ("the printer's eating paper again since Tuesday").
_STATED_MEETING = re.compile(
    r"\b(?:meet|meeting|catch(?:\s|-)?up|check(?:\s|-)?in|follow(?:\s|-)?up|sit\s+down|get\s+together|reconvene"
    r"|(?:talk|speak|chat|sit)\s+(?:\w+\s+)?again|(?:look\s+at|go\s+over)\s+(?:it|this|that)\s+again"
    r"|review\s+(?:it|this|that|things|progress|on|at|in)\b|the\s+review|diary|calendar|pencil)\b", re.I)
# A time belongs to the part of the sentence that names the meeting ("£42,000 from October, and we sit down again
# on 4 October"); one that starts or ends something else ("from October", "since Tuesday", "by Friday") is not it.
_CLAUSE = re.compile(r"\s*(?:[,;\u2013\u2014]|:(?!\d)|\s-\s|\band\b)\s*", re.I)
_NOT_WHEN = re.compile(r"\b(?:from|since|starting|until|till|by)\s+(?:the\s+)?$", re.I)


def stated_meeting_time(text: str) -> str:
    """When a statement puts a meeting, as said ("14 November", "next Monday", "week six"), or ""."""
    for sentence in split_sentences(text):
        clauses = _CLAUSE.split(sentence)
        for i, clause in enumerate(clauses):
            if not _STATED_MEETING.search(clause):
                continue
            if not time_in(clause) and not terms_in(clause).dates and i + 1 < len(clauses):
                clause = clauses[i + 1]  # "we meet again in two weeks, Wednesday 16th at 13:00"
            found = [x for x in (time_in(clause), *terms_in(clause).dates)
                     if x and not _NOT_WHEN.search(clause[: max(clause.lower().find(x.lower()), 0)])]
            if found:
                when = _whole_time(clause, found[0], found[1]) if len(found) > 1 else found[0]
                return re.sub(r"^(?:in|on|at)\s+", "", when, flags=re.I)
    return ""


def _whole_time(sentence: str, day: str, date: str) -> str:
    """"Thursday 12" and "12 February" read from "Thursday 12 February" are one time: the words from the first to
    the end of the last, as written."""
    if not (day and date):
        return day or date
    spans = [(i, i + len(x)) for x in (day, date) if (i := sentence.lower().find(x.lower())) >= 0]
    if len(spans) < 2 or max(a for a, _ in spans) > min(b for _, b in spans) + 1:
        return day  # apart in the sentence: the day (or time) said for the meeting
    return sentence[min(a for a, _ in spans) : max(b for _, b in spans)]


# A time to talk again ("could we have a review in May?"), not a piece of work with "review" in it ("how about I
# lead the design review in Q1?").
_AGAIN = re.compile(r"\b(?:again|catch(?:\s|-)?up|check(?:\s|-)?in|follow(?:\s|-)?up|meet|chat|talk|sit down|reconvene"
                    r"|grab|have\s+(?:a|another)\s+(?:quick\s+)?review)\b", re.I)


def meets_again(q) -> bool:
    """A request to meet again or for more time: the meeting answer takes it (not "could we check it on the 14th?"),
    and so does a word asked for later ("have you a minute on Thursday?")."""
    asked = q.request and asks_to_meet(q.text) and bool(_AGAIN.search(q.text) or asks_for_more_time(q.text))
    return q.word_later or asked


def _answers_this(r: Reply, topic: str) -> bool:
    if r.scenario.volunteers(r.difficulty) != "when-asked-well" or topic in _ALWAYS_ANSWERED:
        return True
    well_asked = {"explores-constraints", "invites-perspective"} & (r.detection.move_ids | r.detection.maybe)
    return bool(well_asked)


def _off_topic(scenario: Scenario, question: str) -> bool:
    """A question most of whose words appear nowhere in the scenario is about something else ("would you know if
    the staffroom kettle's been fixed?" shares only "staffroom" with a school's scenario): at most a third of them
    in common (worked out only for such a question, so the scenario's text is read rarely)."""
    words = content(question)
    shared = words & content(scenario.model_dump_json())
    return len(words) >= 2 and 3 * len(shared) <= len(words)  # one odd word is not a new subject


def fact_asked_about(r: Reply, q: Question) -> int | None:
    """The hidden constraint not yet told that a question about their side (or another real question) asks about, when
    it fits the question at least as well as any of the scenario's unsaid answers for the topic: two distinctive words
    in common at least, and as many as the best answer has ("how do people get into the December round?" is about the
    plan that must be on file by 31 October, not "the partner panel decides"; on a tie the fact, which says something,
    beats the stock line: "when's the December round decided?" gets the date, not "December is the earliest realistic
    point")."""
    if q.request or q.topic not in THEIR_SIDE | {"timing", "other"}:
        return None
    cp, asked = r.scenario.counterpart, content(q.whole)
    facts = [(len(asked & content(c)), -i) for i, c in enumerate(cp.hidden_constraints)
             if i not in r.state.revealed and can_voice(c, cp.name, counterpart_pronoun(cp))]
    if not facts:
        return None
    fit, index = max(facts)
    answered = [len(asked & content(line)) for line, _ in r.picker.available(r.lines.answers.get(q.topic, []), {})]
    return -index if fit >= 2 and fit >= max(answered, default=0) else None


# A note to whoever plays the part, not words to say: "…so he could quietly move it to April, though he won't volunteer
# that."
_UNSAID = re.compile(r",?\s*\b(?:though|but|and)\s+(?:he|she|they)\s+(?:won't|will not|wouldn't|would not|doesn't|does not"
                     r"|isn't going to)\s+(?:volunteer|say|admit|mention|tell|raise)\w*\b[^.;]*", re.IGNORECASE)


def reveal(r: Reply, question: str, only: int | None = None) -> bool:
    """Tell one hidden constraint (`only` that one), the one closest to the question, said of themselves."""
    cp, s = r.scenario.counterpart, r.state
    asked, pronoun = content(question), counterpart_pronoun(cp)
    candidates = [(i, c) for i, c in enumerate(cp.hidden_constraints)
                  if i not in s.revealed and can_voice(c, cp.name, pronoun) and only in (None, i)]
    if not candidates:
        return False
    # the one sharing most distinctive words with the question; else the first (authors put the weightiest first)
    index, fact = max(candidates, key=lambda ic: (len(asked & content(ic[1])), -ic[0]))
    said = first_person(_UNSAID.sub("", fact), cp.name)
    if r.say("reveal", r.general["reveal"], slots={"fact": said[:1].lower() + said[1:] if said[:2] != "I " else said}):
        if index not in s.revealed:  # (saying it may have marked it already: `Reply.say`)
            s.revealed.append(index)
        return True
    return False


def confirm_meeting(r: Reply) -> None:
    """After the handshake, "could we put the review in for 12 February?" gets a yes to that date. A choice between
    dates ("a review on 14 October or on 4 November?") is answered by the pick alone, not by a yes to the first."""
    q = r.heard.question
    if q is None or q.topic == "choice" or not asks_to_meet(q.text):
        return
    when = meeting_time(q.text) or next(iter(terms_in(q.text).dates), "")
    if when and r.say("confirm", r.general["confirm"], slots={"date": when}):
        r.state.questions[-1]["answered"] = True


_STOP = set("that this with from have what your you're they them then there their about would could should "
            "when where which while will just like into been being were does doing than more most some such "
            "only also very much many well need know want make take give tell said says going thing things "
            "think work working people really right still every other because before after again what whats "
            "happening everything anything something always thing".split())


def content(text: str) -> set[str]:
    """Distinctive words: five letters or more, not the glue of every sentence."""
    words = (w.removesuffix("'s").removesuffix("'") for w in re.findall(r"[a-z][a-z'-]{4,}", text.lower()))
    return {w.rstrip("s") for w in words if len(w) >= 5 and w not in _STOP}  # "that's" is glue too
