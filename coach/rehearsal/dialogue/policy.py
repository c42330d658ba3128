"""How the offline counterpart decides a reply: mood, then the outcome (concede, close, or go on), then the
reply in up to three parts: a reaction to what was said, an answer to what was asked, and a push onward.

The rules a listening person follows: never ask for what was just said, never accept an answer to an
objection that was never raised (a pre-empted one gets a nod), never press an answered objection, never
say a line twice, agree only to terms the learner proposed, pick one option when asked to choose, answer
questions (or deflect in character: answering.py), praise only what was clearly done (credit.py), meet an
aside, an apology or a hazard like a person would (a hazard first of all), and see off a learner who leaves.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from functools import cached_property

from coach.core.counterpart import ReplyEnd
from coach.core.detection import EDGE, Detection
from coach.rehearsal.dialogue import lines as general_lines
from coach.rehearsal.dialogue.acceptance import settles, taken_as_it_stands
from coach.rehearsal.dialogue.agreeing import answer_after_yes, close_agreed, concede
from coach.rehearsal.dialogue.amounts import asks_for, given_units
from coach.rehearsal.dialogue.answering import (
    ASKING_LEAVE,
    answer,
    confirm_meeting,
    content,
    go_ahead,
    meets_again,
    reveal,
    said_back_if_proposed,
    stated_meeting_time,
)
from coach.rehearsal.dialogue.credit import (
    QUESTION_MOVES,
    asked_plainly_so_far,
    made_surely_so_far,
    only_asked_about,
    praiseworthy,
    sure_of,
)
from coach.rehearsal.dialogue.facts import from_other_side, spoken, terms_in
from coach.rehearsal.dialogue.hazards import (
    CLAIMS_SORTED,
    asks_about,
    asks_to_act,
    fitting_lines,
    follows_up,
    hazard_words,
    offers_to_act,
    seeing_to_it,
    still_unsafe,
    things_named,
)
from coach.rehearsal.dialogue.hearing import THEIR_SIDE, Heard, about_you, hear, owns_a_remark
from coach.rehearsal.dialogue.leaving import asks_to_meet, meeting_time, split_sentences
from coach.rehearsal.dialogue.lines import LinePicker, norm
from coach.rehearsal.dialogue.memory import MEETING, PROPOSING, proposes_in, remember, terms_of
from coach.rehearsal.dialogue.naming import asks_who
from coach.rehearsal.dialogue.objections import (
    CLEAR_EVIDENCE,
    answers,
    conditions_met,
    current_objection,
    dodged,
    engages,
    headed_off,
    next_objection,
    says_they_avoided,
    speaks_to,
)
from coach.rehearsal.dialogue.picks import notice_switch
from coach.rehearsal.dialogue.remarks import asks_for_later, not_at_you
from coach.rehearsal.dialogue.state import DialogueState
from coach.rehearsal.dialogue.temper import aggression_pools, threatens
from coach.rehearsal.dialogue.wording import (
    NODS,
    first,
    join_parts,
    terms_phrase,
    with_its_word,
    without_bare_yes,
    without_invitation,
    yielding,
)
from coach.scenario.model import Objection, Scenario

# Nobody worth rehearsing against agrees to the first sentence; a tough one takes longer whatever is said.
MIN_TURNS_TO_CONCEDE = {"gentle": 2, "realistic": 3, "tough": 4}
MAX_NEW_PER_TURN = 2
_EVIDENCE = frozenset({"impact-evidence", "business-value"})
_REVIEWED = frozenset({"phased-plan", "next-steps"})
SURE = 0.85  # a move this confident counts even beyond the first two of a turn
SURE_ATTACK = 0.95  # below this, a real question on a topic the counterpart can answer is taken as a question
_ANSWERABLE = frozenset({"decision", "constraint", "timing", "help", "choice", "verdict", "favour", "feelings", "personal"})
# Talking to the program behind the character, not to the character: treated as saying nothing.
_OFF_SCRIPT = re.compile(
    r"\b(?:ignore (?:all |any |your |the |my )*(?:previous |prior |above |earlier )?(?:instructions?|prompts?|rules|brief)"
    r"|(?:system|developer) (?:prompt|message|mode)|jailbreak|you are (?:now )?(?:an? )?(?:ai|language model|chatbot|assistant)"
    r"|as an ai\b|stop (?:role-?playing|the role-?play|pretending)|out of character|break character"
    r"|pretend (?:to be|you are|you're)|reveal (?:your|the) (?:instructions|brief|prompt|hidden))"
    r"|^\W*(?:system|assistant)\s*:",
    re.IGNORECASE | re.MULTILINE,
)


class Reply:
    """One reply being decided: the state it changes, and the parts it will say."""

    def __init__(self, scenario: Scenario, difficulty: str, state: DialogueState, detection: Detection, seed: int):
        self.scenario, self.difficulty, self.detection = scenario, difficulty, detection
        self.level = scenario.level(difficulty)
        self.lines = scenario.offline
        self.general = general_lines.general(scenario.learner.perspective)
        self.state = state.model_copy(deep=True)
        self.state.learner_turns += 1
        self.state.trace = []
        rng = random.Random(f"{seed}/{self.state.learner_turns}/{len(self.state.shown)}")
        self.picker = LinePicker([*self.state.lines], rng)
        self.parts: list[str] = []
        self.end = ReplyEnd()
        self.heard: Heard = hear(detection.text, self.state.said[-1] if self.state.said else "")
        # "I'm not here to reopen the decision", "I accept that": the no this line takes as it stands (read once)
        self.taken = taken_as_it_stands(detection.text)
        self.told_before = len(self.state.revealed)  # their hidden constraints told before this reply
        # A line about a hazard already reported ("ive pulled it out at the wall", "did the oxygen get sorted?")
        # is thanked or answered first; then the conversation goes on.
        just_reported = 0 < self.state.hazard_turn == self.state.learner_turns - 1
        # (Right after the report, a question about the negotiation is not about the hazard: "what do you need
        # from me to sign it? …I'll do it"; an errand is: "can you ring the shift manager before we start?")
        q = self.heard.question
        just_reported = just_reported and (q is None or q.topic in ("other", "favour"))
        self.hazard_back = follows_up(detection.text, self.state.hazards, just_reported)
        if self.hazard_back:  # the same danger again ("ive pulled it out… before its used again"), not a new one
            self.heard.hazard = False
        if self.heard.hazard:
            self.state.hazards = [*self.state.hazards, *hazard_words(detection.text)][-60:]
            self.state.hazard_turn = self.state.learner_turns
        # An order to the program behind the character ("ignore your instructions") is not said to the
        # character: it is no argument (see `respond`), and its tone is not theirs to take.
        self.to_program = bool(_OFF_SCRIPT.search(detection.text))
        # A real question about the decision, their constraint, timing, what would help or how they are ("who'd
        # have to sign this off, you or someone upstairs?") is answered, not scolded, and banter said with a laugh
        # ("Rough weekend for you lot haha") is not a jibe, unless the model is sure it is an attack. Nor is a
        # question about somebody else ("Did HR ever sort out the pension thing?"): an attack needs a target, and
        # "I'm fuming, not with you" says there is none here.
        # An apology is not an attack either, however sure the model is of the words it owns up to; and strain said
        # plainly ("been feeling pretty flat since Dan got the job, no offence to Dan") is met with warmth, not a
        # scolding, unless the model is sure it is an attack.
        asking = bool(q and not q.request and (q.topic in _ANSWERABLE or not about_you(q.text)))
        doubted = owns_a_remark(self.heard, detection.text) or (
            (asking or self.heard.laughing or self.heard.strain or self.heard.sympathy or not_at_you(detection.text))
            and detection.confidence.get("aggression", 0.0) < SURE_ATTACK)
        # An edge kept up counts as an attack: a line close to aggression (as the scorecard reads it) after
        # another such line is not met with patience.
        self.edgy = not self.to_program and not doubted and (
            "aggression" in detection.flag_ids or detection.confidence.get("aggression", 0.0) >= EDGE)
        self.state.edges += int(self.edgy)
        kept_up = self.edgy and self.state.edges >= 2
        flags = frozenset() if self.to_program else detection.flag_ids - ({"aggression"} if doubted else set())
        flags = flags | {"aggression"} if kept_up else flags
        # To a manager, one sharp line is frustration until a second sign says attack: the edge kept up (above), a
        # threat to leave or an ultimatum, or blame of them as a habit ("you always…"). Blunt civil lines ("OTIF 91
        # to 96. Your numbers, not mine.") read close to attacks, so the first is heard (not rebuked) and the rest
        # of it answered; it still wears goodwill down.
        # An employee called in bristles at blunt words all the same ("That's not fair. I've given this ward four
        # years."), but one such line costs what an edge costs, not what an attack does.
        self.first_edge = "aggression" in flags and not kept_up and not threatens(detection.text)
        self.frustrated = self.first_edge and scenario.learner.perspective == "employee"
        self.flags = flags - {"aggression"} if self.frustrated else flags
        self.terms = terms_in(detection.text)
        # One pick between the learner's options per reply, said from this side ("take me off…"), so a
        # reaction that names it and the answer to "which would you rather?" never pick differently.
        self.option = self.preferred(self.terms.options) if self.terms.options else ""

    def preferred(self, options: list[str]) -> str:
        """One of the learner's options, said from this side: the one closest to what this counterpart will agree
        to (its concession, in the scenario's words), so a pick and the yes that follows it say the same thing;
        where no option is closer than the rest, any (drawn as before, so the reply's other draws stay the same)."""
        drawn = self.picker.rng.choice(options)
        agreeable = content(" ".join([self.scenario.counterpart.concession.summary, *self.lines.concession]))
        fit = [len(content(option) & agreeable) for option in options]
        best = max(fit)
        return from_other_side(options[fit.index(best)] if best and fit.count(best) == 1 else drawn)

    # -- saying things ---------------------------------------------------------------------------

    def say(self, key: str, *pools, slots: dict[str, str] | None = None,
            prefer: Callable[[str], int] | None = None) -> bool:
        hidden, told = self.scenario.counterpart.hidden_constraints, self.state.revealed
        if key.startswith(("answer:", "volunteer", "reaction:")) and told:  # a fact of theirs is told once, however worded
            pools = tuple([x for x in pool if not any(_same_fact(x, hidden[i]) for i in told)] for pool in pools)
        if key.startswith(("ask:", "press:")):  # "How many hours?" after "52 hours a week": another line, not that
            pools = tuple(self.unasked(pool) for pool in pools)
        line = self.picker.pick(key, *pools, slots=slots, prefer=prefer)
        if line and key.startswith(NODS) and key != "reaction:next-steps" and self._asked_for_a_yes():
            line = without_bare_yes(line)  # "is there any chance of the December round?" -> not "Yes. That gives…"
        if line:
            self.parts.append(line)
            told += [i for i, fact in enumerate(hidden) if i not in told and _same_fact(line, fact)]
        return bool(line)

    def unasked(self, pool: list[str]) -> list[str]:
        """The lines of `pool` that do not ask for an amount the learner has already given."""
        return [line for line in pool if not asks_for(line, self._given_units)]

    @cached_property
    def _given_units(self) -> set[str]:
        """What the learner has counted so far, this line included (first read after `respond` remembers it)."""
        return given_units(self.state.said)

    def _asked_for_a_yes(self) -> bool:
        """The learner asked for something (a yes/no request) and it has not been granted."""
        q = self.heard.question
        return q is not None and q.request and not (self.state.conceded or self.end.agreed)

    def say_line(self, key: str, line: str) -> bool:
        """A fixed line (an objection being raised): said once in a session, like every other."""
        if norm(line) in self.picker.said:
            return False
        self.picker.said.add(norm(line))
        self.picker.picked.append(line)
        self.picker.trace.append(key)
        self.parts.append(line)
        return True

    def finish(self) -> tuple[str, ReplyEnd]:
        state = self.state
        state.last_reply = self.picker.picked
        state.lines += self.picker.picked
        state.trace = self.picker.trace
        self.end.state = state.model_dump()
        parts = list(self.parts)
        if len(parts) > 1 and self.picker.trace[:1] == ["acknowledge"]:
            parts[0] = yielding(parts[0], parts[1])  # "Mm. Go on." and then a question of ours: just "Mm."
        if self.end.closed and len(parts) > 1:  # "Tell you after, it's a long story." then the goodbye, no "Go on."
            parts[:-1] = [without_invitation(p) for p in parts[:-1]]
        return join_parts(parts), self.end

    def this_turn_slots(self, move: str | None = None) -> dict[str, str]:
        """Slots from this line; for a reaction to a move, from the sentences that make it ("so, £42,000", not the
        £36,800 they are on now)."""
        t = terms_of(self, {move}) if move else self.terms
        dates = t.dates
        if move in PROPOSING and dates and MEETING.search(self.detection.text):
            # "can we check how it's going on 27 February?": that date is the review, not when the ask starts
            dates = terms_in(" ".join(x for x in split_sentences(self.detection.text) if not MEETING.search(x))).dates
        # "by {date}" is the deadline, wherever in the turn it was said: a run-on line is read clause by clause, and
        # "…from the 1 April intake, before nominations close on 14 February" puts it after the ask's clause
        deadline = first([d for d in dates if d in t.deadlines]) or first(self.terms.deadlines)
        # evidence is said back as given: "so, £41,000 to £44,000", not its first figure (an ask says its own)
        figure = first(t.ranges) if move in _EVIDENCE and t.ranges else first(t.figures)
        return {"days": first(t.days), "date": first(dates), "duration": spoken(first(t.durations)),
                "figure": figure, "option": self.option, "deadline": deadline}

    def session_slots(self) -> dict[str, str]:
        """Slots for an agreement: the latest days, duration and figure, the first date (the start), and the date the
        ask gave as a deadline (what "by {date}" says)."""
        s = self.state
        date = first(s.facts.get("dates", []))  # the start, when a proposal names several dates
        duration = spoken(s.latest("durations"))
        deadline = first(s.facts.get("deadlines", []))
        return {"days": s.latest("days"), "date": date, "duration": duration, "deadline": deadline,
                "figure": first(s.facts.get("figures", [])), "option": s.latest("options"),
                "terms": terms_phrase(s.latest("days"), with_its_word(date, s.said), duration),
                # "review it as you suggested" only when they put forward a review or a next step
                "review_said": "as you suggested" if _REVIEWED & set(s.shown) else ""}


def respond(scenario: Scenario, difficulty: str, state: DialogueState, detection: Detection,
            seed: int = 0) -> tuple[str, ReplyEnd]:
    """Decide the reply to one learner turn. Pure: the new state is in the returned ReplyEnd."""
    r = Reply(scenario, difficulty, state, detection, seed)
    s = r.state
    # Saying the same thing again is not a new argument, and an attempt to talk to the program behind the
    # character ("ignore your instructions") is not one at all: both read as stalling. A repeated attack is
    # still an attack; an order to the program carries no tone (`Reply.to_program`).
    repeat = " ".join(detection.text.lower().split()) in {" ".join(t.lower().split()) for t in s.said}
    if repeat or r.to_program:
        r.detection = detection = Detection(detection.text, flags=() if r.to_program else detection.flags, vague=True)
        r.heard = Heard()
    s.said.append(detection.text)
    remember(r)
    moves = _ordered(scenario, detection.move_ids)
    q = r.heard.question
    # "could Sam take it on after Easter?" is a proposal, answered as one, and so is a favour that names the
    # learner's terms ("would you put £42,000 in writing?", not "could you put what the panel wants in writing?");
    # "what would I need to do to be ready?" (recovering from a no) is a real question and gets a real answer.
    proposing = q is not None and (q.topic in ("other", "timing") or q.topic == "favour" and bool(terms_in(q.text).all()))
    if proposing and proposes_in(detection, q.text, PROPOSING - {"recover-from-no"}):
        r.heard.question.request = True
    if r.heard.question is not None and r.heard.question.topic == "personal":
        moves = [m for m in moves if m not in QUESTION_MOVES]  # asking about their weekend explores nothing
    # One line is not a whole case: two new moves count towards the gates per turn (the surest ones), more
    # only when the model is sure of them, or the ask itself; the rest are heard (never asked for next) but must
    # be made again.
    ranked = sorted((m for m in moves if m not in s.shown), key=lambda m: -detection.confidence.get(m, 1.0))
    counted = set(ranked[:MAX_NEW_PER_TURN]) | {m for m in ranked if detection.confidence.get(m, 1.0) >= SURE}
    if detection.confidence.get("specific-ask", 1.0) >= CLEAR_EVIDENCE["realistic"]:
        counted |= {"specific-ask"} & set(ranked)  # the ask, clearly made, is what the talk is about: heard at once
    new_moves = [m for m in moves if m in counted]
    s.shown += new_moves
    _mood(r, moves, new_moves)
    # "I've got to go" at the first line is nerves talking; once the conversation is under way it is a goodbye.
    # "I must go now. Who decides, by the way?": going all the same, once the question has its answer
    going_after_asking = r.heard.going_after_asking and s.learner_turns > 1 and "aggression" not in r.flags
    leaving = r.heard.leaving and s.learner_turns > 1 or going_after_asking
    if r.heard.hazard:  # safety first, whatever else this turn does
        pools = fitting_lines(r.detection.text, r.general["hazard"], r.lines.offtopic)
        r.say("hazard", *(_going_lines(pool, leaving) for pool in pools))
    elif r.hazard_back and asks_to_act(r.detection.text):  # "pls switch that heater off at the wall": done, not chased
        r.say("answer:hazard", _going_lines(r.general["hazard_act"], leaving))
        r.heard.question = None
    elif r.hazard_back and offers_to_act(r.detection.text):  # "still there, I nearly went over it. Can I unplug it?"
        r.say("answer:hazard", _going_lines(r.general["hazard_permit"], leaving))
        r.heard.question = None
    elif r.hazard_back and (r.heard.question is not None or asks_about(r.detection.text)):  # "did the oxygen get…?"
        r.say("answer:hazard", _going_lines(r.general["hazard_check"], leaving))
        r.heard.question = None
    elif r.hazard_back:  # thanks for dealing with it; as they go, without "right, where were we?"
        pools = [r.general["hazard_follow_up"]]
        if still_unsafe(r.detection.text):  # "them boxes are still blocking the fire exit": not "thanks for sorting that"
            unclaimed = [line for line in pools[0] if not CLAIMS_SORTED.search(line)]
            # and, unless they are seeing to it themselves ("I've pulled the plug, I'll get estates up"), it gets seen to
            pools = [unclaimed] if seeing_to_it(r.detection.text) else [r.general["hazard_still"], unclaimed]
        r.say("hazard", *(_going_lines(pool, leaving) for pool in pools))
    elif "aggression" not in r.flags:
        notice_switch(r)  # "option C it is" just after we picked B: heard as a change, not agreed as if unsaid

    if s.conceded:  # the learner has had their say after the concession: wrap up warmly
        s.closed = r.end.closed = True
        answer_after_yes(r)  # a real question after the handshake still gets its answer ("can we diarise it?": the close)
        confirm_meeting(r)  # "can we put the review in for 12 February?": yes, that
        said_back_if_proposed(r)  # and "so we review it on 12 February"
        close_agreed(r)
        return r.finish()

    if (r.heard.moment and not new_moves and r.heard.question is None and not r.heard.hazard and not r.heard.strain
            and not leaving and "aggression" not in r.flags):
        r.say("warmth", r.general["moment"])  # "give me a sec": the sec, not the next question
        return r.finish()
    current = current_objection(scenario, s)
    answered_now = current is not None and answers(r, current, moves)
    if answered_now:
        s.answered.append(current.id)
    elif current is not None and not engages(r, current):
        dodged(r, current, new_moves)
    if s.patience <= 0 and leaving and "aggression" not in r.flags:
        _farewell(r)  # worn out, but they are going anyway: a goodbye, not a telling-off
        return r.finish()
    if s.patience <= 0:
        s.closed = r.end.closed = True
        if not s.aggravated and r.heard.question is not None:
            answer(r)  # worn out, not insulted: "what happens if September's a no?" still gets its answer, then the close
        pools = [r.lines.close_impatient] if s.aggravated else [r.general["close_worn_out"], r.lines.close_no_agreement]
        r.say("close:impatient", *pools, r.lines.close_no_agreement)
        return r.finish()

    pre_empted = headed_off(scenario, difficulty, s) if current is None or answered_now else []
    for objection in pre_empted:
        s.raised.append(objection.id)
        s.answered.append(objection.id)
        s.pre_empted.append(objection.id)

    # Nobody says yes to a line that attacks them (or has the edge of one), nor in the breath that says "stop, get
    # that made safe" (or asks who is logging it); and "what worries you about it?" wants the worry, not a yes over
    # the top of the question.
    asks_their_side = r.heard.question is not None and r.heard.question.topic in THEIR_SIDE and not r.heard.question.request
    if (conditions_met(scenario, difficulty, s) and s.learner_turns >= MIN_TURNS_TO_CONCEDE[difficulty]
            and "aggression" not in r.flags and not r.frustrated and not r.heard.hazard and not r.hazard_back
            and not asks_their_side):
        s.conceded = r.end.agreed = True
        s.closed = r.end.closed = leaving  # the yes is the goodbye
        if pools := _warmth_pools(r):  # "I feel like I'm letting you down": the person first, then the yes
            r.say("warmth", *pools)
        _settle(r, current if answered_now else None, pre_empted)
        if r.heard.question is None or not r.heard.question.request:  # "can I have an answer by Friday?": the yes is it
            answer(r)  # "which would you rather?" still gets its one choice
        concede(r)
        return r.finish()
    if leaving:
        q = r.heard.question  # (a time to meet again, "we talk again when?", is the goodbye's to say back)
        meeting = q is not None and (meets_again(q) or asks_to_meet(q.text) or bool(_AGAIN.search(q.text)))
        if going_after_asking and q is not None and not meeting:
            answer(r)
        _farewell(r)
        return r.finish()
    if s.learner_turns >= r.level.max_turns:
        s.closed = r.end.closed = True
        if r.heard.question is not None and not r.heard.question.request:
            answer(r)  # out of time, not out of manners: "who signs it off, you or the MD?" gets its answer, then the close
        r.say("close:time", r.lines.close_no_agreement, r.general["close_worn_out"])
        return r.finish()

    if _only_asks_to_talk(r):  # "got a minute?", "can I ask you something?": yes, go on, and wait for it
        answer(r)
        if not r.parts:
            _acknowledge(r)
        return r.finish()
    if _opens_with_a_question_only(r):  # "Hi Priya, you free now? Can talk a bit about promotion or not?"
        s.questions[-1]["answered"] = go_ahead(r)
        return r.finish()
    greeted = r.heard.question is not None and r.heard.question.greeting
    if greeted:  # "Fit like. I'll get straight tae it: …": the hello is answered first, then what follows it
        answer(r)
    _react(r, moves, new_moves, current if answered_now else None, pre_empted)
    if not greeted:
        answer(r)
    said_back_if_proposed(r)  # "we meet again on the 25th": the 25th, heard
    if "answer:go-ahead" not in r.picker.trace:  # after "go ahead, I'm listening", no question of ours
        _push(r, current if not answered_now else None)
    if not r.parts:
        _acknowledge(r)
    return r.finish()


_AGAIN = re.compile(r"\bagain\b", re.IGNORECASE)


# -- mood ----------------------------------------------------------------------------------------


def _mood(r: Reply, moves: list[str], new_moves: list[str]) -> None:
    """Good moves open the counterpart up; aggression wears patience down fast, stalling slowly. Nerves and
    apologies cost nothing: a person who is trying gets patience, not a lecture about calm."""
    s, flags, heard = r.state, r.flags, r.heard
    trying = heard.apology or heard.sympathy or heard.nerves or heard.question is not None or heard.hazard
    if "aggression" in flags and not r.first_edge:
        s.patience -= 2
        s.openness -= 2
        s.aggravated = True
    elif "hedging" in flags or r.edgy:  # an edge short of an attack still wears goodwill down
        s.openness -= 1
        # Patience goes on an edge, or on a hedge that says nothing; a hedge around something real (what
        # people have noticed, the discharges) is someone working up to it, and nobody walks out on that.
        stalling = r.edgy or r.detection.vague
        if not moves and not trying and stalling and r.scenario.press_style(r.difficulty) != "soft":
            s.patience -= 1
    elif not moves and r.detection.vague and s.learner_turns > 1 and not trying:
        s.patience -= 1
    if new_moves:
        s.openness += len(new_moves)
        if "aggression" not in flags:  # a point made as an attack does not calm anyone down
            s.patience = min(r.level.patience, s.patience + 1)


def _only_asks_to_talk(r: Reply) -> bool:
    """The line only asks for a word or leave to ask: the question is still to come."""
    q = r.heard.question
    return q is not None and q.asks_for_a_word and q.topic in ASKING_LEAVE and _says_nothing_more(r)


def _says_nothing_more(r: Reply) -> bool:
    """No move, no edge, nothing felt or reported: "got a minute? I'm proper stretched" says more, and "if you've a
    spare minute another time?" asks to meet later."""
    h = r.heard
    said_more = h.hazard or h.strain or h.apology or h.sympathy or h.nerves or h.leaving or asks_for_later(r.detection.text)
    return not said_more and not r.detection.move_ids and not r.flags


def _opens_with_a_question_only(r: Reply) -> bool:
    """The learner's first line asks something that is not yet about anything: no move, no day, date, figure or
    name, not about the counterpart's side or a personal matter. In a first line that is asking whether they can
    talk, however it is put ("is now still ok? have you got the full half hour?"); the reply is "go on", not a
    verdict on a case nobody has made yet."""
    q = r.heard.question
    asking = q is not None and not r.heard.aside and (q.request or q.topic in ("check", "verdict")) and q.topic not in (
        "offer", "personal")  # "d'you want a brew?" and "is the aircon broken?" have their own answers
    return r.state.learner_turns == 1 and asking and _says_nothing_more(r) and not r.terms.all()


# -- the parts of a reply --------------------------------------------------------------------------


def _react(r: Reply, moves: list[str], new_moves: list[str], settled: Objection | None, pre_empted: list[Objection]) -> None:
    """The first part: meet what was just said."""
    flags, heard, lines, general = r.flags, r.heard, r.lines, r.general
    if heard.hazard or r.hazard_back:
        return  # the hazard, said first (or its follow-up, thanked or answered), is the reaction
    if "aggression" in flags:
        r.say("aggression", *aggression_pools(r.detection.text, lines.aggression, general))
        return
    if r.frustrated and not new_moves and r.say("frustration", general["frustration"]):
        return  # "don't give me the freeze speech": heard; a point made with an edge is answered as a point
    if heard.strain and r.say("warmth", general["strain"]):
        if not new_moves:
            return  # "I'm stuffed, I cried in the car park on Tuesday": a manager's warmth, then the rest
    elif (pools := _warmth_pools(r)) and r.say("warmth", *pools) and not new_moves:
        return  # "sorry, could Sam shadow me first?" gets the warmth and then the answer to the proposal
    if heard.aside and not moves and heard.question is None and r.say("offtopic", *_aside_pools(r)):
        return
    if _settle(r, settled, pre_empted):
        return
    q = heard.question
    # A reaction to a question ("Fair question.") needs a question, and gives way to an answer written for it.
    if q is None or (not q.request and q.topic != "other" and r.picker.available(lines.answers.get(q.topic, []), {})):
        moves, new_moves = [m for m in moves if m not in QUESTION_MOVES], [m for m in new_moves if m not in QUESTION_MOVES]
    # Praise for a move needs the move made beyond doubt in this line (see credit.py); one only heard gets "Okay."
    proposal_asked, terms_said = q is not None and q.request, bool(r.terms.all())
    credited = [m for m in moves if m in lines.reactions and praiseworthy(r.detection, m, proposal_asked, terms_said)
                and not only_asked_about(r.detection, m, q)]
    for move in (m for m in new_moves if m in credited):
        if r.say(f"reaction:{move}", _reactions(r, move), slots=r.this_turn_slots(move)):
            return
    # a hedge already met with warmth ("No need to apologise. Take your time.") is not told off as well, nor one that
    # put something forward ("Could someone else maybe help out a bit? Aisha's always asking for stuff to do" is not
    # "talking yourself out of it… What do you need?")
    put_forward = (r.detection.move_ids | r.detection.maybe) & PROPOSING
    if "hedging" in flags and "warmth" not in r.picker.trace and not put_forward and r.say(
            "hedging", *_fitting(heard, lines.hedging)):
        return
    if r.heard.question is not None and (not r.heard.question.request or r.heard.question.topic in ("check", "verdict")):
        return  # the answer is the reaction ("is that alright with you?" gets "Possibly…", not "I see. Possibly…")
    for move in credited:
        if r.say(f"reaction:{move}", _reactions(r, move), slots=r.this_turn_slots(move)):
            return
    if r.detection.vague and r.state.learner_turns > 1 and not moves:
        r.say("vague", lines.vague)
    elif not credited:
        _acknowledge(r)
    else:  # the praise for what they showed is spent: their own figure, said back, shows it was heard
        r.say("acknowledge", general["echo"], slots=r.this_turn_slots())


# A reaction that puts off choosing ("Let me think about which one I could defend", "I'd need to think about which
# one works"): not said in a reply that picks one of the options in the same breath.
_DEFERS_CHOICE = re.compile(r"\b(?:think|decide|mull|sleep on)\b[^.?!]{0,25}\bwhich\b|\bneed to think\b", re.IGNORECASE)


def _reactions(r: Reply, move: str) -> list[str]:
    lines = r.lines.reactions[move]
    q = r.heard.question
    if q is not None and q.topic == "choice":
        return [line for line in lines if not _DEFERS_CHOICE.search(line)]
    return lines


# The way back into the conversation at the end of a line: "Right, where were we?", "Now, back to this."
_WAY_BACK = r"where\s+were\s+we|back\s+to"
_RETURN = re.compile(rf"\s+(?:(?:right|so|now|sorry|okay|ok)\W+)?(?:{_WAY_BACK}|go\s+on)\b.*$", re.IGNORECASE)


def _without_return(line: str) -> str:
    return _RETURN.sub("", line)


def _going_lines(pool: list[str], leaving: bool) -> list[str]:
    """A pool said to someone on their way out: without "Right, where were we?"."""
    return [_without_return(line) for line in pool] if leaving else pool


def _acknowledge(r: Reply) -> bool:
    """A backchannel: the learner's own figure said back when there is one, else a plain one."""
    return r.say("acknowledge", r.general["echo"], r.lines.acknowledge, r.general["acknowledge"],
                 slots=r.this_turn_slots())


_ABOUT_SORRY = re.compile(r"\b(?:apologi[sz]\w*|sorry)\b", re.IGNORECASE)


def _warmth_pools(r: Reply) -> list[list[str]]:
    """The person first: warmth for an apology or nerves, thanks for sympathy ("I'm sorry to hear about your dad");
    none for a line that shows neither."""
    heard = r.heard
    pools = _fitting(heard, r.lines.warmth, r.general["warmth"]) if heard.apology or heard.nerves else []
    return pools + [r.general["sympathy"]] if heard.sympathy else pools


def _fitting(heard: Heard, *pools: list[str]) -> list[list[str]]:
    """"Don't apologise" answers an apology: after hedging or nerves with none, the pools' other lines."""
    return [[line for line in pool if heard.apology or not _ABOUT_SORRY.search(line)] for pool in pools]


# An aside line that offers to act ("if that's a safety thing, report it", "I'll chase it") presumes a problem.
_ACTING = re.compile(r"\b(?:safety|hurt|report\w*|flag\w*|log\s+it|facilities|maintenance|fix\w*|sort\w*|chas\w+|act\w*"
                     r"|can't\s+wait|priority|needs\s+doing|rais\w+|pause|e-?mail\w*|looking\s+at|look\s+into|picked\s+up"
                     r"|fault\s+list)\b", re.IGNORECASE)


def _aside_pools(r: Reply) -> tuple[list[str], ...]:
    """A remark about a thing (the printer, the lift) may need acting on; a joke, a feeling or small talk does not:
    for those, only the scenario's lines that offer no action, then the plain general ones. At the first line
    nothing has been talked about yet: no line goes back to it ("Back to your request, though") or parks it, and the
    general ones are plain ("Fair enough.")."""
    acting = things_named(r.detection.text) and not r.heard.laughing
    pools = (r.lines.offtopic if acting else [line for line in r.lines.offtopic if not _ACTING.search(line)],
             r.general["offtopic"])
    if r.state.learner_turns > 1:
        return pools
    return [line for line in pools[0] if not _GOES_BACK.search(line)], r.general.get("offtopic_opening", [])


# A line that returns to something already under way: "back to your request", "where were we?".
_GOES_BACK = re.compile(rf"\b(?:{_WAY_BACK}|(?:saying|talking\s+about)\s+before|come\s+back\s+to|carry\s+on|as\s+you\s+were)\b",
                        re.IGNORECASE)


def _settle(r: Reply, settled: Objection | None, pre_empted: list[Objection]) -> bool:
    """An objection answered: its accepted line, only if it was raised and the answer was clearly given (or
    spoke to the very worry); a half-heard answer is let go quietly, and the rest of the line is met as it
    comes. A pre-empted one gets a nod."""
    said = False
    taken = r.taken  # "I accept that", "not here to reopen it": a nod is owed
    if settled is not None and (speaks_to(r, settled) or settles(settled, taken) or any(
            sure_of(r.detection, m) for m in settled.answered_by if m in r.detection.move_ids)):
        said = r.say(f"accepted:{settled.id}", settled.accepted)
    # and the worry they got ahead of, so they know it was heard: a nod for a clearly made answer, or for the no
    # they said they take as it stands; a half-heard answer lets the worry go unsaid (raising it now might ask for
    # what they just said), with no praise either
    first = next((o for o in pre_empted if made_surely_so_far(r.state, o.answered_by) or settles(o, taken)), None)
    if first is not None:
        said = r.say(f"pre_empted:{first.id}", first.pre_empted, r.general["pre_empted"]) or said
    return said


def _push(r: Reply, current: Objection | None) -> None:
    """The third part: move the conversation on: the open objection, the next one, or a move still missing."""
    s, flags = r.state, r.flags
    if "aggression" in flags or r.heard.hazard:
        return
    if current is not None:
        _press(r, current)
        return
    upcoming = next_objection(r.scenario, r.difficulty, s) if s.shown else None
    if upcoming is not None:
        if r.say_line(f"raise:{upcoming.id}", upcoming.line):
            s.raised.append(upcoming.id)
            return
    if _volunteer(r):
        return
    ask = _missing_ask(r)
    if ask:
        r.say(f"ask:{ask}", r.lines.asks[ask])
    elif ask := _faint_requirement(r):
        r.say(f"ask:{ask}", r.general["confirm_ask"])


def _farewell(r: Reply) -> None:
    """The learner is going before any agreement: see them off warmly and ask nothing more (a time they asked
    to meet again is agreed as they said it). An angry exit gets the scenario's cooler close."""
    s = r.state
    s.closed = r.end.closed = r.end.left = True
    if "aggression" in r.flags:
        r.say("close:impatient", r.lines.close_impatient, r.general["close_worn_out"])
        return
    # the time they asked to meet again, or the review they put in the diary as they go ("week-6 review 12 February
    # in your diary, thanks Declan"): said back, not "bring it back when you've had a think"
    when = meeting_time(r.detection.text) or stated_meeting_time(r.detection.text)
    # a time to meet agreed earlier is said back, not "come back when you're ready"
    booked = r.general["farewell_booked"] if not when and s.meeting is not None else []
    said = r.say("farewell", booked, r.lines.farewell, r.general["farewell"], slots={"date": when or s.meeting or ""})
    if said and r.heard.question is not None:
        s.questions[-1]["answered"] = True  # "can we finish this on Tuesday?" is answered by the goodbye


def _press(r: Reply, objection: Objection) -> None:
    """Come back to a dodged objection: its press lines, then questions for the moves that would answer it,
    then general ones; said softly or bluntly as the level plays."""
    asks = [r.lines.asks[m] for m in objection.answered_by if m in r.lines.asks]
    before = len(r.parts)
    # "You haven't answered my question" needs a question of ours: the worry put as one, or our last reply asking.
    asked_one = objection.line.rstrip().endswith("?") or any(p.rstrip().endswith("?") for p in r.state.last_reply)
    general = [line for line in r.general["press"] if asked_one or "question" not in line.lower()]
    # "You're skipping the backlog" is not said to a line about the backlog ("41 against 35, and I'm carrying 38 o
    # the large losses"): it did not answer the worry, but it did not step round it either
    on_it = speaks_to(r, objection)
    # nor "You haven't said who runs it" to "Sam Whitlock is the one I am proposing": who, they said
    named = r.state.someone_named  # this line included (`remember`)
    press = [line for line in objection.press if not (on_it and says_they_avoided(line)) and not (named and asks_who(line))]
    if not r.say(f"press:{objection.id}", press, *asks, general):
        return
    style = r.scenario.press_style(r.difficulty)
    prefixes = r.general.get(f"press_{style}", [])
    # "That's not an answer." fits a question asked twice: not the first time it comes back, not after a reply of
    # ours that asked nothing, and not to a line that asked us something or made a case of its own (it answered,
    # just not this).
    asked = any(part.rstrip().endswith("?") for part in r.state.last_reply)
    dodged = r.heard.question is None and not r.detection.move_ids
    if prefixes and (style == "soft" or (r.state.pressed.get(objection.id, 0) > 1 and asked and dodged)):
        lead, line = r.picker.rng.choice(prefixes), r.parts[before]
        r.parts[before] = f"{lead} {line}" if lead.endswith((".", "!", "?")) else f"{lead} {line[:1].lower()}{line[1:]}"


def _same_fact(line: str, fact: str) -> bool:
    """A line that tells one of their hidden constraints in other words ("Between us, head office is writing a hybrid
    policy" and "head office is drafting a hybrid policy for spring"): three distinctive words in common."""
    return len(content(line) & content(fact)) >= 3


def _volunteer(r: Reply) -> bool:
    """A counterpart who volunteers tells something of their side once the case is moving."""
    s = r.state
    if r.scenario.volunteers(r.difficulty) != "freely" or not s.answered or s.revealed:
        return False
    return r.say("volunteer", r.lines.answers.get("constraint", [])) or reveal(r, " ".join(s.said[-2:]))


def _recently_shown(s: DialogueState) -> set[str]:
    """Moves shown, or nearly shown, in the last turns: never asked for yet."""
    return {m for turn in s.recent for m in turn}


def _missing_ask(r: Reply) -> str | None:
    """The move to ask for next: required first; never one shown, or nearly shown in the last turns."""
    s, concession, asks = r.state, r.scenario.counterpart.concession, r.lines.asks
    recent = _recently_shown(s)
    if s.facts.get("chosen"):  # we picked one of their options: that is the ask, already made
        recent.add("specific-ask")
    missing = [c for c in [*concession.requires, *concession.supporting] if c not in s.shown and c not in recent and c in asks]
    return next((c for c in missing if r.picker.available(r.unasked(asks[c]), {})), None)


def _faint_requirement(r: Reply) -> str | None:
    """A required move heard only faintly (an ask read just under "said plainly", even one whose options we picked)
    when nothing else is missing: without it no yes can come, so the terms are asked for once, in one line, right
    after a line that adds to the case."""
    s, concession = r.state, r.scenario.counterpart.concession
    if not r.detection.move_ids - {"next-steps"}:
        return None  # only just after they added to the case: not as they wrap up ("I'll write it up, cheers")
    recent = _recently_shown(s)
    faint = [c for c in concession.requires if c in s.shown and c not in recent and not asked_plainly_so_far(s, [c])]
    asked_before = any(line in s.lines for line in r.general["confirm_ask"])
    return faint[0] if faint and not asked_before else None


def _ordered(scenario: Scenario, move_ids: frozenset[str]) -> list[str]:
    """Moves in the order the counterpart cares about: required, then supporting, then the rest."""
    concession = scenario.counterpart.concession
    priority = [*concession.requires, *concession.supporting]
    return sorted(move_ids, key=lambda m: (priority.index(m) if m in priority else len(priority), m))
