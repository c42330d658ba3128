"""Helpers for the model-counterpart tests: settings with a recognisable fake key, SSE bodies for respx,
and a rehearsal that saves to the test's own data folder."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import httpx

from coach.core.config import Settings
from coach.core.events import Event
from coach.moves.detector import Detector
from coach.rehearsal.engines.openai_chat import ModelCounterpart
from coach.rehearsal.rehearsal import Rehearsal
from coach.rehearsal.store import SessionStore

BASE = "https://llm.example.test/v1"
CHAT = f"{BASE}/chat/completions"
KEY = "sk-test-SECRET-9f8e7d6c5b4a3210fedcba"


def make_settings(**overrides: Any) -> Settings:
    values: dict[str, Any] = dict(
        engine="openai", model="gpt-4o-mini", base_url=BASE, api_key=KEY, max_retries=0, timeout=5.0,
        connect_timeout=2.0,
    )
    values.update(overrides)
    return Settings(**values)


def chunk(content: str | None = None, finish: str | None = None, *, usage: dict | None = None,
          choices: bool = True) -> str:
    body: dict[str, Any] = {"id": "chatcmpl-t", "object": "chat.completion.chunk", "created": 1, "model": "gpt-4o-mini"}
    if choices:
        delta = {"content": content} if content is not None else {}
        body["choices"] = [{"index": 0, "delta": delta, "finish_reason": finish}]
    else:
        body["choices"] = []
    if usage is not None:
        body["usage"] = usage
    return "data: " + json.dumps(body) + "\n\n"


def sse(*pieces: str, finish: str | None = "stop", usage: dict | None = None, done: bool = True) -> bytes:
    events = [chunk(p) for p in pieces]
    if finish is not None:
        events.append(chunk(None, finish))
    if usage is not None:
        events.append(chunk(usage=usage, choices=False))
    if done:
        events.append("data: [DONE]\n\n")
    return "".join(events).encode()


def sse_response(*pieces: str, **kw: Any) -> httpx.Response:
    return httpx.Response(200, headers={"content-type": "text/event-stream"}, content=sse(*pieces, **kw))


class BrokenStream(httpx.AsyncByteStream):
    """A body that sends some SSE events and then loses the connection."""

    def __init__(self, *parts: bytes):
        self.parts = parts

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for part in self.parts:
            yield part
        raise httpx.RemoteProtocolError("peer closed connection without sending complete message body")

    async def aclose(self) -> None:
        pass


def begin(item, library, engine, difficulty: str = "realistic") -> Rehearsal:
    return Rehearsal.begin(item, difficulty, engine, Detector(library), SessionStore.default(), token_counting=engine.token_counting, base_url=getattr(getattr(engine, "settings", None), "base_url", None))


def model_rehearsal(item, library, difficulty: str = "realistic", **overrides: Any) -> Rehearsal:
    return begin(item, library, ModelCounterpart(make_settings(**overrides)), difficulty)


async def collect(events: AsyncIterator[Event]) -> list[Event]:
    return [event async for event in events]


def saved_json(rehearsal: Rehearsal) -> str:
    assert rehearsal.store is not None
    return rehearsal.store.path_for(rehearsal.session.id).read_text(encoding="utf-8")


def request_json(call) -> dict[str, Any]:
    return json.loads(call.request.content)


async def say(rehearsal: Rehearsal, line: str):
    """Send a line; the reply's ReplyDone, after checking the streamed chunks add up to the saved text."""
    from coach.core.events import Chunk, ReplyDone

    events = await collect(rehearsal.send(line))
    assert isinstance(events[-1], ReplyDone), events
    assert "".join(e.text for e in events if isinstance(e, Chunk)).strip() == events[-1].turn.text
    return events[-1]
