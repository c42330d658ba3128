"""Every way the model can fail gives a specific message, keeps the learner's line, and never shows the key.

All HTTP goes to respx (or to a closed port on 127.0.0.1); nothing reaches the network.
"""

from __future__ import annotations

import json
import socket
import time

import httpx
import pytest
import respx

from coach.core.events import Chunk, ReplyDone, ReplyFailed
from coach.core.session import Session
from coach.rehearsal.engines.openai_chat import ModelCounterpart
from tests.llm_helpers import (
    BASE,
    CHAT,
    KEY,
    BrokenStream,
    begin,
    chunk,
    collect,
    make_settings,
    model_rehearsal,
    saved_json,
    sse,
    sse_response,
)

LINE = "I'd like to ask you to nominate me for Senior Engineer in the March calibration."


@pytest.fixture
def promo(catalog):
    return catalog.get("promotion-after-win")


def error_body(message: str, code: str | None = None, type_: str = "invalid_request_error") -> dict:
    return {"error": {"message": message, "type": type_, "code": code, "param": None}}


async def fail_once(rehearsal, line: str = LINE) -> ReplyFailed:
    events = await collect(rehearsal.send(line))
    failed = [e for e in events if isinstance(e, ReplyFailed)]
    assert failed, f"expected a failure, got {events}"
    return failed[0]


def assert_line_kept_and_key_hidden(rehearsal, failure: ReplyFailed, *, partial: bool = False) -> None:
    session = rehearsal.session
    learner = [t for t in session.turns if t.speaker == "learner"]
    assert learner and learner[-1].text == LINE
    if partial:
        assert learner[-1].status == "complete"
        assert session.turns[-1].speaker == "partner" and session.turns[-1].status == "interrupted"
        assert session.turns[-1].text == failure.partial
    else:
        assert learner[-1].status == "unanswered" and session.turns[-1] is learner[-1]
    saved = saved_json(rehearsal)
    assert LINE in saved, "the learner's words are in the saved session"
    assert KEY not in failure.error.message and KEY not in str(failure.error)
    assert KEY not in saved and KEY[8:20] not in saved
    Session.model_validate_json(saved)  # and the file is a valid session


# -- HTTP status failures ----------------------------------------------------------------------------


@respx.mock
async def test_401_wrong_key_names_the_key_setting_not_the_key(promo, library):
    respx.post(CHAT).respond(401, json=error_body(f"Incorrect API key provided: {KEY}.", "invalid_api_key"))
    r = model_rehearsal(promo, library)
    failure = await fail_once(r)
    assert failure.error.kind == "auth" and not failure.error.retryable
    assert "rejected the API key" in failure.error.message and "OPENAI_API_KEY" in failure.error.message
    assert_line_kept_and_key_hidden(r, failure)


@respx.mock
async def test_401_missing_key_says_none_is_set(promo, library):
    route = respx.post(CHAT).respond(401, json=error_body("You didn't provide an API key."))
    r = model_rehearsal(promo, library, api_key=None)
    failure = await fail_once(r)
    assert "none is set" in failure.error.message and "--engine offline" in failure.error.message
    # A placeholder key went out (local servers need none), never an empty header.
    assert route.calls.last.request.headers["authorization"] == "Bearer not-needed"
    assert_line_kept_and_key_hidden(r, failure)


@respx.mock
async def test_403_no_access_and_a_server_that_echoes_the_key(promo, library):
    respx.post(CHAT).respond(403, json=error_body(f"Project for key {KEY} has no access to model gpt-4o-mini"))
    r = model_rehearsal(promo, library)
    failure = await fail_once(r)
    assert failure.error.kind == "forbidden"
    assert "no access to the model 'gpt-4o-mini'" in failure.error.message
    assert "The server said:" in failure.error.message and "[api key hidden]" in failure.error.message
    assert_line_kept_and_key_hidden(r, failure)


