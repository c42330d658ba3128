"""`coach doctor` against loopback fake servers: the table, the exit code and the one-line fix for a good
server, a wrong or missing key, a model the server does not list, a server that does not stream, one that
refuses json_schema with a 500 (as llama.cpp's server does), a URL missing its /v1, and nothing listening."""

from __future__ import annotations

import json
import socket

import pytest
import tomli

from coach.cli import main
from coach.core import paths
from coach.llm import discover
from tests.doctor_fakes import KEY, DoctorServer, not_a_model_server


def doctor(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["doctor", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def row(out: str, name: str) -> str:
    return next(line for line in out.splitlines() if line.strip().startswith(name)).split(None, len(name.split()))[-1]


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(autouse=True)
def _nothing_local(monkeypatch):
    """This machine's real ports (Ollama's 11434, ...) stay out of these tests."""
    monkeypatch.setattr(discover, "PORTS", (discover.Port(closed_port(), "Ollama"),))


def test_a_good_server_is_usable_and_says_what_coach_will_use(capsys):
    with DoctorServer() as server:
        code, out, err = doctor(capsys, "--base-url", server.url, "--model", "fake")
    assert code == 0, err
    for name in ("reachable", "auth", "model listed", "streaming", "json_schema", "json_object", "plain"):
        assert row(out, name).startswith("ok"), out
    assert "no key needed" in out and "fake (1 model listed)" in out
    assert row(out, "first token").startswith("ok") and " ms" in row(out, "first token")
    assert "tokens/s" in row(out, "speed")
    assert "fake (streamed); model judge via json_schema" in out
    assert out.rstrip().endswith("usable") and err == ""
    assert server.requests[0]["stream"] is True and server.requests[0]["stream_options"] == {"include_usage": True}


def test_a_missing_key_and_a_wrong_one_exit_1_with_the_fix_and_the_key_is_never_shown(capsys):
    with DoctorServer(key=KEY) as server:
        code, out, err = doctor(capsys, "--base-url", server.url, "--model", "fake")
        assert code == 1
        assert row(out, "auth").startswith("FAIL") and row(out, "streaming").startswith("-")
        assert "needs an API key (401): set OPENAI_API_KEY" in err and len(err.strip().splitlines()) == 1
        wrong = "sk-wrong-0123456789abcdefghijkl"
        code, out, err = doctor(capsys, "--base-url", server.url, "--model", "fake", "--api-key", wrong)
        assert code == 1 and "rejected the API key (401" in err
        assert wrong not in out + err and wrong[-8:] not in out + err
        code, out, err = doctor(capsys, "--base-url", server.url, "--model", "fake", "--api-key", KEY)
        assert code == 0, err
        assert "key accepted" in out and KEY not in out + err


def test_a_model_the_server_does_not_list_is_named_with_the_ones_it_does(capsys):
    with DoctorServer(models=["llama3.2:latest", "qwen2.5:7b", "phi3:mini"]) as server:
        code, out, err = doctor(capsys, "--base-url", server.url, "--model", "llama3.1")
        assert code == 1
        assert row(out, "model listed").startswith("FAIL") and "not among the 3 listed" in out
        assert "does not list the model 'llama3.1': use one it lists, e.g. --model llama3.2:latest" in err
        assert server.requests == [], "nothing is generated for a model the server does not have"
        code, out, err = doctor(capsys, "--base-url", server.url, "--model", "llama3.2")  # Ollama's :latest
        assert code == 0, err


def test_a_server_that_does_not_stream_is_not_usable(capsys):
    with DoctorServer(streams=False) as server:
        code, out, err = doctor(capsys, "--base-url", server.url, "--model", "fake")
    assert code == 1
    assert row(out, "streaming").startswith("FAIL") and row(out, "json_schema").startswith("-")
    assert "answered without streaming" in err


def test_json_schema_refused_with_a_500_is_a_mode_not_a_failure(capsys):
    with DoctorServer(refuse_schema=500) as server:
        code, out, err = doctor(capsys, "--base-url", server.url, "--model", "fake")
    assert code == 0, err
    assert row(out, "json_schema") == "no    refused (HTTP 500)"
    assert row(out, "json_object").startswith("ok") and row(out, "plain").startswith("ok")
    assert "model judge via json_object" in out


def test_a_base_url_without_v1_is_corrected(capsys):
    with DoctorServer(root="/v1") as server:
        code, out, err = doctor(capsys, "--base-url", server.root_url, "--model", "fake")
        assert code == 1
        assert err.strip() == f"coach: The API is under /v1: use --base-url {server.url}"


def test_nothing_listening_exits_1_and_looks_on_this_machine(capsys, monkeypatch):
    port = closed_port()
    with DoctorServer(models=["smol"]) as local:
        monkeypatch.setattr(discover, "PORTS", (discover.Port(local.port, "llama.cpp"),))
        code, out, err = doctor(capsys, "--base-url", f"http://127.0.0.1:{port}/v1", "--model", "fake")
        assert "Model servers on this machine:" in out and f"--base-url {local.url} --model smol --save" in out
    assert code == 1
    assert row(out, "reachable") == "FAIL  connection refused"
    assert f"Could not connect to http://127.0.0.1:{port}/v1: connection refused" in err


def test_credentials_in_the_url_are_never_shown(capsys):
    with DoctorServer(models=["other"]) as server:
        url = server.url.replace("127.0.0.1", "ana:hunter2pass@127.0.0.1") + "?token=abc123secret"
        code, out, err = doctor(capsys, "--base-url", url, "--model", "fake")
        assert code == 1
        assert server.url in out + err
    for secret in ("hunter2pass", "ana:", "abc123secret"):
        assert secret not in out + err


def test_offline_says_how_to_set_a_model_and_offers_what_runs_here(capsys, monkeypatch):
    code, out, err = doctor(capsys)
    assert code == 0 and "No model is configured" in out and "--base-url and --model" in out
    assert "No model server found on this machine" in out
    with DoctorServer(models=["smol", "tiny"]) as local:
        monkeypatch.setattr(discover, "PORTS", (discover.Port(local.port, "llama.cpp"),))
        code, out, err = doctor(capsys)
        assert f"llama.cpp  {local.url}  smol, tiny" in out
        assert f"to use it: coach doctor --base-url {local.url} --model smol --save" in out
    assert code == 0


def test_save_writes_the_settings_only_when_usable(capsys):
    with DoctorServer(refuse_schema=500, models=["smol"]) as server:
        code, _, _ = doctor(capsys, "--base-url", server.url, "--model", "nope", "--save")
        assert code == 1 and not paths.config_file().exists()
        code, out, err = doctor(capsys, "--base-url", server.url, "--model", "smol", "--save")
        url = server.url
    assert code == 0, err
    assert f"saved to {paths.config_file()}" in out
    data = tomli.loads(paths.config_file().read_text())
    assert data["base_url"] == url and data["model"] == "smol"


def test_json_output(capsys):
    with DoctorServer(refuse_schema=500) as server:
        code, out, _ = doctor(capsys, "--base-url", server.url, "--model", "fake", "--json")
        url = server.url
    data = json.loads(out)
    assert code == 0 and data["usable"] is True and data["fix"] is None and data["url"] == url
    modes = {c["name"]: c["status"] for c in data["checks"]}
    assert modes["json_schema"] == "no" and modes["json_object"] == "ok"


def test_a_web_page_where_the_api_should_be_is_named_as_such(capsys):
    with not_a_model_server() as (port, _):
        code, out, err = doctor(capsys, "--base-url", f"http://127.0.0.1:{port}/v1", "--model", "fake")
    assert code == 1
    assert row(out, "model listed") == "FAIL  the answer was not a model list"
    assert "answered, but not as an OpenAI-compatible API" in err


def test_a_server_with_no_models_says_to_load_one(capsys):
    with DoctorServer(models=[]) as server:
        code, out, err = doctor(capsys, "--base-url", server.url, "--model", "llama3.2")
    assert code == 1 and "lists no models: load or pull one first" in err
