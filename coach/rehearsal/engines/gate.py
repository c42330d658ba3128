"""The concession gate and the stage direction for the model counterpart.

The model proposes, the app decides: what the learner has shown is read from the move model's detections
(each learner turn's saved moves, and this turn's detection), never from the model's opinion, so flattery
or insistence cannot open the gate. The same reading gives the model a short private stage direction each
turn, so a long session keeps its objections, its patience and its variety.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from coach.core import prompts
from coach.core.detection import Detection
from coach.core.session import Turn
from coach.rehearsal.engines.brief import name, oneline
from coach.rehearsal.engines.hygiene import sentences
from coach.scenario.model import Objection, Scenario

STALL_REPLIES = 2  # replies without agreeing after the gates were met, before the model is nudged
OBJECTION_WORDS = 24  # of the open objection's line, in the stage direction
REPEAT_WORDS = 9  # of each recent reply's first sentence, in the stage direction


@dataclass(frozen=True)
class Gates:
    """Where the learner stands against the scenario's conditions, after this turn."""

    scenario: Scenario
    shown: frozenset[str]
    missing: tuple[str, ...]  # required moves not yet shown
    evidence: tuple[str, ...]  # supporting moves shown
    needed: int
    open: tuple[Objection, ...]  # the level's objections not yet answered, in order
    answered: tuple[Objection, ...]
    patience: int
    patience_left: int
    since_met: int  # counterpart replies given since the gates were met (0: not met, or met only now)
    agreed: bool  # the session has already reached agreement

    @property
    def met(self) -> bool:
        return not self.missing and len(self.evidence) >= self.needed and not self.open

    @property
    def stalled(self) -> bool:
        """The gates have been met for a while and the model keeps holding out."""
        return self.met and not self.agreed and self.since_met >= STALL_REPLIES

    @classmethod
    def of(cls, scenario: Scenario, difficulty: str, turns: Sequence[Turn], detection: Detection,
           agreed: bool = False) -> Gates:
        """`turns`: the dialogue as the model sees it, ending with the learner's line being answered."""
        level = scenario.level(difficulty)
        concession = scenario.counterpart.concession
        objections = scenario.counterpart.objections[: level.objections]
        learner = [i for i, t in enumerate(turns) if t.speaker == "learner"]
        shown: set[str] = set()
        patience = level.patience
        met_at: int | None = None
        for n, i in enumerate(learner):
            turn, latest = turns[i], i == learner[-1]
            moves = set(turn.moves) | (set(detection.move_ids) if latest else set())
            flags = set(turn.flags) | (set(detection.flag_ids) if latest else set())
            shown |= moves
            vague = detection.vague if latest else len(turn.text.split()) < 6
            patience = min(level.patience, patience - _cost(moves, flags, vague and n > 0) + _regained(moves, flags))
            if met_at is None and _met(shown, concession.requires, concession.supporting, level.evidence_needed,
                                       objections):
                met_at = i
        since = 0 if met_at is None else sum(1 for t in turns[met_at + 1 :] if t.speaker == "partner")
        frozen = frozenset(shown)
        return cls(
            scenario=scenario,
            shown=frozen,
            missing=tuple(m for m in concession.requires if m not in frozen),
            evidence=tuple(m for m in concession.supporting if m in frozen),
            needed=level.evidence_needed,
            open=tuple(o for o in objections if not frozen & set(o.answered_by)),
            answered=tuple(o for o in objections if frozen & set(o.answered_by)),
            patience=level.patience,
            patience_left=max(0, patience),
            since_met=since,
            agreed=agreed,
        )

    # -- what the model is told ------------------------------------------------------------------

    def direction(self, replies: Sequence[str]) -> str:
        """The private stage direction for this turn; `replies` are the counterpart's lines so far."""
        if self.open:
            objection = f"{_quote(self.open[0].line, OBJECTION_WORDS)} Press it in your own words until it is answered."
        elif self.answered:
            objection = "none; every objection you raise has been answered."
        else:
            objection = "none at this difficulty."
        answered = ", ".join(_label(o) for o in self.answered) or "nothing yet"
        if self.patience_left:
            patience = f"{self.patience_left} of {self.patience}"
        else:
            patience = "none. Close the conversation politely now and end with <end/>."
        recent = [_first_sentence(r) for r in replies[-2:] if r.strip()]
        repeat = "; ".join(_quote(s, REPEAT_WORDS) for s in recent) or "nothing yet"
        return prompts.render("counterpart_direction", objection=objection, answered=answered, patience=patience,
                              repeat=repeat).strip()

    def not_yet(self) -> str:
        """The note for asking again after an agreement the gates do not allow."""
        s, parts = self.scenario, []
        if self.missing:
            parts.append("shown " + _and([name(s, m) for m in self.missing]))
        short = self.needed - len(self.evidence)
        if short > 0:
            others = [name(s, m) for m in s.counterpart.concession.supporting if m not in self.evidence][:3]
            parts.append(f"given enough reasons ({len(self.evidence)} of the {self.needed} you need, such as "
                         + _or(others) + ")")
        for o in self.open[:2]:
            parts.append(f"answered your point {_quote(o.line, 14)}")
        return prompts.render("counterpart_not_yet", missing="; nor ".join(parts) or "done enough").strip()

    def nudge(self) -> str:
        """The note for a model still holding out after the gates were met."""
        s, parts = self.scenario, []
        required = s.counterpart.concession.requires
        if required:
            parts.append("they showed " + _and([name(s, m) for m in required]))
        parts.append(f"gave {len(self.evidence)} of the reasons you wanted ("
                     + _and([name(s, m) for m in self.evidence]) + ")")
        if self.answered:
            parts.append("answered " + _and([f"the {_label(o)} point" for o in self.answered]))
        return prompts.render("counterpart_nudge", met="; ".join(parts)).strip()


    def holding_line(self, replies: Sequence[str]) -> str:
        """Something the counterpart can say while the gate is shut, from the scenario's own lines (the open
        objection raised or pressed, a missing move asked for): what is left of a reply whose agreement was
        withheld when nothing else is. One not said yet in this session, if there is one."""
        s = self.scenario
        lines = [line for o in self.open[:1] for line in (o.line, *o.press)]  # raised first, then pressed
        lines += [line for m in self.missing for line in s.offline.asks.get(m, [])]
        lines += list(s.offline.acknowledge)
        said = {oneline(r).lower() for r in replies}
        return next((line for line in lines if oneline(line).lower() not in said), lines[0])


def _met(shown: set[str], requires: list[str], supporting: list[str], needed: int,
         objections: Sequence[Objection]) -> bool:
    return (set(requires) <= shown and len(shown & set(supporting)) >= needed
            and all(shown & set(o.answered_by) for o in objections))


def _cost(moves: set[str], flags: set[str], vague: bool) -> int:
    """Patience a turn costs, as the offline counterpart counts it: aggression two, stalling one."""
    if "aggression" in flags:
        return 2
    if moves:
        return 0
    return 1 if "hedging" in flags or vague else 0


def _regained(moves: set[str], flags: set[str]) -> int:
    return 1 if moves and "aggression" not in flags else 0


def _label(objection: Objection) -> str:
    return objection.id.replace("-", " ")


def _first_sentence(text: str) -> str:
    """A reply's first sentence of a few words ("Mm." says nothing worth not repeating)."""
    text = oneline(text)
    said = sentences(text) or [text]
    return next((s for s in said if len(s.split()) >= 4), said[0])


def _quote(text: str, words: int) -> str:
    cut = oneline(text).split()
    return "“" + " ".join(cut[:words]) + ("…" if len(cut) > words else "") + "”"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


def _or(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1] if items else ""