@respx.mock
async def test_404_names_the_model_and_the_base_url(promo, library):
    respx.post(CHAT).respond(404, json=error_body("The model `gpt-4o-mini` does not exist", "model_not_found"))
    r = model_rehearsal(promo, library)
    failure = await fail_once(r)
    assert failure.error.kind == "model-not-found" and not failure.error.retryable
    assert "'gpt-4o-mini'" in failure.error.message and BASE in failure.error.message
    assert_line_kept_and_key_hidden(r, failure)


@respx.mock
async def test_429_says_when_to_retry_from_retry_after(promo, library):
    respx.post(CHAT).respond(429, headers={"retry-after": "30"}, json=error_body("Rate limit reached", None, "requests"))
    r = model_rehearsal(promo, library)  # max_retries=0: the client gives up at once (a 30 s wait)
    failure = await fail_once(r)
    assert failure.error.kind == "rate-limit" and failure.error.retryable
    assert failure.error.retry_after == 30
    assert "rate limiting" in failure.error.message and "about 30 seconds" in failure.error.message
    assert_line_kept_and_key_hidden(r, failure)


@respx.mock
async def test_429_retry_after_is_honoured_by_the_clients_own_retries(promo, library):
    limited = httpx.Response(429, headers={"retry-after": "0.05"}, json=error_body("Rate limit reached"))
    route = respx.post(CHAT).mock(side_effect=[limited, limited, sse_response("Okay, ", "go on.")])
    r = model_rehearsal(promo, library, max_retries=2)
    started = time.perf_counter()
    events = await collect(r.send(LINE))
    elapsed = time.perf_counter() - started
    assert isinstance(events[-1], ReplyDone) and events[-1].turn.text == "Okay, go on."
    assert route.call_count == 3
    # Two waits of 0.05 s: the server's Retry-After, not the client's default backoff (>= 0.375 s each).
    assert 0.1 <= elapsed < 0.7


@respx.mock
async def test_429_after_retries_run_out_says_so(promo, library):
    limited = httpx.Response(429, headers={"retry-after": "0.01"}, json=error_body("Rate limit reached"))
    route = respx.post(CHAT).mock(return_value=limited)
    r = model_rehearsal(promo, library, max_retries=1)
    failure = await fail_once(r)
    assert route.call_count == 2
    assert "after 1 automatic retry" in failure.error.message and "a second or two" in failure.error.message
    assert_line_kept_and_key_hidden(r, failure)


@respx.mock
async def test_429_asking_for_longer_than_coach_waits_fails_at_once_and_says_so(promo, library):
    route = respx.post(CHAT).respond(429, headers={"retry-after": "120"}, json=error_body("Rate limit reached"))
    r = model_rehearsal(promo, library, max_retries=2)  # the client alone would sleep 120 s, twice
    started = time.perf_counter()
    failure = await fail_once(r)
    assert time.perf_counter() - started < 2 and route.call_count == 1
    e = failure.error
    assert e.kind == "rate-limit" and e.retryable and e.retry_after == 120
    assert "asks coach to wait 2 min" in e.message and "max_retry_wait: 20 s" in e.message
    assert "about 2 minutes" in e.message
    assert_line_kept_and_key_hidden(r, failure)


@respx.mock
async def test_429_waits_are_bounded_in_all_and_announced(promo, library):
    limited = httpx.Response(429, headers={"retry-after": "0.2"}, json=error_body("Rate limit reached"))
    route = respx.post(CHAT).mock(side_effect=[limited, limited, sse_response("Too late.")])
    engine = ModelCounterpart(make_settings(max_retries=5, max_retry_wait=0.3))
    heard: list[str] = []
    engine.notice = heard.append
    r = begin(promo, library, engine)
    started = time.perf_counter()
    failure = await fail_once(r)
    assert time.perf_counter() - started < 1.5
    assert route.call_count == 2, "0.2 s waited; the second 0.2 s would pass the 0.3 s bound"
    assert heard == ["rate limited (429); waiting 0.2 s before retry 1 of 5"]
    assert "asks coach to wait 0.2 s" in failure.error.message and "after waiting 0.2 s" not in failure.error.message
    assert_line_kept_and_key_hidden(r, failure)


