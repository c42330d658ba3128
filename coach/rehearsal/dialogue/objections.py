"""The counterpart's objections and the gates to its yes: which worry is open, which the learner headed off, whether a
line answers the open one, and whether everything a yes needs has been heard."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from coach.rehearsal.dialogue.acceptance import settles
from coach.rehearsal.dialogue.answering import content
from coach.rehearsal.dialogue.credit import QUESTION_MOVES, asked_plainly_so_far
from coach.rehearsal.dialogue.hearing import THEIR_SIDE
from coach.rehearsal.dialogue.memory import PROPOSING
from coach.rehearsal.dialogue.state import DialogueState
from coach.scenario.model import Objection, Scenario

if TYPE_CHECKING:
    from coach.rehearsal.dialogue.policy import Reply

# Evidence for the gates is a move made clearly (this far above its cut-off, on the detector's scale where
# the cut-off is SHOWN = 0.5) or made in two turns; one half-made point is heard, and not asked for again, but
# does not win the concession. Gentle takes what it hears, bar a line the model only just read as a move, and
# the ask itself, which every level needs clearly made (`conditions_met`).
CLEAR_EVIDENCE = {"gentle": 0.6, "realistic": 0.7, "tough": 0.75}


def answers(r: Reply, objection: Objection, moves: list[str]) -> bool:
    """Whether this line answers the open objection: an answering move clearly shown, or (below tough) a line
    that speaks to the very worry (it shares its words: "the early re-plan") with an answering move nearly shown,
    or one that takes something on in more of the worry's words ("I'll own the early re-plan, phone on, logged on
    from quarter to six" is an answer, whatever the model calls it). Saying the worry back, or asking about it,
    is not answering it."""
    if settles(objection, r.taken):
        return True  # "I accept that", "I'm not here to fight the freeze": nothing left to refuse
    answering = {m for m in moves if m in objection.answered_by}
    if answering and not (answering <= QUESTION_MOVES and _asks_how_it_works(r) and not speaks_to(r, objection)):
        return True
    if r.scenario.press_style(r.difficulty) == "hard":
        return False
    if set(objection.answered_by) & r.detection.maybe:
        return speaks_to(r, objection)
    if not set(moves) - QUESTION_MOVES and not _takes_on(r):
        return False  # the worry said back or asked about ("I know I carry 38 files: what worries you most?")
    return speaks_to(r, objection, words=3)  # taking the worry on in its own words, whatever the model calls it


def _takes_on(r: Reply) -> bool:
    """The learner puts something forward ("on home days I'll own the early re-plan", "I'm after your name on a
    recommendation"), rather than only naming the worry or asking about it."""
    if r.heard.question is not None and r.heard.question.topic in THEIR_SIDE:
        return False
    return bool(PROPOSING & r.detection.maybe) or _UNDERTAKES.search(r.detection.text) is not None


_UNDERTAKES = re.compile(r"\b(?:i|we)(?:'ll|\s+will|'d|\s+would|\s+can|'m\s+going\s+to|\s+am\s+going\s+to)\b"
                         r"|\bI\s+(?:own|take|cover|handle|pick\s+up)\b|\b(?:is|that's)\s+mine\b", re.I)


def _asks_how_it_works(r: Reply) -> bool:
    """"Who decides in March?" or "when's the deadline?" asks how the process runs: it gets its answer, but it
    does not answer a worry about the budget, however much it explores."""
    q = r.heard.question
    return q is not None and not q.request and q.topic in ("decision", "timing")


# A press line that says the learner avoided the worry, not that they have not yet answered it
_SAYS_THEY_AVOIDED = re.compile(r"\b(?:skipp(?:ing|ed)|stepp(?:ing|ed) round|side-?stepp\w*|dodg(?:ing|ed)|ignor(?:ing|ed)"
                                r"|not hearing me|talking round|going round)\b", re.IGNORECASE)


def says_they_avoided(line: str) -> bool:
    """"You're skipping the backlog": true of a line that stepped round the worry, not of one about it."""
    return bool(_SAYS_THEY_AVOIDED.search(line))


def speaks_to(r: Reply, objection: Objection, words: int = 2) -> bool:
    """The line shares the worry's own words ("the early re-plan"): it is about that, whatever the move model read."""
    worry = content(" ".join([objection.line, *objection.press]))
    return len(worry & content(r.detection.text)) >= words


def engages(r: Reply, objection: Objection) -> bool:
    """A question about the counterpart's side, or a safety hazard, is not dodging the open objection."""
    q = r.heard.question
    return r.heard.hazard or (q is not None and q.topic in THEIR_SIDE)


def dodged(r: Reply, objection: Objection, new_moves: list[str]) -> None:
    s = r.state
    s.pressed[objection.id] = s.pressed.get(objection.id, 0) + 1
    style = r.scenario.press_style(r.difficulty)
    allowed = {"soft": len(objection.press) + 1, "firm": max(1, len(objection.press)), "hard": 1}[style]
    if not new_moves and s.pressed[objection.id] > allowed:
        s.patience -= 1


def headed_off(scenario: Scenario, difficulty: str, state: DialogueState) -> list[Objection]:
    """The next objections in order whose answering moves the learner has already shown, or that refuse what the
    learner has already taken as it stands ("I'm not here to reopen the decision")."""
    out, shown = [], set(state.shown)
    for objection in scenario.counterpart.objections[: scenario.level(difficulty).objections]:
        if objection.id in state.raised:
            continue
        if not shown & set(objection.answered_by) and not settles(objection, state.accepted):
            break  # raised in order: the first one still open stops the run
        out.append(objection)
    return out


def current_objection(scenario: Scenario, state: DialogueState) -> Objection | None:
    return next((o for o in scenario.counterpart.objections if o.id in state.raised and o.id not in state.answered), None)


def next_objection(scenario: Scenario, difficulty: str, state: DialogueState) -> Objection | None:
    allowed = scenario.counterpart.objections[: scenario.level(difficulty).objections]
    return next((o for o in allowed if o.id not in state.raised), None)


def conditions_met(scenario: Scenario, difficulty: str, state: DialogueState) -> bool:
    concession, level = scenario.counterpart.concession, scenario.level(difficulty)
    floor = CLEAR_EVIDENCE.get(difficulty, 0.0)
    shown = {m for m in state.shown if state.confidence.get(m, 1.0) >= floor or state.times.get(m, 0) >= 2}
    # Even a soft counterpart agrees only to an ask it clearly heard, said plainly (see credit.py).
    asked = {m for m in concession.requires if asked_plainly_so_far(state, [m])}
    allowed = [o.id for o in scenario.counterpart.objections[: level.objections]]
    # After an edge or an attack, yes needs a fuller case than the level's usual one.
    needed = level.evidence_needed + (1 if state.edges else 0)
    return (
        set(concession.requires) <= shown & asked
        and len(shown & set(concession.supporting)) >= needed
        and all(oid in state.answered for oid in allowed)
        # goodwill: every aggressive or self-undermining turn has to be made up for with more of the case
        and state.openness >= level.evidence_needed
    )
