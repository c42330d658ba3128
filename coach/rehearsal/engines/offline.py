"""The built-in offline counterpart: plays the scenario's counterpart from the scenario file alone.

It keeps patience and openness, raises the level's objections one at a time, presses when the learner
dodges, pushes back on vague lines, and concedes only when the scenario's conditions are met. Replies
are composed from the file's lines (a reaction, then an objection, a press or a question) and no line
repeats while an unused one fits. Everything random comes from the seed, so a session replays exactly.
"""

from __future__ import annotations

import asyncio
import random
import re
from collections.abc import AsyncIterator, Sequence
from typing import Any, Literal

from pydantic import BaseModel, Field

from coach.rehearsal.engines.base import ReplyEnd, TurnContext
from coach.scenario.model import Objection, Scenario
from coach.scoring.detector import Detection


class OfflineState(BaseModel):
    """The counterpart's mind between turns; saved on every reply so a rewind can restore it."""

    patience: int
    openness: int = 0
    learner_turns: int = 0
    shown: list[str] = Field(default_factory=list)
    raised: list[str] = Field(default_factory=list)
    answered: list[str] = Field(default_factory=list)
    conceded: bool = False
    closed: bool = False
    used: dict[str, list[int]] = Field(default_factory=dict)
    said: list[str] = Field(default_factory=list, description="The learner's lines so far, to notice repeats.")


class LinePicker:
    """Chooses among alternatives: never a used line while an unused one exists, never the same twice
    in a row, and deterministic for a seed."""

    def __init__(self, used: dict[str, list[int]], rng: random.Random):
        self.used = used
        self.rng = rng

    def pick(self, key: str, lines: Sequence[str]) -> str:
        if not lines:
            return ""
        history = self.used.setdefault(key, [])
        unused = [i for i in range(len(lines)) if i not in history]
        if unused:
            choice = self.rng.choice(unused)
        else:  # all used: the least recently used one
            recency = {i: pos for pos, i in enumerate(history)}
            choice = min(range(len(lines)), key=lambda i: recency.get(i, -1))
            history.remove(choice)
        history.append(choice)
        return lines[choice]


