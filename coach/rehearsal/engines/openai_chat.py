"""The model counterpart: an OpenAI-compatible chat model plays the scenario's counterpart.

The system prompt (firm rules, then the character brief) depends only on the scenario and difficulty, so
it is byte-identical on every turn and servers can cache it. The dialogue follows as assistant (the
counterpart) and user (the learner) messages; what the learner writes only ever goes in user messages.
The model signals the outcome with <agreed/> and <end/> at the end of a reply; the markers are taken out
of the streamed text, even when split across chunks or written a little differently.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from functools import lru_cache
from typing import Any, Literal

from coach.core import prompts
from coach.core.config import Settings
from coach.core.counterpart import ReplyEnd, TurnContext
from coach.core.errors import EngineError
from coach.core.session import Session, Usage
from coach.llm import client as llm_client
from coach.llm import context, faults, pricing, tokens
from coach.scenario.model import Scenario

TEMPERATURE = 0.7
PROMPTS = ("counterpart", "counterpart_brief")
CUT_OFF = " —"  # how a reply the learner interrupted (or that dropped) reads in the history
LAST_TURN_NOTE = (
    "(Time check, not said aloud: this is their last turn in the time you have. Reply in character and bring "
    "the conversation to a close: agree if the conditions are met, otherwise say where things stand and end "
    "politely. End this reply with <end/>.)"
)


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
        # Request parameters a server refused with a 400, dropped for the rest of the session.
        self.omit: set[str] = set()
        self.rename_max_tokens = False
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
        messages, last_turn = self.messages(ctx)
        messages = context.fit(messages, self.settings.context_budget, self.counter)
        response = await self._open(messages)
        markers = MarkerFilter()
        tail = TailGuard(self.settings.reply_max_tokens)
        limit = ReplyLimit(self.settings.reply_max_tokens, self.counter)
        finish: str | None = None
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
                    if content:
                        content, over = limit.take(content)
                        raw.append(content)
                        text = tail.feed(markers.feed(content))
                        if text:
                            yield text
                        if over:  # the server ignored max_tokens: stop reading, as if it had stopped there
                            finish = "length"
                            break
                    reason = getattr(choice, "finish_reason", None)
                    if reason:
                        finish = reason
            except EngineError:
                raise
            except Exception as exc:  # noqa: BLE001 - every failure becomes a specific EngineError
                rest = tail.flush(markers.drop())
                if rest:
                    yield rest  # keep what arrived: the rehearsal saves it as an interrupted reply
                raise faults.from_exception(exc, self.settings, during_stream=parsed > 0) from None
        finally:
            await _close(response)

        if finish is None:
            rest = tail.flush(markers.drop())
            if rest:
                yield rest
            raise faults.no_data(self.settings) if parsed == 0 else faults.dropped(self.settings)
        text = tail.finish(markers.finish(), cut=finish == "length")
        if text:
            yield text
        if finish == "content_filter":
            raise faults.content_filter(self.settings)
        if markers.care:
            yield ReplyEnd(care=True, usage=self._usage(usage, messages, "".join(raw)))
            return
        if not tail.emitted.strip():
            raise faults.empty(self.settings)
        notes = []
        if limit.over:
            notes.append(f"the server sent more than coach takes for one reply ({limit.describe()}); the reply "
                         "was cut at its last full sentence")
        elif finish == "length":
            notes.append("the reply reached the length limit and was trimmed to its last full sentence")
        yield ReplyEnd(
            agreed=markers.agreed,
            closed=markers.closed or last_turn,
            usage=self._usage(usage, messages, "".join(raw)),
            notes=notes,
        )

    # -- building the request ----------------------------------------------------------------------

    def system_prompt(self, scenario: Scenario, difficulty: str) -> str:
        """The stable part of every request: the same bytes on every turn of a session."""
        key = (scenario.id, difficulty)
        if key not in self._system:
            self._system[key] = render_system_prompt(scenario, difficulty, self.settings.reply_max_tokens)
        return self._system[key]

    def messages(self, ctx: TurnContext) -> tuple[list[dict[str, str]], bool]:
        """The chat messages for this turn, and whether it is the learner's last turn."""
        messages: list[dict[str, str]] = [{"role": "system", "content": self.system_prompt(ctx.scenario, ctx.difficulty)}]
        messages += dialogue_messages(ctx.session)
        last_turn = learner_turn_count(ctx.session) >= ctx.scenario.level(ctx.difficulty).max_turns
        if last_turn:
            messages.append({"role": "system", "content": LAST_TURN_NOTE})
        return messages, last_turn

    def _params(self, messages: list[dict[str, str]], omit: set[str], rename: bool) -> dict[str, Any]:
        params: dict[str, Any] = {
            "model": self.model,
            "messages": messages,
            "stream": True,
            "stream_options": {"include_usage": True},
            "temperature": TEMPERATURE,
            "max_tokens": self.settings.reply_max_tokens,
            "seed": self.seed,
        }
        if rename:
            params["max_completion_tokens"] = params.pop("max_tokens")
        for name in omit:
            params.pop(name, None)
        return params

    async def _open(self, messages: list[dict[str, str]]) -> Any:
        """Start the streamed request. A 400 that names a parameter this server does not take (and, once,
        any 400 while stream_options is sent) is answered by retrying without it; what worked is kept
        for the rest of the session."""
        import openai

        client = self._get_client()
        omit, rename = set(self.omit), self.rename_max_tokens
        for _ in range(5):
            try:
                response = await client.chat.completions.create(**self._params(messages, omit, rename))
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
                elif "stream_options" not in omit:
                    omit.add("stream_options")  # some servers reject it without saying so clearly
                else:
                    raise error from None
                continue
            except Exception as exc:  # noqa: BLE001
                raise faults.from_exception(exc, self.settings) from None
            self.omit, self.rename_max_tokens = omit, rename
            return response
        raise faults.fail("bad-request", f"The server at {llm_client.display_url(self.settings)} refused every "
                          "form of the request (400).", self.settings, retryable=False)

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


