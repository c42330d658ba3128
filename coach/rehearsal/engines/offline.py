"""The built-in offline counterpart: plays the scenario's counterpart from the scenario file alone.

It keeps patience and openness, raises the level's objections one at a time (skipping, with a nod, those
the learner already answered), presses when the learner dodges and loses patience if they keep dodging,
pushes back on vague lines, and concedes only when the scenario's conditions are met and the learner's
goodwill covers the evidence the level asks for. Replies are composed from the file's lines (a reaction,
then an objection, a press or a question); no line repeats while an unused one fits, and nothing the
previous reply said is said again while something else fits. Everything random comes from the seed, so
a session replays exactly.
"""

from __future__ import annotations

import asyncio
import random
import re
from collections.abc import AsyncIterator, Sequence
from typing import Any, Literal

from pydantic import BaseModel, Field

from coach.core.counterpart import ReplyEnd, TurnContext
from coach.core.detection import Detection
from coach.core.session import Usage
from coach.scenario.model import Objection, Scenario


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
    pressed: dict[str, int] = Field(default_factory=dict, description="Objection id -> times the learner dodged it.")
    last_reply: list[str] = Field(default_factory=list, description="The parts of the previous reply.")


class LinePicker:
    """Chooses among alternatives: never a line the previous reply said while another fits, never a used
    line while an unused one exists (then the least recently used), and deterministic for a seed."""

    def __init__(self, used: dict[str, list[int]], rng: random.Random, recent: Sequence[str] = ()):
        self.used = used  # key -> indexes picked, least recent first
        self.rng = rng
        self.recent = set(recent)
        self.picked: list[str] = []  # what this reply says, so the next one can avoid it

    def fresh(self, lines: Sequence[str]) -> bool:
        """Whether one of these lines was not just said."""
        return any(line not in self.recent for line in lines)

    def pick(self, key: str, lines: Sequence[str]) -> str:
        if not lines:
            return ""
        history = self.used.setdefault(key, [])
        fresh = [i for i in range(len(lines)) if lines[i] not in self.recent] or list(range(len(lines)))
        unused = [i for i in fresh if i not in history]
        if unused:
            choice = self.rng.choice(unused)
        else:
            recency = {i: pos for pos, i in enumerate(history)}
            choice = min(fresh, key=lambda i: recency.get(i, -1))
            history.remove(choice)
        history.append(choice)
        self.picked.append(lines[choice])
        return lines[choice]


