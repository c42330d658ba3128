"""Model servers on this machine: found on the ports given (the usual four in real use), with their
models; only loopback is ever asked, never through a proxy; whatever else listens there is passed over.
How fast nothing is found is measured by benchmarks/discover_speed.py, not timed here."""

from __future__ import annotations

import asyncio
import socket

import pytest

from coach.llm.discover import PORTS, LocalServer, Port, discover
from tests.doctor_fakes import DoctorServer, not_a_model_server
from tests.fakeserver import FakeChatServer


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_usual_ports():
    assert [(p.number, p.name) for p in PORTS] == [(11434, "Ollama"), (1234, "LM Studio"), (8080, "llama.cpp"),
                                                   (8000, "vLLM")]


def test_a_server_on_a_chosen_port_is_found_with_its_models():
    with DoctorServer(models=["smol", "tiny"]) as server, FakeChatServer(model="qwen2.5:7b") as other:
        ports = (Port(closed_port(), "Ollama"), Port(server.port, "vLLM"), Port(other.port, "LM Studio"))
        found = asyncio.run(discover(ports))
        assert found == [
            LocalServer("llama.cpp", server.url, ("smol", "tiny")),  # named by what it says it is, not the port
            LocalServer("LM Studio", other.url, ("qwen2.5:7b",)),
        ]


def test_nothing_is_found_when_nothing_runs():
    assert asyncio.run(discover((Port(closed_port(), "Ollama"), Port(closed_port(), "vLLM")))) == []
    assert asyncio.run(discover(())) == []


def test_something_else_on_the_port_is_passed_over():
    with not_a_model_server() as (port, seen):
        assert asyncio.run(discover((Port(port, "llama.cpp"),))) == []
        assert seen == ["/v1/models"]


def test_a_port_that_never_answers_is_abandoned():
    with socket.socket() as silent:  # accepts connections (the backlog does), never says a word
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        assert asyncio.run(discover((Port(silent.getsockname()[1], "vLLM"),), budget=0.1)) == []


@pytest.mark.parametrize("host", ["192.168.1.10", "10.0.0.1", "example.com", "127.evil.example", "0.0.0.0"])
def test_only_loopback_is_ever_asked(host):
    with pytest.raises(ValueError):
        asyncio.run(discover(PORTS, hosts=(host,)))


def test_a_proxy_in_the_environment_is_never_used(monkeypatch):
    with not_a_model_server() as (proxy, seen), DoctorServer(models=["smol"]) as server:
        for var in ("HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"):
            monkeypatch.setenv(var, f"http://127.0.0.1:{proxy}")
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        found = asyncio.run(discover((Port(server.port, "llama.cpp"),)))
        assert [s.models for s in found] == [("smol",)]
        assert seen == []
