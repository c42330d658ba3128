"""Lines heard and met for what they are (coherence sets 31 and 32): "May we…" is no month, a joke or a feeling is not
met with "if that's a safety thing, report it", "you haven't answered my question" needs a question of ours, and a
question typed without a question mark is still a question."""

from __future__ import annotations

import pytest

from coach.core.detection import Detection
from coach.rehearsal.dialogue.facts import terms_in
from coach.rehearsal.dialogue.hearing import hear
from coach.rehearsal.dialogue.policy import _ACTING, Reply, _press, respond
from coach.rehearsal.dialogue.state import DialogueState


@pytest.mark.parametrize(("line", "dates"), [
    ("May we book the review for Thursday?", []),
    ("May I ask what the panel looks at?", []),
    ("I could start in May.", ["in May"]),
    ("From May we could try two days.", ["From May"]),
])
def test_may_asking_is_not_the_month(line, dates):
    assert terms_in(line).dates == dates


def _aside(catalog, line: str) -> str:
    scenario = catalog.get("workload-boundary").scenario
    _, end = respond(scenario, "realistic", DialogueState(patience=5, learner_turns=3), Detection(line))
    return " ".join(end.state["last_reply"])


@pytest.mark.parametrize("line", [
    "If they want a mascot for the pitch I volunteer, haha!",
    "Honestly my calendar has its own calendar at this point.",
])
def test_a_joke_or_small_talk_is_not_met_with_an_offer_to_act(catalog, line):
    assert not _ACTING.search(_aside(catalog, line))


@pytest.mark.parametrize(("scenario_id", "line"), [
    ("hand-off-responsibility", "Hah, you know what they say about maths teachers at rugby, we count the tries but never score."),
    ("hand-off-responsibility", "Mine was a write-off, spent half of it marking mocks at the kitchen table."),
])
def test_every_line_that_presumes_a_problem_is_kept_from_small_talk(catalog, scenario_id, line):
    """Coherence set 92 (read): "Noted. If it needs looking at, email the site manager…" answered a remark about the
    cold; every aside line of every bundled scenario that offers to act is known as one."""
    scenario = catalog.get(scenario_id).scenario
    _, end = respond(scenario, "realistic", DialogueState(patience=5, learner_turns=3), Detection(line))
    reply = " ".join(end.state["last_reply"])
    assert "email" not in reply.lower() and not _ACTING.search(reply), reply
    for item in catalog.scenarios.values():
        offtopic = item.scenario.offline.offtopic
        assert all(_ACTING.search(aside) for aside in offtopic), item.scenario.id


def test_the_question_press_needs_a_question_of_ours(catalog):
    scenario = catalog.get("workload-boundary").scenario
    # A worry put as a statement, with no press lines or asks of its own: only the general press lines are left.
    worry = scenario.counterpart.objections[0].model_copy(update={"line": "That date is fixed.", "press": [],
                                                                  "answered_by": []})
    said = []
    for seed in range(8):
        state = DialogueState(patience=5, learner_turns=3, shown=["specific-ask"], raised=[worry.id],
                              last_reply=["Noted."])
        reply = Reply(scenario, "realistic", state, Detection("Anyway."), seed)
        _press(reply, worry)
        said += reply.parts
    assert said and not any("my question" in line.lower() for line in said)


@pytest.mark.parametrize(("line", "asked"), [
    ("hiya ana, hows the new flat going, did the sofa ever turn up", "how's the new flat going"),
    ("also the lift on 2 is stuck again, who do i even tell about that", "who do i even tell about that"),
    ("honestly, what I need is two days at home", None),  # a statement that opens with "what I"
])
def test_a_question_typed_without_a_mark_in_a_comma_spliced_line_is_heard(line, asked):
    q = hear(line).question
    assert (q.text.startswith(asked) if asked else q is None), q


def test_a_question_asked_after_asking_leave_is_answered(catalog):
    """Coherence set 101 (read): the apology got warmth and the question nothing. Asking leave alone still only
    wants warmth."""
    line = "Is it ok if I ask what you think the head would want, sorry if that's a silly question!"
    heard = hear(line)
    assert heard.nerves and heard.question is not None and heard.question.text.startswith("what you think")
    assert hear("Is it even okay that I'm asking?").question is None
    scenario = catalog.get("hand-off-responsibility").scenario
    _, end = respond(scenario, "realistic", DialogueState(patience=5, learner_turns=3), Detection(line))
    assert any(k.startswith("answer:") for k in end.state["trace"]), end.state["trace"]


@pytest.mark.parametrize(("line", "options"), [
    ("Which would you rather for the home day: Tuesday, Wednesday or Thursday?", ["Tuesday", "Wednesday", "Thursday"]),
    ("Which suits you: the course, the award or a day off?", ["the course", "the award", "a day off"]),
    ("Which works better for thee, Tuesday and Thursday, or Wednesday and Friday?",
     ["Tuesday and Thursday", "Wednesday and Friday"]),
    ("Which would you rather I take on, the refunds design or the API work?", ["the refunds design", "the API work"]),
    ("For now, which would you rather: a one-off £2,000 recognition award, or the Level 4 certificate?",
     ["a one-off £2,000 recognition award", "the Level 4 certificate"]),
])
def test_every_option_of_a_list_is_one(line, options):
    """Coherence set 99 (read): "Tuesday, Wednesday or Thursday" was heard as two options, and the pick said back
    "Tuesday, Wednesday"; the question's own words before a comma are no option."""
    assert hear(line).question.options == options
