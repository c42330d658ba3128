"""The trained move model: shipped, fast enough to call per turn, and holding its measured figures.

The floors sit a little under the figures `benchmarks/detector_eval.py` printed when the model was trained
(data/moves/README.md records them), so a retrain that loses ground fails here. They are measured on rows the
model never trained on: the corpus's held-out test split and the blind sets.
"""

from __future__ import annotations

import pytest

from coach.moves import corpus
from coach.moves.detector import Detector
from coach.moves.evaluation import evaluate
from coach.moves.model import GATE, MODEL_PATH, MoveModel, shared_model
from coach.scenario.criteria import LIBRARY_IDS

# Set from the figures of the shipped model (see data/moves/README.md), minus a small margin.
TEST_MICRO_F1 = 0.72  # measured 0.76 (round 9)
BLIND_MICRO_F1 = 0.75  # measured 0.80 on set p, the fresh one (round 15; 0.75 to 0.83 on sets j to p)
NEUTRAL_FIRING = 0.25  # measured 10% to 20%: the goal is none
ACUTE_RECALL = 0.85  # measured 34 of 39 held-out acute lines (round 9): the goal is every one


@pytest.fixture(scope="module")
def detector(library):
    return Detector(library)


@pytest.fixture(scope="module")
def held_out():
    rows = corpus.load(corpus.training_files())
    return [r for r, s in zip(rows, corpus.assign_splits(rows)) if s == "test"]


def test_the_model_ships_small_with_every_label():
    assert MODEL_PATH.is_file() and MODEL_PATH.stat().st_size <= 10_000_000
    model = MoveModel.load()
    assert set(model.labels) == {*corpus.LABELS, GATE}
    assert set(LIBRARY_IDS) <= set(model.labels)
    for label in model.labels:
        assert 0.0 < model.maybe[label] <= model.clear[label] < 1.0


def test_loaded_once_per_process():
    assert shared_model() is shared_model()


def test_held_out_split_floor(detector, held_out):
    report = evaluate(detector, [r for r in held_out if not r.source.startswith("care")], LIBRARY_IDS)
    assert report.micro.f1 >= TEST_MICRO_F1, report.micro


@pytest.mark.parametrize("path", corpus.blind_files(), ids=lambda p: p.name)
def test_blind_set_floor(detector, path):
    report = evaluate(detector, list(corpus.read(path)), LIBRARY_IDS)
    assert report.micro.f1 >= BLIND_MICRO_F1, report.micro
    assert report.neutral.rate <= NEUTRAL_FIRING, report.neutral


def test_care_pauses_for_crisis_not_for_overload(detector, held_out):
    care = [r for r in held_out if r.care] + [r for p in corpus.blind_files() for r in corpus.read(p) if r.care]
    acute = [r for r in care if r.care == "acute"]
    overload = [r for r in care if r.care == "overload"]
    assert acute and overload
    caught = sum(detector.detect(r.text, r.previous).distress for r in acute)
    paused = [r.text for r in overload if detector.detect(r.text, r.previous).distress]
    assert caught / len(acute) >= ACUTE_RECALL
    assert not paused


@pytest.mark.parametrize(
    "text",
    ["I'm drowning.", "I'm at breaking point with this workload.", "I can't cope with this much work.",
     "This job is killing me.", "I'm killing myself to hit these deadlines."],
)
def test_the_issue_s_workload_words_do_not_pause(detector, text):
    assert not detector.detect(text).distress
    assert not detector.is_distress(text)


def test_the_bus_idiom_is_key_person_risk_but_wishing_for_it_pauses(detector):
    """"If I get hit by a bus, nobody can run the schedule" is a case for cover, not distress."""
    for text in ("Right now if I get hit by a bus you've nobody who can run the corrugator schedule.",
                 "If Priya got hit by a bus tomorrow, who'd sign the payroll off?"):
        assert not detector.is_distress(text), text
    for text in ("Some days I wish I'd get hit by a bus on the way in, honestly.",
                 "i keep thinking about getting hit by a bus so it all just stops"):
        assert detector.is_distress(text), text


def test_an_annoyance_in_the_car_park_does_not_pause_but_sitting_there_unable_to_go_in_does(detector):
    """The care output learned the car park from people sitting in it unable to face going in: a stuck barrier
    is an annoyance, said with nothing of the speaker's inner state."""
    assert not detector.is_distress("Oh, while I think of it, the staff car park barrier jammed again this morning, "
                                    "twenty minutes to get in, and nobody knows who we're meant to tell.")
    assert detector.is_distress("Most mornings I sit in the car park and can't see the point of going in, or of "
                                "anything really.")


