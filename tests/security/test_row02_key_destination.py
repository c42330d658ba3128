"""Row 2: a session file cannot send the API key anywhere the user did not configure. Its recorded server
'http://127.evil.example/v1' only looks like this machine; with a proxy on loopback (which is how the
issue caught it), the proxy would have seen the Bearer key."""

from __future__ import annotations

import json

import pytest

from coach.cli import main
from coach.core.session_file import read_session
from coach.rehearsal.factory import is_loopback
from tests.fakeserver import FakeChatServer
from tests.security.conftest import answers, sessions_dir

KEY = "sk-test-configured-key-0123456789abcdef"


def _recorded_session(base_url: str) -> str:
    """A session started on the model engine, then its recorded server rewritten by hand."""
    [path] = sessions_dir().glob("*.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["provenance"]["base_url"] = base_url
    path.write_text(json.dumps(data), encoding="utf-8")
    return path.stem


def _start(tmp_path, capsys, server: FakeChatServer) -> None:
    code = main(["rehearse", "promotion-after-win", "--engine", "openai", "--model", "fake", "--base-url", server.url,
                 "--answers", answers(tmp_path, "I'd like you to nominate me for Senior in March.")])
    assert code == 0, capsys.readouterr().err
    server.headers.clear()


def test_a_host_that_only_looks_local_never_gets_the_key(tmp_path, capsys, monkeypatch):
    with FakeChatServer(reply="Go on.") as configured, FakeChatServer(reply="Go on.") as proxy:
        _start(tmp_path, capsys, configured)
        session_id = _recorded_session("http://127.evil.example/v1")
        monkeypatch.setenv("OPENAI_API_KEY", KEY)
        monkeypatch.setenv("OPENAI_BASE_URL", configured.url)
        # Every request that is not to 127.0.0.1 goes through the "proxy", which records what it sees.
        for var in ("HTTP_PROXY", "http_proxy", "ALL_PROXY"):
            monkeypatch.setenv(var, f"http://127.0.0.1:{proxy.port}")
        monkeypatch.setenv("NO_PROXY", "127.0.0.1")
        monkeypatch.setenv("no_proxy", "127.0.0.1")
        code = main(["rehearse", "--resume", session_id, "--answers", answers(tmp_path, "Beyond that, pages fell 30%.")])
        out = capsys.readouterr()
        assert code == 0, out.err
        assert proxy.headers == [], "nothing went to the host named only in the session file"
        assert [h["authorization"] for h in configured.headers] == [f"Bearer {KEY}"]
        assert "pass --base-url http://127.evil.example/v1 to use the recorded server" in out.err
        assert KEY not in out.out + out.err
        prov = read_session(sessions_dir() / f"{session_id}.json").provenance
        assert prov.base_url == configured.url


def test_a_recorded_server_on_this_machine_is_gone_back_to_without_the_key(tmp_path, capsys, monkeypatch):
    with FakeChatServer(reply="Go on.") as recorded, FakeChatServer(reply="Go on.") as configured:
        _start(tmp_path, capsys, recorded)
        session_id = _recorded_session(recorded.url.replace("127.0.0.1", "localhost"))
        monkeypatch.setenv("OPENAI_API_KEY", KEY)
        monkeypatch.setenv("OPENAI_BASE_URL", configured.url)
        code = main(["rehearse", "--resume", session_id, "--answers", answers(tmp_path, "Pages fell 30%.")])
        assert code == 0, capsys.readouterr().err
        assert configured.headers == []
        assert [h["authorization"] for h in recorded.headers] == ["Bearer not-needed"], "the key stays home"


@pytest.mark.parametrize("url, local", [
    ("http://127.evil.example/v1", False),
    ("http://127.0.0.1.nip.io/v1", False),
    ("http://localhost.evil.example/v1", False),
    ("http://0x7f.1/v1", False),
    ("http://user@127.0.0.1@evil.example/v1", False),
    ("http://127.0.0.1:8080/v1", True),
    ("http://127.2.3.4/v1", True),
    ("http://[::1]:11434/v1", True),
    ("http://[::ffff:127.0.0.1]/v1", True),
    ("http://localhost:11434/v1", True),
])
def test_loopback_is_decided_by_the_address(url, local):
    assert is_loopback(url) is local
