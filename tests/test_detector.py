"""The offline move detector: hard cases, exact spans, context, distress, and measured floors.

The hard cases are grouped by language pattern (threats and contempt, refusals, small talk, sarcasm, clause
scope, topic words, manager framing, care). The floors are the detector's measured scores on the held-out test
split of tests/data/detector_eval.jsonl (and on CaSiNo, when the corpus is present) minus a small margin, plus a
high floor on the dev split that holds the audit's cases: a change that makes the detector worse fails here.
`python benchmarks/detector_eval.py` prints the full tables.
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


# -- the audit's hard cases, by language pattern -------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "That's a stupid policy and everyone knows it.",  # contempt for a decision
        "Your feedback is useless to me.",
        "With all due respect, you clearly haven't read my proposal.",
        "Don't patronise me.",
        "Honestly, a trained monkey could run this team better than you.",
        "Whatever, clearly you don't value anything I do.",
        "What do you think you're doing?",
        "Do you have any idea how hard I've worked on this?",
        "We could have avoided all this if you'd listened to me.",
        "Everyone's noticed you're not pulling your weight really.",  # a manager's judgement
        "Oh great, another 'we'll see'. That's really helpful.",
        "You need to fix this, or I'll escalate it to HR.",  # threats and ultimatums
        "Fix it by Monday or I'll escalate this to your director.",
        "If this doesn't happen, you'll be hearing from my lawyer.",
        "Either you fix this today or I'm walking out.",
        "If I don't get this raise by Friday, I'm walking out the door.",
        "If that title isn't on my desk by Friday, I'm out.",
        "If you won't back me, I'll be looking elsewhere.",  # leaving as a threat
        "One more surprise project and I'm handing in my notice.",
        "That's on you, not me.",  # blame put on the listener
        "Honestly that's a leadership problem, not mine.",
        "You just keep dumping work on me.",
    ],
)
def test_contempt_threats_and_ultimatums_are_aggression(detector, text):
    assert "aggression" in flags(detector, text)


@pytest.mark.parametrize(
    "text",
    [
        "It's not your fault, the brief changed twice.",  # negated blame
        "I'm not saying you're lazy, I just want to understand.",
        "You always back the team when it counts, and I appreciate that.",
        "I'm walking the new hire through onboarding this afternoon.",  # the words, not the threat
        "The contract is going to legal next week for review.",
        "I was sloppy with the Q2 report, and I've since fixed the process.",  # self-criticism
        "I'm done with this report, so I can pick up the audit.",
        "That was a ridiculous amount of rain yesterday.",
        "What do you need from me to be able to take this to your director?",
        "I'm looking elsewhere in the building for a quieter desk.",
        "It's not my problem to solve alone, so can we look at it together?",
        "The next step is on you and me together.",
        "I'll take those calls from the clients while you're away.",
    ],
)
def test_the_words_of_aggression_without_the_aggression(detector, text):
    assert "aggression" not in flags(detector, text)


def test_an_ultimatum_is_not_an_option(detector):
    assert "collaborative-options" not in moves(detector, "Either you fix this today or I'm walking out.")
    assert "collaborative-options" in moves(detector, "Either I take the reporting or Sam does, your call.")


@pytest.mark.parametrize(
    "previous",
    [
        "We're not going to change the on-call policy.",
        "I don't think that's going to work for us.",
        "I'm afraid my hands are tied.",
        "Let's park this for now.",
        "There's no way finance approves that.",
        "We'll have to pass on that.",
        "Sorry, there's no budget for a raise this year.",
        "Thanks for raising it. Honestly, no, not this cycle. Anything else on your list?",  # not the last sentence
    ],
)
def test_refusals_in_plain_workplace_language(detector, previous):
    assert detector.is_refusal(previous)
    assert "recover-from-no" in moves(detector, RECOVERY, previous)


@pytest.mark.parametrize(
    "previous", ["I can't wait to see the results!", "No, no, that's a great idea.", "I couldn't agree more."]
)
def test_enthusiasm_is_not_a_refusal(detector, previous):
    assert not detector.is_refusal(previous)


@pytest.mark.parametrize(
    "text",
    [
        "Fine. Next time just tell me upfront.",
        "Your feedback is useless to me.",
        "I'm missing my kid's play for this meeting, you know.",
    ],
)
def test_after_a_no_complaints_are_not_recovery(detector, text):
    assert "recover-from-no" not in moves(detector, text, "No, we can't do that this year.")


@pytest.mark.parametrize(
    ("text", "previous", "criterion"),
    [
        ("Could we agree today on a 10% raise from March?", None, "specific-ask"),
        ("Hi Sam, what's your biggest concern with the proposal?", None, "explores-constraints"),
        ("Is the budget for the third-party vendor the main constraint for you?", None, "explores-constraints"),
        ("Is the Series B timeline the real blocker here?", None, "explores-constraints"),
        ("Can we set up a 30-minute check-in after lunch tomorrow?", None, "next-steps"),
        ("What worries you most here?", "Morning! Grab a coffee?", "explores-constraints"),
    ],
)
def test_small_talk_words_do_not_silence_real_questions(detector, text, previous, criterion):
    assert criterion in moves(detector, text, previous)


@pytest.mark.parametrize(
    ("text", "previous"),
    [("I am doing well, how about you?", None), ("Good thanks, quiet. Yours?", "How was your weekend?")],
)
def test_a_reciprocal_question_after_small_talk_is_small_talk(detector, text, previous):
    assert moves(detector, text, previous) == set()


@pytest.mark.parametrize(
    ("text", "criterion"),
    [
        ("Sure, I can take on more of the reporting if we move the vendor calls to Sam.", "collaborative-options"),
        ("Great, so let's meet again on Friday to go over it.", "next-steps"),
        ("Perfect, I'll send more detail on the pilot by Thursday.", "next-steps"),
        ("Yeah, we could definitely try it for six weeks and review it then.", "phased-plan"),
    ],
)
def test_sincere_openers_keep_their_moves(detector, text, criterion):
    assert criterion in moves(detector, text)


@pytest.mark.parametrize(
    "text",
    [
        "Oh sure, I'll just work three jobs then and send you a summary every Friday.",
        "Oh, brilliant idea, let's do a pilot for six weeks and watch it fail like the last one.",
        "Oh wonderful, another reorg. Just what we needed.",
    ],
)
def test_real_sarcasm_still_shows_no_moves(detector, text):
    assert moves(detector, text) == set()


@pytest.mark.parametrize(
    ("text", "criterion"),
    [
        ("I cut the backlog from 300 to 40 tickets and I'll send you the dashboard.", "impact-evidence"),
        ("We grew revenue 18% this year as you may know.", "impact-evidence"),
        ("I cut costs by 20% last year and I will send a summary by Friday.", "impact-evidence"),
        ("I'm on leave next week, but I'll send the draft by Friday.", "next-steps"),  # `unless` is clause-scoped
        ("I'll be back on Monday and I'll send you the plan then.", "next-steps"),
        ("If it doesn't work after the trial month, we go back to the old setup.", "phased-plan"),  # a condition
        ("If Harlow launches on a rushed plan, that's a risk for the client and for our renewal.", "business-value"),
        ("My manager at the time, Priya, wrote in my review that the migration was the smoothest she'd seen.",
         "impact-evidence"),
        ("Not a single client escalated after we shipped the new flow.", "impact-evidence"),
        ("For the last two months I've averaged 52 hours a week; two deliverables slipped, including a £4,200 "
         "invoice error.", "impact-evidence"),
    ],
)
def test_projection_negation_and_unless_stay_in_their_clause(detector, text, criterion):
    assert criterion in moves(detector, text)


def test_evidence_may_name_its_owner_in_the_sentence_before(detector):
    text = "Since I took over the planning desk a lot has moved. OTIF has gone from 91% to 96%."
    assert "impact-evidence" in moves(detector, text)
    assert "impact-evidence" not in moves(detector, "Revenue across the industry fell 10% this year.")


# -- moves spread over sentences, and in fragments ---------------------------------------------------
# People type two to five sentences: an announced ask whose content comes next, results as a list, a plan told
# as a sequence. These are written in words the eval set does not use.


@pytest.mark.parametrize(
    ("text", "previous", "expected", "absent"),
    [
        # An announced ask takes its content from the next sentence, or from after its colon.
        ("Okay, my request. Band 4 from the summer review, backdated to June.", None, {"specific-ask"}, {"impact-evidence"}),
        ("Here's my proposal. Mondays and Fridays remote, and I'm in the office the other three days.", None, {"specific-ask"}, set()),
        ("What I'd suggest is this. Leon picks up the invoice queries from March and I keep the audits.", None, {"specific-ask"}, set()),
        ("My ask is pretty simple. Drop the Thursday late shift from my rota.", None, {"specific-ask"}, set()),
        ("The one request: a £6k budget for the certification this autumn.", None, {"specific-ask"}, set()),
        # A frame with nothing to say yes to after it, or a proposal as a topic, is not an ask.
        ("Here's my ask. I'd like you to think about it.", None, set(), {"specific-ask"}),
        ("Here's my problem. The reporting keeps landing on me on a Friday afternoon.", None, set(), {"specific-ask"}),
        ("My proposal went to the board last month. They haven't replied yet.", None, set(), {"specific-ask"}),
        # A change put as what will happen is the ask when it answers "what do you want?", and not otherwise.
        ("The Hartley contract moves to Dev and the Q2 report slides to July.", "So what are you asking me for?", {"specific-ask"}, set()),
        ("The Hartley contract moves to Dev and the Q2 report slides to July.", "What do you need the most?", set(), {"specific-ask"}),
        # Stages told in order are a plan, within a sentence or across two; a to-do list and a past handover are not.
        ("How I'd do it: Mira joins my calls this month, leads them with me listening in April, and runs them alone from May.", None, {"phased-plan"}, set()),
        ("Week one she reads the docs. Week two she pairs with me on the deploys, and by week four she's doing them herself.", None, {"phased-plan"}, set()),
        ("Starting Monday he sits in on the supplier calls. By the end of March he's running them.", None, {"phased-plan"}, set()),
        ("Could we agree a plan: I lead the design review between now and March, with a check-in in January?", None, {"phased-plan"}, set()),
        ("I'm away until March, so can we have a catch up when I'm back?", None, set(), {"phased-plan"}),
        ("I'll send the slides this week and book a review for next week.", None, {"next-steps"}, {"phased-plan"}),
        ("Last spring she shadowed me for a month and took over the clinic in June.", None, set(), {"phased-plan"}),
        ("Before I draft anything, what would good look like to you for the first quarter?", None, {"explores-constraints"}, {"phased-plan"}),
    ],
)
def test_moves_spread_over_sentences(detector, text, previous, expected, absent):
    found = moves(detector, text, previous)
    assert expected <= found, found
    assert not absent & found, found


@pytest.mark.parametrize(
    ("text", "shows"),
    [
        # Results as fragments, with the owner named in the sentence before or after.
        ("This year in short: the Bristol depot opened on schedule, shrinkage down to 1.2%, and the regional director asked me to present it.", True),
        ("Payroll errors went from eleven a month to two after the new checks. I designed those checks.", True),
        ("The audit came back clean. The auditors asked to use our reconciliation pack at the other sites.", True),
        # Market data for a pay case.
        ("Similar project manager roles in Leeds are listed at £48-52k on the agency sites. I'm on £43k.", True),
        # Consequences of overload anyone can check; hours alone are effort.
        ("The workload is showing. Last month the Carter proposal went in two days after the deadline and we lost the bid.", True),
        ("I stayed until nine most nights in March. It's been a slog.", False),
        ("I ran 30 interviews for the grad scheme this spring on top of everything.", False),
        # Someone else's numbers are not the speaker's evidence.
        ("Revenue is down 4% this quarter across the company. Everyone's feeling it.", False),
        ("Band 4 from the summer review, please, backdated to June.", False),
    ],
)
def test_evidence_in_fragments_market_data_and_consequences(detector, text, shows):
    assert ("impact-evidence" in moves(detector, text)) is shows


@pytest.mark.parametrize(
    ("text", "previous", "expected"),
    [
        ("Fair enough. If experience is what's missing, what sort of project would count by the summer?", "I'm afraid you're not quite ready for the senior role.", "recover-from-no"),
        ("Okay. What did the successful candidate bring that I should work on?", "We've offered the role to someone else.", "recover-from-no"),
        ("Okay. When would the timing be right, roughly?", "I don't think the timing's right for a move.", "recover-from-no"),
        ("If experience is what you'd want, what sort of project would count by the summer?", None, "explores-constraints"),
        ("Is there a version of this you could sign off this quarter? I'm flexible on the start date.", None, "explores-constraints"),
    ],
)
def test_indirect_questions_recover_after_a_no_and_explore_otherwise(detector, text, previous, expected):
    found = moves(detector, text, previous)
    assert expected in found
    if previous is None:
        assert "recover-from-no" not in found


@pytest.mark.parametrize(
    "text",
    [
        "Approve the contractor now and you won't have to explain a missed launch to the board in June.",
        "It spares you the Friday scramble to cover the helpdesk.",
        "Having me own it protects you if the audit asks who signed off.",
        "If I'm the named owner, you get one person to chase instead of three.",
    ],
)
def test_value_as_what_the_listener_is_spared_or_gains(detector, text):
    assert "business-value" in moves(detector, text)


def test_what_the_listener_gets_in_a_trade_is_not_value(detector):
    text = "I could take the two waters, and then you can have 2 firewood instead of all of it."
    assert "business-value" not in moves(detector, text)


@pytest.mark.parametrize(
    ("text", "criterion"),
    [
        ("I led three meetings this week.", "impact-evidence"),  # effort, not outcome
        ("I worked 60 hours last week and managed two teams.", "impact-evidence"),
        ("The trial we ran in 2022 went badly because nobody owned it.", "impact-evidence"),  # a year
        ("Error rates dropped from 2.1% to 0.4% after my team shipped the retry logic.", "success-metrics"),
        ("The client renewal cited our support response time as the reason.", "success-metrics"),
        ("I'm measured on too many things already, to be fair.", "success-metrics"),
        ("The baseline salary here is below market.", "success-metrics"),
        ("This would free up the senior engineers to focus on the roadmap instead of firefighting.", "phased-plan"),
        ("I'll book a 20-minute check-in for the first Monday of next month.", "phased-plan"),
        ("Let me walk you through the numbers step by step.", "phased-plan"),
        ("We hit every milestone on the migration last year.", "phased-plan"),
        ("Last year's pilot was a disaster.", "phased-plan"),
        ("The new hire is still ramping up.", "phased-plan"),
        ("I've gradually taken on more of Dana's work since she left.", "phased-plan"),
        ("The promotion gives me a bigger budget and a bigger team.", "business-value"),
    ],
)
def test_topic_words_and_reported_results_are_not_the_move(detector, text, criterion):
    assert criterion not in moves(detector, text)


@pytest.mark.parametrize(
    ("text", "criterion"),
    [
        ("We could start with one day a week remote, and move to two if the first month goes well.", "phased-plan"),
        ("We'll know it's working if ticket turnaround stays under 24 hours.", "success-metrics"),
        ("I'd suggest we track first-reply time and the number of reopened tickets.", "success-metrics"),
        ("We'd probably save ten hours a week if we automated it.", "business-value"),
        ("Customers would get answers the same day instead of waiting a week.", "business-value"),
        ("Without a clear owner, releases slip and customers wait a week for fixes.", "business-value"),
        ("We hit every milestone on the migration last year.", "impact-evidence"),
        ("Our turnaround time is the best in the region.", "impact-evidence"),
    ],
)
def test_plans_measures_value_and_evidence_in_other_words(detector, text, criterion):
    assert criterion in moves(detector, text)


@pytest.mark.parametrize(
    ("text", "criterion"),
    [
        ("Can you help me understand what criteria the committee uses?", "invites-perspective"),
        ("Could you tell me what feedback you'd give me to get there by the spring review?", "invites-perspective"),
        ("So, to recap: I'll draft it, you'll check it with HR, and we'll decide at our 1:1 on the 3rd.",
         "offers-support"),
        ("I'd hate to lose you as a mentor, you've been great.", "offers-support"),
        ("I'll need you to cover the Friday shift.", "offers-support"),
        ("I could take the Henderson account, or I could keep the reporting.", "offers-support"),
    ],
)
def test_an_employees_questions_and_demands_are_not_manager_moves(detector, text, criterion):
    assert criterion not in moves(detector, text)


@pytest.mark.parametrize(
    ("text", "criterion"),
    [
        ("Is there something outside work that's making things harder?", "invites-perspective"),
        ("I've noticed you've seemed quieter in meetings since March. Is everything okay?", "invites-perspective"),
        ("How have things been for you since the reorg?", "invites-perspective"),
        ("Would it help if I took over the Tuesday client calls for a while, so you can focus on the audit?",
         "offers-support"),
        ("Let's set up a weekly half hour together until the backlog is under control.", "offers-support"),
    ],
)
def test_manager_moves_in_other_words(detector, text, criterion):
    assert criterion in moves(detector, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("What I'd like is a 10% raise effective from the next pay period.", True),
        ("I'm looking for a promotion to Senior Engineer in the March cycle.", True),
        ("I'd love to move to the platform team in Q3.", True),
        ("Please approve the Senior title for the June cycle.", True),
        ("I want Senior in March.", True),
        ("I'd like a coffee before the review.", False),
        ("I want the project to succeed.", False),
        ("Next year I'd love to lead a bigger team.", False),
        ("Can we agree to come back to this once the restructure is done, say in March?", False),
    ],
)
def test_specific_asks_in_other_words(detector, text, expected):
    assert ("specific-ask" in moves(detector, text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Do you have any idea how hard I've worked on this?", False),
        ("Do you prefer the blue or the green slides?", False),
        ("Is the projector a problem for you?", False),
        ("I guess you just need to try harder, maybe?", False),
        ("Do you want me to book the room?", False),
        ("What would make this a no-brainer for you?", True),
        ("Is it the budget, or something about how it looks to the rest of the team?", True),
        ("Good morning! What's the main thing stopping this from going ahead?", True),
    ],
)
def test_constraint_questions_need_a_constraint(detector, text, expected):
    assert ("explores-constraints" in moves(detector, text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Either way works for me.", False),
        ("I was asked to do the audit instead.", False),
        ("We could have avoided all this if you'd listened to me.", False),
        ("I could do this job in my sleep.", False),
        ("Sorry, I just thought maybe we could sort of look at it at some point?", False),
        ("If a raise isn't possible now, would a title change plus a review in six months work?", True),
        ("I'm happy to take on the on-call rotation if we can move the training sessions to someone else.", True),
        ("Whichever you'd prefer, full remote Fridays or two half days, both work for me.", True),
        ("If remote Fridays are a problem, what about Wednesdays instead?", True),
    ],
)
def test_options_are_options(detector, text, expected):
    assert ("collaborative-options" in moves(detector, text)) is expected


def test_a_suggestion_is_an_option_when_it_answers_a_no_or_a_concern(detector):
    line = "We could start with the reporting and leave the vendor calls for now."
    assert "collaborative-options" in moves(detector, line, "I'm worried about the workload.")
    assert "collaborative-options" not in moves(detector, line, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I'm sorry to hear about your dad, I hope he's okay.", False),
        ("I'm sorry, but that's just not acceptable to me.", False),
        ("There's no pressure on the timeline from the client side.", False),
        ("I'm easy, whatever you think.", False),
        ("Um, I mean, it's fine, whatever you think is best really.", True),
        ("I don't want to be pushy, but I've been waiting a while for this.", True),
        ("I know I'm not the most experienced person here, so feel free to ignore this.", True),
        ("I'll take whatever you can give me, honestly, anything helps.", True),
        ("I guess the migration I led cut checkout errors by 30%, but it was probably mostly luck.", True),
    ],
)
def test_hedging_is_self_undermining_not_sympathy(detector, text, expected):
    assert ("hedging" in flags(detector, text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Can you send me the meeting link?", False),
        ("Could you confirm your email address for the invite list?", False),
        ("Let's get lunch today.", False),
        ("We send the status report on Monday every week.", False),
        ("I'll check with my partner about the school run.", False),
        ("Who should own the follow-up with finance?", True),
        ("How about I put a proposal in your inbox by Wednesday?", True),
        ("I'll put a 30-minute review in your calendar for next Tuesday.", True),
        ("When can we start?", True),
    ],
)
def test_next_steps_are_not_admin(detector, text, expected):
    assert ("next-steps" in moves(detector, text)) is expected


# -- care: first-person despair pauses the session; workload talk does not ------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I wish I were dead",
        "I wish I wasn't alive",
        "everyone would be better off if I wasn't around",
        "Nobody would miss me if I was gone",
        "I've started cutting myself again",
        "I don't want to live like this",
        "I'm at breaking point",
        "I'm not safe at home",
        "I'm in a really dark place",
        "I can't cope anymore",
        "I want to hurt myself",
        "I've been self-harming again.",
        "I don't feel safe going home tonight.",
        "I'm not okay.",
    ],
)
def test_despair_self_harm_and_safety_pause(detector, text):
    assert detector.is_distress(text)


@pytest.mark.parametrize(
    "text",
    [
        "I'm drowning in work",
        "I can't take any more projects on",
        "I'm not okay with the plan as it stands",
        "I'm not ok with Harlow moving",
        "We can't keep going like this with two planners short",
        "The old process feels pointless",
        "Our customer had a panic attack on the call, so we paused the demo.",
        "I can't breathe in that office",
        "I'm killing myself to hit these deadlines",
        "this deadline is killing me",
        "I'm thinking of ending the pilot early.",
        "The team is at breaking point.",
    ],
)
def test_workload_idioms_do_not_pause(detector, text):
    assert not detector.is_distress(text)


# -- speed machinery: same answers, whatever the prefilter and case handling -----------------------------


def test_the_prefilter_never_changes_a_result(detector, monkeypatch):
    import coach.scoring.detector as module

    rows = _rows()
    fast = [detector.detect(r["text"], r.get("previous")) for r in rows]
    monkeypatch.setattr(module, "_may_match", lambda keys, trigrams: True)
    slow = [detector.detect(r["text"], r.get("previous")) for r in rows]
    assert [(d.moves, d.flags) for d in fast] == [(d.moves, d.flags) for d in slow]


def test_patterns_with_capitals_still_match_in_any_case(library):
    custom = Criterion.model_validate(
        {
            "id": "names-the-sla",
            "name": "Names the SLA",
            "kind": "move",
            "description": "d",
            "levels": ["a", "b", "c", "d", "e"],
            "example": "e",
            "tip": "t",
            "signals": {"groups": [{"any": [r"\bSLA\b"], "with": [r"\b[0-9]+ ?Hours\b"]}]},
        }
    )
    det = Detector(library, extra=[custom])
    assert "names-the-sla" in det.detect("We keep the sla at 24 hours.").move_ids
    assert "names-the-sla" in det.detect("WE KEEP THE SLA AT 24 HOURS.").move_ids


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


def test_a_then_cue_follows_its_any_cue_in_the_sentence_or_the_next(library):
    custom = Criterion.model_validate(
        {
            "id": "announced-pizza",
            "name": "Announced pizza",
            "kind": "move",
            "description": "d",
            "levels": ["a", "b", "c", "d", "e"],
            "example": "e",
            "tip": "t",
            "signals": {"groups": [{"any": [r"\bhere's the plan\b"], "then": [r"\bpizza\b"]}]},
        }
    )
    det = Detector(library, extra=[custom])
    for text in ("Here's the plan: pizza on Friday.", "Here's the plan. Pizza on Friday."):
        (hit,) = [h for h in det.detect(text).moves if h.criterion == "announced-pizza"]
        assert hit.text == text[hit.start : hit.end] and hit.text.startswith("Here's") and hit.text.endswith("izza")
    assert "announced-pizza" not in det.detect("Pizza on Friday. Here's the plan.").move_ids  # it must follow
    assert "announced-pizza" not in det.detect("Here's the plan. No pizza on Friday.").move_ids  # negated
    assert "announced-pizza" not in det.detect("Here's the plan. Pizza on Friday?").move_ids  # a question


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
# Measured on the held-out test split (written before any tuning; only its aggregate figures are looked at):
# micro P 0.92, R 0.92, F1 0.92 (first release: P 0.90, R 0.93, F1 0.91); every labelled distress turn caught.
# Floors are those figures minus a margin (about one turn per criterion).

TEST_RECALL_FLOORS = {
    "impact-evidence": 0.81,  # measured 0.86
    "business-value": 0.73,  # 0.79
    "specific-ask": 0.92,  # 0.96
    "phased-plan": 0.85,  # 0.90
    "success-metrics": 0.94,  # 1.00
    "explores-constraints": 0.83,  # 0.88
    "collaborative-options": 0.90,  # 0.95
    "next-steps": 0.91,  # 0.96
    "recover-from-no": 0.95,  # 1.00
    "specific-observation": 0.85,  # 0.90
    "invites-perspective": 0.90,  # 0.95
    "offers-support": 0.76,  # 0.81
    "hedging": 0.90,  # 0.95
    "aggression": 0.90,  # 0.95
}


@pytest.fixture(scope="module")
def held_out(detector):
    return evaluate(detector, load_rows(EVAL_SET, "test"), LIBRARY_IDS)


def test_test_split_micro_f1_floor(held_out):
    micro = held_out.micro
    assert micro.f1 >= 0.90, f"micro F1 {micro.f1:.3f}"
    assert micro.precision >= 0.90, f"micro precision {micro.precision:.3f}"
    assert micro.recall >= 0.90, f"micro recall {micro.recall:.3f}"


@pytest.mark.parametrize("criterion", sorted(TEST_RECALL_FLOORS))
def test_test_split_recall_floor(held_out, criterion):
    counts = held_out.per_criterion[criterion]
    assert counts.recall >= TEST_RECALL_FLOORS[criterion], f"{criterion} recall {counts.recall:.3f}"
    assert counts.precision >= 0.70, f"{criterion} precision {counts.precision:.3f}"


def test_test_split_distress_misses_nothing(held_out):
    assert held_out.distress.fn == 0
    assert held_out.distress.precision >= 0.9


def test_dev_split_keeps_the_audits_cases():
    """The dev split holds the audit's blind turns and probes and later written sets; it is tuned on, so its
    floor is high and guards against losing those cases (measured micro P 0.98, R 0.98; with the fifth to
    seventh sets of multi-sentence turns, P 0.98, R 0.98 again after tuning on them; distress all caught)."""
    from coach.scenario import load_criteria

    report = evaluate(Detector(load_criteria()), load_rows(EVAL_SET, "dev"), LIBRARY_IDS)
    assert report.micro.precision >= 0.96 and report.micro.recall >= 0.96, report.micro
    assert report.distress.fn == 0 and report.distress.fp == 0, report.distress


# -- CaSiNo: real human-labelled negotiation talk, read from shared data when present -----------------
# Measured: explores-constraints vs elicit-pref P 0.81, R 0.43; any criterion fired on 3.1% of rows
# labelled only small-talk, 9.4% of all small-talk rows (a quarter of which carry a strategy label) and 9.9% of
# non-strategic rows (first release: P 0.73, R 0.42; 5.4%, 11.1%, 9.9%).


@pytest.fixture(scope="module")
def casino(detector):
    if not CASINO_PATH.is_file():
        pytest.skip(f"CaSiNo not found at {CASINO_PATH}")
    return evaluate_casino(detector, CASINO_PATH)


def test_casino_elicit_pref(casino):
    assert casino.elicit.precision >= 0.75, casino.elicit
    assert casino.elicit.recall >= 0.38, casino.elicit


def test_casino_false_positive_ceilings(casino):
    assert casino.small_talk_only.rows > 500
    assert casino.small_talk_only.rate <= 0.05
    assert casino.small_talk.rate <= 0.11
    assert casino.non_strategic.rate <= 0.11


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