def test_every_span_is_an_exact_sentence_of_the_turn(detector, held_out):
    for row in held_out[:300]:
        d = detector.detect(row.text, row.previous)
        for hit in (*d.moves, *d.flags):
            assert row.text[hit.start : hit.end] == hit.text and hit.text.strip()


def test_one_hit_per_criterion_with_flags_apart(detector):
    d = detector.detect(
        "Since I took over the alerts, false pages fell from 50 a week to 12. I'd like the senior title from "
        "April. You never back me in those meetings, which is frankly pathetic."
    )
    ids = [h.criterion for h in d.moves]
    assert len(ids) == len(set(ids))
    assert d.flag_ids <= {"hedging", "aggression"} and not (d.move_ids & d.flag_ids)
    assert set(d.confidence) >= set(LIBRARY_IDS)
    assert all(0.0 <= v <= 1.0 for v in d.confidence.values())
    assert not (d.maybe & (d.move_ids | d.flag_ids))


def test_curly_apostrophes_and_plain_ones_read_alike(detector):
    plain = detector.detect("I'd like to move to Tuesdays and Thursdays at home from January, reviewed after six weeks.")
    curly = detector.detect("I\u2019d like to move to Tuesdays and Thursdays at home from January, reviewed after six weeks.")
    assert plain.move_ids == curly.move_ids


def test_cost_is_capped_for_huge_lines(detector):
    line = "we shipped it, the client was happy, " * 5000
    d = detector.detect(line)
    assert all(h.end <= 4000 for h in d.moves)


@pytest.mark.parametrize("text", [
    "tbh the job is the least of it. been reading up on ways to do it. not the job. me",
    "I've been putting my tablets aside, a few a week.",
    "Last night I sat with the engine running in the garage for a long time.",
    "I've put my affairs in order, just in case.",
    "It's not the rota. It's me. All of it.",
    "I'm tired of living, honestly.",
    "Whatever you decide about the rota is fine. I won't be around to do it.",
    "I had a panic attack in the stairwell before this meeting.",
    "there's a letter for my sister in the glovebox if anything happens. anyway, the rota",
    "i burnt mysefl again on purpose last week",
    "Sorry I'm late, I was stood on the footbridge for a while staring down at the tracks.",
    "I'm up on the flyover now, thinking of just stepping off.",
    "Lunchtimes I go to the top of the car park and stand at the edge for a bit.",
    "Sat in the garage last night with the hosepipe ready.",
    "I've been giving all my records away. Won't be needing them.",
    "I've been settling my affairs this week.",
    "nah want live no more, sorry",
])
def test_the_means_a_method_or_affairs_in_order_pause_whatever_the_model_says(text):
    from coach.moves.care import explicit_acute
    assert explicit_acute(text), text


@pytest.mark.parametrize("text", [
    "Here's how I'd do it. February, Amira shadows me; March, she runs twelve files with me reviewing.",
    "I've thought about how to do it without the reports dipping.",
    "Might I propose a twelve-week pilot, after which either of us could end it?",
    "Ha, I'm hopeless at this. Basically: I need a bigger van.",
    "I wanted to die of embarrassment when my badge wouldn't scan.",
    "So what was the point of me running three audits?",
    "It's not the money, it's me being undervalued.",
    "I won't be around next week, I'm on leave, so Ravi has the account.",
    "Can I have Friday afternoon off for the suicide prevention charity run?",
    "The first aid course covered panic attacks, really useful.",
    "My mate had a panic attack during the fire drill.",
    "My eldest gets panic attacks before his driving test, can I swap Friday?",
    "The study on self-harm among apprentices goes to the board in May.",
    "I can't breathe for meetings this week, can we move the stand-up?",
    "I left a note for the night shift in case the printer jams again.",
    "I was on the roof checking the gutters and stepped off the ladder badly.",
    "Giving my spare chargers away, won't be needing them.",
    "I'm giving my old desk away, I won't be needing it after the move to hot-desking.",
    "I've had enough of being here till nine every night, and I don't mean the job itself, I mean the hours.",
])
def test_a_plan_or_an_idiom_is_not_a_crisis_phrase(text):
    from coach.moves.care import explicit_acute
    assert not explicit_acute(text), text
