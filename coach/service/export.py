"""One session as a document to keep or share: the transcript with turn numbers, the scorecard, the debrief.

The counterpart's hidden brief is left out unless asked for; an API key is never in a session at all.
"""

from __future__ import annotations

from coach.core.scorecard import Scorecard
from coach.core.session import Session
from coach.scenario.model import Scenario
from coach.scoring.markdown import scorecard_markdown

STATUS_NOTES = {
    "interrupted": " *(reply interrupted)*",
    "cancelled": " *(reply stopped)*",
    "unanswered": " *(no reply yet)*",
    "withheld": " *(paused for care; not passed to the counterpart)*",
}


def speaker_name(session: Session, scenario: Scenario | None, speaker: str) -> str:
    if speaker == "learner":
        return session.participant or "You"
    if speaker == "care":
        return "coach"
    return scenario.counterpart.name if scenario else "Counterpart"


def transcript_markdown(session: Session, scenario: Scenario | None) -> str:
    lines = []
    for number, turn in enumerate(session.turns, start=1):
        who = speaker_name(session, scenario, turn.speaker)
        text = turn.text.replace("\n", "  \n")
        note = f" *({turn.note})*" if turn.note else ""
        lines.append(f"**{number}. {who}:** {text}{STATUS_NOTES.get(turn.status, '')}{note}\n")
    return "\n".join(lines)


def brief_markdown(scenario: Scenario) -> str:
    c = scenario.counterpart
    out = ["## The counterpart's hidden brief\n", f"**Private goal:** {c.private_goal.strip()}\n", "**Hidden constraints**\n"]
    out += [f"- {h}" for h in c.hidden_constraints]
    out.append("\n**Objections**\n")
    out += [f"- {o.line}" for o in c.objections]
    out.append(f"\n**What would move them:** {c.concession.summary}")
    return "\n".join(out) + "\n"


def session_markdown(
    session: Session, scenario: Scenario | None, scorecard: Scorecard | None, include_brief: bool = False
) -> str:
    title = scenario.title if scenario else (session.scenario_id or "Rehearsal")
    prov = session.provenance
    meta = [f"session {session.id}", session.created_at.strftime("%Y-%m-%d %H:%M UTC"), f"outcome: {session.outcome}"]
    if prov:
        meta.insert(1, f"{prov.difficulty} · {prov.engine}" + (f" ({prov.model})" if prov.model else ""))
    if session.participant:
        meta.insert(0, session.participant)
    out = [f"# {title}", " · ".join(meta), ""]
    if scenario:
        out += ["## The situation\n", scenario.learner.situation.strip(), "", f"**Your goal:** {scenario.learner.goal}", ""]
    out += ["## Transcript\n", transcript_markdown(session, scenario)]
    if include_brief and scenario:
        out.append(brief_markdown(scenario))
    if scorecard:
        out.append(scorecard_markdown(scorecard).replace("# Scorecard:", "## Scorecard:", 1).replace("\n## ", "\n### "))
    return "\n".join(out).rstrip() + "\n"
