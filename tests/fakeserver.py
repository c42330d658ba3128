"""A small OpenAI-compatible chat server on 127.0.0.1, for tests and benchmarks that want a real socket.

It implements just enough of POST /v1/chat/completions to be honest about it: JSON in, a chat
completion out, or with "stream": true, Server-Sent Events over HTTP/1.1 chunked transfer encoding,
one `chat.completion.chunk` per piece of text, a final chunk with the finish reason, a usage chunk
when `stream_options.include_usage` is asked for, then `data: [DONE]`. Connections are kept alive,
as real servers do. It can stream N chunks as fast as the socket takes them, refuse stream_options
with a 400 (as some servers do), fail with a status, or drop the connection half-way.

    with FakeChatServer(reply="Fine. Tell me more.") as server:
        settings = Settings(model="fake", base_url=server.url)
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Reply = str | list[str] | Callable[[dict[str, Any]], str | list[str]]


def split_words(text: str) -> list[str]:
    """Text in word-sized pieces (each keeps its trailing space), the way models stream."""
    words = text.split(" ")
    return [w + (" " if i < len(words) - 1 else "") for i, w in enumerate(words)]


class FakeChatServer:
    def __init__(
        self,
        reply: Reply = "I hear you. What exactly are you asking for?",
        *,
        chunks: int | None = None,
        usage: bool = True,
        finish_reason: str = "stop",
        reject_stream_options: bool = False,
        drop_after: int | None = None,
        status: int | None = None,
        delay: float = 0.0,
        chunk_delay: float = 0.0,
        batch: int = 1,
        model: str = "fake",
    ):
        self.reply = reply
        self.chunks = chunks  # stream the reply as exactly this many pieces (the text repeated to fill)
        self.usage = usage
        self.finish_reason = finish_reason
        self.reject_stream_options = reject_stream_options
        self.drop_after = drop_after  # close the connection after this many content chunks, mid-stream
        self.status = status  # answer every request with this HTTP error status
        self.delay = delay  # seconds before the response starts
        self.chunk_delay = chunk_delay  # seconds between content chunks (a slow model)
        self.batch = max(1, batch)  # SSE events per socket write (1 = one write per chunk, like real servers)
        self.model = model
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ---------------------------------------------------------------------------------

    def start(self) -> FakeChatServer:
        server = self

        class Handler(_Handler):
            owner = server

        self._httpd = _Server(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, name="fake-chat-server", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> FakeChatServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._httpd is not None, "start() the server first"
        return self._httpd.server_address[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    # -- what to say ---------------------------------------------------------------------------------

    def pieces(self, body: dict[str, Any]) -> list[str]:
        reply = self.reply(body) if callable(self.reply) else self.reply
        pieces = list(reply) if isinstance(reply, list) else split_words(reply)
        if self.chunks is not None:
            pieces = [pieces[i % len(pieces)] for i in range(self.chunks)] if pieces else [""] * self.chunks
        return pieces


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        import sys

        if not isinstance(sys.exc_info()[1], OSError):  # a client hanging up mid-stream is normal
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    owner: FakeChatServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet in tests
        pass

    def do_GET(self) -> None:  # noqa: N802
        if self.path.rstrip("/").endswith("/models"):
            self._json(200, {"object": "list", "data": [{"id": self.owner.model, "object": "model", "owned_by": "fake"}]})
        else:
            self._json(404, {"error": {"message": f"no route {self.path}", "type": "not_found"}})

    def do_POST(self) -> None:  # noqa: N802
        owner = self.owner
        length = int(self.headers.get("content-length") or 0)
        raw = self.rfile.read(length)
        if not self.path.rstrip("/").endswith("/chat/completions"):
            self._json(404, {"error": {"message": f"no route {self.path}", "type": "not_found"}})
            return
        try:
            body = json.loads(raw)
        except json.JSONDecodeError:
            self._json(400, {"error": {"message": "request body is not JSON", "type": "invalid_request_error"}})
            return
        owner.requests.append(body)
        owner.headers.append({k.lower(): v for k, v in self.headers.items()})
        if owner.delay:
            time.sleep(owner.delay)
        if owner.status is not None:
            self._json(owner.status, {"error": {"message": f"fake failure {owner.status}", "type": "server_error"}})
            return
        if owner.reject_stream_options and "stream_options" in body:
            self._json(400, {"error": {"message": "Unrecognized request argument supplied: stream_options",
                                       "type": "invalid_request_error"}})
            return
        pieces = owner.pieces(body)
        prompt_tokens = sum(len(str(m.get("content") or "")) for m in body.get("messages", [])) // 4 + 1
        usage = {"prompt_tokens": prompt_tokens, "completion_tokens": len(pieces),
                 "total_tokens": prompt_tokens + len(pieces)}
        model = body.get("model", owner.model)
        if not body.get("stream"):
            self._json(200, {
                "id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()), "model": model,
                "choices": [{"index": 0, "message": {"role": "assistant", "content": "".join(pieces)},
                             "finish_reason": owner.finish_reason}],
                "usage": usage,
            })
            return
        self._stream(body, model, pieces, usage)

    def _stream(self, body: dict[str, Any], model: str, pieces: list[str], usage: dict[str, int]) -> None:
        owner = self.owner
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        head = '{"id":"chatcmpl-fake","object":"chat.completion.chunk","created":%d,"model":%s,"choices":' % (
            int(time.time()), json.dumps(model))
        pending: list[bytes] = []

        def event(payload: str) -> None:
            pending.append(b"data: " + payload.encode("utf-8") + b"\n\n")
            if len(pending) >= owner.batch:
                flush()

        def flush() -> None:
            if pending:
                data = b"".join(pending)
                pending.clear()
                self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))

        try:
            for n, piece in enumerate(pieces):
                if owner.drop_after is not None and n >= owner.drop_after:
                    flush()
                    self.wfile.flush()
                    self.close_connection = True  # mid-body, no terminating chunk: the peer sees a broken stream
                    return
                if owner.chunk_delay:
                    flush()
                    time.sleep(owner.chunk_delay)
                delta = {"role": "assistant", "content": piece} if n == 0 else {"content": piece}
                event(head + json.dumps([{"index": 0, "delta": delta, "finish_reason": None}]) + "}")
            event(head + json.dumps([{"index": 0, "delta": {}, "finish_reason": owner.finish_reason}]) + "}")
            if owner.usage and (body.get("stream_options") or {}).get("include_usage"):
                event(head + '[],"usage":' + json.dumps(usage) + "}")
            event("[DONE]")
            flush()
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()
        except OSError:  # the client went away (a cancelled reply)
            self.close_connection = True

    def _json(self, status: int, payload: dict[str, Any]) -> None:
        data = json.dumps(payload).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        self.wfile.flush()