@respx.mock
async def test_a_retry_that_works_is_announced_and_the_reply_arrives(promo, library):
    limited = httpx.Response(429, headers={"retry-after": "0.05"}, json=error_body("Rate limit reached"))
    respx.post(CHAT).mock(side_effect=[limited, httpx.Response(503), sse_response("Okay.")])
    engine = ModelCounterpart(make_settings(max_retries=2))
    heard: list[str] = []
    engine.notice = heard.append
    events = await collect(begin(promo, library, engine).send(LINE))
    assert isinstance(events[-1], ReplyDone)
    assert heard[0] == "rate limited (429); waiting 0.1 s before retry 1 of 2"
    assert heard[1].startswith("the server answered 503; waiting ") and heard[1].endswith("before retry 2 of 2")


def test_max_retry_wait_bounds_every_wait_the_client_computes():
    from coach.llm import client as llm_client

    c = llm_client.make_client(make_settings(max_retries=3, max_retry_wait=4))
    headers = httpx.Headers({"retry-after": "3"})
    options = __import__("openai")._models.FinalRequestOptions(method="post", url="/x")
    assert c._calculate_retry_timeout(3, options, headers) == 3  # outside a request: nothing waited yet
    assert c._should_retry(httpx.Response(429, headers={"retry-after": "5"})) is False
    assert c._should_retry(httpx.Response(429, headers={"retry-after": "4"})) is True


@respx.mock
async def test_429_out_of_quota_is_not_worth_retrying(promo, library):
    respx.post(CHAT).respond(429, json=error_body("You exceeded your current quota", "insufficient_quota"))
    r = model_rehearsal(promo, library)
    failure = await fail_once(r)
    assert failure.error.kind == "quota" and not failure.error.retryable and "billing" in failure.error.message
    assert_line_kept_and_key_hidden(r, failure)


@pytest.mark.parametrize(
    ("status", "words"),
    [(500, "internal error (500)"), (503, "unavailable or overloaded (503)"), (502, "gateway")],
)
@respx.mock
async def test_server_errors(promo, library, status, words):
    respx.post(CHAT).respond(status, json=error_body("upstream exploded", type_="server_error"))
    r = model_rehearsal(promo, library)
    failure = await fail_once(r)
    assert failure.error.kind == "server" and failure.error.retryable
    assert words in failure.error.message and BASE in failure.error.message
    assert_line_kept_and_key_hidden(r, failure)


@respx.mock
async def test_server_errors_are_retried_by_the_client_first(promo, library):
    route = respx.post(CHAT).mock(
        side_effect=[httpx.Response(503, headers={"retry-after": "0.01"}), sse_response("Sorry, ", "go ahead.")]
    )
    r = model_rehearsal(promo, library, max_retries=1)
    events = await collect(r.send(LINE))
    assert isinstance(events[-1], ReplyDone) and route.call_count == 2


@respx.mock
async def test_a_refused_parameter_400_is_specific(promo, library):
    respx.post(CHAT).respond(400, json=error_body("This model's maximum context length is 8192 tokens",
                                                  "context_length_exceeded"))
    r = model_rehearsal(promo, library)
    failure = await fail_once(r)
    assert failure.error.kind == "context-length" and "context_budget" in failure.error.message
    assert_line_kept_and_key_hidden(r, failure)


@respx.mock
async def test_an_html_error_page_is_summarised_not_echoed(promo, library):
    page = ("<!DOCTYPE html><html><head><title>500 Internal Server Error</title><style>body{color:red}</style>"
            "</head><body><h1>Internal Server Error</h1>" + "<p>stack frame</p>" * 400 + "</body></html>")
    respx.post(CHAT).respond(500, headers={"content-type": "text/html"}, text=page)
    r = model_rehearsal(promo, library)
    failure = await fail_once(r)
    message = failure.error.message
    assert "<" not in message and "stack frame" not in message and len(message) < 400
    assert message.endswith("The server said: 500 Internal Server Error")
    assert_line_kept_and_key_hidden(r, failure)


