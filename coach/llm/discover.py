"""Model servers on this machine (Ollama, LM Studio, llama.cpp's server, vLLM), found by asking each usual
port for its models.

Only loopback is ever asked: the addresses are fixed here, never taken from settings or the environment,
and proxies are ignored (a proxy is another machine). Every port is asked at once and whatever has not
answered when the budget runs out is abandoned, so the look takes at most `budget` seconds in all.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import ssl
from dataclasses import dataclass

import httpx

from coach.core.text_safety import clean_line


@dataclass(frozen=True)
class Port:
    number: int
    name: str  # what usually listens there


@dataclass(frozen=True)
class LocalServer:
    name: str
    base_url: str  # an http://127.0.0.1:PORT/v1 (or [::1]) URL: loopback, no credentials
    models: tuple[str, ...]


PORTS = (Port(11434, "Ollama"), Port(1234, "LM Studio"), Port(8080, "llama.cpp"), Port(8000, "vLLM"))
HOSTS = ("127.0.0.1", "::1")
BUDGET = 0.3  # seconds, for the whole look
CLEANUP = 0.04  # of it, kept for abandoning the slow ports and closing their connections
MAX_BODY = 256_000  # a model list is a few kB; a huge body is not one
MAX_MODELS = 100
# Who a server says owns its models, where that names the server better than the port does.
_OWNERS = {"library": "Ollama", "llamacpp": "llama.cpp", "vllm": "vLLM", "organization_owner": "LM Studio"}


def _loopback(host: str) -> str:
    """The host as it goes in a URL; anything that is not a loopback address is refused outright."""
    if host == "localhost":
        return host
    if not ipaddress.ip_address(host).is_loopback:  # ValueError for a name, which could resolve anywhere
        raise ValueError(f"{host} is not a loopback address")
    return f"[{host}]" if ":" in host else host


def _models(body: bytes) -> tuple[tuple[str, ...], str | None] | None:
    """The model names and owner in an OpenAI /models answer, or None when it is not one."""
    try:
        data = json.loads(body)
    except ValueError:
        return None
    items = data.get("data") if isinstance(data, dict) else None
    if not isinstance(items, list):
        return None
    entries = [i for i in items[:MAX_MODELS] if isinstance(i, dict) and isinstance(i.get("id"), str)]
    owner = next((str(i.get("owned_by")) for i in entries if i.get("owned_by")), None)
    return tuple(clean_line(i["id"])[:200] for i in entries), owner


async def _ask(client: httpx.AsyncClient, host: str, port: Port) -> LocalServer | None:
    base = f"http://{_loopback(host)}:{port.number}/v1"
    try:
        async with client.stream("GET", f"{base}/models") as response:
            if response.status_code != 200:
                return None
            body = b""
            async for part in response.aiter_bytes():
                body += part
                if len(body) > MAX_BODY:
                    return None
    except (httpx.HTTPError, OSError):
        return None
    found = _models(body)
    if found is None:
        return None  # something else listens there (a web app on 8080, say)
    models, owner = found
    return LocalServer(_OWNERS.get(owner or "", port.name), base, models)


async def discover(ports: tuple[Port, ...] | list[Port] = PORTS, hosts: tuple[str, ...] = HOSTS,
                   budget: float = BUDGET) -> list[LocalServer]:
    """The servers that answered within `budget` seconds, in the order of `ports` (one per port: a server
    listening on both 127.0.0.1 and ::1 is listed once)."""
    for host in hosts:
        _loopback(host)
    if not ports or not hosts:
        return []
    loop = asyncio.get_running_loop()
    deadline = loop.time() + budget - CLEANUP
    # Plain http only, so no TLS: an empty context spares loading the CA bundle (tens of ms) and would
    # refuse any certificate rather than trust one. No proxy from the environment, no redirects.
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    async with httpx.AsyncClient(trust_env=False, verify=tls, follow_redirects=False,
                                 timeout=httpx.Timeout(budget)) as client:
        tasks = {(port, host): asyncio.ensure_future(_ask(client, host, port)) for port in ports for host in hosts}
        left = max(0.0, deadline - loop.time())
        _, slow = await asyncio.wait(tasks.values(), timeout=left)
        for task in slow:
            task.cancel()
        if slow:
            await asyncio.wait(slow)
    found: dict[int, LocalServer] = {}
    for (port, _), task in tasks.items():
        if port.number in found or task.cancelled() or task.exception() is not None:
            continue
        if task.result() is not None:
            found[port.number] = task.result()
    return list(found.values())
