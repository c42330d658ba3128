"""The offline counterpart listens: it answers questions, meets asides and apologies like a person, agrees only
to what was proposed, picks one option when asked to choose, never says a line twice, and plays each level
differently."""

from __future__ import annotations

from dataclasses import replace

import pytest

from coach.core.events import ReplyDone
from coach.moves.detector import Detector
from coach.rehearsal.dialogue.facts import choice_options, spoken, terms_in, unproposed
from coach.rehearsal.dialogue.hearing import hear
from coach.rehearsal.dialogue.lines import norm
from coach.rehearsal.dialogue.state import DialogueState
from coach.rehearsal.dialogue.voice import can_voice, first_person
from coach.rehearsal.engines.offline import OfflineCounterpart
from coach.rehearsal.rehearsal import Rehearsal

ASK = "I'd like to ask you to nominate me for Senior Engineer in the March calibration."


@pytest.fixture
def promo(catalog):
    return catalog.get("promotion-after-win")


def with_offline(item, **lines):
    """The scenario file with some of its offline lines replaced (a frozen model: copied, not changed)."""
    s = item.scenario
    return replace(item, scenario=s.model_copy(update={"offline": s.offline.model_copy(update=lines)}))


async def say(r: Rehearsal, line: str):
    async for event in r.send(line):
        if isinstance(event, ReplyDone):
            return event.turn
    raise AssertionError("no reply")


def start(item, library, level="realistic", seed=0) -> Rehearsal:
    return Rehearsal.begin(item, level, OfflineCounterpart(seed=seed), Detector(library))


# -- hearing ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("line", "topic"), [
    ("What's making the budget so hard this year, and how does the panel decide?", "decision"),
    ("what's stopping you from saying yes", "constraint"),
    ("When would we know either way?", "timing"),
    ("What would you need to see from me to back it?", "help"),
    ("How are you feeling about the team at the moment?", "feelings"),
    ("How was your weekend, by the way?", "personal"),
    ("Would you rather I start with the handover or the training?", "choice"),
])
def test_a_question_is_heard_with_its_topic(line, topic):
    question = hear(line).question
    assert question is not None and question.topic == topic


def test_a_question_mark_over_something_is_not_a_dictated_mark():
    assert hear("There's a question mark over the Leeds contract, so I'd like to plan for both.").question is None


def test_statements_and_requests_are_not_questions_to_answer():
    assert hear("I've led the migration since June.").question is None
    assert hear("Aisha could take the Monday reports, maybe?").question.request
    assert hear("Could we review it at week six?").question.request


def test_asides_apologies_and_hazards_are_heard():
    assert hear("Sorry, I'm a bit nervous about this.").apology
    assert not hear("The account team had to apologise to the client twice.").apology
    assert hear("Before I start, there's oil spilled by bay 3 and someone nearly slipped.").hazard
    assert hear("the coffee machine is broken again lol").aside


def test_terms_are_kept_as_the_learner_said_them():
    t = terms_in("Tuesdays and Thursdays at home from mid-January, a 12-week trial with a review at week six.")
    assert t.days == ["Tuesdays and Thursdays"] and t.durations == ["12-week trial"]
    assert set(t.dates) == {"mid-January", "week six"}
    assert choice_options("Which works better for you: a secondment for six months, or a transfer in April?") == [
        "a secondment for six months", "a transfer in April"]
    # an aside after either option is not part of it
    assert choice_options("Which suits you: the audit moves to May, which Priya has already agreed to, or I drop the "
                          "newsletter, which nobody reads?") == ["the audit moves to May", "drop the newsletter"]
    # the date asked for, not one in a story, one the other side floated or one ruled out; how often is no length
    assert terms_in("Since I moved in March the drive's doubled, so I'd like two days at home, from January.").dates[0] \
        == "from January"
    assert terms_in("If you're thinking June: no, June is too late for me. I can do May.").dates == ["May"]
    assert terms_in("Could I ring in once a fortnight while I'm away?").durations == []
    assert spoken("nine-month") == "nine months" and spoken("12-week trial") == "12 weeks"  # "for 12 weeks"
    assert spoken("a month") == "a month" and spoken("one-month pilot") == "one month"
    # a yes-or-no question beside another is not two options ("Out of those, Does that do it.")
    assert choice_options("Two days at home and I cover the early re-plan. Does that work, or would you rather I "
                          "did Wednesdays?") == []
    assert unproposed("Fine: twelve weeks, from mid-January.", ["12-week trial", "from mid-January"]) == []
    assert unproposed("Fine: Mondays from March.", ["Tuesdays", "from January"]) == ["Mondays", "from March"]


def test_a_hidden_constraint_is_said_in_the_first_person_only_when_that_is_safe():
    said = first_person("Her director has told her not to nominate anyone without a written case; she knows it.", "Priya Shah")
    assert said == "My director has told me not to nominate anyone without a written case; I know it."
    assert not can_voice("Another engineer, Marco, was told last year he'd be next in line.", "Priya Shah")


