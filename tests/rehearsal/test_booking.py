"""A time to meet or review, asked for with its date, is said back (coherence set 29): a plain yes to meeting again,
a yes-if-it-goes-ahead to a review of what is still being asked for, nothing for a piece of work called a review."""

from __future__ import annotations

from coach.core.detection import Detection
from coach.rehearsal.dialogue.policy import respond
from coach.rehearsal.dialogue.state import DialogueState


def _reply(catalog, line: str) -> tuple[str, list[str]]:
    scenario = catalog.get("promotion-follow-up").scenario
    _, end = respond(scenario, "realistic", DialogueState(patience=5, learner_turns=3), Detection(line))
    return " ".join(end.state["last_reply"]), end.state["trace"]


def test_a_review_asked_for_with_its_date_is_said_back_if_it_goes_ahead(catalog):
    reply, trace = _reply(catalog, "I'd like a review in the diary, say Wednesday 4 March after the stand-up. "
                                   "Can we book that now?")
    assert "answer:meet" in trace and "Wednesday 4 March" in reply
    assert reply.count("Wednesday 4 March") == 1


def test_meeting_again_on_a_named_day_gets_a_plain_yes(catalog):
    reply, trace = _reply(catalog, "Could we catch up again next Tuesday at 10 to pick this up?")
    assert "answer:meet" in trace and "Tuesday at 10" in reply


def test_a_piece_of_work_called_a_review_is_not_a_meeting(catalog):
    _, trace = _reply(catalog, "How about I run the design review for the payments rewrite in Q1?")
    assert "answer:meet" not in trace


def test_asking_to_have_a_chat_again_is_answered_as_a_meeting(catalog):
    _, trace = _reply(catalog, "Shall we have a chat again sometime before the spring round?")
    assert "answer:meet" in trace, trace
    reply, trace = _reply(catalog, "Could we have a review before then, say early in the new year?")
    assert "answer:meet" in trace, trace


def test_having_a_look_at_something_is_not_a_meeting(catalog):
    _, trace = _reply(catalog, "Could we have a look at the feedback together?")
    assert "answer:meet" not in trace, trace


def test_more_time_asked_for_after_a_result_is_answered_as_a_meeting(catalog):
    """Coherence set 52: the reaction to the result was taken as the answer, and the request went by."""
    from coach.core.detection import Hit

    scenario = catalog.get("promotion-follow-up").scenario
    line = ("The Ashgrove group audit signed off on Friday with no significant findings; might we arrange a "
            "further half-hour next week to discuss next steps?")
    evidence = Detection(line, moves=(Hit("impact-evidence", 0, 60, line[:60]),), confidence={"impact-evidence": 0.9})
    _, end = respond(scenario, "realistic", DialogueState(patience=5, learner_turns=3), evidence)
    assert "answer:meet" in end.state["trace"], end.state["trace"]


def test_a_question_typed_as_a_list_item_or_after_anyway_is_heard():
    from coach.rehearsal.dialogue.hearing import hear

    assert hear("- is there freelance budget if Aisha's own accounts get tight").question is not None
    assert hear("Anyway, would Sandra have to okay it or is it just you, I never know how that works").question
    assert hear("- Monday pack to Aisha").question is None