# -- the conversation as chat messages -------------------------------------------------------------


def _answered_dialogue(session: Session) -> list:
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


# -- the system prompt -------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _criteria_names() -> dict[str, str]:
    try:
        from coach.scenario import load_criteria

        return {c.id: f"{c.name}: {_oneline(c.description)}" for c in load_criteria().criterion}
    except Exception:  # noqa: BLE001 - a prompt can do with the ids
        return {}


def _oneline(text: str) -> str:
    return " ".join(text.split())


def _describe(scenario: Scenario, criterion_id: str) -> str:
    custom = scenario.custom_criteria.get(criterion_id)
    if custom is not None:
        return f"{custom.name}: {_oneline(custom.description)}"
    return _criteria_names().get(criterion_id) or criterion_id.replace("-", " ")


def _names(scenario: Scenario, criterion_id: str) -> str:
    return _describe(scenario, criterion_id).split(":", 1)[0].lower()


def render_system_prompt(scenario: Scenario, difficulty: str, reply_max_tokens: int = 300) -> str:
    c = scenario.counterpart
    level = scenario.level(difficulty)
    raised = c.objections[: level.objections]
    if raised:
        objections = "\n".join(
            f"{n}. {_oneline(o.line)}\n   It is answered when they show: "
            + "; ".join(_names(scenario, a) for a in o.answered_by) + "."
            for n, o in enumerate(raised, start=1)
        )
    else:
        objections = "None at this difficulty: you are open to the idea, but the conditions below still apply."
    bullets = lambda ids: "\n".join(f"- {_describe(scenario, i)}" for i in ids) or "- (nothing in particular)"  # noqa: E731
    rules = prompts.render("counterpart", name=c.name, max_words=max(30, min(90, int(reply_max_tokens * 0.6))))
    brief = prompts.render(
        "counterpart_brief",
        name=c.name,
        role=_oneline(c.role),
        relationship=_oneline(c.relationship),
        personality=_oneline(c.personality),
        style=_oneline(c.style),
        learner_role=_oneline(scenario.learner.role),
        situation=_oneline(scenario.learner.situation),
        private_goal=_oneline(c.private_goal),
        hidden_constraints="\n".join(f"- {_oneline(h)}" for h in c.hidden_constraints),
        objections=objections,
        concession=_oneline(c.concession.summary),
        requires=bullets(c.concession.requires),
        evidence_needed=level.evidence_needed,
        supporting=bullets(c.concession.supporting),
        level_name=difficulty,
        level_description=_oneline(level.description),
        patience=level.patience,
        max_turns=level.max_turns,
    )
    return rules.rstrip() + "\n\n" + brief.rstrip() + "\n"


