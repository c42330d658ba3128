"""Scoring a session: pick the rubric, run a judge, assemble the scorecard. Used by the CLI and the app."""

from __future__ import annotations

from coach.core.detection import Detection
from coach.core.scorecard import (
    CriterionScore,
    DebriefView,
    Scorecard,
    judge_label,
    weighted_total,
)
from coach.core.session import Session
from coach.moves.detector import Detector
from coach.scenario.criteria import CriteriaLibrary
from coach.scenario.model import Scenario
from coach.scoring.coaching import top_changes
from coach.scoring.levels import LEVEL_RULE, attack_turns
from coach.scoring.manipulation import judge_flag
from coach.scoring.offline_judge import detect_all, file_quotes, score_criterion, score_flags
from coach.scoring.rubric import learner_lines, rubric_for


def assemble(
    session: Session,
    scenario: Scenario | None,
    library: CriteriaLibrary,
    criteria: list[CriterionScore],
    detector: Detector,
    judge_model: str | None = None,
    notes: list[str] | None = None,
    detections: list[Detection] | None = None,
) -> Scorecard:
    """The scorecard around a judge's criterion scores. Pass the judge's `detections` of the learner's
    lines when it has them, so the detector does not read every turn twice."""
    lines = learner_lines(session)
    flags = score_flags(library, lines, detections if detections is not None else detect_all(lines, detector), detector)
    steering = judge_flag(lines)  # lines aimed at the scoring: flagged whichever judge scored them
    if steering is not None:
        flags.append(steering)
    debrief = None
    if scenario is not None:
        d = scenario.debrief
        debrief = DebriefView(
            concession=scenario.counterpart.concession.summary,
            expert_approach=d.expert_approach,
            key_moves=list(d.key_moves),
            model_lines=list(d.model_lines),
            pitfalls=list(d.pitfalls),
        )
    prov = session.provenance
    notes = list(notes or [])
    costs = [f"{f.name} took {f.cost:g} points off ({f.count} turn{'s' if f.count != 1 else ''})" for f in flags if f.cost]
    if costs:
        notes.append("; ".join(costs) + ".")
    return Scorecard(
        session_id=session.id,
        scenario_id=scenario.id if scenario else session.scenario_id,
        scenario_title=scenario.title if scenario else "",
        difficulty=prov.difficulty if prov else None,
        outcome=session.outcome,
        judge=judge_label(criteria) if criteria else "offline",
        judge_model=judge_model,
        total=max(0.0, round(weighted_total(criteria) - sum(f.cost for f in flags), 1)),
        criteria=criteria,
        flags=[f.id for f in flags],
        flag_details=flags,
        top_changes=top_changes(criteria, flags),
        debrief=debrief,
        notes=notes,
    )


def score_offline(
    session: Session, scenario: Scenario | None, library: CriteriaLibrary, all_criteria: bool = False,
    detector: Detector | None = None,
) -> Scorecard:
    """Pass the scenario's `detector` when scoring many sessions (`Coach.detector_for`): building one reads
    the scenario's own criteria, and it remembers what the debrief's model lines show."""
    detector = detector or Detector(library, scenario.rubric.custom if scenario else ())
    lines = learner_lines(session)
    detections = detect_all(lines, detector)
    attacks = attack_turns(detector, detections)
    criteria = file_quotes([
        score_criterion(entry, lines, detections, scenario, detector, attacks=attacks)
        for entry in rubric_for(scenario, library, all_criteria)
    ])
    notes = [f"Scored by the offline detector ({LEVEL_RULE})."]
    return assemble(session, scenario, library, criteria, detector, notes=notes, detections=detections)
