"""Build the counterpart the settings ask for (for a new session or one carried on). The model
counterpart (and openai) load only when used."""

from __future__ import annotations

from coach.core.config import Settings
from coach.core.counterpart import Counterpart
from coach.core.errors import EngineError
from coach.core.session import Provenance, Session
from coach.rehearsal.engines.offline import OfflineCounterpart


def make_engine(settings: Settings, seed: int = 0, pace: float = 0.0) -> Counterpart:
    if settings.resolved_engine == "offline":
        return OfflineCounterpart(seed=seed, pace=pace)
    if not settings.model:
        raise EngineError(
            "config",
            "The model engine needs a model name: pass --model, set COACH_MODEL, or set it in the settings.",
            retryable=False,
        )
    from coach.rehearsal.engines.openai_chat import ModelCounterpart

    engine = ModelCounterpart(settings, seed=seed)
    engine.warm()  # the app builds engines in a thread: the client loads there, not on its event loop
    return engine


def resume_settings(
    settings: Settings,
    provenance: Provenance | None,
    *,
    engine: str | None = None,
    model: str | None = None,
    base_url: str | None = None,
) -> Settings:
    """The settings that carry on a saved session: the engine, model and server it recorded, unless a
    flag (`engine`, `model`, `base_url`) asks for another. A model or server flag alone means the model
    engine. A configured server that is the recorded one carries on with its credentials; otherwise the
    recorded server (a display URL: no credentials, no query) is only taken when it is on this machine,
    and the configured one carries on (`record_engine` says so). Keys always come from the settings, never from a session file."""
    if provenance is None:
        return settings
    chosen_engine = engine or ("openai" if (model or base_url) else provenance.engine)
    if chosen_engine == "offline":
        return settings.model_copy(update={"engine": "offline"})
    same_engine = provenance.engine == "openai"
    chosen_model = model or (provenance.model if same_engine else None) or settings.model
    update: dict = {"engine": "openai", "model": chosen_model, "base_url": settings.base_url}
    if base_url:
        update["base_url"] = base_url
    elif same_engine and provenance.base_url and not _same_server(settings, provenance.base_url):
        # A session file can come from anywhere: it never chooses where the key goes. Only a server on
        # this machine is gone back to, and without the key (local servers want none); any other
        # recorded server the user names again with --base-url.
        if is_loopback(provenance.base_url):
            update.update(base_url=provenance.base_url, api_key=None)
    return settings.model_copy(update=update)


def _same_server(settings: Settings, recorded: str) -> bool:
    """Whether the configured server is the recorded one (then it carries on with its credentials)."""
    if not settings.base_url:
        return False
    from coach.llm.client import display_url

    return display_url(settings) == recorded.rstrip("/")


def is_loopback(url: str) -> bool:
    """Whether `url` names this machine: a loopback IP address (127.0.0.0/8, ::1, or ::ffff:127.x), or
    exactly 'localhost'. Decided by parsing the address, never by how the name starts:
    'http://127.evil.example' is a remote host that only looks local."""
    import ipaddress
    from urllib.parse import urlsplit

    try:
        host = urlsplit(url).hostname or ""
    except ValueError:  # a malformed [IPv6] part
        return False
    if host.lower() == "localhost":
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)
    return address.is_loopback or bool(mapped and mapped.is_loopback)


def shown_url(settings: Settings) -> str | None:
    """The server as a transcript records it (None for the offline engine or the default server)."""
    if settings.resolved_engine != "openai" or not settings.base_url:
        return None
    from coach.llm.client import display_url

    return display_url(settings)


def record_engine(session: Session, engine: Counterpart, settings: Settings) -> str | None:
    """When a resumed session goes on with another engine, model or server, its provenance says so from
    now on; returns a note for the user describing the change (None when nothing changed)."""
    prov = session.provenance
    if prov is None:
        return None
    url = shown_url(settings) if engine.kind == "openai" else None
    before = (prov.engine, prov.model if prov.engine == "openai" else None, prov.base_url)
    after = (engine.kind, engine.model, url)
    if before == after:
        return None

    def describe(kind: str, model: str | None, server: str | None) -> str:
        if kind == "offline":
            return "the offline counterpart"
        return f"the model '{model}'" + (f" at {server}" if server else "")

    prov.engine, prov.model, prov.base_url = engine.kind, engine.model, url  # type: ignore[assignment]
    prov.prompt_versions = {**prov.prompt_versions, **engine.prompt_versions()}
    prov.token_counting = getattr(engine, "token_counting", "")
    back = f" (pass --base-url {before[2]} to use the recorded server)" if before[2] and before[2] != after[2] else ""
    return (f"this session carries on with {describe(*after)} (it was {describe(*before)}); "
            f"its record now names the new engine{back}")