@pytest.mark.parametrize(
    ("key", "echo"),
    [
        ("sk-test-secret-123", "Invalid key ending in secret-123"),
        ("mysupersecretlocalkey99", "unknown key 'mysupersecretlocalkey'"),
        ("mysupersecretlocalkey99", "key ...localkey99 rejected"),
        (KEY, f"key {KEY[3:15]}…{KEY[-8:]} is wrong"),
    ],
)
@respx.mock
async def test_no_piece_of_the_key_a_server_echoes_is_shown(promo, library, key, echo):
    respx.post(CHAT).respond(403, json=error_body(echo))
    r = model_rehearsal(promo, library, api_key=key)
    failure = await fail_once(r)
    message = failure.error.message
    pieces = {key[i : i + 6] for i in range(len(key) - 5)}
    assert not any(p in message for p in pieces), message
    assert "[api key hidden]" in message and "hidden]" + key[-3:] not in message


# -- transport failures ------------------------------------------------------------------------------


@respx.mock
async def test_timeout(promo, library):
    respx.post(CHAT).mock(side_effect=httpx.ReadTimeout("timed out"))
    r = model_rehearsal(promo, library, timeout=7)
    failure = await fail_once(r)
    assert failure.error.kind == "timeout" and failure.error.retryable
    assert "No reply from" in failure.error.message and "7 s" in failure.error.message
    assert_line_kept_and_key_hidden(r, failure)


@respx.mock
async def test_connect_timeout(promo, library):
    respx.post(CHAT).mock(side_effect=httpx.ConnectTimeout("connect timed out"))
    r = model_rehearsal(promo, library, connect_timeout=3)
    failure = await fail_once(r)
    assert "Could not connect" in failure.error.message and "3 s" in failure.error.message
    assert_line_kept_and_key_hidden(r, failure)


async def test_connection_refused_names_the_url(promo, library):
    # A real refusal: a loopback port that nothing listens on.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/v1"
    r = model_rehearsal(promo, library, base_url=url)
    failure = await fail_once(r)
    assert failure.error.kind == "connection"
    assert "connection refused" in failure.error.message and url in failure.error.message
    assert_line_kept_and_key_hidden(r, failure)


@respx.mock
async def test_stream_that_drops_half_way_keeps_what_arrived_and_retry_works(promo, library):
    broken = httpx.Response(200, headers={"content-type": "text/event-stream"},
                            stream=BrokenStream(sse("Thanks for ", "raising ", "it. ", "Before ", finish=None, done=False)))
    route = respx.post(CHAT).mock(side_effect=[broken, sse_response("Thanks. ", "What else is there?")])
    r = model_rehearsal(promo, library)
    events = await collect(r.send(LINE))
    assert "".join(e.text for e in events if isinstance(e, Chunk)) == "Thanks for raising it. Before"
    failure = events[-1]
    assert isinstance(failure, ReplyFailed) and failure.error.kind == "dropped"
    assert failure.partial == "Thanks for raising it. Before"
    assert "dropped part-way" in failure.error.message
    assert_line_kept_and_key_hidden(r, failure, partial=True)

    events = await collect(r.retry())
    assert isinstance(events[-1], ReplyDone) and events[-1].turn.text == "Thanks. What else is there?"
    assert r.session.turns[-1].status == "complete" and r.session.turns[-2].text == LINE
    assert r.session.branches[-1].turns[0].status == "interrupted", "the cut reply is kept in a branch"
    # The retry asked again for a reply to the same line, without the cut-off reply in the history.
    sent = json.loads(route.calls.last.request.content)["messages"]
    assert sent[-2] == {"role": "user", "content": LINE} and sent[-1]["role"] == "system"  # then the stage direction


@respx.mock
async def test_stream_that_ends_without_finishing_is_a_drop(promo, library):
    respx.post(CHAT).mock(return_value=sse_response("I was going ", "to say", finish=None, done=False))
    r = model_rehearsal(promo, library)
    failure = await fail_once(r)
    assert failure.error.kind == "dropped" and failure.partial == "I was going to say"
    assert_line_kept_and_key_hidden(r, failure, partial=True)


# -- replies that arrive but are unusable --------------------------------------------------------------


