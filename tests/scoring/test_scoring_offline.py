"""Offline scoring and `coach score`."""

from __future__ import annotations

import json
import re

import pytest

from coach.cli import main
from coach.core.scorecard import weighted_total
from coach.core.session import Session, Turn
from coach.scenario import load_catalog
from coach.scoring.levels import level_for, session_detail
from coach.scoring.markdown import scorecard_markdown
from coach.scoring.offline_judge import sentence_around
from coach.scoring.score import score_offline


def transcript(*learner: str, scenario_id: str | None = "promotion-after-win", previous: str = "What's on your mind?"):
    turns = []
    for line in learner:
        turns += [Turn(speaker="partner", text=previous), Turn(speaker="learner", text=line)]
    return Session(scenario_id=scenario_id, turns=turns)


def test_levels_follow_the_rubric_scale():
    """0 nothing came close; 1 came close (the token version); 2 a real move in general terms, however often;
    3 with some concrete detail; 4 rich detail over the session; an attack keeps its content, not its detail."""
    assert [level_for(0, 0), level_for(0, 0, near=1), level_for(1, 0), level_for(3, 1), level_for(1, 3),
            level_for(2, 6), level_for(1, 9, attack_only=True)] == [0, 1, 2, 2, 3, 4, 2]


def test_detail_is_counted_over_every_turn_that_shows_the_move():
    """A move built over two turns is as detailed as one said at once; a repeated figure counts once."""
    one = [["Pages fell from 40 to 26 a week, and two new hires joined on-call in six weeks."]]
    two = [["Pages fell from 40 to 26 a week."], ["Two new hires joined on-call in six weeks."]]
    assert session_detail("impact-evidence", two) == session_detail("impact-evidence", one) >= 6
    assert session_detail("impact-evidence", [["We cut 40 pages."], ["Yes, 40 pages."]]) == 1
    # For a question move, asking an open question is the detail that counts.
    assert session_detail("explores-constraints", [["What is making this hard for you?"]]) == 1


def test_sentence_around_is_a_verbatim_quote():
    text = "Hello there. I cut costs by 30% last year! Anyway."
    start = text.index("30%")
    assert sentence_around(text, start, start + 3) == "I cut costs by 30% last year!"


def test_scorecard_quotes_the_learner_and_scores_what_it_saw(catalog, library):
    s = catalog.get("promotion-after-win").scenario
    session = transcript(
        "I'd like you to nominate me for Senior Engineer in the March calibration.",
        "Sorry, I know this is a lot to ask.",
        "I'll send you a one-page summary by Thursday so we can decide.",
    )
    card = score_offline(session, s, library)
    ask = card.criterion("specific-ask")
    assert ask.score >= 1 and ask.evidence[0].turn == 2
    assert ask.evidence[0].quote in session.turns[1].text
    assert card.criterion("business-value").score == 0 and not card.criterion("business-value").evidence
    assert "hedging" in card.flags
    assert card.flag_details[0].evidence[0].turn == 4
    hedging = card.flag_details[0]
    assert hedging.cost > 0 and card.total == max(0, round(weighted_total(card.criteria) - hedging.cost, 1))
    assert any("took" in note and "points off" in note for note in card.notes)
    assert 1 <= len(card.top_changes) <= 3
    assert card.top_changes[0].startswith("Hedging"), "the flag comes first: it matters most"
    assert card.debrief and card.debrief.expert_approach
    assert all(c.judge == "offline" for c in card.criteria) and card.judge == "offline"
    md = scorecard_markdown(card)
    assert "## What to change next time" in md and "(turn 2)" in md and "Expert debrief" in md


def test_the_rubric_weights_shape_the_total(catalog, library):
    s = catalog.get("promotion-after-win").scenario
    card = score_offline(transcript("I'll follow up with a summary by Friday."), s, library)
    nonzero = [c for c in card.criteria if c.score]
    assert [c.id for c in nonzero] == ["next-steps"]
    expected = 100 * (nonzero[0].score / 4 * nonzero[0].weight) / sum(c.weight for c in card.criteria)
    assert card.total == pytest.approx(expected, abs=0.1)


