"""The model counterpart: an OpenAI-compatible chat model plays the scenario's counterpart.

The system prompt (firm rules, then the character brief) depends only on the scenario and difficulty, so
it is byte-identical on every turn and servers can cache it. The dialogue follows as assistant (the
counterpart) and user (the learner) messages; what the learner writes only ever goes in user messages.
Last comes one private system message for this request only: the stage direction (gate.py), and when
asking again, why. It is never saved.

The model proposes, the app decides: an <agreed/> counts only when the concession gate is open. A reply
that agreed too early, repeats an earlier one, or held nothing to say is asked for once more, and the
learner never sees the attempt that was refused: while the gate is shut each attempt is read whole before
any of it shows; once it is open, replies stream sentence by sentence. Either way labels, stage directions
and markdown are taken out and the reply is cut near its word budget (hygiene.py). The markers are taken
out of the text however the chunks split them (markers.py).
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any, Literal

from coach.core import prompts
from coach.core.config import Settings
from coach.core.counterpart import ReplyEnd, TurnContext
from coach.core.errors import EngineError
from coach.core.session import Session, Turn, Usage
from coach.llm import client as llm_client
from coach.llm import context, faults, pricing, tokens
from coach.rehearsal.engines import hygiene
from coach.rehearsal.engines.brief import (
    render_rules,
    render_system_prompt,
    word_budget,
)
from coach.rehearsal.engines.gate import Gates
from coach.rehearsal.engines.markers import MarkerFilter, ReplyLimit
from coach.scenario.model import Scenario

__all__ = ["LAST_TURN_NOTE", "MarkerFilter", "ModelCounterpart", "ReplyLimit", "dialogue_messages",
           "learner_turn_count", "render_system_prompt"]

TEMPERATURE = 0.7
PROMPTS = ("counterpart", "counterpart_brief", "counterpart_direction", "counterpart_not_yet", "counterpart_nudge",
           "counterpart_repeat", "counterpart_unusable")
CUT_OFF = " —"  # how a reply the learner interrupted (or that dropped) reads in the history
LAST_TURN_NOTE = (
    "(Time check, not said aloud: this is their last turn in the time you have. Reply in character and bring "
    "the conversation to a close: agree if the conditions are met, otherwise say where things stand and end "
    "politely. End this reply with <end/>.)"
)
WITHHELD = "the model agreed before the conditions for agreeing were met; coach withheld the agreement"
UNSPEAKABLE = ("the model's reply had nothing to say aloud (only labels, actions or its own instructions); coach "
               "used a line from the scenario instead")
# A server whose chat template takes one system message, first (some Jinja templates say so in a 400).
_ROLE_REFUSED = re.compile(r"alternat|roles? must|system (?:role|message|prompt)s? (?:is |are )?(?:not|only)")
_STOP_REFUSED = re.compile(r"['\"`]stop['\"`]|\bstop sequences?\b|\bparam\W+stop\b")


@dataclass
class _Attempt:
    """One request for a reply, and what came of it."""

    reply: hygiene.Assembler
    agreed: bool = False
    closed: bool = False
    care: bool = False
    finish: str | None = None
    over: str | None = None  # the size limit reached, described
    usage: Usage | None = None


@dataclass
class _Turn:
    """What one turn's requests share: where the gates stand and what the model is told privately."""

    gates: Gates
    last_turn: bool
    replies: list[str]
    notes: list[str] = field(default_factory=list)