# -- reading the stream ----------------------------------------------------------------------------

# <agreed/>, <agreed>, </agreed>, < agreed />, [agreed], <END/>, ...
_MARKER = re.compile(r"[<\[]\s*/?\s*(agreed|end|care)\s*/?\s*[>\]]", re.I)
# Anything that could still grow into a marker: held back until it does or cannot.
_MARKER_PREFIX = re.compile(
    r"[<\[]\s*/?\s*(?:a(?:g(?:r(?:e(?:e(?:d\s*/?\s*)?)?)?)?)?|e(?:n(?:d\s*/?\s*)?)?|c(?:a(?:r(?:e\s*/?\s*)?)?)?)?", re.I
)
_HOLD_MAX = 24


class MarkerFilter:
    """Takes the outcome markers out of streamed text, wherever the chunk boundaries fall."""

    __slots__ = ("agreed", "closed", "care", "_held", "_trim", "_last")

    def __init__(self) -> None:
        self.agreed = False
        self.closed = False
        self.care = False  # the model stepped out of role (prompt rule 8)
        self._held = ""
        self._trim = False  # a marker was taken out after a space: drop the space that follows it
        self._last = ""  # the last character let through

    def feed(self, text: str) -> str:
        if not self._held and "<" not in text and "[" not in text:
            return self._emit(self._put(text))  # the common case: nothing to look at
        return self._emit(self._scan(self._held + text, final=False))

    def finish(self) -> str:
        """The end of the reply: release whatever was held (it was not a marker)."""
        return self._emit(self._scan(self._held, final=True))

    def _put(self, piece: str) -> str:
        if self._trim and piece:
            piece = piece.lstrip(" \t")
            if piece:
                self._trim = False
        return piece

    def _emit(self, out: str) -> str:
        if out:
            self._last = out[-1]
        return out

    def drop(self) -> str:
        """The stream broke: release held text unless it may be the start of a marker."""
        held, self._held = self._held, ""
        return "" if _MARKER_PREFIX.fullmatch(held) else held

    def _scan(self, text: str, final: bool) -> str:
        # One pass by index: no slicing off the front and no re-joining of the output per '<' or '[',
        # so a reply full of them costs its length, not its length squared.
        out: list[str] = []
        last = self._last  # the last character let through so far
        pos, size = 0, len(text)
        while pos < size:
            found = _OPEN.search(text, pos)
            cut = found.start() if found else size
            piece = self._put(text[pos:cut])
            if piece:
                out.append(piece)
                last = piece[-1]
            pos = cut
            if pos == size:
                break
            marker = _MARKER.match(text, pos)
            if marker:
                kind = marker.group(1).lower()
                if kind == "agreed":
                    self.agreed = True
                elif kind == "care":
                    self.care = True
                else:
                    self.closed = True
                pos = marker.end()
                # "Deal. <agreed/> Thanks." reads "Deal. Thanks.", not "Deal.  Thanks."
                self._trim = self._trim or not last or last.isspace()
                continue
            if not final and size - pos <= _HOLD_MAX and _MARKER_PREFIX.fullmatch(text, pos):
                break  # may still become a marker: wait for the next chunk
            piece = self._put(text[pos])
            if piece:
                out.append(piece)
                last = piece
            pos += 1
        self._held = text[pos:]
        return "".join(out)


_OPEN = re.compile(r"[<\[]")