def test_score_cli_markdown_and_json(tmp_path, capsys):
    path = tmp_path / "t.json"
    path.write_text(json.dumps({
        "scenario_id": "promotion-after-win",
        "turns": [
            {"speaker": "partner", "text": "What's on your mind?"},
            {"speaker": "learner", "text": "I'd like you to nominate me for Senior Engineer in the March calibration."},
        ],
    }))
    assert main(["score", str(path)]) == 0
    assert "# Scorecard: Ask for a promotion after a visible win" in capsys.readouterr().out
    assert main(["score", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    ask = next(c for c in data["criteria"] if c["id"] == "specific-ask")
    assert ask["score"] >= 1 and ask["evidence"][0]["turn"] == 2
    assert isinstance(data["flags"], list)
    rubric = load_catalog().get("promotion-after-win").scenario.rubric.criteria
    assert {c["id"] for c in data["criteria"]} == {item.id for item in rubric}


def test_score_all_criteria_without_scenario(tmp_path, capsys):
    path = tmp_path / "t.json"
    path.write_text(json.dumps({"turns": [
        {"speaker": "partner", "text": "No, we can't approve the promotion this cycle."},
        {"speaker": "learner", "text": "Understood. What would I need to show to be ready next cycle?"},
        {"speaker": "partner", "text": "Fair question."},
        {"speaker": "learner", "text": "Give me the promotion or I'll quit."},
    ]}))
    assert main(["score", str(path)]) == 2
    assert "--all-criteria" in capsys.readouterr().err
    assert main(["score", str(path), "--all-criteria", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    scores = {c["id"]: c["score"] for c in data["criteria"]}
    assert len(scores) == 12 and scores["recover-from-no"] >= 1 and scores["impact-evidence"] == 0
    assert data["flags"] == ["aggression"]


def test_score_a_saved_session_by_id(capsys, tmp_path):
    answers = tmp_path / "a.txt"
    answers.write_text("I'd like you to nominate me for Senior in March.\n")
    assert main(["rehearse", "promotion-after-win", "--answers", str(answers), "--json"]) == 0
    session_id = json.loads(capsys.readouterr().out)["id"]
    assert main(["score", session_id, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["session_id"] == session_id


def test_score_bad_input_is_clean(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("not json")
    assert main(["score", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "bad.json" in err and "Traceback" not in err
    assert main(["score", "no-such-session"]) == 2
    assert main(["score", str(bad), "--judge", "llm"]) == 2


def test_quotes_keep_decimals_versions_and_abbreviations_whole():
    from coach.scoring.offline_judge import sentence_around

    text = "Error rates dropped from 2.1% to 0.4% after v2.0 shipped. As Dr. Okafor said, e.g. by March we cut costs by 20%. Next?"
    for word, sentence in [("0.4%", "Error rates dropped from 2.1% to 0.4% after v2.0 shipped."),
                           ("20%", "As Dr. Okafor said, e.g. by March we cut costs by 20%."), ("Next", "Next?")]:
        at = text.index(word)
        assert sentence_around(text, at, at + len(word)) == sentence


def test_advice_never_offers_the_learners_own_line_back_or_one_example_twice(catalog, library):
    from coach.core.session import Session, Turn
    from coach.scoring.score import score_offline

    item = catalog.get("promotion-after-win")
    expert = next(line for line in item.scenario.debrief.model_lines if "nominate" in line.lower() or "senior" in line.lower())
    session = Session(scenario_id=item.scenario.id, turns=[Turn(speaker="partner", text="Hi."), Turn(speaker="learner", text=expert)])
    card = score_offline(session, item.scenario, library)
    for c in card.criteria:
        if c.evidence:
            assert c.better_line.strip() != expert.strip(), c.id
    examples = [change.split("For example: ", 1)[1] for change in card.top_changes if "For example: " in change]
    assert len(examples) == len(set(examples))
    assert not any("”." in change and change.split("”.")[0][-1] in "?!" for change in card.top_changes)


def test_evidence_is_capped_but_counted(catalog, library):
    from coach.core.session import Session, Turn
    from coach.scoring.offline_judge import MAX_EVIDENCE
    from coach.scoring.score import score_offline

    line = "I'd like you to nominate me for Senior Engineer in the March calibration."
    turns = [Turn(speaker="partner", text="Go on.")]
    for i in range(12):
        turns += [Turn(speaker="learner", text=line.replace("March", ["March", "April", "May"][i % 3]) + f" ({i})"), Turn(speaker="partner", text="Hm.")]
    card = score_offline(Session(scenario_id="promotion-after-win", turns=turns), catalog.get("promotion-after-win").scenario, library)
    ask = card.criterion("specific-ask")
    assert len(ask.evidence) == MAX_EVIDENCE and "Clearly shown in 12 of your turns" in ask.reasoning


def test_a_move_that_only_came_close_scores_one_and_is_never_called_absent(catalog, library):
    from coach.core.detection import Detection, Hit
    from coach.moves.detector import Detector
    from coach.scoring.offline_judge import score_criterion
    from coach.scoring.rubric import learner_lines, rubric_for

    s = catalog.get("promotion-after-win").scenario
    session = transcript("I was sort of hoping maybe I could be considered for something more senior.")
    lines = learner_lines(session)
    text = lines[0].text
    near = Detection(text, maybe=frozenset({"specific-ask"}), near=(Hit("specific-ask", 0, len(text), text),))
    entry = next(e for e in rubric_for(s, library) if e.criterion.id == "specific-ask")
    score = score_criterion(entry, lines, [near], s, Detector(library))
    assert score.score == 1 and score.reasoning.startswith("Maybe shown")
    assert score.evidence and score.evidence[0].quote == text
    # The better line builds on what they said, hedges out, with what was missing to fill in.
    assert score.better_line.startswith("I was hoping I could be considered for something more senior.")
    assert "[" in score.better_line and "sort of" not in score.better_line


def test_a_general_move_is_built_on_where_it_was_made_not_on_a_later_line_that_came_close(catalog, library):
    """A learner whose ask was clear but general is shown that ask completed, not a goodbye that sounded like one."""
    from coach.core.detection import Detection, Hit
    from coach.moves.detector import Detector
    from coach.scoring.offline_judge import score_criterion
    from coach.scoring.rubric import learner_lines, rubric_for

    s = catalog.get("promotion-after-win").scenario
    session = transcript("I'd like you to put me forward for the senior role.", "I have to run. Can we talk again next week?")
    lines = learner_lines(session)
    ask, bye = lines[0].text, lines[1].text
    made = Detection(ask, moves=(Hit("specific-ask", 0, len(ask), ask),), confidence={"specific-ask": 0.8})
    close = Detection(bye, maybe=frozenset({"specific-ask"}), near=(Hit("specific-ask", 14, len(bye), bye[14:]),))
    entry = next(e for e in rubric_for(s, library) if e.criterion.id == "specific-ask")
    score = score_criterion(entry, lines, [made, close], s, Detector(library))
    assert score.score == 2
    assert score.better_line.startswith("I'd like you to put me forward for the senior role.")


def test_better_lines_never_come_from_another_scenario_or_a_private_brief(catalog, library):
    from coach.scoring.offline_judge import hidden_names

    for item in catalog.scenarios.values():
        s = item.scenario
        others = {line for o in catalog.scenarios.values() if o is not item for line in o.scenario.debrief.model_lines}
        generic = {c.example for c in library.criterion}
        card = score_offline(transcript("Okay.", "I see."), s, library)
        secret = hidden_names(s)
        for c in card.criteria:
            assert c.better_line not in others | generic, (s.id, c.id)
            assert not any(name in c.better_line for name in secret), (s.id, c.id)


def test_a_better_line_is_never_built_on_an_ultimatum(catalog, library):
    """A move made inside an attack keeps its content in the score, but the card does not hand the attack back
    as the line to say next time."""
    s = catalog.get("promotion-after-win").scenario
    card = score_offline(transcript(
        "the checkout migration shipped a week early with zero incidents and I want you to put me forward for "
        "Senior in March, give me that or I'll start looking elsewhere"), s, library)
    assert "aggression" in card.flags
    for c in card.criteria:
        assert "looking elsewhere" not in c.better_line, c.id


def test_a_yes_to_the_counterparts_next_step_agrees_one_in_general_terms(catalog, library):
    """"ok, will do" to the counterpart's own follow-up is a next step agreed (level 2), not "never came up"; a
    yes to anything else is not."""
    s = catalog.get("promotion-after-win").scenario
    def next_steps(previous: str) -> int:
        session = transcript("ok, will do", previous=previous)
        return next(c.score for c in score_offline(session, s, library).criteria if c.id == "next-steps")
    assert next_steps("Send me a one-page summary by Friday and we'll go through it together on Tuesday at ten.") == 2
    assert next_steps("The committee wants scope beyond your own team, that's the gap.") == 0


def test_a_plain_acceptance_of_a_loosely_worded_proposal_agrees_a_next_step(catalog, library):
    """The counterpart's proposal may be heard only as "maybe a next step" (the model reads learner lines); the
    learner's "alright" or thanks to it still agrees one in general terms."""
    s = catalog.get("flexible-work-trial").scenario
    previous = "Put something in writing: which days and how the cover works. I'll look at it next week."
    for reply in ("Alright, I will do that.", "Thanks, that's fair."):
        session = transcript(reply, previous=previous)
        assert next(c.score for c in score_offline(session, s, library).criteria if c.id == "next-steps") == 2, reply


def test_a_yes_that_opens_a_longer_turn_agrees_the_step_but_a_yes_but_does_not(catalog, library):
    """"That would be entirely satisfactory." or "yeah that sounds good um cheers, and did you see…" agrees the
    counterpart's step before the talk moves on; "yeah but I can't do Tuesdays" does not."""
    s = catalog.get("flexible-work-trial").scenario
    previous = "Put the days and the cover in writing for me, and we'll go through it next Thursday."
    def next_steps(reply: str) -> int:
        card = score_offline(transcript(reply, previous=previous), s, library)
        return next(c.score for c in card.criteria if c.id == "next-steps")
    assert next_steps("That would be entirely satisfactory. Thank you for your time today.") == 2
    assert next_steps("yeah that sounds good yeah um cheers and actually did you see the new rota thing") == 2
    assert next_steps("yeah but I can't do Thursdays, I'm on the early") == 0


def test_rudeness_costs_more_than_hesitation(catalog, library):
    s = catalog.get("promotion-after-win").scenario
    hesitant = transcript(
        "Sorry, I know you're busy. I was hoping to be nominated for Senior Engineer in the March calibration.",
        "I think, if it's okay to say, the payments migration shipped two weeks early and cut incidents by 40%.",
        "Maybe we could do a six-month plan with a review in January, if that works for you?",
    )
    rude = transcript(
        "Nominate me for Senior in March or I'm walking, simple as that.",
        "Frankly it's your fault the team is a mess. The migration shipped early, no thanks to you.",
        "Whatever. Just sort it out.",
    )
    assert score_offline(hesitant, s, library).total > score_offline(rude, s, library).total


def test_an_edge_kept_over_the_session_is_flagged_and_caps_the_detail(catalog, library):
    """Turns the model reads as nearly aggressive count when the learner keeps that edge over the session and
    one of those turns is a sure attack; two near misses alone (direct feedback, terse answers) cost nothing."""
    from coach.core.detection import EDGE, SHOWN, Detection
    from coach.moves.detector import Detector
    from coach.scoring.levels import SURE_FLAG, attack_turns

    detector = Detector(library)
    edgy, calm, sure = ({"aggression": (EDGE + SHOWN) / 2}, {"aggression": 0.0}, {"aggression": SURE_FLAG + 0.05})
    kept = [Detection("a", confidence=edgy), Detection("b", confidence=calm), Detection("c", confidence=sure)]
    once = [Detection("a", confidence=edgy), Detection("b", confidence=calm)]
    unsure = [Detection("a", confidence=edgy), Detection("b", confidence=edgy)]
    assert attack_turns(detector, kept) == [0, 2]
    assert attack_turns(detector, once) == []
    assert attack_turns(detector, unsure) == []


def test_an_ultimatum_read_as_aggression_is_a_sure_attack(library):
    """The top of the aggression rubric is a threat: once the model reads a threat as aggression at all, it
    costs points even when the model is not sure; the same doubt about a blunt line without a threat does not."""
    from coach.core.detection import SHOWN, Detection, Hit
    from coach.moves.detector import Detector
    from coach.scoring.levels import SURE_FLAG, attack_turns

    doubt = {"aggression": (SHOWN + SURE_FLAG) / 2}

    def turn(text: str) -> Detection:
        return Detection(text, flags=(Hit("aggression", 0, len(text), text),), confidence=doubt)

    detector = Detector(library)
    assert attack_turns(detector, [turn("Sort my pay out by March or I\u2019m leaving.")]) == [0]
    assert attack_turns(detector, [turn("If you can't back me this time I'll resign.")]) == [0]
    assert attack_turns(detector, [turn("That plan makes no sense to me at all.")]) == []
    assert attack_turns(detector, [turn("Either the rota moves or the trial does, your call.")]) == []


def test_when_said_in_words_is_a_detail():
    """'in a fortnight', 'today', 'by tomorrow' are checkable timing, like 'in two weeks' or 'by Friday'."""
    from coach.scoring.levels import details

    assert {"fortnight"} <= details("We'll review it in a fortnight.")
    assert {"today"} <= details("But you tell Aisha today, not me.")
    assert details("I'll send it over tomorrow night or tonight at the latest") >= {"tomorrow", "tonight"}


def test_a_quote_is_the_sentence_that_shows_the_move_not_the_one_after_it():
    """A hit that ends on its own full stop ends its sentence: the ask is quoted without the evidence after it."""
    from coach.scoring.offline_judge import quote_around, sentence_after

    text = "I'd like you to nominate me for Senior in March. Since June I cut our pages from 40 a week to 12."
    end = text.index(".") + 1
    assert quote_around(text, 0, end) == "I'd like you to nominate me for Senior in March."
    assert sentence_after(text, 0, end) == "Since June I cut our pages from 40 a week to 12."
    assert sentence_after(text, end + 1, len(text)) == ""
    assert quote_around(text, 4, 20) == "I'd like you to nominate me for Senior in March."  # a hit inside a sentence


def test_a_move_only_touched_on_scores_one_and_never_never_came_up(catalog, library, monkeypatch):
    """Below "maybe" but a good part of the way to it, a line touched on the move: 1, "touched on", quoted; the
    card says "not heard" only when nothing came anywhere near."""
    from coach.moves.detector import FAINT
    from coach.moves.model import shared_model
    model, line = shared_model(), "Could we maybe look at my hours at some point?"
    p = model.score(line, "What's on your mind?").confidence["specific-ask"]
    monkeypatch.setitem(model.clear, "specific-ask", 0.999)
    monkeypatch.setitem(model.maybe, "specific-ask", p / ((1 + FAINT) / 2))  # p sits between FAINT*maybe and maybe
    model.forget()
    try:
        s = catalog.get("flexible-work-trial").scenario
        ask = next(c for c in score_offline(transcript(line), s, library).criteria if c.id == "specific-ask")
        assert ask.score == 1 and ask.reasoning.startswith("Touched on") and ask.evidence, ask
    finally:
        monkeypatch.undo()
        model.forget()  # no reading made with the patched cut-offs outlives the test


@pytest.mark.parametrize(("said", "plain"), [
    ("Could something come off my plate for a bit?", "Could something come off my plate?"),
    ("Could we maybe try it for a little bit and see?", "Could we try it and see?"),
    ("I was wondering if maybe I could work from home a bit , sorry", "I could work from home."),
])
def test_the_better_line_drops_hedges_without_leaving_a_gap(said, plain):
    """"Say it outright" shows the learner's own line without its hedges, and nothing dangling where they were
    ("Could something come off my plate for ?")."""
    from coach.scoring.offline_judge import rewrite

    line = rewrite("collaborative-options", said)
    assert line.startswith(plain), line
    assert not re.search(r"\s[.!?,;]", line.split("[")[0]), line