class ModelCounterpart:
    kind: Literal["openai"] = "openai"

    def __init__(self, settings: Settings, seed: int = 0):
        llm_client.check(settings)
        self.settings = settings
        self.model: str | None = settings.model
        self.seed = seed
        self.counter = tokens.counter_for(settings.model)
        self.token_counting = self.counter.method
        self.prices = settings.prices
        self.budget = word_budget(settings.reply_max_tokens)
        # Request parameters a server refused with a 400, dropped for the rest of the session.
        self.omit: set[str] = set()
        self.rename_max_tokens = False
        self.one_system = False  # the server takes one system message only: private notes join the first
        self._client: Any = None
        self._client_loop: asyncio.AbstractEventLoop | None = None
        # Called with "rate limited (429); waiting 5 s before retry 1 of 2" while the client waits to
        # retry; the front end shows it (the CLI prints it, the app can show it in the status line).
        self.notice: llm_client.Notice | None = None
        self._system: dict[tuple[str, str], str] = {}

    # -- the protocol ------------------------------------------------------------------------------

    def cost(self, usage: Usage) -> float | None:
        return pricing.estimate_cost(self.model, usage, self.prices) if self.model else None

    def prompt_versions(self) -> dict[str, str]:
        return {name: prompts.version(name) for name in PROMPTS}

    def initial_state(self, scenario: Scenario, difficulty: str) -> None:
        return None

    async def stream(self, ctx: TurnContext) -> AsyncIterator[str | ReplyEnd]:
        turn = self._turn(ctx)
        gates = turn.gates
        voice = hygiene.Voice.of(ctx.scenario, self.budget, ctx.session.participant)
        rules = render_rules(ctx.scenario, self.settings.reply_max_tokens)
        first: _Attempt | None = None
        why: list[str] = []
        for ask in (1, 2):
            earlier = hygiene.Earlier(turn.replies, private=[rules, *turn.notes, *why])
            attempt = _Attempt(hygiene.Assembler(voice, earlier, hold=not (gates.met or gates.agreed)))
            try:
                async for text in self._read(self._request(ctx, [*turn.notes, *why]), attempt, voice.stops):
                    yield text
            except EngineError:
                if first is not None and not attempt.reply.shown:
                    attempt = first  # asking again failed before anything showed: the first reply, mended
                    break
                rest = attempt.reply.partial()
                if rest:
                    yield rest  # keep what arrived: the rehearsal saves it as an interrupted reply
                raise
            if attempt.care:
                yield ReplyEnd(care=True, usage=attempt.usage)
                return
            why = [] if ask == 2 else self._why(attempt, gates)
            if not why:
                break
            first = attempt

        agreed, closed, notes = attempt.agreed, attempt.closed or turn.last_turn, []
        if agreed and not gates.met and not gates.agreed:
            agreed, closed = False, turn.last_turn  # an <end/> that came with the agreement goes with it
            attempt.reply.withhold_agreement(gates.holding_line(turn.replies))
            notes.append(WITHHELD)
        held = not attempt.reply.shown
        text = attempt.reply.release()
        if not attempt.reply.shown and attempt.reply.raw.strip():  # asked twice, still nothing to say aloud
            text = attempt.reply.say(gates.holding_line(turn.replies))
            notes.append(UNSPEAKABLE)
        for piece in _pieces(text) if held else [text]:
            if piece:
                yield piece
                if held:
                    await asyncio.sleep(0)  # let a learner who stops the reply stop it between pieces
        if not attempt.reply.shown:
            raise faults.empty(self.settings)
        if attempt.over:
            notes.append(f"the server sent more than coach takes for one reply ({attempt.over}); the reply "
                         "was cut at its last full sentence")
        elif attempt.reply.runaway:
            notes.append(f"the model ran on far past the {self.budget}-word budget; the reply was cut at its last "
                         "full sentence within it")
        elif attempt.finish == "length":
            notes.append("the reply reached the length limit and was trimmed to its last full sentence")
        usage = _total(first.usage if first is not None and first is not attempt else None, attempt.usage)
        yield ReplyEnd(agreed=agreed, closed=closed, usage=usage, notes=notes)

    def _why(self, attempt: _Attempt, gates: Gates) -> list[str]:
        """Why this attempt is asked for again (nothing of it has shown), as notes for the model; [] to keep it."""
        reply, why = attempt.reply, []
        if reply.shown:
            return []
        if attempt.agreed and not gates.met and not gates.agreed:
            why.append(gates.not_yet())
        said = reply.repeated()
        if said:
            why.append(prompts.render("counterpart_repeat", said=f"“{said}”").strip())
        if not reply.speakable() and reply.raw.strip():
            why.append(prompts.text("counterpart_unusable").strip())
        return why

    # -- building the request ----------------------------------------------------------------------

    def system_prompt(self, scenario: Scenario, difficulty: str) -> str:
        """The stable part of every request: the same bytes on every turn of a session."""
        key = (scenario.id, difficulty)
        if key not in self._system:
            self._system[key] = render_system_prompt(scenario, difficulty, self.settings.reply_max_tokens)
        return self._system[key]

    def _turn(self, ctx: TurnContext) -> _Turn:
        turns = _answered_dialogue(ctx.session)
        gates = Gates.of(ctx.scenario, ctx.difficulty, turns, ctx.detection, agreed=ctx.session.outcome == "agreed")
        last_turn = sum(1 for t in turns if t.speaker == "learner") >= ctx.scenario.level(ctx.difficulty).max_turns
        replies = [t.text for t in turns if t.speaker == "partner"]
        notes = [gates.direction(replies)]
        if gates.stalled:
            notes.append(gates.nudge())
        if last_turn:
            notes.append(LAST_TURN_NOTE)
        return _Turn(gates, last_turn, replies, notes)

    def messages(self, ctx: TurnContext) -> tuple[list[dict[str, str]], bool]:
        """The chat messages for this turn's first request, and whether it is the learner's last turn."""
        turn = self._turn(ctx)
        return self._messages(ctx, turn.notes), turn.last_turn

    def _messages(self, ctx: TurnContext, private: list[str]) -> list[dict[str, str]]:
        messages: list[dict[str, str]] = [{"role": "system", "content": self.system_prompt(ctx.scenario, ctx.difficulty)}]
        messages += dialogue_messages(ctx.session)
        messages.append({"role": "system", "content": "\n\n".join(private)})
        return messages

    def _request(self, ctx: TurnContext, private: list[str]) -> list[dict[str, str]]:
        messages = context.fit(self._messages(ctx, private), self.settings.context_budget, self.counter)
        return _one_system(messages) if self.one_system else messages

    def _params(self, messages: list[dict[str, str]], omit: set[str], rename: bool, stops: tuple[str, ...]) -> dict[str, Any]:
        params: dict[str, Any] = {
            "model": self.model,
            "messages": messages,
            "stream": True,
            "stream_options": {"include_usage": True},
            "temperature": TEMPERATURE,
            "max_tokens": self.settings.reply_max_tokens,
            "seed": self.seed,
            "stop": list(stops),
        }
        if rename:
            params["max_completion_tokens"] = params.pop("max_tokens")
        for name in omit:
            params.pop(name, None)
        return params

    async def _open(self, messages: list[dict[str, str]], stops: tuple[str, ...]) -> Any:
        """Start the streamed request. A 400 that names a parameter this server does not take (and, once,
        any 400 while stream_options is sent) is answered by retrying without it; what worked is kept
        for the rest of the session."""
        import openai

        client = self._get_client()
        omit, rename, one = set(self.omit), self.rename_max_tokens, self.one_system
        for _ in range(7):
            try:
                sent = _one_system(messages) if one else messages
                response = await client.chat.completions.create(**self._params(sent, omit, rename, stops))
            except openai.BadRequestError as exc:
                error = faults.from_exception(exc, self.settings)
                if error.kind in ("context-length", "content-filter"):
                    raise error from None
                said = f"{faults.server_detail(exc)} {exc}".lower()
                if "max_tokens" in said and "max_completion_tokens" in said and not rename:
                    rename = True
                elif "temperature" in said and "temperature" not in omit:
                    omit.add("temperature")
                elif "seed" in said and "seed" not in omit:
                    omit.add("seed")
                elif _STOP_REFUSED.search(said) and "stop" not in omit:
                    omit.add("stop")  # hygiene still cuts a line written for the learner
                elif _ROLE_REFUSED.search(said) and not one:
                    one = True
                elif "stream_options" not in omit:
                    omit.add("stream_options")  # some servers reject it without saying so clearly
                else:
                    raise error from None
                continue
            except Exception as exc:  # noqa: BLE001
                raise faults.from_exception(exc, self.settings) from None
            self.omit, self.rename_max_tokens, self.one_system = omit, rename, one
            return response
        raise faults.fail("bad-request", f"The server at {llm_client.display_url(self.settings)} refused every "
                          "form of the request (400).", self.settings, retryable=False)

    # -- reading one reply -------------------------------------------------------------------------

    async def _read(self, messages: list[dict[str, str]], attempt: _Attempt, stops: tuple[str, ...]) -> AsyncIterator[str]:
        """Stream one attempt into `attempt.reply`, yielding what it lets show."""
        response = await self._open(messages, stops)
        markers = MarkerFilter()
        limit = ReplyLimit(self.settings.reply_max_tokens, self.counter)
        reply = attempt.reply
        usage: Any = None
        parsed = 0  # chunks that had the shape of a chat-completion chunk
        raw: list[str] = []
        try:
            try:
                async for chunk in response:
                    chunk_usage = getattr(chunk, "usage", None)
                    if chunk_usage is not None:
                        usage = chunk_usage
                    choices = getattr(chunk, "choices", None)
                    if type(choices) is not list:
                        continue
                    parsed += 1
                    if not choices:
                        continue
                    choice = choices[0]
                    delta = getattr(choice, "delta", None)
                    content = getattr(delta, "content", None) if delta is not None else None
                    if content and isinstance(content, str):
                        content, over = limit.take(content)
                        raw.append(content)
                        text = reply.feed(markers.feed(content))
                        if text:
                            yield text
                        if over:  # the server ignored max_tokens: stop reading, as if it had stopped there
                            attempt.finish, attempt.over = "length", limit.describe()
                            break
                        if reply.stop_reading:  # run away, or writing the learner's line: it ends here
                            attempt.finish = "stop" if reply.learner_line else "length"
                            break
                    reason = getattr(choice, "finish_reason", None)
                    if reason:
                        attempt.finish = reason
            except EngineError:
                raise
            except Exception as exc:  # noqa: BLE001 - every failure becomes a specific EngineError
                text = reply.feed(markers.drop())
                if text:
                    yield text
                raise faults.from_exception(exc, self.settings, during_stream=parsed > 0) from None
        finally:
            await _close(response)
        attempt.usage = self._usage(usage, messages, "".join(raw))
        if attempt.finish is None:
            text = reply.feed(markers.drop())
            if text:
                yield text
            raise faults.no_data(self.settings) if parsed == 0 else faults.dropped(self.settings)
        text = reply.feed(markers.finish())
        if text:
            yield text
        attempt.agreed, attempt.closed, attempt.care = markers.agreed, markers.closed, markers.care
        if attempt.finish == "content_filter":
            raise faults.content_filter(self.settings)
        reply.close(complete=attempt.finish != "length")

    def warm(self) -> None:
        """Build the client and load openai's resources now, so the first reply does not: the app starts a
        rehearsal in a thread (`rehearsal.factory.make_engine` calls this), off its event loop."""
        if self._client is None:
            self._client = llm_client.ready_client(self.settings, notice=self._tell)
            self._client_loop = None  # sent nothing yet: the first loop to use it owns its connections

    def _get_client(self) -> Any:
        loop = asyncio.get_running_loop()
        if self._client is not None and self._client_loop is None:
            self._client_loop = loop
        elif self._client is None or self._client_loop is not loop:
            # An httpx connection pool belongs to one event loop; a new loop gets a new client.
            self._client = llm_client.make_client(self.settings, notice=self._tell)
            self._client_loop = loop
        return self._client

    def _tell(self, message: str) -> None:
        if self.notice is not None:
            self.notice(message)

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.close()
            self._client = None

    def _usage(self, reported: Any, messages: list[dict[str, str]], text: str) -> Usage:
        prompt = getattr(reported, "prompt_tokens", None)
        completion = getattr(reported, "completion_tokens", None)
        if isinstance(prompt, int) and isinstance(completion, int):
            return Usage(prompt_tokens=prompt, completion_tokens=completion, reported=True)
        return Usage(
            prompt_tokens=self.counter.count_messages(messages),
            completion_tokens=self.counter.count(text),
            reported=False,
        )


