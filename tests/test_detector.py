"""The offline move detector: hard cases, exact spans, context, distress, and measured floors.

The floors are the detector's measured scores on the held-out test split of tests/data/detector_eval.jsonl
(and on CaSiNo, when the corpus is present) minus a small margin: a change that makes the detector worse
fails here. `python benchmarks/detector_eval.py` prints the full tables.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from coach.scenario.criteria import LIBRARY_IDS, Criterion
from coach.scoring.detector import Detector
from coach.scoring.evaluation import CASINO_PATH, evaluate, evaluate_casino, load_rows

EVAL_SET = Path(__file__).resolve().parent / "data" / "detector_eval.jsonl"


@pytest.fixture(scope="module")
def detector(library):
    return Detector(library)


def moves(detector, text, previous=None):
    return set(detector.detect(text, previous).move_ids)


def flags(detector, text, previous=None):
    return set(detector.detect(text, previous).flag_ids)


# -- negation and hypotheticals ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "criterion"),
    [
        ("I don't have numbers yet.", "impact-evidence"),
        ("Honestly we haven't cut costs by 10% or anything like that.", "impact-evidence"),
        ("We never agreed any metrics for it.", "success-metrics"),
        ("There isn't a roadmap for the handover.", "phased-plan"),
        ("I'm not proposing a pilot.", "phased-plan"),
        ("I can't see any other option here.", "collaborative-options"),
        ("I won't be able to send the summary.", "next-steps"),
        ("I'm not going to take anything off your plate this month.", "offers-support"),
        ("If I had more time I could have saved us 20 hours a month.", "impact-evidence"),
        ("We're hoping to grow revenue by 15% next year.", "impact-evidence"),
        ("I wish we had a dashboard to track it.", "success-metrics"),
        ("Hypothetically, could I move to part-time in May?", "specific-ask"),
    ],
)
def test_negated_or_hypothetical_cues_do_not_count(detector, text, criterion):
    assert criterion not in moves(detector, text)


@pytest.mark.parametrize(
    ("text", "criterion"),
    [
        ("We cut the month-end close from eight days to four.", "impact-evidence"),
        ("The new rota reduced overtime by 30 percent in the first quarter I ran it.", "impact-evidence"),
        ("It isn't just about me: it frees up the team for the launch.", "business-value"),
        ("No doubt about it, we'd track it on the dashboard every week.", "success-metrics"),
    ],
)
def test_positive_cues_survive_nearby_negation_words(detector, text, criterion):
    assert criterion in moves(detector, text)


# -- time words, small talk, sarcasm, off-topic questions, filler -----------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I'm on vacation next week.",
        "I'll be off on Friday for my brother's wedding.",
        "Tomorrow's the office party, are you going?",
        "We check in the hotel guests every morning, that's the job.",
        "Last month was madness with the audit.",
    ],
)
def test_time_words_are_not_follow_ups(detector, text):
    assert "next-steps" not in moves(detector, text)


@pytest.mark.parametrize(
    "text",
    [
        "I'll send you the summary on Friday.",
        "Can we meet again on the 14th to decide?",
        "Let's book thirty minutes next week to go over it.",
    ],
)
def test_real_follow_ups_are_next_steps(detector, text):
    assert "next-steps" in moves(detector, text)


@pytest.mark.parametrize(
    "text",
    [
        "Did you see the game last night?",
        "What time is it?",
        "How was your weekend?",
        "Do you want a coffee before we start?",
        "What did you think of the film?",
        "Hi! How are you doing?",
        "I'm good, thanks. How about you?",
        "Lovely weather today, isn't it?",
        "Thanks for making the time.",
        "Sure, that makes sense.",
    ],
)
def test_small_talk_and_filler_show_no_moves(detector, text):
    assert moves(detector, text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "What's your biggest concern about the budget?",
        "What would make this easier for you?",
        "Is headcount the real blocker here?",
        "I realise the hiring freeze puts you in a tough spot.",
    ],
)
def test_questions_about_their_constraints_explore_them(detector, text):
    assert "explores-constraints" in moves(detector, text)


@pytest.mark.parametrize(
    "text",
    [
        "Oh great, another weekend of deployments, love that.",
        "Sure, because the last pilot went so well.",
        "Brilliant, more meetings again.",
    ],
)
def test_sarcasm_shows_no_moves(detector, text):
    assert moves(detector, text) == set()


def test_sarcasm_can_still_be_aggressive(detector):
    assert "aggression" in flags(detector, "Yeah right, like you'd ever actually do your job.")


def test_a_cheerful_opener_is_not_sarcasm(detector):
    assert "specific-ask" in moves(detector, "Great, then I'd like to move to four days a week from June.")


# -- context: recover-from-no needs a refusal --------------------------------------------------------

RECOVERY = "Okay. What would I need to show to be considered next cycle?"


@pytest.mark.parametrize(
    "previous",
    [
        "I'm sorry, we can't approve the promotion this year.",
        "No, that's not possible right now.",
        "We've decided to go with another candidate.",
        "The answer is no for this round.",
    ],
)
def test_recover_from_no_after_a_refusal(detector, previous):
    assert detector.is_refusal(previous)
    assert "recover-from-no" in moves(detector, RECOVERY, previous)


@pytest.mark.parametrize(
    "previous", [None, "", "Sounds good, let's go ahead.", "What's on your mind?", "No problem, take a seat."]
)
def test_recover_from_no_never_without_a_refusal(detector, previous):
    assert not detector.is_refusal(previous)
    assert "recover-from-no" not in moves(detector, RECOVERY, previous)


def test_giving_up_after_a_no_is_not_recovering(detector):
    assert moves(detector, "Okay, fine. Thanks anyway.", "We can't do the raise this year.") == set()


def test_an_answer_to_how_will_we_know_is_a_measure(detector):
    previous = "How would we know it's working?"
    assert "success-metrics" in moves(detector, "By whether the tickets get answered within a day.", previous)
    assert "success-metrics" not in moves(detector, "By whether the tickets get answered within a day.", None)


# -- manager moves and flags -------------------------------------------------------------------------


def test_manager_moves(detector):
    assert "specific-observation" in moves(
        detector, "On Tuesday the release went out without sign-off, and support had to roll it back."
    )
    assert "specific-observation" not in moves(detector, "You're careless and you know it.")
    assert "invites-perspective" in moves(detector, "How does this look from your side?")
    assert "invites-perspective" not in moves(detector, "You agree this has to change, right?")
    assert "offers-support" in moves(detector, "I can take the board pack off your plate until March.")
    assert "offers-support" not in moves(detector, "Let me know if you need anything.")


def test_hedging_needs_more_than_one_softener(detector):
    assert "hedging" in flags(detector, "Sorry to bother you, I know this is a lot to ask.")
    assert "hedging" in flags(detector, "I guess maybe I could sort of lead it?")
    assert "hedging" not in flags(detector, "Sorry, could you repeat that?")
    assert "hedging" not in flags(detector, "Maybe we start with the reporting.")


def test_aggression(detector):
    assert "aggression" in flags(detector, "Give me the title or I walk.")
    assert "aggression" in flags(detector, "That's ridiculous and you know it.")
    assert "aggression" not in flags(detector, "The queue at the canteen was ridiculous.")


def test_multi_move_turn(detector):
    text = (
        "Since I took over support, first-response time fell from two days to four hours. "
        "I'm asking to lead the team from April, and I'll send you a written plan by Friday."
    )
    assert {"impact-evidence", "specific-ask", "next-steps"} <= moves(detector, text)


# -- distress ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I can't cope anymore.",
        "I can't cope with any of this",
        "Honestly I've been thinking about killing myself.",
        "I keep thinking everyone would be better off without me.",
        "I don't want to be here anymore.",
        "I'm having a panic attack right now.",
        "I've had thoughts of hurting myself lately.",
        "I can't do this any more, I'm falling apart.",
        "Sometimes I want to disappear.",
        "I just want it all to stop.",
        "It all feels hopeless.",
        "i cant cope",
        "I can\u2019t take this anymore",
    ],
)
def test_distress_is_caught(detector, text):
    assert detector.is_distress(text)
    assert detector.detect(text).distress


@pytest.mark.parametrize(
    "text",
    [
        "This deadline is killing me.",
        "I could die of embarrassment.",
        "I'm dying to get started on it.",
        "We're killing it this quarter.",
        "I'd rather die than present to the board again.",
        "The build is falling apart again.",
        "I'm dead tired after that release.",
        "Our old process was hopelessly slow.",
    ],
)
def test_distress_idioms_are_not_distress(detector, text):
    assert not detector.is_distress(text)


# -- spans -------------------------------------------------------------------------------------------


def _rows():
    return load_rows(EVAL_SET)


def test_every_span_is_an_exact_substring(detector):
    for row in _rows():
        for previous in (row.get("previous"), None):
            d = detector.detect(row["text"], previous)
            for hit in (*d.moves, *d.flags):
                assert 0 <= hit.start < hit.end <= len(row["text"])
                assert hit.text == row["text"][hit.start : hit.end]
                assert hit.text.strip() == hit.text or hit.text.strip()


def test_spans_index_the_original_text_with_curly_apostrophes(detector):
    text = "I\u2019d like to move to four days a week from June. Honestly I don\u2019t have numbers yet."
    d = detector.detect(text)
    (hit,) = [h for h in d.moves if h.criterion == "specific-ask"]
    assert text[hit.start : hit.end] == hit.text and hit.text.startswith("I\u2019d like")
    assert "impact-evidence" not in d.move_ids


def test_one_hit_per_criterion_and_flags_apart(detector):
    d = detector.detect("Sorry, sorry. I'm asking for a raise, and I'm asking for a title, sorry.")
    assert [h.criterion for h in d.moves].count("specific-ask") == 1
    assert d.flag_ids == {"hedging"}
    assert all(h.criterion != "hedging" for h in d.moves)


# -- scenario criteria and the schema ------------------------------------------------------------------


def test_extra_scenario_criteria_are_detected(library):
    custom = Criterion.model_validate(
        {
            "id": "names-the-budget-line",
            "name": "Names the budget line",
            "kind": "move",
            "description": "Points to where the money would come from.",
            "levels": ["a", "b", "c", "d", "e"],
            "example": "It can come out of the training budget.",
            "tip": "Say where the money comes from.",
            "signals": {"groups": [{"any": [r"\b(?:training|travel) budget\b"]}]},
        }
    )
    d = Detector(library, extra=[custom]).detect("It could come out of the travel budget.")
    assert "names-the-budget-line" in d.move_ids
    assert "names-the-budget-line" not in Detector(library).detect("It could come out of the travel budget.").move_ids


def test_new_signal_fields_are_optional(library):
    """Old-style signals (groups with any/with, unless, negatable, context) still load and work."""
    custom = Criterion.model_validate(
        {
            "id": "old-style",
            "name": "Old style",
            "kind": "move",
            "description": "d",
            "levels": ["a", "b", "c", "d", "e"],
            "example": "e",
            "tip": "t",
            "signals": {
                "unless": [r"\bnever mind\b"],
                "negatable": True,
                "context": "any",
                "groups": [{"any": [r"\bpizza\b"], "with": [r"\bfriday\b"]}],
            },
        }
    )
    det = Detector(library, extra=[custom])
    assert "old-style" in det.detect("Pizza on Friday for the team.").move_ids
    assert "old-style" not in det.detect("Never mind pizza on Friday.").move_ids  # `unless` in the cue's clause
    assert "old-style" not in det.detect("No pizza on Friday.").move_ids


# -- the evaluation set ------------------------------------------------------------------------------


def test_eval_set_is_well_formed(library):
    rows = _rows()
    assert len(rows) >= 400
    assert {r["split"] for r in rows} == {"dev", "test"}
    texts = [r["text"] for r in rows]
    assert len(texts) == len(set(texts)), "duplicate turns"
    positives = Counter()
    for r in rows:
        assert set(r) <= {"text", "previous", "moves", "flags", "split", "note", "distress"}
        assert set(r["moves"]) | set(r["flags"]) <= set(LIBRARY_IDS)
        for cid in r["moves"]:
            assert library.by_id[cid].kind != "flag"
        for cid in r["flags"]:
            assert library.by_id[cid].kind == "flag"
        positives.update(r["moves"] + r["flags"])
    for cid in LIBRARY_IDS:
        assert positives[cid] >= 25, cid
    examples = {c.example.strip().lower() for c in library.criterion}
    assert not examples & {t.strip().lower() for t in texts}, "eval set copies a criteria example"


# -- measured floors ---------------------------------------------------------------------------------
# Measured on the held-out test split (written before tuning): micro P 0.90, R 0.93, F1 0.91; every
# labelled distress turn caught. Floors are those figures minus a margin (one or two turns per criterion).

TEST_RECALL_FLOORS = {
    "impact-evidence": 0.81,  # measured 0.91
    "business-value": 0.73,  # 0.83
    "specific-ask": 0.82,  # 0.92
    "phased-plan": 0.85,  # 0.95
    "success-metrics": 0.90,  # 1.00
    "explores-constraints": 0.73,  # 0.83
    "collaborative-options": 0.90,  # 1.00
    "next-steps": 0.86,  # 0.96
    "recover-from-no": 0.90,  # 1.00
    "specific-observation": 0.80,  # 0.90
    "invites-perspective": 0.90,  # 1.00
    "offers-support": 0.71,  # 0.81
    "hedging": 0.85,  # 0.95
    "aggression": 0.90,  # 1.00
}


@pytest.fixture(scope="module")
def held_out(detector):
    return evaluate(detector, load_rows(EVAL_SET, "test"), LIBRARY_IDS)


def test_test_split_micro_f1_floor(held_out):
    micro = held_out.micro
    assert micro.f1 >= 0.88, f"micro F1 {micro.f1:.3f}"
    assert micro.precision >= 0.86, f"micro precision {micro.precision:.3f}"
    assert micro.recall >= 0.89, f"micro recall {micro.recall:.3f}"


@pytest.mark.parametrize("criterion", sorted(TEST_RECALL_FLOORS))
def test_test_split_recall_floor(held_out, criterion):
    counts = held_out.per_criterion[criterion]
    assert counts.recall >= TEST_RECALL_FLOORS[criterion], f"{criterion} recall {counts.recall:.3f}"
    assert counts.precision >= 0.70, f"{criterion} precision {counts.precision:.3f}"


def test_test_split_distress_misses_nothing(held_out):
    assert held_out.distress.fn == 0
    assert held_out.distress.precision >= 0.9


# -- CaSiNo: real human-labelled negotiation talk, read from shared data when present -----------------
# Measured: explores-constraints vs elicit-pref P 0.73, R 0.42; any criterion fired on 5.4% of rows
# labelled only small-talk, 11.1% of all small-talk rows and 9.9% of non-strategic rows.


@pytest.fixture(scope="module")
def casino(detector):
    if not CASINO_PATH.is_file():
        pytest.skip(f"CaSiNo not found at {CASINO_PATH}")
    return evaluate_casino(detector, CASINO_PATH)


def test_casino_elicit_pref(casino):
    assert casino.elicit.precision >= 0.65, casino.elicit
    assert casino.elicit.recall >= 0.36, casino.elicit


def test_casino_false_positive_ceilings(casino):
    assert casino.small_talk_only.rows > 500
    assert casino.small_talk_only.rate <= 0.08
    assert casino.small_talk.rate <= 0.14
    assert casino.non_strategic.rate <= 0.13


def test_casino_rows_are_json_with_labels():
    if not CASINO_PATH.is_file():
        pytest.skip(f"CaSiNo not found at {CASINO_PATH}")
    with CASINO_PATH.open(encoding="utf-8") as f:
        row = json.loads(f.readline())
    assert {"text", "context", "labels"} <= set(row)


def test_every_library_example_shows_its_own_criterion(library):
    """The synthetic learners of `coach check` speak these examples, so each must show its move."""
    from coach.scoring.detector import Detector

    detector = Detector(library)
    refusal = "No, I can't approve that this cycle."
    for criterion in library.criterion:
        found = detector.detect(criterion.example, previous=refusal)
        assert criterion.id in found.move_ids | found.flag_ids, (criterion.id, criterion.example)
