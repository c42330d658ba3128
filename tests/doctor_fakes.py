"""Fake model servers for `coach doctor` and local-server discovery: the loopback FakeChatServer, made to
want a key, list other models, answer without streaming, refuse json_schema with a 500 (as llama.cpp's
server does), or serve only under /v1; and a web page where a model server should be."""

from __future__ import annotations

import io
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.fakeserver import FakeChatServer, _Handler, _Server

KEY = "sk-test-doctor-SECRET-0123456789abcdef"


class DoctorServer(FakeChatServer):
    def __init__(self, *, key: str | None = None, models: list[str] | None = None, streams: bool = True,
                 refuse_schema: int | None = None, root: str = "", **kwargs: Any):
        kwargs.setdefault("reply", '{"word": "ready", "number": 3}')
        super().__init__(**kwargs)
        self.key = key  # requests without "Bearer KEY" get a 401
        self.models = models  # what GET /models lists (default: the fake's own model)
        self.streams = streams  # False: "stream": true is answered with a plain JSON completion
        self.refuse_schema = refuse_schema  # the status for a json_schema response_format
        self.root = root  # e.g. "/v1": anything outside it is a 404

    def start(self) -> DoctorServer:
        server = self

        class Handler(_DoctorHandler):
            owner = server

        self._httpd = _Server(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02},
                                        name="doctor-fake-server", daemon=True)
        self._thread.start()
        return self

    @property
    def root_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


class _DoctorHandler(_Handler):
    owner: DoctorServer

    def _refused(self) -> bool:
        owner = self.owner
        if not self.path.startswith(owner.root):
            self._json(404, {"error": {"message": f"no route {self.path}", "type": "not_found"}})
            return True
        if owner.key and self.headers.get("authorization") != f"Bearer {owner.key}":
            self._json(401, {"error": {"message": "Incorrect API key provided.", "code": "invalid_api_key"}})
            return True
        return False

    def do_GET(self) -> None:  # noqa: N802
        if self._refused():
            return
        if self.owner.models is not None and self.path.rstrip("/").endswith("/models"):
            data = [{"id": name, "object": "model", "owned_by": "llamacpp"} for name in self.owner.models]
            self._json(200, {"object": "list", "data": data})
            return
        super().do_GET()

    def do_POST(self) -> None:  # noqa: N802
        if self._refused():
            return
        body = json.loads(self.rfile.read(int(self.headers.get("content-length") or 0)) or b"{}")
        fmt = (body.get("response_format") or {}).get("type")
        if self.owner.refuse_schema and fmt == "json_schema":
            error = {"message": "Unsupported JSON schema", "type": "server_error"}
            self._json(self.owner.refuse_schema, {"error": error})
            return
        if not self.owner.streams:
            body.pop("stream", None)
        raw = json.dumps(body).encode()
        self.rfile = io.BytesIO(raw)  # the base handler reads the (perhaps changed) request again
        del self.headers["content-length"]
        self.headers["content-length"] = str(len(raw))
        super().do_POST()


class _NotAModelServer(BaseHTTPRequestHandler):
    """A web app on the port (or a proxy, recording what it is asked)."""

    seen: list[str] = []

    def do_GET(self) -> None:  # noqa: N802
        self.seen.append(self.path)
        body = b"<html><title>My dashboard</title></html>" if self.path.endswith("/v1/models") else b""
        self.send_response(200 if body else 404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@contextmanager
def not_a_model_server() -> Iterator[tuple[int, list[str]]]:
    class Handler(_NotAModelServer):
        seen: list[str] = []

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield httpd.server_address[1], Handler.seen
    finally:
        httpd.shutdown()
        httpd.server_close()
