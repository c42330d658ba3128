"""`coach score` at its edges: files nested too deeply, the speaker field, blank learner turns, unknown
scenarios, and flags named as the source of their own problems. Nothing reaches the network."""

from __future__ import annotations

import json

import httpx
import pytest
import respx

from coach.cli import main
from coach.llm import structured

BASE = "http://judge.test/v1"


@pytest.fixture(autouse=True)
def _fresh(monkeypatch):
    monkeypatch.delenv("COACH_TIMEOUT", raising=False)
    structured.forget_servers()
    yield
    structured.forget_servers()


def transcript(tmp_path, data) -> str:
    path = tmp_path / "t.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    return str(path)


GOOD = {
    "scenario_id": "promotion-after-win",
    "turns": [
        {"speaker": "partner", "text": "What's on your mind?"},
        {"speaker": "learner", "text": "I'd like you to nominate me for Senior Engineer in March."},
    ],
}


@pytest.mark.parametrize(
    "text",
    [
        '{"turns":' + "[" * 5000 + "]" * 5000 + "}",
        '{"scenario_id": "promotion-after-win", "turns": [{"speaker": "learner", "text": "hi", "state": {"a": '
        + "[" * 1500 + "]" * 1500 + "}}]}",
    ],
)
def test_a_transcript_nested_too_deeply_is_a_clean_error(tmp_path, capsys, text):
    assert main(["score", transcript(tmp_path, text), "--all-criteria"]) == 2
    err = capsys.readouterr().err
    assert "nested too deeply" in err and "Traceback" not in err and "RecursionError" not in err


def test_an_unknown_speaker_is_named_in_the_format_s_words(tmp_path, capsys):
    data = {"scenario_id": "promotion-after-win", "turns": [{"speaker": "manager", "text": "Hi"}]}
    assert main(["score", transcript(tmp_path, data)]) == 2
    err = capsys.readouterr().err
    assert "turns.0.speaker: speaker must be 'partner' or 'learner'" in err and "'care'" not in err


def test_blank_learner_turns_are_not_scored_silently(tmp_path, capsys):
    data = {"scenario_id": "promotion-after-win", "turns": [
        {"speaker": "partner", "text": "What's on your mind?"}, {"speaker": "learner", "text": "   "},
        {"speaker": "learner", "text": "\n\t"}]}
    assert main(["score", transcript(tmp_path, data)]) == 2
    assert "no learner turns to score" in capsys.readouterr().err


def test_an_unknown_scenario_with_all_criteria_is_noted(tmp_path, capsys):
    data = {**GOOD, "scenario_id": "no-such-scenario"}
    assert main(["score", transcript(tmp_path, data), "--all-criteria", "--json"]) == 0
    out, err = capsys.readouterr()
    assert "note: no scenario 'no-such-scenario' in the library; scoring against every criterion" in err
    assert json.loads(out)["criteria"]
    assert main(["score", transcript(tmp_path, GOOD), "--all-criteria", "--json"]) == 0
    assert "note:" not in capsys.readouterr().err


@pytest.mark.parametrize("samples", ["0", "12"])
def test_bad_samples_blame_the_flag_not_a_config_file(tmp_path, capsys, samples):
    assert main(["score", transcript(tmp_path, GOOD), "--samples", samples]) == 2
    err = capsys.readouterr().err
    assert f"--samples: must be between 1 and 9 (got {samples})" in err and "config file" not in err


def test_timeout_flag_reaches_the_judge(tmp_path, capsys):
    from tests.fakeserver import FakeChatServer

    with FakeChatServer(reply="{}", delay=1.0) as server:
        code = main(["score", transcript(tmp_path, GOOD), "--judge", "llm", "--model", "fake",
                     "--base-url", server.url, "--timeout", "0.2", "--json"])
    out = capsys.readouterr().out
    assert code == 0
    card = json.loads(out)
    assert card["judge"] == "offline" and "within 0.2 s" in card["notes"][0]
    assert all(c["note"] and "within 0.2 s" in c["note"] for c in card["criteria"]), "each criterion says why"


@respx.mock
def test_judge_waits_are_shown(tmp_path, capsys):
    limited = httpx.Response(429, headers={"retry-after": "0.01"}, json={"error": {"message": "slow down"}})
    answer = {"evidence": [], "reasoning": "Not shown.", "score": 0, "better_line": "Say it."}
    ok = httpx.Response(200, json={
        "id": "c", "object": "chat.completion", "created": 1, "model": "m",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": json.dumps(answer)},
                     "finish_reason": "stop"}]})
    replies = iter([limited])
    respx.post(f"{BASE}/chat/completions").mock(side_effect=lambda request: next(replies, None) or ok)
    assert main(["score", transcript(tmp_path, GOOD), "--judge", "llm", "--model", "m", "--base-url", BASE]) == 0
    assert "coach: rate limited (429); waiting 0.1 s before retry 1 of 2" in capsys.readouterr().err


def test_a_transcript_from_another_tool_needs_only_who_said_what(tmp_path, capsys):
    from coach.cli import main

    path = tmp_path / "t.json"
    path.write_text(json.dumps({
        "scenario_id": "promotion-after-win", "outcome": "done", "participant": 7, "created_at": "yesterday",
        "turns": [{"speaker": "partner", "text": "Hi.", "at": "soon"},
                  {"speaker": "learner", "text": "I'd like you to nominate me for Senior in March.", "moves": "lots"}],
    }))
    assert main(["score", str(path), "--json"]) == 0
    card = json.loads(capsys.readouterr().out)
    assert card["scenario_id"] == "promotion-after-win"
    assert next(c for c in card["criteria"] if c["id"] == "specific-ask")["score"] >= 1