class ReplyLimit:
    """The most of one reply coach takes, whatever the server sends: twice `max_tokens` (as coach counts
    them) or eight characters per token, whichever comes first. A server that honours max_tokens never
    comes near; one that ignores it cannot put megabytes into the transcript (and into every later
    request, as context). Tokens are counted over pieces of at least COUNT_EVERY characters, so a
    stream of one-character chunks is not over-counted, and counting costs the reply's length once."""

    TOKEN_SLACK = 2
    CHARS_PER_TOKEN = 8
    COUNT_EVERY = 256

    def __init__(self, max_tokens: int, counter: tokens.TokenCounter):
        self.max_tokens = max_tokens * self.TOKEN_SLACK
        self.max_chars = max_tokens * self.CHARS_PER_TOKEN
        self.counter = counter
        self.chars = 0
        self.tokens = 0
        self.over: str | None = None  # "characters" or "tokens", once the limit is reached
        self._uncounted: list[str] = []
        self._uncounted_size = 0

    def take(self, text: str) -> tuple[str, bool]:
        """The part of `text` within the limit, and whether the limit has now been reached."""
        room = self.max_chars - self.chars
        if len(text) >= room:
            text, self.over = text[:room], "characters"
        self.chars += len(text)
        self._uncounted.append(text)
        self._uncounted_size += len(text)
        if self._uncounted_size >= self.COUNT_EVERY or self.over:
            self.tokens += self.counter.count("".join(self._uncounted))
            self._uncounted, self._uncounted_size = [], 0
            if self.tokens > self.max_tokens and not self.over:
                self.over = "tokens"
        return text, self.over is not None

    def describe(self) -> str:
        return f"{self.max_tokens:,} tokens" if self.over == "tokens" else f"{self.max_chars:,} characters"


_CLOSERS = "\"'”’)]"
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(?=\s)")
_OPEN_END = re.compile(r"[.!?…][\"'”’)\]]*\Z")  # a sentence end waiting for the space after it
_ENDS_SENTENCE = re.compile(r"[.!?…][\"'”’)\]]*\s*$")


class TailGuard:
    """Lets a reply stream freely, but near the length limit holds back the unfinished sentence, so a
    reply cut at max_tokens can end on its last full sentence instead of mid-word.

    Linear in the reply: each chunk is scanned once, on its own (a sentence end that spans two chunks
    is carried over as `_open_end`), and held or emitted text is kept as a list of pieces, joined only
    when it is released. A reply with no sentence end no longer re-scans everything held per chunk."""

    __slots__ = ("_emitted", "_emitted_size", "_chunks", "_hold_after", "_held", "_open_end")

    def __init__(self, max_tokens: int):
        self._emitted: list[str] = []
        self._emitted_size = 0
        self._chunks = 0
        self._hold_after = int(max_tokens * 0.7)  # tokens, estimated
        self._held: list[str] = []
        self._open_end = False  # the held text ends in a sentence's punctuation, not yet followed by a space

    @property
    def emitted(self) -> str:
        return "".join(self._emitted)

    def _emit(self, text: str) -> str:
        if text:
            self._emitted.append(text)
            self._emitted_size += len(text)
        return text

    def feed(self, text: str) -> str:
        self._chunks += 1
        if not text:
            return ""
        if not self._held and self._chunks < self._hold_after and self._emitted_size < self._hold_after * 3:
            return self._emit(text)
        cut = self._last_end(text)
        if cut < 0:
            self._held.append(text)
            return ""
        out = "".join(self._held) + text[:cut]
        self._held = [text[cut:]] if cut < len(text) else []
        return self._emit(out)

    def _last_end(self, text: str) -> int:
        """Where in `text` the last sentence end finishes (its closing quotes included), or -1."""
        cut = -1
        closers = len(text) - len(text.lstrip(_CLOSERS))
        if self._open_end and closers < len(text) and text[closers].isspace():
            cut = closers  # the punctuation came at the end of the last chunk, the space now
        for end in _SENTENCE_END.finditer(text):
            cut = end.end()
        self._open_end = bool(_OPEN_END.search(text)) or (self._open_end and closers == len(text))
        return cut

    def flush(self, extra: str = "") -> str:
        out = "".join(self._held) + extra
        self._held = []
        return self._emit(out)

    def finish(self, extra: str, cut: bool) -> str:
        held = "".join(self._held) + extra
        self._held = []
        if not cut or _ENDS_SENTENCE.search(held):
            return self._emit(held)
        emitted = self.emitted
        if emitted.strip():  # drop the unfinished sentence; mark the cut if it already showed
            if not _ENDS_SENTENCE.search(emitted):
                return self._emit("…")
            return ""
        out = held.rstrip() + "…" if held.strip() else held  # not one full sentence: keep what there is
        return self._emit(out)
