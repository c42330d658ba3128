"""Synthetic learners built from the criteria library's example lines, for realism tests and `coach check`.

- weak: vague and hedging, never makes a case;
- average: shows some evidence but never makes the moves the scenario requires;
- strong: answers whatever objection was just raised, gives again a move asked for by name, and adds the moves
  the scenario rewards;
- aggressive: threats and blame.
They only hear what the counterpart says (the last partner line), like a real learner would.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field

from coach.core.events import ReplyDone
from coach.moves.detector import Detector
from coach.rehearsal.dialogue import lines as general_lines
from coach.rehearsal.engines.offline import OfflineCounterpart
from coach.rehearsal.rehearsal import Rehearsal
from coach.scenario.criteria import CriteriaLibrary
from coach.scenario.loader import ScenarioFile
from coach.scenario.model import Scenario

VAGUE_LINES = [
    "Hi. So, um, I wanted to talk about some stuff.",
    "I just feel like things could be better, you know?",
    "I guess I'd like more, sort of.",
    "I'm not sure. Whatever you think.",
    "Kind of everything, really.",
    "I don't know, it's just a feeling.",
]

Learner = Callable[[Scenario, str | None, int], str]


def confirming(scenario: Scenario) -> list[str]:
    """The counterpart's lines that ask for the terms in one line: the ask, asked for by name."""
    return general_lines.general(scenario.learner.perspective)["confirm_ask"]


@dataclass
class StrongLearner:
    library: CriteriaLibrary
    said: list[str] = field(default_factory=list)

    def example(self, scenario: Scenario, cid: str) -> str:
        criterion = scenario.custom_criteria.get(cid) or self.library.by_id[cid]
        self.said.append(cid)
        return criterion.example

    def __call__(self, scenario: Scenario, partner: str | None, turn: int) -> str:
        concession = scenario.counterpart.concession
        parts: list[str] = []
        for objection in scenario.counterpart.objections:  # answer the objection just heard
            heard = [objection.line, *objection.press]
            if partner and any(line.lower() in partner.lower() for line in heard):  # a press may come with "No rush, but"
                answer = min(objection.answered_by, key=self.said.count)
                parts.append(self.example(scenario, answer))
                break
        # a move asked for by name ("So what's the ask?") is given again, plainly, as a strong learner would
        rewarded = [*concession.requires, *concession.supporting]
        asked = [cid for cid, lines in scenario.offline.asks.items() if cid in rewarded and cid in self.said
                 and partner and any(line.lower() in partner.lower() for line in lines)]
        if not asked and partner and any(line.lower() in partner.lower() for line in confirming(scenario)):
            asked = [cid for cid in concession.requires if cid in self.said]  # "what would I be agreeing to?"
        parts += [self.example(scenario, cid) for cid in asked[:1]]
        wanted = [c for c in rewarded if c not in self.said]
        for cid in wanted[: 2 if parts else 3]:
            parts.append(self.example(scenario, cid))
        if not parts:
            parts.append(self.example(scenario, "next-steps" if scenario.learner.perspective == "employee" else "offers-support"))
        return " ".join(parts)


@dataclass
class AverageLearner:
    library: CriteriaLibrary

    def __call__(self, scenario: Scenario, partner: str | None, turn: int) -> str:
        # Some evidence, but never the scenario's required moves: a case without an ask.
        required = set(scenario.counterpart.concession.requires)
        usable = [c for c in scenario.counterpart.concession.supporting if c not in required]
        cid = usable[turn % len(usable)] if usable and turn % 2 == 0 else None
        vague = VAGUE_LINES[turn % len(VAGUE_LINES)]
        return f"{vague} {self.library.by_id[cid].example}" if cid in self.library.by_id else vague


@dataclass
class WeakLearner:
    library: CriteriaLibrary

    def __call__(self, scenario: Scenario, partner: str | None, turn: int) -> str:
        if turn % 3 == 1:
            return self.library.by_id["hedging"].example
        return VAGUE_LINES[turn % len(VAGUE_LINES)]


@dataclass
class AggressiveLearner:
    library: CriteriaLibrary

    LINES = (
        "This is ridiculous. You never listen to anything I say.",
        "It's your fault this team is a mess, and you know it.",
        "Give me what I want or I'll quit, simple as that.",
    )

    def __call__(self, scenario: Scenario, partner: str | None, turn: int) -> str:
        if turn == 0:
            return self.library.by_id["aggression"].example
        return self.LINES[turn % len(self.LINES)]


LEARNERS: dict[str, Callable[[CriteriaLibrary], Learner]] = {
    "weak": WeakLearner,
    "average": AverageLearner,
    "strong": StrongLearner,
    "aggressive": AggressiveLearner,
}


async def play_offline(
    item: ScenarioFile, library: CriteriaLibrary, learner: str, difficulty: str, seed: int = 0,
    detector: Detector | None = None,
) -> Rehearsal:
    """Play a whole offline session with a synthetic learner (not saved anywhere). Pass the scenario's
    `detector` when playing it many times."""
    speak = LEARNERS[learner](library)
    detector = detector or Detector(library, item.scenario.rubric.custom)
    rehearsal = Rehearsal.begin(item, difficulty, OfflineCounterpart(seed=seed), detector)
    budget = item.scenario.level(difficulty).max_turns + 2
    for turn in range(budget):
        if rehearsal.ended:
            break
        line = speak(item.scenario, rehearsal.session.last_partner_text(), turn)
        async for event in rehearsal.send(line):
            if isinstance(event, ReplyDone):
                pass
    return rehearsal


def play_offline_sync(item: ScenarioFile, library: CriteriaLibrary, learner: str, difficulty: str, seed: int = 0) -> Rehearsal:
    return asyncio.run(play_offline(item, library, learner, difficulty, seed))
