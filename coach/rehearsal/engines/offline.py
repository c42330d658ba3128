"""The built-in offline counterpart: plays the scenario's counterpart from the scenario file alone.

It listens: it remembers the whole conversation (coach/rehearsal/dialogue/), answers questions, raises the
level's objections one at a time (with a nod for those the learner already dealt with), presses when the
learner dodges, and concedes only when the scenario's conditions are met and the learner's goodwill covers
the evidence the level asks for. Every line comes from the scenario file, or from the general lines in
prompts/offline-lines.toml when the file has none for the moment. Everything random comes from the seed,
so a session replays exactly.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any, Literal

from coach.core.counterpart import ReplyEnd, TurnContext
from coach.core.detection import Detection
from coach.core.session import Usage
from coach.moves.model import shared_asking_model, shared_hazard_model, shared_question_model
from coach.rehearsal.dialogue.policy import respond
from coach.rehearsal.dialogue.state import DialogueState
from coach.scenario.model import Scenario

OfflineState = DialogueState  # the name saved sessions' states were written under


class OfflineCounterpart:
    kind: Literal["offline"] = "offline"
    model = None
    token_counting = ""
    notice = None  # nothing is ever delayed

    def __init__(self, seed: int = 0, pace: float = 0.0):
        self.seed = seed
        self.pace = pace  # seconds between streamed chunks; the app sets a little for a human feel
        # The hazard reader (about 40 ms to load) is read here, where the rehearsal is built (a thread in the
        # app), not on the first reply, which runs on the app's event loop.
        shared_hazard_model()
        shared_question_model()
        shared_asking_model()

    def cost(self, usage: Usage) -> float | None:
        return None

    def prompt_versions(self) -> dict[str, str]:
        return {"offline-engine": "2"}

    def initial_state(self, scenario: Scenario, difficulty: str) -> dict[str, Any]:
        state = DialogueState(patience=scenario.level(difficulty).patience, lines=[scenario.counterpart.opening_line],
                              plainly={})
        return state.model_dump()

    async def stream(self, ctx: TurnContext) -> AsyncIterator[str | ReplyEnd]:
        state = DialogueState.model_validate(ctx.session.last_state() or self.initial_state(ctx.scenario, ctx.difficulty))
        text, end = self.respond(ctx.scenario, ctx.difficulty, state, ctx.detection)
        for chunk in _chunks(text):
            if self.pace:
                await asyncio.sleep(self.pace)
            yield chunk
        yield end

    def respond(self, scenario: Scenario, difficulty: str, state: DialogueState, detection: Detection) -> tuple[str, ReplyEnd]:
        """Decide the reply to one learner turn. Pure: the new state is in the returned ReplyEnd."""
        return respond(scenario, difficulty, state, detection, self.seed)


def _chunks(text: str, words: int = 3) -> list[str]:
    tokens = text.split(" ")
    return [" ".join(tokens[i : i + words]) + (" " if i + words < len(tokens) else "") for i in range(0, len(tokens), words)]
