"""A counterpart that picks one of the learner's options agrees to that one (coherence sets 48 to 57: "If I have to
pick, the website rebuild waits until April." and then, in the same breath, "…the Monday pack moves to Aisha")."""

from __future__ import annotations

import re

import pytest

from coach.core.detection import Detection, Hit
from coach.rehearsal.dialogue.policy import respond
from coach.rehearsal.dialogue.state import DialogueState


def _ready(scenario) -> DialogueState:
    """A conversation where everything the counterpart needs for a yes has been said, clearly and twice."""
    gates = scenario.counterpart.concession
    moves = [*gates.requires, *gates.supporting]
    return DialogueState(patience=5, learner_turns=5, openness=5, shown=moves, confidence=dict.fromkeys(moves, 0.99),
                         plainly=dict.fromkeys(moves, 0.99), times=dict.fromkeys(moves, 2),
                         raised=[o.id for o in scenario.counterpart.objections],
                         answered=[o.id for o in scenario.counterpart.objections])


def _choose(catalog, scenario_id: str, line: str) -> tuple[str, list[str]]:
    scenario = catalog.get(scenario_id).scenario
    ask = Detection(line, moves=(Hit("collaborative-options", 0, len(line), line),),
                    confidence={"collaborative-options": 0.99})
    _, end = respond(scenario, "realistic", _ready(scenario), ask)
    return " ".join(end.state["last_reply"]), end.state["trace"]


def test_the_agreement_after_a_pick_leaves_out_the_option_passed_over(catalog):
    reply, trace = _choose(catalog, "workload-boundary", "Two ways to do it: Aisha takes the Monday pack after a two-week "
                                                         "handover, or the website rebuild waits until April. Which would "
                                                         "suit you better?")
    assert "answer:choice" in trace and "concession" in trace, trace
    picked_rebuild = "rebuild waits until April" in reply
    agreement = reply[reply.index("April" if picked_rebuild else "handover"):]
    passed_over = r"\b(?:Aisha|Monday)\b" if picked_rebuild else r"\b(?:rebuild|website|April)\b"
    assert not re.search(passed_over, agreement.split(".", 1)[1]), reply


def test_a_pick_between_days_agrees_to_those_days(catalog):
    reply, trace = _choose(catalog, "flexible-work-trial", "For the home days, which would you rather: Tuesdays and "
                                                           "Thursdays, or Wednesdays and Fridays?")
    assert "answer:choice" in trace and "concession" in trace, trace
    first = "Tuesdays and Thursdays" in reply
    assert not re.search(r"Wednesday|Friday" if first else r"Tuesday|Thursday", reply.split(".", 1)[1]), reply


def test_words_said_outside_the_options_are_not_passed_over():
    """"I still want the nomination in March… title now, or both together in March?": March is part of the case,
    not only of the option passed over, so an agreement naming March still fits."""
    from types import SimpleNamespace

    from coach.rehearsal.dialogue.agreeing import _passed_over

    line = ("I still want the nomination in March. Which is easier to defend, the title now and the pay later, "
            "or both together in March?")
    r = SimpleNamespace(heard=SimpleNamespace(question=SimpleNamespace(options=["the title now and the pay later",
                                                                               "both together in March"])),
                        state=SimpleNamespace(facts={"chosen": ["the title now and the pay later"]}),
                        picker=SimpleNamespace(trace=["answer:choice"]), detection=SimpleNamespace(text=line))
    assert _passed_over(r) == {"together"}


def test_a_piece_of_the_question_is_not_an_option_to_say_back():
    from coach.rehearsal.dialogue.facts import choice_options

    assert choice_options("Can we book the review? Would the 4th or the 6th work better for you?") == []
    assert choice_options("what's the pressure, is it the MD wanting it live or is there budget tied to it?") == []
    assert choice_options("She could take my files over March, or we split them between her and Jono, which works "
                          "better for you?") == ["take my files over March", "split them between her and Jono"]  # no "could"