class OfflineCounterpart:
    kind: Literal["offline"] = "offline"
    model = None

    def __init__(self, seed: int = 0, pace: float = 0.0):
        self.seed = seed
        self.pace = pace  # seconds between streamed chunks; the app sets a little for a human feel

    def prompt_versions(self) -> dict[str, str]:
        return {"offline-engine": "1"}

    def initial_state(self, scenario: Scenario, difficulty: str) -> dict[str, Any]:
        return OfflineState(patience=scenario.level(difficulty).patience).model_dump()

    async def stream(self, ctx: TurnContext) -> AsyncIterator[str | ReplyEnd]:
        state = OfflineState.model_validate(ctx.session.last_state() or self.initial_state(ctx.scenario, ctx.difficulty))
        text, end = self.respond(ctx.scenario, ctx.difficulty, state, ctx.detection)
        for chunk in _chunks(text):
            if self.pace:
                await asyncio.sleep(self.pace)
            yield chunk
        yield end

    def respond(
        self, scenario: Scenario, difficulty: str, state: OfflineState, detection: Detection
    ) -> tuple[str, ReplyEnd]:
        """Decide the reply to one learner turn. Pure: the new state is in the returned ReplyEnd."""
        level = scenario.level(difficulty)
        lines = scenario.offline
        state = state.model_copy(deep=True)
        state.learner_turns += 1
        rng = random.Random(f"{self.seed}/{state.learner_turns}/{len(state.shown)}")
        pick = LinePicker(state.used, rng).pick
        # Saying the same thing again is not a new argument: it reads as stalling.
        if _key(detection.text) in {_key(t) for t in state.said}:
            detection = Detection(detection.text, flags=detection.flags, vague=True)
        state.said.append(detection.text)
        moves = _ordered(scenario, detection.move_ids)
        new_moves = [m for m in moves if m not in state.shown]
        state.shown += new_moves
        flags = detection.flag_ids
        parts: list[str] = []

        # Mood: good moves open the counterpart up; aggression, hedging and vagueness wear patience down.
        if "aggression" in flags:
            state.patience -= 2
            state.openness -= 2
        elif "hedging" in flags and not moves:
            state.patience -= 1
        elif not moves and detection.vague and state.learner_turns > 1:
            state.patience -= 1
        if new_moves:
            state.openness += len(new_moves)
            state.patience = min(level.patience, state.patience + 1)

        end = ReplyEnd()
        if state.conceded:  # the learner has had their say after the concession: wrap up warmly
            state.closed = end.closed = True
            return self._finish(pick("close_agreed", lines.close_agreed), state, end)
        if state.patience <= 0:
            state.closed = end.closed = True
            return self._finish(pick("close_impatient", lines.close_impatient), state, end)

        current = self._current_objection(scenario, state)
        answered_now = current is not None and any(m in current.answered_by for m in moves)
        if answered_now:
            state.answered.append(current.id)

        if self._conditions_met(scenario, difficulty, state):
            state.conceded = end.agreed = True
            if answered_now and current.accepted:
                parts.append(pick(f"objection.{current.id}.accepted", current.accepted))
            parts.append(pick("concession", lines.concession))
            return self._finish(_join(parts), state, end)
        if state.learner_turns >= level.max_turns:
            state.closed = end.closed = True
            return self._finish(pick("close_no_agreement", lines.close_no_agreement), state, end)

        # First: react to what was just said.
        if "aggression" in flags:
            parts.append(pick("aggression", lines.aggression))
        elif answered_now and current.accepted:
            parts.append(pick(f"objection.{current.id}.accepted", current.accepted))
        elif new_moves and new_moves[0] in lines.reactions:
            parts.append(pick(f"reactions.{new_moves[0]}", lines.reactions[new_moves[0]]))
        elif "hedging" in flags:
            parts.append(pick("hedging", lines.hedging))
        elif moves:
            reacted = next((m for m in moves if m in lines.reactions), None)
            parts.append(pick(f"reactions.{reacted}", lines.reactions[reacted]) if reacted else pick("acknowledge", lines.acknowledge))
        elif detection.vague and state.learner_turns > 1:
            parts.append(pick("vague", lines.vague))
        else:
            parts.append(pick("acknowledge", lines.acknowledge))

        # Then: push the conversation on: an open objection, the next one, or a move still missing.
        if current is not None and not answered_now:
            if current.press and state.raised[-1] == current.id and "aggression" not in flags:
                parts.append(pick(f"objection.{current.id}.press", current.press))
        else:
            # Objections answer a case: none is raised until the learner has put something on the table.
            upcoming = self._next_objection(scenario, difficulty, state) if state.shown else None
            if upcoming is not None:
                state.raised.append(upcoming.id)
                parts.append(upcoming.line)
            else:
                ask = self._missing_ask(scenario, difficulty, state)
                if ask:
                    parts.append(pick(f"asks.{ask}", lines.asks[ask]))
        return self._finish(_join(parts), state, end)

    @staticmethod
    def _finish(text: str, state: OfflineState, end: ReplyEnd) -> tuple[str, ReplyEnd]:
        end.state = state.model_dump()
        return text, end

    @staticmethod
    def _current_objection(scenario: Scenario, state: OfflineState) -> Objection | None:
        for objection in scenario.counterpart.objections:
            if objection.id in state.raised and objection.id not in state.answered:
                return objection
        return None

    @staticmethod
    def _next_objection(scenario: Scenario, difficulty: str, state: OfflineState) -> Objection | None:
        allowed = scenario.counterpart.objections[: scenario.level(difficulty).objections]
        return next((o for o in allowed if o.id not in state.raised), None)

    @staticmethod
    def _conditions_met(scenario: Scenario, difficulty: str, state: OfflineState) -> bool:
        concession = scenario.counterpart.concession
        level = scenario.level(difficulty)
        shown = set(state.shown)
        allowed = [o.id for o in scenario.counterpart.objections[: level.objections]]
        return (
            set(concession.requires) <= shown
            and len(shown & set(concession.supporting)) >= level.evidence_needed
            and all(oid in state.answered for oid in allowed)
        )

    @staticmethod
    def _missing_ask(scenario: Scenario, difficulty: str, state: OfflineState) -> str | None:
        concession = scenario.counterpart.concession
        for cid in [*concession.requires, *concession.supporting]:
            if cid not in state.shown and cid in scenario.offline.asks:
                return cid
        return None


_OPENERS = re.compile(r"^(okay|ok|right|sure|well|look|fine|good|yes|alright|hm+|mm+)\b[,.!]?\s+", re.IGNORECASE)


def _join(parts: list[str]) -> str:
    """Join reply parts as one utterance: two parts opening with the same 'Okay.' keep only the first."""
    out: list[str] = []
    for part in filter(None, parts):
        opener = _OPENERS.match(part)
        if out and opener and (prev := _OPENERS.match(out[-1])) and prev.group(1).lower() == opener.group(1).lower():
            part = part[opener.end() :]
            part = part[:1].upper() + part[1:]
        out.append(part)
    return " ".join(out)


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def _ordered(scenario: Scenario, move_ids: frozenset[str]) -> list[str]:
    """Moves in the order the counterpart cares about: required, then supporting, then the rest."""
    concession = scenario.counterpart.concession
    priority = [*concession.requires, *concession.supporting]
    return sorted(move_ids, key=lambda m: (priority.index(m) if m in priority else len(priority), m))


def _chunks(text: str, words: int = 3) -> list[str]:
    tokens = text.split(" ")
    return [" ".join(tokens[i : i + words]) + (" " if i + words < len(tokens) else "") for i in range(0, len(tokens), words)]
