"""A time to meet again or review, put forward in a statement with a next step heard, is said back as if it had been
asked for (coherence set 33): the time from the part of the line that names the meeting, never a start ("from
October"), a deadline ("by Friday") or a story's date; nothing without a next step."""

from __future__ import annotations

import pytest

from coach.core.detection import Detection
from coach.rehearsal.dialogue.answering import stated_meeting_time
from coach.rehearsal.dialogue.policy import respond
from coach.rehearsal.dialogue.state import DialogueState


def _reply(catalog, line: str, next_step: bool = True) -> tuple[str, list[str]]:
    scenario = catalog.get("promotion-follow-up").scenario
    detection = Detection(line, maybe=frozenset({"next-steps"} if next_step else set()))
    _, end = respond(scenario, "realistic", DialogueState(patience=5, learner_turns=3), detection)
    return " ".join(end.state["last_reply"]), end.state["trace"]


@pytest.mark.parametrize(("line", "when"), [
    ("Right, so we get together again on 9 June and see where the numbers are.", "9 June"),
    ("Sales figures to you by Friday, and we meet again on Tuesday the 3rd.", "Tuesday the 3rd"),
    ("The pay rise from October, and then we sit down again in late November to check it.", "late November"),
    ("The pay rise from October, and then we sit down again on 27 November to check it.", "27 November"),
    ("First catch-up is next Thursday, half an hour, your office.", "next Thursday"),
    ("We'll meet again after two weeks, Monday 12th at 09:30, same room.", "Monday 12th at 09:30"),
    ("The forklift's been playing up again since Monday.", ""),
    ("We had a check-in back in March and it went nowhere.", "March"),  # a story: the move model must hear no next step
])
def test_the_time_is_read_from_the_part_that_names_the_meeting(line, when):
    assert stated_meeting_time(line) == when


def test_a_meeting_put_as_a_statement_is_said_back(catalog):
    reply, trace = _reply(catalog, "I'll write it up tonight, and we meet again on 9 June to look at the numbers.")
    assert "answer:meet" in trace and reply.count("9 June") == 1


def test_a_review_of_the_ask_itself_is_said_back_only_if_it_goes_ahead(catalog):
    reply, trace = _reply(catalog, "So the client lead from now, and we review it on 9 June.")
    assert "answer:meet" in trace and "9 June" in reply
    assert any(word in reply.lower() for word in ("if we", "if this", "get to a yes")), reply


def test_no_next_step_heard_no_time_said_back(catalog):
    _, trace = _reply(catalog, "We had a check-in back on 3 March and it went nowhere.", next_step=False)
    assert "answer:meet" not in trace
