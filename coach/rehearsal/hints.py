"""One short, optional hint about the learner's last line, from the detector (shown only when asked)."""

from __future__ import annotations

from coach.rehearsal.rehearsal import Rehearsal
from coach.scenario.criteria import CriteriaLibrary


def hint(rehearsal: Rehearsal, criteria: CriteriaLibrary) -> str:
    session = rehearsal.session
    learner = [t for t in session.dialogue() if t.speaker == "learner"]
    library = {**criteria.by_id, **rehearsal.scenario.custom_criteria}
    concession = rehearsal.scenario.counterpart.concession
    wanted = [c for c in [*concession.requires, *concession.supporting] if c in library]
    if not learner:
        return f"Start with: {library[wanted[0]].name}. {library[wanted[0]].tip}" if wanted else "Say what you came for."
    last = learner[-1]
    if "aggression" in last.flags:
        return f"That line read as aggressive. {library['aggression'].tip}"
    if "hedging" in last.flags:
        return f"That line hedged. {library['hedging'].tip}"
    shown = {m for t in learner for m in t.moves}
    names = [library[m].name for m in last.moves if m in library]
    said = f"Your last line showed: {'; '.join(names)}. " if names else "Your last line showed none of the key moves. "
    missing = [c for c in wanted if c not in shown]
    if missing:
        return f"{said}Still missing: {library[missing[0]].name}. {library[missing[0]].tip}"
    return f"{said}You've covered the key moves; agree concrete next steps."