async def _close(response: Any) -> None:
    try:
        await response.close()
    except Exception:  # noqa: BLE001 - closing a broken stream must not hide the real error
        pass


def _total(a: Usage | None, b: Usage | None) -> Usage | None:
    """Both attempts were paid for."""
    if a is None or b is None:
        return a or b
    return Usage(prompt_tokens=a.prompt_tokens + b.prompt_tokens,
                 completion_tokens=a.completion_tokens + b.completion_tokens, reported=a.reported and b.reported)


def _pieces(text: str) -> list[str]:
    """A held reply released word by word, as a stream would have shown it."""
    return re.findall(r"\s*\S+", text)


def _one_system(messages: list[dict[str, str]]) -> list[dict[str, str]]:
    """Every system message joined into the first, for servers that take no other."""
    system = [m["content"] for m in messages if m["role"] == "system"]
    rest = [m for m in messages if m["role"] != "system"]
    return [{"role": "system", "content": "\n\n".join(system)}, *rest] if len(system) > 1 else messages


# -- the conversation as chat messages -------------------------------------------------------------


def _answered_dialogue(session: Session) -> list[Turn]:
    turns = session.dialogue()
    latest = max((i for i, t in enumerate(turns) if t.speaker == "learner"), default=-1)
    return [t for i, t in enumerate(turns) if not (t.speaker == "learner" and t.status == "unanswered" and i != latest)]


def learner_turn_count(session: Session) -> int:
    """The learner's turns so far, counting the one being answered."""
    return sum(1 for t in _answered_dialogue(session) if t.speaker == "learner")


def dialogue_messages(session: Session) -> list[dict[str, str]]:
    """The role-play as chat messages: the counterpart's lines as assistant, the learner's as user.

    Lines that never got a reply are left out, except the learner's latest (the one being answered). A
    reply that was interrupted or cancelled is kept as far as it got, ending in a dash, because the
    learner saw it. Consecutive lines from one side are joined, so roles alternate.
    """
    out: list[dict[str, str]] = []
    for turn in _answered_dialogue(session):
        if turn.speaker == "learner":
            role, text = "user", turn.text
        elif turn.speaker == "partner":
            role, text = "assistant", turn.text
            if turn.status in ("interrupted", "cancelled"):
                text = text.rstrip() + CUT_OFF
        else:
            continue
        if out and out[-1]["role"] == role:
            out[-1]["content"] += "\n\n" + text
        else:
            out.append({"role": role, "content": text})
    return out