def test_a_clause_of_a_question_is_no_option_to_pick():
    """Read coherence set 62: "whether there is anything … that would give you or the headteacher pause, for I
    should hate…" was answered "If I have to choose, for you should hate for it to appear…"."""
    from coach.rehearsal.dialogue.facts import choice_options

    assert choice_options("I was wondering whether there is anything in this that would give you or the headteacher "
                          "pause, for I should hate for it to appear that I am abandoning the programme?") == []
    assert choice_options("Which would you rather, the course or the leave?") == ["the course", "the leave"]


def test_options_picked_by_the_reaction_are_not_picked_again(catalog):
    """Read coherence sets: "If I had to choose, probably check in weekly for ten minutes. … Probably the first, if I
    have to pick." The reaction's pick answers the question."""
    scenario = catalog.get("compassionate-performance-conversation").scenario
    line = ("Would you rather we check in weekly for ten minutes, or a proper half hour every fortnight? "
            "Whichever works better for you.")
    for seed in range(6):
        ask = Detection(line, moves=(Hit("collaborative-options", 0, len(line), line),),
                        confidence={"collaborative-options": 0.99})
        _, end = respond(scenario, "realistic", DialogueState(patience=5, learner_turns=3, openness=3), ask, seed=seed)
        reply = " ".join(end.state["last_reply"])
        named = "weekly" in reply or "fortnight" in reply
        assert not (named and re.search(r"\b(?:the first|the last one|the first one)\b", reply)), reply


def test_options_are_said_back_as_the_learner_put_them():
    """Read coherence set 92: a relative "which" was taken for the question's ("Of those, is around £1,800", then
    £1,800 written down as the salary), "Or both, if you'd rather." became an option, and "or something" another."""
    from coach.rehearsal.dialogue.hearing import hear

    def options(line: str) -> list[str]:
        q = hear(line).question
        return q.options if q else []

    assert options("For now, which is better for you: a one-off award of £2,000, the CPIM course which is around "
                   "£1,800, or an extra day of leave a month?") == ["the CPIM course", "an extra day of leave a month"]
    assert options("The rebuild waits till April, or the pack goes to Aisha after a handover. Or both, if you'd "
                   "rather. Which would you rather?") == ["The rebuild waits till April", "the pack goes to Aisha after "
                                                          "a handover"]
    assert options("Like maybe 2 days a week or something, not sure which days yet") == []
    assert options("Which is easier: a promise in writing for September, or something now like a bonus?") == [
        "a promise in writing for September", "something now like a bonus"]
    # read set 95: an aside after the last option's comma is not the option
    assert options("Two ways: a letter with £42,000 from 1 October, or a 12% rise when the freeze lifts, whenever that "
                   "is. Which works better for you?") == ["a letter with £42,000 from 1 October",
                                                          "a 12% rise when the freeze lifts"]


def test_whichever_after_the_last_option_is_no_option():
    """Coherence set 110: "…or funding for the CPIM course, whichever is easier to get past group." gave the option
    "whichever is easier to get past group"."""
    from coach.rehearsal.dialogue.hearing import hear

    line = ("For now, I'd take either a £1,500 one-off for covering Gary's role or funding for the CPIM course, "
            "whichever is easier to get past group. Which works better for you?")
    assert hear(line).question.options == ["a £1,500 one-off for covering Gary's role", "funding for the CPIM course"]
    assert hear("Would you rather the award or the course, whichever is easier?").question.options == [
        "the award", "the course"]


def test_a_reply_that_picks_does_not_first_say_it_needs_to_think_about_which(catalog):
    """Read coherence sets 60-108: "Maybe. I'd need to think about which one works around home, but it's a fair
    offer. Out of those, …" and "Let me think about which one I could defend. If I have to choose, at Easter."."""
    picked = 0
    for scenario_id, line in [
        ("compassionate-performance-conversation", "Which is better for you, we meet every Tuesday for ten minutes "
                                                   "before your late, or one longer check-in every two weeks?"),
        ("hand-off-responsibility", "Sam could start shadowing at Easter or after the summer term, which would you "
                                    "rather?"),
        ("workload-boundary", "The website rebuild waits until April, or the Monday pack goes to Aisha. Which "
                              "would you rather?"),
    ]:
        scenario = catalog.get(scenario_id).scenario
        for seed in range(8):
            ask = Detection(line, moves=(Hit("collaborative-options", 0, len(line), line),),
                            confidence={"collaborative-options": 0.99})
            _, end = respond(scenario, "realistic", DialogueState(patience=5, learner_turns=3, openness=3), ask,
                             seed=seed)
            if "answer:choice" in end.state["trace"]:
                picked += 1
                reply = " ".join(end.state["last_reply"])
                assert not re.search(r"think about which|need to think", reply, re.IGNORECASE), reply
    assert picked


