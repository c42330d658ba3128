"""`coach check`: does a scenario separate a weak learner from a strong one when played offline?

Plays the offline counterpart against the synthetic weak, average and strong learners at every
difficulty, scores each session, and lists the offline lines never used and the rubric criteria that
nothing in the scenario reaches.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, Field

from coach.moves.detector import Detector
from coach.rehearsal.dialogue.facts import terms_in
from coach.rehearsal.dialogue.lines import norm
from coach.rehearsal.dialogue.objections import says_they_avoided
from coach.rehearsal.dialogue.voice import can_voice, counterpart_pronoun
from coach.rehearsal.synthetic import play_offline
from coach.scenario import LEVELS
from coach.scenario.criteria import CriteriaLibrary
from coach.scenario.loader import ScenarioFile
from coach.scenario.model import Scenario
from coach.scoring.score import score_offline

LEARNERS = ("weak", "average", "strong")
# Played too, only to see which lines an angry learner brings out: it takes no part in the verdict.
EXTRA_LEARNERS = ("aggressive",)


class Play(BaseModel):
    learner: str
    difficulty: str
    outcome: str
    agreed_at_turn: int | None = Field(None, description="Learner turn that earned the concession.")
    learner_turns: int
    total: float


class CheckResult(BaseModel):
    scenario_id: str

    @property
    def ok(self) -> bool:
        """It separates weak from strong and every scored criterion can be reached offline."""
        return self.separates and not self.unreachable

    plays: list[Play]
    separates: bool
    problems: list[str] = Field(default_factory=list, description="Why the scenario does not separate, if it doesn't.")
    unused_lines: list[str] = Field(default_factory=list, description="Offline lines no synthetic session used.")
    unreachable: list[str] = Field(default_factory=list, description="Rubric criteria nothing in the scenario reaches.")
    no_lines: list[str] = Field(
        default_factory=list,
        description="Moves the scenario scores or needs that the offline counterpart has no reaction or ask for.",
    )
    levels: dict[str, str] = Field(default_factory=dict, description="How the counterpart plays at each level.")
    authoring: list[str] = Field(
        default_factory=list,
        description="What would make the offline counterpart play better: question topics with no answer, "
        "objections with one press line or no nod for when they are pre-empted, lines that name terms the "
        "learner may never have proposed.",
    )


def _line_tables(s: Scenario) -> dict[str, list[str]]:
    """Every offline line list of the scenario, by where it lives in the file."""
    o = s.offline
    tables = {name: list(getattr(o, name)) for name in (
        "acknowledge", "vague", "hedging", "aggression", "concession", "close_agreed", "close_no_agreement",
        "close_impatient", "offtopic", "warmth")}
    tables |= {f"reactions.{k}": list(v) for k, v in o.reactions.items()}
    tables |= {f"asks.{k}": list(v) for k, v in o.asks.items()}
    tables |= {f"answers.{k}": list(v) for k, v in o.answers.items()}
    for obj in s.counterpart.objections:
        tables[f"objection.{obj.id}.press"] = list(obj.press)
        tables[f"objection.{obj.id}.accepted"] = list(obj.accepted)
        tables[f"objection.{obj.id}.pre_empted"] = list(obj.pre_empted)
    return tables


def _said(template: str, said: set[str]) -> bool:
    """Whether a line (its {slots} matching anything) is among the lines said."""
    pattern = re.compile("^" + r"\S.*?".join(re.escape(norm(part)) for part in re.split(r"\{\w+\}", template)) + "$")
    return any(pattern.match(line) for line in said)


TOPICS = ("constraint", "decision", "timing", "help", "feelings", "personal", "choice", "deflect")


def authoring_notes(s: Scenario) -> list[str]:
    """What a scenario author can add so the offline counterpart listens better."""
    o, notes = s.offline, []
    missing = [t for t in TOPICS if t not in o.answers]
    if missing:
        notes.append(f"[offline.answers] has no lines for: {', '.join(missing)} (a question on these gets a general "
                     "reply or a hidden constraint said plainly)")
    for obj in s.counterpart.objections:
        if len(obj.press) < 2:
            notes.append(f"objection '{obj.id}' has {len(obj.press)} press line(s): a learner who dodges it twice "
                         "hears a general one; add another")
        if obj.press and all(says_they_avoided(line) for line in obj.press):
            notes.append(f"objection '{obj.id}': every press line says the learner is skipping it, which is not said "
                         "to a learner who talks about it without answering; add one that asks for the answer")
        if not obj.pre_empted:
            notes.append(f"objection '{obj.id}' has no pre_empted lines: a learner who deals with it before it is "
                         "raised gets a general nod")
    for i, line in enumerate(o.concession):
        fixed = [term for term in terms_in(re.sub(r"\{\w+\}", "", line)).all()]
        if fixed:
            notes.append(f"concession[{i}] names {', '.join(repr(f) for f in fixed)}: it is said only when the learner "
                         "proposed that; use {days}, {date} or {duration} to echo what they said")
    cp = s.counterpart
    for i, fact in enumerate(cp.hidden_constraints):
        if not can_voice(fact, cp.name, counterpart_pronoun(cp)):
            notes.append(f"hidden_constraints[{i}] is never told offline: its he/she may be someone else (another name, "
                         "or not the pronoun the file uses for the counterpart); put what they would say into "
                         "[offline.answers]")
    if not o.offtopic or not o.warmth:
        notes.append("no offtopic or warmth lines: asides, apologies and nerves get general replies")
    if not o.farewell:
        notes.append("no farewell lines: a learner who leaves early gets a general goodbye")
    return notes


def missing_model_lines(s: Scenario, library: CriteriaLibrary, detector: Detector | None = None) -> list[str]:
    """Rubric criteria no debrief model line shows: their scorecard line offers no example from this scenario
    (it never borrows one from another world), only a rewrite of the learner's own line when it came close."""
    from coach.scoring.offline_judge import model_lines_for

    detector = detector or Detector(library, s.rubric.custom)
    return [f"rubric criterion '{item.id}' has no debrief model line that shows it (add one to [debrief] model_lines)"
            for item in s.rubric.criteria if detector.recognises(item.id) and not model_lines_for(item.id, s, detector)]


