"""The shared model plumbing: token counting without downloads, the context budget, prices, settings
precedence and client construction. Nothing here touches the network."""

from __future__ import annotations

import threading
import time

import httpx
import openai
import pytest

from coach.core.config import Price, Settings, load_settings
from coach.core.session import Usage
from coach.llm import client as llm_client
from coach.llm import context, pricing, tokens
from coach.llm.faults import scrub

# -- token counting ------------------------------------------------------------------------------------


class FakeEncoding:
    name = "o200k_base"

    def encode(self, text: str, disallowed_special=()) -> list[int]:
        return list(range(len(text.split())))


def test_unknown_model_gets_a_labelled_estimate():
    counter = tokens.counter_for("llama3.1:8b")
    assert counter.method == tokens.ESTIMATE == "estimate (~4 chars/token)"
    assert counter.count("abcd" * 10) == 10 and counter.count("") == 0 and counter.count("abc") == 1


def test_known_model_with_no_cached_encoding_never_downloads(monkeypatch):
    # conftest sets COACH_TIKTOKEN_TIMEOUT=0 and an empty TIKTOKEN_CACHE_DIR: no load may be tried.
    import tiktoken.load

    def no_network(*args, **kwargs):
        raise AssertionError("tried to download an encoding")

    monkeypatch.setattr(tiktoken.load, "read_file", no_network)
    started = time.perf_counter()
    counter = tokens.counter_for("gpt-4o")
    assert counter.method == tokens.ESTIMATE
    assert time.perf_counter() - started < 0.5
    assert tokens.encoding_name("gpt-4o") == "o200k_base"
    assert not tokens.is_cached("o200k_base") or "o200k_base" in __import__("tiktoken").registry.ENCODINGS


def test_a_slow_loader_is_abandoned_after_the_timeout():
    release = threading.Event()

    def slow(name: str):
        release.wait(10)  # a download that hangs
        return FakeEncoding()

    started = time.perf_counter()
    counter = tokens.counter_for("gpt-4o", timeout=0.1, loader=slow)
    elapsed = time.perf_counter() - started
    release.set()
    assert counter.method == tokens.ESTIMATE and elapsed < 1.0


def test_a_loader_that_fails_falls_back_without_raising():
    def broken(name: str):
        raise OSError("no network")

    assert tokens.counter_for("gpt-4o", timeout=1, loader=broken).method == tokens.ESTIMATE


def test_a_loader_that_works_gives_exact_counts_and_its_label():
    counter = tokens.counter_for("gpt-4o-mini", timeout=1, loader=lambda name: FakeEncoding())
    assert counter.method == "tiktoken o200k_base" and counter.exact
    assert counter.count("three words here") == 3
    assert counter.count_messages([{"role": "user", "content": "a b"}]) == 2 + tokens.MESSAGE_OVERHEAD + 3


def test_timeout_env_parsing(monkeypatch):
    monkeypatch.setenv(tokens.TIMEOUT_ENV, "0.5")
    assert tokens.timeout_from_env() == 0.5
    monkeypatch.setenv(tokens.TIMEOUT_ENV, "soon")
    assert tokens.timeout_from_env() == tokens.DEFAULT_TIMEOUT
    monkeypatch.delenv(tokens.TIMEOUT_ENV)
    assert tokens.timeout_from_env() == tokens.DEFAULT_TIMEOUT


def test_counting_never_crashes_on_a_broken_encoding():
    class Broken(FakeEncoding):
        def encode(self, text, disallowed_special=()):
            raise ValueError("bad text")

    assert tokens.TokenCounter(Broken()).count("abcdefgh") == 2


# -- context budget -----------------------------------------------------------------------------------


def conversation(turns: int, words: int = 60) -> list[dict[str, str]]:
    messages = [{"role": "system", "content": "RULES " * 100}]
    for n in range(turns):
        role = "assistant" if n % 2 == 0 else "user"
        messages.append({"role": role, "content": f"turn {n} " + "word " * words})
    return messages


def test_context_that_fits_is_sent_as_it_is():
    counter = tokens.TokenCounter(None)
    messages = conversation(4)
    assert context.fit(messages, 100_000, counter) == messages


def test_context_trimming_keeps_the_system_prompt_and_the_latest_turns():
    counter = tokens.TokenCounter(None)
    messages = conversation(30) + [{"role": "system", "content": "(Time check: last turn.)"}]
    budget = 1200
    fitted = context.fit(messages, budget, counter)
    assert fitted[0] == messages[0], "the system prompt is never dropped"
    assert fitted[1]["role"] == "system" and fitted[1]["content"].startswith("(Earlier part of this conversation")
    assert fitted[-5:] == messages[-5:], "the last four turns and the trailing note are kept"
    assert counter.count_messages(fitted) <= budget
    assert len(fitted) < len(messages)
    # Oldest go first: what remains is a contiguous, most recent stretch.
    kept = [m for m in fitted[2:]]
    assert kept == messages[len(messages) - len(kept):]
    assert context.fit(messages, budget, counter) == fitted, "deterministic"