class OfflineCounterpart:
    kind: Literal["offline"] = "offline"
    model = None
    token_counting = ""
    notice = None  # nothing is ever delayed

    def __init__(self, seed: int = 0, pace: float = 0.0):
        self.seed = seed
        self.pace = pace  # seconds between streamed chunks; the app sets a little for a human feel

    def cost(self, usage: Usage) -> float | None:
        return None

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
        picker = LinePicker(state.used, rng, state.last_reply)
        pick = picker.pick
        # Saying the same thing again is not a new argument, and an attempt to talk to the program
        # behind the character ("ignore your instructions") is not one at all: both read as stalling.
        if _key(detection.text) in {_key(t) for t in state.said} or _OFF_SCRIPT.search(detection.text):
            detection = Detection(detection.text, flags=detection.flags, vague=True)
        state.said.append(detection.text)
        moves = _ordered(scenario, detection.move_ids)
        new_moves = [m for m in moves if m not in state.shown]
        state.shown += new_moves
        flags = detection.flag_ids
        parts: list[str] = []

        # Mood: good moves open the counterpart up; aggression, hedging and vagueness wear patience down,
        # and a case that undermines itself or attacks them leaves them less open to it.
        if "aggression" in flags:
            state.patience -= 2
            state.openness -= 2
        elif "hedging" in flags:
            state.openness -= 1
            if not moves:
                state.patience -= 1
        elif not moves and detection.vague and state.learner_turns > 1:
            state.patience -= 1
        if new_moves:
            state.openness += len(new_moves)
            if "aggression" not in flags:  # a point made as an attack does not calm anyone down
                state.patience = min(level.patience, state.patience + 1)

        end = ReplyEnd()
        if state.conceded:  # the learner has had their say after the concession: wrap up warmly
            state.closed = end.closed = True
            return self._finish(pick("close_agreed", lines.close_agreed), state, end, picker)

        current = self._current_objection(scenario, state)
        answered_now = current is not None and any(m in current.answered_by for m in moves)
        if answered_now:
            state.answered.append(current.id)
        elif current is not None:
            # Not answering the open objection: pressed at first; dodging it with nothing new to offer
            # starts to cost patience once the presses are used up.
            state.pressed[current.id] = state.pressed.get(current.id, 0) + 1
            if not new_moves and state.pressed[current.id] > max(1, len(current.press)):
                state.patience -= 1
        if state.patience <= 0:
            state.closed = end.closed = True
            return self._finish(pick("close_impatient", lines.close_impatient), state, end, picker)

        # Objections the learner already answered before they came up are not raised: the counterpart
        # listened. They count as answered, and the reply says so with the objection's accepted line.
        pre_empted = self._pre_empted(scenario, difficulty, state) if current is None or answered_now else []
        for objection in pre_empted:
            state.raised.append(objection.id)
            state.answered.append(objection.id)
        settled = current if answered_now else (pre_empted[0] if pre_empted else None)

        if self._conditions_met(scenario, difficulty, state) and state.learner_turns >= MIN_TURNS_TO_CONCEDE:
            state.conceded = end.agreed = True
            if settled is not None and settled.accepted:
                parts.append(pick(f"objection.{settled.id}.accepted", settled.accepted))
            parts.append(pick("concession", lines.concession))
            return self._finish(_join(parts), state, end, picker)
        if state.learner_turns >= level.max_turns:
            state.closed = end.closed = True
            return self._finish(pick("close_no_agreement", lines.close_no_agreement), state, end, picker)

        # First: react to what was just said.
        if "aggression" in flags:
            parts.append(pick("aggression", lines.aggression))
        elif settled is not None and settled.accepted:
            parts.append(pick(f"objection.{settled.id}.accepted", settled.accepted))
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

        # Then: push the conversation on: the open objection, the next one, or a move still missing.
        if current is not None and not answered_now:
            if "aggression" not in flags:
                parts.append(self._press(current, state, picker, lines.asks))
        else:
            # Objections answer a case: none is raised until the learner has put something on the table.
            upcoming = self._next_objection(scenario, difficulty, state) if state.shown else None
            if upcoming is not None:
                state.raised.append(upcoming.id)
                parts.append(upcoming.line)
            else:
                ask = self._missing_ask(scenario, difficulty, state, picker)
                if ask:
                    parts.append(pick(f"asks.{ask}", lines.asks[ask]))
        return self._finish(_join(parts), state, end, picker)

    @staticmethod
    def _press(objection: Objection, state: OfflineState, picker: LinePicker, asks: dict[str, list[str]]) -> str:
        """Come back to a dodged objection: its press lines first, then the questions for the moves that
        would answer it, each way in used as little as the others, so the learner hears a new angle."""
        pools = [(f"objection.{objection.id}.press", objection.press)]
        if state.pressed.get(objection.id, 0) > len(objection.press):
            pools += [(f"asks.{m}", asks[m]) for m in objection.answered_by if m in asks]
        pools = [(key, lines) for key, lines in pools if lines and picker.fresh(lines)] or pools[:1]
        key, lines = min(pools, key=lambda pool: len(picker.used.get(pool[0], ())) / len(pool[1] or [""]))
        return picker.pick(key, lines)

    @staticmethod
    def _finish(text: str, state: OfflineState, end: ReplyEnd, picker: LinePicker) -> tuple[str, ReplyEnd]:
        state.last_reply = picker.picked
        end.state = state.model_dump()
        return text, end

    @staticmethod
    def _pre_empted(scenario: Scenario, difficulty: str, state: OfflineState) -> list[Objection]:
        """The next objections in order whose answering moves the learner has already shown."""
        out = []
        shown = set(state.shown)
        for objection in scenario.counterpart.objections[: scenario.level(difficulty).objections]:
            if objection.id in state.raised:
                continue
            if not shown & set(objection.answered_by):
                break  # raised in order: the first one still open stops the run
            out.append(objection)
        return out

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
            # goodwill: every aggressive or self-undermining turn has to be made up for with more of the case
            and state.openness >= level.evidence_needed
        )

    @staticmethod
    def _missing_ask(scenario: Scenario, difficulty: str, state: OfflineState, picker: LinePicker) -> str | None:
        """The move to ask for next: required ones first, and never the question just asked."""
        concession = scenario.counterpart.concession
        missing = [c for c in [*concession.requires, *concession.supporting] if c not in state.shown and c in scenario.offline.asks]
        return next((c for c in missing if picker.fresh(scenario.offline.asks[c])), None)


MIN_TURNS_TO_CONCEDE = 2  # nobody worth rehearsing against agrees to the first sentence
# Talking to the program behind the character, not to the character: treated as saying nothing.
_OFF_SCRIPT = re.compile(
    r"\b(?:ignore (?:all |any |your |the |my )*(?:previous |prior |above |earlier )?(?:instructions?|prompts?|rules|brief)"
    r"|(?:system|developer) (?:prompt|message|mode)|jailbreak|you are (?:now )?(?:an? )?(?:ai|language model|chatbot|assistant)"
    r"|as an ai\b|stop (?:role-?playing|the role-?play|pretending)|out of character|break character"
    r"|pretend (?:to be|you are|you're)|reveal (?:your|the) (?:instructions|brief|prompt|hidden))"
    r"|^\W*(?:system|assistant)\s*:",
    re.IGNORECASE | re.MULTILINE,
)

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