def level_summary(s: Scenario) -> dict[str, str]:
    out = {}
    for name in LEVELS:
        level = s.level(name)
        out[name] = (f"{level.objections} objection(s), evidence {level.evidence_needed}, patience {level.patience}, "
                     f"{level.max_turns} turns, presses {s.press_style(name)}, tells its side {s.volunteers(name)}")
    return out


def unreachable_criteria(s: Scenario, library: CriteriaLibrary, detector: Detector | None = None) -> list[str]:
    """Rubric criteria offline play can never reach: the detector cannot recognise them at all, nothing in
    the scenario responds to them, or no line anyone has written for them (its own example, the debrief's
    model lines) is recognised."""
    detector = detector or Detector(library, s.rubric.custom)
    known = {**library.by_id, **s.custom_criteria}
    answers = {c for o in s.counterpart.objections for c in o.answered_by}
    concession = set(s.counterpart.concession.requires) | set(s.counterpart.concession.supporting)
    shown_by_model_lines = {m for line in s.debrief.model_lines for m in detector.example_moves(line)}
    out = []
    for item in s.rubric.criteria:
        c = known[item.id]
        if not detector.recognises(item.id):
            out.append(f"{item.id}: offline play can never see it (a criterion of your own needs `examples`)")
        elif item.id not in detector.example_moves(c.example) and item.id not in shown_by_model_lines:
            out.append(f"{item.id}: the detector does not recognise its own example line or any debrief model line")
        elif item.id not in s.offline.reactions and item.id not in answers | concession:
            out.append(f"{item.id}: no offline reaction, objection or concession responds to it")
        elif s.debrief.model_lines and item.id not in shown_by_model_lines:
            out.append(f"{item.id}: none of the debrief's model_lines shows it")
    return out


def silent_moves(s: Scenario) -> list[str]:
    """Moves the rubric scores or the concession needs with neither a reaction nor an ask offline: the
    counterpart can only answer them with a generic acknowledgement."""
    wanted = [*s.counterpart.concession.requires, *s.counterpart.concession.supporting, *(i.id for i in s.rubric.criteria)]
    return [
        f"{cid}: no [offline.reactions] or [offline.asks] line"
        for cid in dict.fromkeys(wanted)
        if cid not in s.offline.reactions and cid not in s.offline.asks
    ]