def test_context_trimming_never_drops_the_last_four_even_over_budget():
    counter = tokens.TokenCounter(None)
    messages = conversation(8, words=400)
    fitted = context.fit(messages, 500, counter)
    assert fitted[0] == messages[0] and fitted[-4:] == messages[-4:]
    assert "turn 3 word" in fitted[1]["content"] or "turn 2 word" in fitted[1]["content"]


def test_summary_note_is_short_and_names_both_sides():
    dropped = conversation(40)[1:]
    note = context.summary_note(dropped)
    assert "You had said" in note and "They had said" in note and "40 messages" in note
    assert len(note) < 1200


# -- prices ------------------------------------------------------------------------------------------------


def test_known_model_gets_a_cost():
    usage = Usage(prompt_tokens=1_000_000, completion_tokens=1_000_000)
    assert pricing.estimate_cost("gpt-4o-mini", usage) == pytest.approx(0.15 + 0.60)
    assert pricing.estimate_cost("gpt-4o-2024-08-06", usage) == pytest.approx(2.5 + 10.0), "dated snapshots"
    assert pricing.checked(), "the table says when it was checked"


def test_unknown_model_gets_none_never_a_guess():
    usage = Usage(prompt_tokens=1000, completion_tokens=1000)
    assert pricing.estimate_cost("llama3.1:8b", usage) is None
    assert pricing.estimate_cost("gpt-4o-mini-but-not-really", usage) is None
    assert pricing.estimate_cost(None, usage) is None


def test_settings_prices_override_and_extend_the_table():
    usage = Usage(prompt_tokens=2_000_000, completion_tokens=0)
    overrides = {"gpt-4o-mini": Price(input=1, output=1), "llama3.1:8b": Price(input=0.5, output=0.5)}
    assert pricing.estimate_cost("gpt-4o-mini", usage, overrides) == pytest.approx(2.0)
    assert pricing.estimate_cost("llama3.1:8b", usage, overrides) == pytest.approx(1.0)


def test_the_price_table_ships_inside_the_package():
    assert pricing.PRICES_FILE.parent.name == "llm" and pricing.PRICES_FILE.exists()
    assert "gpt-4o" in pricing.bundled_prices()


# -- settings precedence ---------------------------------------------------------------------------------


def write_config(text: str) -> None:
    from coach.core import paths

    paths.config_file().parent.mkdir(parents=True, exist_ok=True)
    paths.config_file().write_text(text, encoding="utf-8")


def test_config_precedence_flags_over_env_over_file(monkeypatch):
    write_config('model = "file-model"\nbase_url = "http://file.local/v1"\napi_key = "sk-file-000000000000"\n'
                 "timeout = 12\n")
    s = load_settings()
    assert (s.model, s.base_url, s.api_key.get_secret_value(), s.timeout) == (
        "file-model", "http://file.local/v1", "sk-file-000000000000", 12)
    monkeypatch.setenv("COACH_MODEL", "env-model")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://env.local/v1")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-env-111111111111")
    s = load_settings()
    assert (s.model, s.base_url, s.api_key.get_secret_value(), s.timeout) == (
        "env-model", "http://env.local/v1", "sk-env-111111111111", 12)
    assert s.key_source() == "environment (OPENAI_API_KEY)"
    s = load_settings({"model": "flag-model", "base_url": "http://flag.local/v1", "engine": None})
    assert (s.model, s.base_url, s.api_key.get_secret_value()) == ("flag-model", "http://flag.local/v1",
                                                                    "sk-env-111111111111")
    assert s.resolved_engine == "openai"


def test_config_file_prices_reach_the_counterpart():
    from coach.rehearsal.engines.openai_chat import ModelCounterpart

    write_config('model = "llama3.1:8b"\n[prices."llama3.1:8b"]\ninput = 0.1\noutput = 0.2\n')
    engine = ModelCounterpart(load_settings())
    cost = pricing.estimate_cost(engine.model, Usage(prompt_tokens=10_000_000, completion_tokens=0), engine.prices)
    assert cost == pytest.approx(1.0)


# -- the client ----------------------------------------------------------------------------------------------


def test_client_uses_the_settings_timeouts_retries_and_a_placeholder_key():
    s = Settings(model="llama3.1:8b", base_url="http://localhost:11434/v1", timeout=33, connect_timeout=4,
                 max_retries=5)
    c = llm_client.make_client(s)
    assert isinstance(c, openai.AsyncOpenAI) and not isinstance(c, openai.AsyncAzureOpenAI)
    assert str(c.base_url).rstrip("/") == "http://localhost:11434/v1"
    assert c.api_key == llm_client.PLACEHOLDER_KEY and c.max_retries == 5
    assert isinstance(c.timeout, httpx.Timeout) and c.timeout.read == 33 and c.timeout.connect == 4