@pytest.mark.parametrize(("line", "options"), [
    ("I see two options. Option one, the website rebuild stops until April. Option two, the Monday pack goes to "
     "Aisha. Which is better for you?", ["the website rebuild stops until April", "the Monday pack goes to Aisha"]),
    ("Two options: website rebuild pause until April, or Monday pack go to Aisha. Which one you prefer?",
     ["website rebuild pause until April", "Monday pack go to Aisha"]),
    ("Something the freeze disnae touch: a one-off award of £2,000, or the Tayside planning diploma. Which would sit "
     "easier wi you?", ["a one-off award of £2,000", "the Tayside planning diploma"]),
    ("Firstly, I keep the pack until March. Secondly, Aisha shadows me from February. Which'd you rather?",
     ["I keep the pack until March", "Aisha shadows me from February"]),
])
def test_options_put_before_a_short_question_in_other_words_are_found(line, options):
    """Read coherence sets 60-108: 50 picks said "The last one you said, I think" where the options were there."""
    from coach.rehearsal.dialogue.hearing import hear

    assert hear(line).question.options == options


def test_an_option_that_began_a_sentence_is_said_back_without_its_capital():
    """Read coherence sets: "If I have to pick, Between now and February you can lead the design review."."""
    from coach.rehearsal.dialogue.facts import from_other_side

    assert from_other_side("Between now and February I can lead the design review") == (
        "between now and February you can lead the design review")
    assert from_other_side("The website waits until April") == "the website waits until April"
    assert from_other_side("Tom's two accounts go to Aisha") == "Tom's two accounts go to Aisha"


def test_an_option_put_with_i_can_keeps_its_subject():
    """Coherence set 113's rating (read): "Out of those, can take me off earlies for a month, I think" is garbled."""
    from coach.rehearsal.dialogue.facts import from_other_side
    from coach.rehearsal.dialogue.hearing import hear

    options = hear("Occupational health can see you this week, or I can take you off earlies for a month. Which would "
                   "help more?").question.options
    assert options[-1] == "I can take you off earlies for a month"
    assert from_other_side(options[-1]) == "you can take me off earlies for a month"
    assert hear("Would you rather I did Tuesdays, or Wednesdays?").question.options == ["Tuesdays", "Wednesdays"]


def test_a_choice_between_review_dates_after_the_yes_is_answered_by_the_pick_alone(catalog):
    """Coherence set 115's rating (read): "Of those, on 4 November. … 14 October works for me." in one reply."""
    from coach.rehearsal.dialogue.hearing import hear

    line = "Would you prefer a review on 14 October, before the December nominations are settled, or on 4 November?"
    assert hear(line).question.options == ["a review on 14 October", "on 4 November"]
    scenario = catalog.get("promotion-follow-up").scenario
    for seed in range(6):
        _, end = respond(scenario, "realistic", _ready(scenario).model_copy(update={"conceded": True}), Detection(line),
                         seed=seed)
        reply = " ".join(end.state["last_reply"])
        assert "answer:choice" in end.state["trace"], end.state["trace"]
        assert not ("14 October" in reply and "4 November" in reply), reply


