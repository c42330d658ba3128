"""When the counterpart may credit a move ("good that you brought figures", "a staged plan makes it doable").

Praise for a move the learner did not make is worse than none, so it needs the move made beyond doubt. On the
detector's scale (SHOWN = 0.5 is the cut-off) the move model is mostly wrong just above the cut-off: in the
coherence scripts, three in four moves it read between 0.5 and 0.75 were not what the writer meant, and of the
moves it praised between 0.75 and 0.9 almost half were not. Of its reactions on coherence sets 33 to 44, those
between 0.9 and 0.95 named a move the writer meant 17 times in 24 (71%), those above 0.95 335 in 375 (89%). So:

- CREDIT (0.75): clearly made. The move counts for the gates and answers an objection.
- PRAISE (0.95): sure. The counterpart says so: a reaction naming the move, an objection's "accepted" line, a nod
  for an objection headed off. A proposal put as a question ("would you put £42,000 in writing?") is the
  exception: its reply is the reaction, so a clear ask is enough. Sure needs a second opinion too: the marked-moves
  reader, trained on the moves the coherence scripts' writers marked, agreeing (`writers_would_mark`).

The ask a concession needs must be clear and said plainly: a hedged mention ("they've got this secondment thing…
nine months I think") is heard, but not yet something to say yes to; nor is a line the marked-moves reader would not
call an ask ("maybe I could still do the April ones alongside him?"; `memory.remember`).

A move below that is still heard (never asked for next) and met with a neutral acknowledgement, not praise.

Praise that calls an ask clear ("That's a clear ask. I can say yes or no to that.") is true only of a line that
carries its terms: a day, a date, a length or a figure. "I'd love a go at the underwriting secondment" is an ask,
heard and counted, but not yet one anyone could say yes to; on the read coherence scripts four in five such praises
of a line without a term were for an ask its writer did not mean as a clear one.

A question about their side or a fact ("kindly tell me, is it true the budget's cut?") is met by its answer: a move
the model hears only in that question is not praised as if it had been proposed ("I know exactly what you're asking
me for"). Exploring their side is what such a question does, so that praise stays.
"""

from __future__ import annotations

from collections.abc import Iterable

from coach.core.detection import Detection
from coach.moves.model import shared_marked_model
from coach.rehearsal.dialogue.hearing import Question, in_full
from coach.rehearsal.dialogue.state import DialogueState

CREDIT = 0.75
PRAISE = 0.95
QUESTION_MOVES = frozenset({"explores-constraints", "invites-perspective"})  # what asking about their side shows
# Questions that ask about them or a fact; a choice, a verdict, a favour or a time asked for can carry a proposal.
_ABOUT_THEM = frozenset({"constraint", "decision", "feelings", "personal"})
ASKING_MOVES = QUESTION_MOVES | {"recover-from-no"}  # and "what would change the panel's mind?" after a no


def clearly_made(detection: Detection, move: str) -> bool:
    """This line makes `move` clearly. A criterion read without a confidence (an author's own, by its examples)
    counts as clear once shown."""
    return detection.confidence.get(move, 1.0) >= CREDIT


def sure_of(detection: Detection, move: str) -> bool:
    """This line makes `move` beyond doubt: enough to be told so. The move model sure of it, and the marked-moves
    reader agreeing at its own cut-off (a move it does not read, an author's criterion, needs only the first)."""
    return detection.confidence.get(move, 1.0) >= PRAISE and writers_would_mark(detection.text, move)


def writers_would_mark(text: str, move: str) -> bool:
    """Whether the coherence scripts' writers would have marked `move` in this line, by the reader trained on their
    marks (`python -m coach.moves.train_marked`). On read coherence sets 131-150, with a reader trained on the sets
    before them, asking it too cut praise for a move the writer had not marked from 215 to 146 replies, and changed no
    other rule and no agreement."""
    reader = shared_marked_model()
    if reader is None or move not in reader.clear:
        return True
    return reader.score(in_full(text)).confidence[move] >= reader.clear[move]


def praiseworthy(detection: Detection, move: str, proposal_asked: bool, terms_said: bool) -> bool:
    """Sure (or, for a proposal put as a question, clear), an ask with its terms (`terms_said`: the line names a
    day, date, length or figure), and not talked down in the same breath: "maybe I could work from home sometimes?
    Only if it's okay" is an ask, but not one to call "a proper request"."""
    made = clearly_made(detection, move) if proposal_asked else sure_of(detection, move)
    with_terms = move != "specific-ask" or terms_said
    return made and with_terms and not ({"hedging"} & (detection.flag_ids | detection.maybe))


def only_asked_about(detection: Detection, move: str, question: Question | None) -> bool:
    """`move` is shown only by the sentence that asks `question`, a question about them or their side (not a
    proposal put as a question), and is not a move that asking such a question makes."""
    if question is None or question.request or question.topic not in _ABOUT_THEM or move in ASKING_MOVES:
        return False
    hit = next((h for h in detection.moves if h.criterion == move), None)
    shown_by = in_full(hit.text).strip() if hit else ""
    return bool(shown_by) and (shown_by in question.text or question.text in shown_by)


def made_surely_so_far(state: DialogueState, moves: Iterable[str]) -> bool:
    """One of `moves` has been made beyond doubt in the conversation: once, or clearly in two turns."""
    return _so_far(state, moves, PRAISE, state.confidence, missing=1.0)  # an author's criterion has no confidence


def asked_plainly_so_far(state: DialogueState, moves: Iterable[str]) -> bool:
    """One of `moves` has been made clearly in a turn not talked down by hedging, or clearly in two turns (a state
    saved before plain asks were kept counts every clear one)."""
    return _so_far(state, moves, CREDIT, state.confidence if state.plainly is None else state.plainly, missing=0.0)


def _so_far(state: DialogueState, moves: Iterable[str], floor: float, best: dict[str, float], missing: float) -> bool:
    """Made at `floor` in one turn (by the confidences in `best`; `missing` for a move it has none for), or shown
    in two."""
    return any(best.get(m, missing) >= floor or state.times.get(m, 0) >= 2 for m in moves if m in state.shown)
