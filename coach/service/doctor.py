"""Checking a model server and finding one on this machine, for `coach doctor` and the app's Settings.

With no model configured there is nothing to check: the report says so and lists the servers found on
this machine. A configured server on this machine that does not answer gets the same look, since the
usual cause is a wrong port.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from coach.core.config import Settings

if TYPE_CHECKING:
    from coach.llm.discover import LocalServer, Port
    from coach.llm.doctor import Report


async def find_local(ports: Sequence[Port] | None = None, seconds: float | None = None) -> list[LocalServer]:
    """Model servers on this machine (loopback only), at the usual ports or at `ports`, looked for for
    `seconds` (discover's default when None)."""
    from coach.llm.discover import BUDGET, PORTS, discover

    return await discover(tuple(PORTS if ports is None else ports), budget=seconds or BUDGET)


async def examine(settings: Settings, ports: Sequence[Port] | None = None, seconds: float | None = None) -> Report:
    from coach.llm.doctor import FAIL, Report, check
    from coach.rehearsal.factory import is_loopback

    if not settings.model:
        report = Report("", None)
        report.found = await find_local(ports, seconds)
        return report
    report = await check(settings)
    if report.status("reachable") == FAIL and is_loopback(settings.base_url or ""):
        report.found = await find_local(ports, seconds)
    return report


def shown_url(url: str) -> str:
    """A server's URL as every message shows it (no credentials, no query)."""
    return server_url(Settings(base_url=url))


def server_url(settings: Settings) -> str:
    """The server `settings` point at, as every message shows it."""
    from coach.llm.client import display_url

    return display_url(settings)


def offline_advice() -> str:
    return ("No model is configured, so coach plays the counterpart offline (no server needed). To use a model, "
            "pass --base-url and --model (add --save to keep them), set OPENAI_BASE_URL and COACH_MODEL, or "
            "choose one in the app's Settings (F9).")


def describe_found(servers: Sequence[LocalServer]) -> str:
    """'Ollama (llama3.2:latest +2 more), LM Studio (no models yet)': one short line."""
    parts = []
    for server in servers:
        models = server.models
        more = f" +{len(models) - 1} more" if len(models) > 1 else ""
        parts.append(f"{server.name} ({models[0]}{more})" if models else f"{server.name} (no models yet)")
    return ", ".join(parts)