# -- replies ----------------------------------------------------------------------------------------


async def test_a_direct_question_gets_the_scenarios_answer_for_its_topic(promo, library):
    answer = "Honestly, it's two funded places across the whole org, and I have to defend every name."
    r = start(with_offline(promo, answers={"constraint": [answer]}), library)
    await say(r, ASK)
    reply = await say(r, "What's making this hard for you this cycle?")
    assert answer in reply.text or "reaction:explores-constraints" in reply.state["trace"]


async def test_a_question_with_no_answer_written_is_deflected_honestly(promo, library):
    r = start(with_offline(promo, answers={}), library)
    await say(r, ASK)
    reply = await say(r, "Did HR ever sort out the pension salary sacrifice thing?")
    assert any(k in ("deflect", "answer:other") or k.startswith("answer:") for k in reply.state["trace"])


async def test_which_would_you_rather_gets_one_choice(promo, library):
    r = start(promo, library)
    await say(r, ASK)
    reply = await say(r, "Would you rather I write up the migration case study or draft the mentoring plan first?")
    chosen = [o for o in ("write up the migration case study", "draft the mentoring plan first") if o in reply.text.lower()]
    assert len(chosen) == 1, reply.text


def test_once_we_pick_one_of_their_options_we_never_ask_what_they_want(catalog):
    """The option picked is the proposal on the table: "what comes off your plate?" after it asks for it again."""
    from coach.core.detection import Detection
    from coach.rehearsal.dialogue.policy import Reply, _missing_ask

    scenario = catalog.get("workload-boundary").scenario
    state = DialogueState(patience=5, learner_turns=4, shown=["collaborative-options", "impact-evidence"])
    assert _missing_ask(Reply(scenario, "realistic", state, Detection("Okay."), 0)) == "specific-ask"
    state.facts["chosen"] = ["Aisha takes the Monday pack after a two-week handover"]
    assert _missing_ask(Reply(scenario, "realistic", state, Detection("Okay."), 0)) != "specific-ask"


def test_a_plan_or_options_are_the_ask_and_a_question_about_their_side_explores_it(catalog):
    """After "he takes Wednesdays from January, I keep the trips till September", "so what exactly are you
    proposing?" asks again for what was just said; after "what did the panel say I was missing?", "what would
    change their mind?" does."""
    from coach.core.detection import Detection, Hit
    from coach.rehearsal.dialogue.memory import remember
    from coach.rehearsal.dialogue.policy import Reply

    scenario = catalog.get("workload-boundary").scenario
    plan = "Sam takes the Wednesday club from January and I keep the trips until September."
    reply = Reply(scenario, "realistic", DialogueState(patience=5, learner_turns=2), Detection(
        plan, moves=(Hit("phased-plan", 0, len(plan), plan),), confidence={"phased-plan": 0.9}), 0)
    remember(reply)
    assert "specific-ask" in reply.state.recent[-1]
    question = "So what did the panel say I was missing, in the end?"
    reply = Reply(scenario, "realistic", DialogueState(patience=5, learner_turns=2), Detection(question), 0)
    remember(reply)
    assert {"explores-constraints", "recover-from-no"} <= set(reply.state.recent[-1])


async def test_a_hazard_comes_first_and_the_objection_waits(promo, library):
    r = start(promo, library)
    await say(r, ASK)
    reply = await say(r, "Sorry, one thing first: there's water leaking onto the server room floor right now.")
    assert reply.state["trace"][0] == "hazard"
    assert not any(k.startswith(("press:", "ask:")) for k in reply.state["trace"])


async def test_nerves_get_warmth_and_cost_no_patience(promo, library):
    r = start(promo, library)
    await say(r, ASK)
    before = r.session.last_state()["patience"]
    reply = await say(r, "Sorry, I'm really nervous about this conversation.")
    assert reply.state["trace"][0] == "warmth"
    assert reply.state["patience"] == before


async def test_an_apologetic_learner_is_never_told_to_calm_down(promo, library):
    r = start(promo, library, "tough")
    lines = ["Sorry, um, I wanted to ask about, sort of, things.", "Sorry, I don't really know how to say it.",
             "I'm so sorry, this is hard for me.", "Sorry again, I guess it's nothing really.", "Sorry."] * 2
    for line in lines:
        if r.ended:
            break
        await say(r, line)
    last = r.session.turns[-1].text
    assert not any(last == line for line in promo.scenario.offline.close_impatient)


async def test_an_agreement_names_only_what_the_learner_proposed(catalog, library):
    item = catalog.get("flexible-work-trial")
    item = with_offline(item, concession=["Right: twelve weeks, Mondays and Fridays, from March.",
                                          "Fine. {days}, from {date}: we'll try it."])
    r = start(item, library, "gentle")
    lines = [
        "I'd like to work from home on Tuesdays and Thursdays from mid-January, as a 12-week trial.",
        "On my home days I'll log on at 5:45 and take the early re-plan myself, so the desk is covered from six.",
        "We can measure it on re-plan times and missed slots, and review it at week six.",
        "It means you keep a senior planner and get evidence for Sandra's hybrid policy.",
        "I'll send you the plan in writing by Friday.",
    ]
    for line in lines:
        if r.ended:
            break
        reply = await say(r, line)
        if reply.state.get("conceded"):
            assert "Mondays" not in reply.text and "March" not in reply.text
            assert "Tuesdays and Thursdays" in reply.text
            return
    pytest.fail("the strong case never got the agreement")