def test_client_for_azure_uses_the_deployment_and_api_version():
    s = Settings(model="my-gpt4o", base_url="https://myres.openai.azure.com/", api_key="k" * 32,
                 api_version="2024-10-21")
    c = llm_client.make_client(s)
    assert isinstance(c, openai.AsyncAzureOpenAI)
    assert "myres.openai.azure.com/openai/deployments/my-gpt4o" in str(c.base_url)
    assert c._custom_query.get("api-version") == "2024-10-21"


def test_azure_v1_endpoint_is_plain_openai():
    s = Settings(model="gpt-4o", base_url="https://myres.openai.azure.com/openai/v1/", api_key="k" * 32)
    assert not isinstance(llm_client.make_client(s), openai.AsyncAzureOpenAI)


def test_bad_base_url_is_refused_where_it_is_set(monkeypatch):
    from coach.core.config import ConfigError, load_settings

    with pytest.raises(ConfigError, match=r"^--base-url: .*http://"):
        load_settings({"base_url": "localhost:11434"})
    monkeypatch.setenv("OPENAI_BASE_URL", "ftp://example.org")
    with pytest.raises(ConfigError, match=r"^OPENAI_BASE_URL \(environment variable\)"):
        load_settings()
    assert Settings(base_url="  ").base_url is None  # an empty field means the default server


def test_display_url_hides_credentials_in_the_url():
    s = Settings(model="m", base_url="https://user:hunter2@proxy.example/v1?key=abc")
    assert llm_client.display_url(s) == "https://proxy.example/v1"


def test_scrub_removes_the_key_whole_or_in_part():
    key = "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789"
    s = Settings(model="m", api_key=key)
    text = f"bad key {key}; also {key[5:30]} and sk-other-ABCDEFGHIJKLMNOP"
    cleaned = scrub(text, s)
    assert key not in cleaned and key[5:30] not in cleaned and "sk-other-ABCDEFGHIJKLMNOP" not in cleaned


# -- the timeout from a flag, the environment or the file; problems name where they came from ----------


def test_timeout_precedence_flag_over_env_over_file(monkeypatch):
    monkeypatch.delenv("COACH_TIMEOUT", raising=False)
    write_config("timeout = 12\n")
    assert load_settings().timeout == 12
    monkeypatch.setenv("COACH_TIMEOUT", "30")
    assert load_settings().timeout == 30
    assert load_settings({"timeout": 5.5}).timeout == 5.5


def test_a_timeout_from_the_environment_is_not_copied_into_the_file(monkeypatch):
    from coach.core import paths
    from coach.core.config import save_settings

    monkeypatch.setenv("COACH_TIMEOUT", "30")
    save_settings(load_settings())
    import tomli

    written = tomli.loads(paths.config_file().read_text(encoding="utf-8"))
    assert "timeout" not in written and written["connect_timeout"] == 10


def test_settings_problems_name_their_source(monkeypatch):
    from coach.core.config import ConfigError

    def problem(flags=None) -> str:
        with pytest.raises(ConfigError) as caught:
            load_settings(flags)
        return str(caught.value)

    assert problem({"judge_samples": 0}) == "--samples: must be between 1 and 9 (got 0)"
    assert problem({"judge_samples": 12}) == "--samples: must be between 1 and 9 (got 12)"
    assert problem({"timeout": 0}) == "--timeout: must be more than 0 and at most 600 (got 0)"
    monkeypatch.setenv("COACH_ENGINE", "bogus")
    said = problem()
    assert said.startswith("COACH_ENGINE (environment variable): must be 'auto', 'offline' or 'openai'")
    assert "config file" not in said and "'bogus'" in said
    monkeypatch.delenv("COACH_ENGINE")
    monkeypatch.setenv("COACH_TIMEOUT", "soon")
    assert problem() == "COACH_TIMEOUT (environment variable): must be a number (got 'soon')"
    monkeypatch.delenv("COACH_TIMEOUT")
    write_config('engine = "bogus"\napi_key = 12345678\n')
    said = problem()
    assert said.startswith("engine: must be") and "(config file: " in said
    write_config("api_key = 12345678\n")
    assert "12345678" not in problem(), "the key is never echoed, even a malformed one"


def test_scrub_hides_every_run_of_six_or_more_characters_of_the_key():
    s = Settings(model="m", api_key="mysupersecretlocalkey99")
    assert scrub("key mysupersecretlocalkey rejected", s) == "key [api key hidden] rejected"
    assert scrub("tail: alkey99", s) == "tail: [api key hidden]"
    assert scrub("short: key99", s) == "short: key99", "five characters prove nothing and would hide words"
    s = Settings(model="m", api_key="sk-test-secret-123")
    assert scrub("tail secret-123", s) == "tail [api key hidden]"
