"""The words `coach rehearse` prints around the conversation: the briefing and the help line before it,
the scorecard after it.

The briefing shows only what the learner is meant to know (the scenario's learner side, the
counterpart's name, role and relationship, the level's one-line description): never the counterpart's
private goal, hidden constraints or objections.
"""

from __future__ import annotations

from coach.cli.screen import BOLD, DIM, Screen
from coach.core.scorecard import Scorecard
from coach.core.session import outcome_label
from coach.rehearsal.rehearsal import Rehearsal
from coach.scoring.markdown import JUDGES, bar

HELP = "Type your line and press Enter · /hint · /rewind · /end (or Ctrl+D) to finish and see your scorecard · /help"
HELP_MORE = ("/hint: a hint about your last line · /rewind: take back your last line to say it again "
             "(/rewind 2: your second line and all after it) · /end: finish and see your scorecard")


def flat(text: str) -> str:
    """A scenario field written over several lines: one line per paragraph (blank lines separate them)."""
    return "\n".join(" ".join(p.split()) for p in text.strip().split("\n\n") if p.strip())


def show_briefing(screen: Screen, rehearsal: Rehearsal) -> None:
    s = rehearsal.scenario
    c = s.counterpart
    role = flat(s.learner.role)
    if s.learner.perspective == "manager":
        role += " You lead this conversation as the manager."
    screen.gap()
    screen.say(role, lead="Your role: ")
    screen.say(flat(s.learner.situation))
    screen.gap()
    screen.say(flat(s.learner.goal), lead="Your goal: ")
    screen.say(flat(s.learner.good_outcome), lead="A good outcome: ")
    screen.gap()
    screen.say(f"{flat(c.name)}, {flat(c.role)}. {flat(c.relationship)}", lead="You are talking to: ")
    screen.say(flat(s.level(rehearsal.difficulty).description), lead=f"Difficulty ({rehearsal.difficulty}): ")
    screen.gap()


def show_help(screen: Screen, more: bool = False) -> None:
    screen.say(HELP, style=DIM)
    if more:
        screen.say(HELP_MORE, style=DIM)


def show_scorecard(screen: Screen, card: Scorecard, session_id: str) -> None:
    """The scorecard in a few lines: the total, what to change, each criterion's score and what that
    score means; the whole card (evidence, better lines, debrief) is one command away."""
    screen.gap()
    title = card.scenario_title or card.scenario_id or "your rehearsal"
    screen.say(f"Scorecard: {title}", style=BOLD)
    meta = [f"{card.total:.0f}/100"]
    if card.difficulty:
        meta.append(card.difficulty)
    if card.outcome:
        meta.append(outcome_label(card.outcome))
    meta.append("judged by " + JUDGES[card.judge] + (f" ({card.judge_model})" if card.judge_model else ""))
    screen.say(" · ".join(meta[1:]), lead=f"{meta[0]} · ")
    if card.top_changes:
        screen.gap()
        screen.say("What to change next time", style=BOLD)
        for i, change in enumerate(card.top_changes, start=1):
            screen.say(change, lead=f"{i}. ", lead_style="")
    screen.gap()
    screen.say("Criteria", style=BOLD)
    for c in card.criteria:
        screen.say(f"{c.name}", lead=f"{bar(c.score)} {c.score}/4  ", lead_style="")
        screen.say(c.level, style=DIM, lead=" " * 10, lead_style="")
    for f in card.flag_details:
        screen.say(f"{f.name} in {f.count} of your turns. {f.tip}", lead="Watch out: ")
    for note in card.notes:
        screen.say(note, style=DIM)
    screen.gap()
    screen.say(f"The whole card, with the evidence, better lines and an expert debrief: coach export {session_id}",
               style=DIM)