@pytest.mark.parametrize("seed", range(6))
def test_the_pick_is_the_option_closest_to_what_the_counterpart_agrees_to(catalog, seed):
    """Change CH (set 115's rating: "Of those, the date", then a yes tied to the freeze lifting): of two options, the
    counterpart picks the one its own agreement speaks of (here the one-off award its concession gives), whatever
    the draw, so the pick and the yes in the same breath say the same thing."""
    scenario = catalog.get("raise-during-budget-freeze").scenario
    line = "For something now, which would you rather: the planning course, about £1,800, or a one-off award of £1,500?"
    ask = Detection(line, moves=(Hit("collaborative-options", 0, len(line), line),), confidence={"collaborative-options": 0.99})
    _, end = respond(scenario, "realistic", _ready(scenario), ask, seed=seed)
    reply, trace = " ".join(end.state["last_reply"]), end.state["trace"]
    assert "answer:choice" in trace, trace
    assert "one-off award of £1,500" in reply and "planning course" not in reply, reply



async def _agreement(item, library, lines: list[str], seed: int) -> str:
    from coach.core.events import ReplyDone
    from coach.moves.detector import Detector
    from coach.rehearsal.engines.offline import OfflineCounterpart
    from coach.rehearsal.rehearsal import Rehearsal

    r = Rehearsal.begin(item, "realistic", OfflineCounterpart(seed=seed), Detector(library))
    for line in lines:
        async for event in r.send(line):
            if isinstance(event, ReplyDone) and "concession" in r.session.last_state()["trace"]:
                return r.session.last_partner_text()
    return ""


CASE = [
    "Thanks for making the time, Helen. The panel's decision is made and I'm not asking you to change it; I'd like to "
    "understand it so I can be ready for December.",
    "The email only said I wasn't showing the full range yet. What did the panel actually point to?",
    "That's fair. Since I came back I've run three listed audits with teams of five or six and coached two trainees "
    "through their exams, so I can see the gap is owning a client, not the technical work.",
    "I accept the Brightwater files needed too much rework, that's on me. What I'd like is to run one client day to "
    "day from now until October. Which would show the panel more, the Calder Foods year-end or the Ribble Housing "
    "audit?",
    "Then I'll take that one, with a written plan against both points and a review with you before the October "
    "deadline.",
]


@pytest.mark.parametrize("seed", [0, 1, 2])
async def test_an_agreement_after_a_pick_between_named_clients_names_no_other_client(catalog, library, seed):
    """Read coherence set 156: asked to choose between two named clients, the counterpart picked one and agreed, in
    the same breath, to "Marsh Logistics yours to run day to day", a client the learner had never named."""
    agreement = await _agreement(catalog.get("promotion-follow-up"), library, CASE, seed)
    assert agreement, "no agreement"
    assert "Marsh" not in agreement, agreement


async def test_an_agreement_with_no_named_option_still_names_the_scenarios_client(catalog, library):
    lines = [*CASE[:3], "I accept the Brightwater files needed too much rework. What I'd like is to run one client "
             "day to day from now until October, with a written plan against both points and a review with you "
             "before the October deadline.",
             "Evidence would be my review files coming back with light notes and the client's finance director "
             "dealing with me directly. Shall we put the review in for 20 October?",
             "So: a written plan from you, a client of my own day to day, and we sit down on 20 October to decide on "
             "December. Can we agree that today?"]
    agreement = await _agreement(catalog.get("promotion-follow-up"), library, lines, 0)
    assert "Marsh Logistics" in agreement, agreement


@pytest.mark.parametrize(("line", "options"), [
    ("Right, tidy. Then either the rebuild goes to April and the MD gets a holding page, or I keep the rebuild and "
     "Aisha takes Tom's two accounts instead. Which one's easier for you to sell upstairs?",
     ["the rebuild goes to April and the MD gets a holding page", "keep the rebuild and Aisha takes Tom's two accounts instead"]),
    ("And for now, something the freeze doesn't cover: a one-off award for the £58k saving, or the APICS planning "
     "course. Which would your director find easier to sign?",
     ["a one-off award for the £58k saving", "the APICS planning course"]),
])
def test_a_which_question_picks_between_the_options_just_put(line, options):
    """Read coherence set 163: "…a one-off award, or the APICS planning course. Which would your director find easier
    to sign?" got "The last one you said, I think", with nothing recorded as picked, and the agreement later named
    the award."""
    from coach.rehearsal.dialogue.hearing import hear

    q = hear(line).question
    assert q is not None and q.topic == "choice" and q.options == options, q
