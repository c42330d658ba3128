"""The ask a concession needs must be plainly made, and the move model's word alone is not enough: the marked-moves
reader (what the coherence scripts' writers would mark) must agree, as it must before praise. On read coherence sets
122-152, deals agreed before the ask was made ("Maybe I could still do the April ones alongside him?" got the whole
handover agreed) fell from 72 to 56 replies, with skilled learners agreeing as often."""

from __future__ import annotations

from coach.core.detection import Detection, Hit
from coach.rehearsal.dialogue.policy import respond
from coach.rehearsal.dialogue.state import DialogueState


def _asks(text: str) -> Detection:
    return Detection(text, moves=(Hit("specific-ask", 0, len(text), text),), confidence={"specific-ask": 0.99})


def _plainly(catalog, text: str) -> dict:
    scenario = catalog.get("flexible-work-trial").scenario
    _, end = respond(scenario, "realistic", DialogueState(patience=5, learner_turns=2, said=["Hi."]), _asks(text))
    return end.state["plainly"]


def test_an_ask_only_the_move_model_hears_is_not_plainly_made(catalog):
    assert "specific-ask" not in _plainly(catalog, "Anyway, yeah, things have been a bit much lately, you know how it is.")


def test_a_plain_ask_is(catalog):
    line = "I would like to work from home on Tuesdays and Thursdays from 1 March, as a 12-week trial."
    assert _plainly(catalog, line)["specific-ask"] >= 0.99