@respx.mock
async def test_empty_reply(promo, library):
    respx.post(CHAT).mock(return_value=sse_response())
    r = model_rehearsal(promo, library)
    failure = await fail_once(r)
    assert failure.error.kind == "empty" and "empty reply" in failure.error.message
    assert "'gpt-4o-mini'" in failure.error.message
    assert_line_kept_and_key_hidden(r, failure)


@respx.mock
async def test_reply_of_only_markers_is_empty(promo, library):
    respx.post(CHAT).mock(return_value=sse_response("<end/>"))
    r = model_rehearsal(promo, library)
    failure = await fail_once(r)
    assert failure.error.kind == "empty"
    assert_line_kept_and_key_hidden(r, failure)


@respx.mock
async def test_malformed_json_in_the_stream(promo, library):
    body = (chunk("Hello") + "data: {this is not json\n\n").encode()
    respx.post(CHAT).respond(200, headers={"content-type": "text/event-stream"}, content=body)
    r = model_rehearsal(promo, library)
    failure = await fail_once(r)
    assert failure.error.kind == "malformed" and "could not read" in failure.error.message
    assert failure.partial == "Hello"
    assert_line_kept_and_key_hidden(r, failure, partial=True)


@respx.mock
async def test_a_body_that_is_not_a_chat_stream(promo, library):
    respx.post(CHAT).respond(200, headers={"content-type": "text/html"}, content=b"<html>captive portal</html>")
    r = model_rehearsal(promo, library)
    failure = await fail_once(r)
    assert failure.error.kind == "malformed" and "OpenAI-compatible" in failure.error.message
    assert_line_kept_and_key_hidden(r, failure)


@respx.mock
async def test_json_chunks_of_the_wrong_shape(promo, library):
    body = b'data: {"hello": "world"}\n\ndata: {"choices": "nope"}\n\ndata: [DONE]\n\n'
    respx.post(CHAT).respond(200, headers={"content-type": "text/event-stream"}, content=body)
    r = model_rehearsal(promo, library)
    failure = await fail_once(r)
    assert failure.error.kind == "malformed"
    assert_line_kept_and_key_hidden(r, failure)


@respx.mock
async def test_an_error_event_inside_the_stream(promo, library):
    body = (chunk("Well, ") + 'data: {"error": {"message": "model overloaded"}}\n\n').encode()
    respx.post(CHAT).respond(200, headers={"content-type": "text/event-stream"}, content=body)
    r = model_rehearsal(promo, library)
    failure = await fail_once(r)
    assert failure.error.kind == "server" and "model overloaded" in failure.error.message
    assert_line_kept_and_key_hidden(r, failure, partial=True)


@respx.mock
async def test_content_filter_stop(promo, library):
    respx.post(CHAT).mock(return_value=sse_response(finish="content_filter"))
    r = model_rehearsal(promo, library)
    failure = await fail_once(r)
    assert failure.error.kind == "content-filter" and "content filter" in failure.error.message
    assert "Rephrase" in failure.error.message
    assert_line_kept_and_key_hidden(r, failure)


@respx.mock
async def test_content_filter_on_the_prompt_400(promo, library):
    route = respx.post(CHAT).respond(400, json=error_body("The response was filtered due to the prompt triggering "
                                                          "Azure OpenAI's content management policy.", "content_filter"))
    r = model_rehearsal(promo, library)
    failure = await fail_once(r)
    assert failure.error.kind == "content-filter" and route.call_count == 1, "no pointless parameter retries"
    assert_line_kept_and_key_hidden(r, failure)


# -- configuration problems, before any request ------------------------------------------------------


def test_azure_without_api_version_is_reported_before_any_request():
    from coach.core.errors import EngineError

    with pytest.raises(EngineError) as caught:
        ModelCounterpart(make_settings(base_url="https://myres.openai.azure.com/"))
    assert "api_version" in caught.value.message


async def test_provenance_records_the_model_and_server_but_never_the_key(promo, library):
    r = begin(promo, library, ModelCounterpart(make_settings()))
    assert r.session.provenance.engine == "openai" and r.session.provenance.base_url == BASE
    assert KEY not in saved_json(r)
