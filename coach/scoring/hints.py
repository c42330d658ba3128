"""One short, optional hint about the learner's last line, from the detector (shown only when asked)."""

from __future__ import annotations

from coach.rehearsal.rehearsal import Rehearsal
from coach.scenario.criteria import CriteriaLibrary


def hint(rehearsal: Rehearsal, criteria: CriteriaLibrary) -> str:
    session = rehearsal.session
    learner = [t for t in session.dialogue() if t.speaker == "learner"]
    library = {**criteria.by_id, **rehearsal.scenario.custom_criteria}
    if not learner:
        first = rehearsal.scenario.counterpart.concession.requires or rehearsal.scenario.counterpart.concession.supporting
        return f"Open with your ask. {library[first[0]].tip}" if first else "Say what you came to ask for."
    last = learner[-1]
    if "aggression" in last.flags:
        return f"That line read as aggressive. {library['aggression'].tip}"
    if "hedging" in last.flags:
        return f"That line hedged. {library['hedging'].tip}"
    shown = {m for t in learner for m in t.moves}
    concession = rehearsal.scenario.counterpart.concession
    missing = [c for c in [*concession.requires, *concession.supporting] if c not in shown and c in library]
    said = f"Your last line showed {', '.join(library[m].name.lower() for m in last.moves if m in library)}. " if last.moves else ""
    if missing:
        return f"{said}Next, try {library[missing[0]].name.lower()}: {library[missing[0]].tip}"
    return f"{said}You've covered the key moves; agree concrete next steps."