async def test_no_line_is_said_twice_in_a_session(catalog, library):
    filler = ["Okay.", "Hmm.", "I see.", "Right.", "Sure.", "Fine.", "Go on.", "Yeah.", "Mm.", "Okay then."]
    for item in catalog.scenarios.values():
        r = start(item, library, "gentle", seed=2)
        parts: list[str] = [item.scenario.counterpart.opening_line]
        for line in filler:
            if r.ended:
                break
            reply = await say(r, line)
            parts += reply.state["last_reply"]
        assert len({norm(p) for p in parts}) == len(parts), item.scenario.id


async def test_tough_plays_harder_than_realistic(promo, library):
    lines = [ASK, "I shipped the payments migration two weeks early.", "I mentored two new hires this year.",
             "It would keep the platform team stable.", "Could we do a six-month plan with a review in January?",
             "I'll send you a written case by Friday."]
    outcomes = {}
    for level in ("realistic", "tough"):
        r = start(promo, library, level)
        replies = [(await say(r, line)).text for line in lines if not r.ended]
        outcomes[level] = (r.session.outcome, replies)
    assert outcomes["realistic"][1] != outcomes["tough"][1]
    assert not (outcomes["tough"][0] == "agreed" and outcomes["realistic"][0] != "agreed")


def test_a_state_saved_by_the_old_engine_still_loads():
    old = {"patience": 3, "openness": 1, "learner_turns": 2, "shown": ["specific-ask"], "raised": ["budget"],
           "answered": [], "conceded": False, "closed": False, "used": {"acknowledge": [0]}, "said": ["Hi"],
           "pressed": {}, "last_reply": ["Okay."]}
    state = DialogueState.model_validate(old)
    assert state.raised == ["budget"] and state.lines == []


async def test_a_review_date_is_not_taken_for_when_the_ask_starts(catalog, library):
    """Found as a user: "…we agree what drops off. can we check how its going on 27 february?" was met with
    "Okay, so from 27 february. That's a clear ask." The date is the review's."""
    item = catalog.get("workload-boundary")
    for seed in range(6):
        r = start(item, library, seed=seed)
        await say(r, "I'm doing 52 hours a week and the December report went out six days late.")
        turn = await say(r, "and from now on if something new comes to me we agree what drops off. "
                            "can we check how its going on 27 february?")
        assert "from 27 february" not in turn.text.lower(), turn.text


@pytest.mark.parametrize("line", ["Who'd actually have to sign this off, you or someone upstairs?",
                                  "and who would have to sign it off is that you or does it go up to someone"])
def test_a_real_question_the_model_half_hears_as_an_attack_is_answered(catalog, line):
    """"Who signs this off, you or someone upstairs?" is a question about the decision: unless the model is sure it
    is an attack, it gets an answer, not "Steady on"."""
    from coach.core.detection import Detection, Hit
    from coach.rehearsal.dialogue.policy import respond

    scenario = catalog.get("flexible-work-trial").scenario
    state = DialogueState(patience=5, learner_turns=2, shown=["specific-ask"])
    unsure = Detection(line, flags=(Hit("aggression", 0, len(line), line),), confidence={"aggression": 0.9})
    _, end = respond(scenario, "realistic", state, unsure)
    assert "aggression" not in end.state["trace"] and end.state["trace"][0].startswith("answer:"), end.state["trace"]
    sure = Detection(line, flags=(Hit("aggression", 0, len(line), line),), confidence={"aggression": 0.99})
    _, end = respond(scenario, "realistic", state.model_copy(update={"edges": 1}), sure)  # the edge kept up
    assert "aggression" in end.state["trace"]


def test_a_learner_who_says_they_feel_they_are_letting_you_down_hears_warmth_before_the_yes(catalog):
    from coach.core.detection import Detection
    from coach.rehearsal.dialogue.policy import respond

    scenario = catalog.get("hand-off-responsibility").scenario
    c = scenario.counterpart
    moves = [*c.concession.requires, *c.concession.supporting]
    state = DialogueState(patience=5, openness=5, learner_turns=5, shown=moves, times={m: 2 for m in moves},
                          confidence={m: 0.99 for m in moves}, raised=[o.id for o in c.objections],
                          answered=[o.id for o in c.objections])
    _, end = respond(scenario, "realistic", state, Detection("Is it even all right that I'm asking this? I feel like "
                                                            "I'm letting you down."))
    trace = end.state["trace"]
    assert "concession" in trace and "warmth" in trace and trace.index("warmth") < trace.index("concession"), trace