async def check_scenario(item: ScenarioFile, library: CriteriaLibrary, seed: int = 0,
                         detector: Detector | None = None) -> CheckResult:
    """`detector`: the scenario's (`Coach.detector_for`); one is built otherwise, once for every play."""
    s = item.scenario
    detector = detector or Detector(library, s.rubric.custom)
    plays: list[Play] = []
    said: set[str] = set()
    for level in LEVELS:
        for learner in (*LEARNERS, *EXTRA_LEARNERS):
            rehearsal = await play_offline(item, library, learner, level, seed, detector)
            session = rehearsal.session
            card = score_offline(session, s, library, detector=detector)
            agreed_at = None
            count = 0
            for turn in session.turns:
                count += turn.speaker == "learner"
                if turn.state and turn.state.get("conceded") and agreed_at is None:
                    agreed_at = count
            said |= {norm(line) for line in (session.last_state() or {}).get("lines", [])}
            if learner in LEARNERS:
                plays.append(Play(learner=learner, difficulty=level, outcome=session.outcome, agreed_at_turn=agreed_at,
                                  learner_turns=count, total=card.total))

    problems = []
    by = {(p.learner, p.difficulty): p for p in plays}
    for level in LEVELS:
        weak, strong = by[("weak", level)], by[("strong", level)]
        if weak.outcome == "agreed":
            problems.append(f"{level}: the weak learner got the concession")
        if strong.outcome != "agreed":
            problems.append(f"{level}: the strong learner never got the concession")
        if strong.total <= weak.total:
            problems.append(f"{level}: the strong learner scored {strong.total:.0f}, not above the weak one ({weak.total:.0f})")
        elif strong.total < by[("average", level)].total:
            problems.append(f"{level}: the average learner outscored the strong one")

    unused = [
        f"{key}[{i}]: {line}"
        for key, lines in _line_tables(s).items()
        for i, line in enumerate(lines)
        if not _said(line, said)
    ]
    return CheckResult(
        scenario_id=s.id,
        plays=plays,
        separates=not problems,
        problems=problems,
        unused_lines=unused,
        unreachable=unreachable_criteria(s, library, detector),
        no_lines=silent_moves(s),
        levels=level_summary(s),
        authoring=authoring_notes(s) + missing_model_lines(s, library, detector),
    )


def check_text(result: CheckResult) -> str:
    verdict = "separates weak from strong" if result.separates else "DOES NOT separate weak from strong"
    if result.unreachable:
        verdict += f"; {len(result.unreachable)} rubric criteria cannot be reached"
    out = [f"{result.scenario_id}: {verdict}"]
    out.append(f"  {'level':<10}{'learner':<9}{'outcome':<14}{'agreed at':<11}{'turns':<7}score")
    for p in result.plays:
        agreed = f"turn {p.agreed_at_turn}" if p.agreed_at_turn else "-"
        out.append(f"  {p.difficulty:<10}{p.learner:<9}{p.outcome:<14}{agreed:<11}{p.learner_turns:<7}{p.total:.0f}")
    out += [f"  problem: {p}" for p in result.problems]
    out.append("  how hard each level is, and how it plays:")
    strong = {p.difficulty: p for p in result.plays if p.learner == "strong"}
    for name, how in result.levels.items():
        s = strong.get(name)
        verdict = (f"a strong learner agrees at turn {s.agreed_at_turn} and scores {s.total:.0f}"
                   if s and s.agreed_at_turn else "a strong learner never gets the concession")
        out.append(f"    {name:<10}{verdict}; {how}")
    sections = [
        ("to play better offline", result.authoring),
        ("rubric criteria nothing reaches", result.unreachable),
        ("moves the offline counterpart has no line for", result.no_lines),
        ("offline lines never used by the synthetic learners (weak, average, strong, aggressive) "
         f"({len(result.unused_lines)})", result.unused_lines),
    ]
    for title, items in sections:
        if items:
            out += [f"  {title}:", *(f"    {item}" for item in items)]
    return "\n".join(out)
