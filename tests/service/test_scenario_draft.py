"""`coach new ID --describe`: a model drafts the scenario, coach validates it and has the model repair it.

The model is respx (or the loopback fake server); its answers are a hand-written four-day-week scenario
(tests/data/drafts/four-day-week.json), flawed copies of it, and garbage.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from coach.cli import main
from coach.llm import structured
from coach.scenario import load_criteria
from coach.scenario.criteria import MOVE_IDS
from coach.scenario.loader import load_scenario
from coach.service import draft_text
from tests.fakeserver import FakeChatServer

BASE = "http://test/v1"
CHAT = f"{BASE}/chat/completions"
ID = "four-day-week"
DESCRIBE = "asking to move to a four-day week"
GOOD = json.loads((Path(__file__).parent.parent / "data" / "drafts" / "four-day-week.json").read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def _here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    structured.forget_servers()
    yield
    structured.forget_servers()


def flawed() -> dict[str, Any]:
    """The good draft with what models get wrong: an invented criterion, a flag as an answer, a level that
    can never be won, a slot that does not exist, and a terminal escape sequence."""
    data = copy.deepcopy(GOOD)
    data["rubric"]["criteria"][0]["id"] = "negotiation-skill"
    data["counterpart"]["objections"][0]["answered_by"] = ["hedging"]
    data["levels"]["tough"]["evidence_needed"] = 9
    data["offline"]["concession"][0] = "Fine, {weekday} it is."
    data["offline"]["vague"][0] = "What do you mean?\u001b]0;pwned\u0007"
    return data


def completion(content: str, finish: str = "stop") -> httpx.Response:
    return httpx.Response(200, json={
        "id": "chatcmpl-draft", "object": "chat.completion", "created": 1, "model": "m",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": finish}],
        "usage": {"prompt_tokens": 3000, "completion_tokens": 4000, "total_tokens": 7000},
    })


def replies(*contents: str | tuple[str, str]) -> list[httpx.Response]:
    return [completion(*c) if isinstance(c, tuple) else completion(c) for c in contents]


def sent(call: Any) -> dict[str, Any]:
    return json.loads(call.request.content)


def new(*extra: str) -> int:
    return main(["new", ID, "--describe", DESCRIBE, "--model", "m", "--base-url", BASE, *extra])


def test_a_valid_first_draft_is_written_validated_and_checked(capsys):
    with respx.mock() as mock:
        route = mock.post(CHAT).mock(side_effect=replies(json.dumps(GOOD)))
        assert new() == 0
    out = capsys.readouterr().out
    item, problems = load_scenario(Path(f"{ID}.toml"), load_criteria())
    assert problems == [] and item is not None and item.scenario.counterpart.name == "Priya Raman"
    assert Path(f"{ID}.toml").read_text(encoding="utf-8").startswith("# Drafted by `coach new --describe` with m: "
                                                                     + DESCRIBE)
    assert not Path(f"{ID}.draft.toml").exists()
    assert f"wrote {ID}.toml" in out and "four-day-week: separates weak from strong" in out
    body = sent(route.calls[0])
    assert len(route.calls) == 1
    assert body["response_format"]["type"] == "json_schema" and body["response_format"]["json_schema"]["name"] == "scenario"
    system, task = body["messages"][0]["content"], body["messages"][1]["content"]
    assert all(f"- {move}:" in system for move in MOVE_IDS)
    assert "{days}" in system and "pre_empted" in system and "offline.answers.<constraint|" in system
    assert DESCRIBE in task and f'"{ID}"' in task


def test_the_problems_go_back_and_the_repaired_draft_validates(capsys):
    # The loader reports as `coach validate` does: the format first, then the references between fields.
    references_only = copy.deepcopy(flawed())
    references_only["offline"] = GOOD["offline"]
    with respx.mock() as mock:
        route = mock.post(CHAT).mock(side_effect=replies(json.dumps(flawed()), json.dumps(references_only),
                                                         json.dumps(GOOD)))
        assert new() == 0
    assert len(route.calls) == 3
    repair = sent(route.calls[1])["messages"]
    assert [m["role"] for m in repair] == ["system", "user", "assistant", "user"]
    assert json.loads(repair[2]["content"])["rubric"]["criteria"][0]["id"] == "negotiation-skill"  # its own draft
    assert "unknown slot {weekday}" in repair[3]["content"]
    assert "offline.vague[0]: contains a control character" in repair[3]["content"]
    asked = sent(route.calls[2])["messages"][3]["content"]
    for expected in ("rubric.criteria[0].id: unknown criterion 'negotiation-skill'",
                     "counterpart.objections[0].answered_by[0]: 'hedging' is a flag",
                     "levels.tough.evidence_needed: needs 9 supporting moves"):
        assert expected in asked
    assert len(sent(route.calls[2])["messages"]) == 4  # only the latest exchange, however many rounds
    assert sent(route.calls[1])["temperature"] < sent(route.calls[0])["temperature"]
    assert load_scenario(Path(f"{ID}.toml"), load_criteria())[1] == []
    assert "round 2 of 4: the draft has 2 problem(s)" in capsys.readouterr().err


def test_three_failed_repairs_leave_the_draft_beside_it_with_its_problems(capsys):
    with respx.mock() as mock:
        route = mock.post(CHAT).mock(return_value=completion(json.dumps(flawed())))
        assert new() == 1
    assert len(route.calls) == 4  # the draft and three repairs
    assert not Path(f"{ID}.toml").exists()
    draft = Path(f"{ID}.draft.toml")
    text = draft.read_text(encoding="utf-8")
    assert "NOT VALID YET" in text.splitlines()[1]
    out, err = capsys.readouterr()
    printed = out.splitlines()
    assert f"after 4 round(s); it is in {draft}" in err
    # The same problems, at the same lines, as `coach validate` finds in the draft file.
    assert main(["validate", str(draft)]) == 1
    assert capsys.readouterr().out.splitlines() == printed
    slot = next(line for line in printed if "{weekday}" in line)
    assert slot.startswith(f"{draft}:") and ": offline.concession: " in slot
    assert text.splitlines()[int(slot.split(":")[1]) - 1].startswith("concession = [")


def test_garbage_and_a_cut_off_answer_are_asked_again(capsys):
    half = json.dumps(GOOD)[:5000]
    with respx.mock() as mock:
        route = mock.post(CHAT).mock(side_effect=replies(
            "Sure! I'd love to help you write a scenario about a four-day week. {Let me think} ...",
            (half, "length"),
            "```json\n" + json.dumps(GOOD) + "\n```\nHope this helps!",
        ))
        assert new() == 0
    assert len(route.calls) == 3
    first, second = (sent(c)["messages"][-1]["content"] for c in route.calls[1:])
    assert "not a valid JSON object" in first
    assert "cut off at the length limit" in second and "required field is missing" in second
    assert load_scenario(Path(f"{ID}.toml"), load_criteria())[1] == []


def test_after_an_unusable_answer_the_last_usable_draft_is_repaired():
    with respx.mock() as mock:
        route = mock.post(CHAT).mock(side_effect=replies(json.dumps(flawed()), "{\"oops\": ", json.dumps(GOOD)))
        assert new() == 0
    third = sent(route.calls[2])["messages"]
    assert json.loads(third[2]["content"])["offline"]["concession"][0] == "Fine, {weekday} it is."
    assert "your last answer could not be used" in third[3]["content"] and "{weekday}" in third[3]["content"]


def test_a_model_that_never_sends_a_scenario_writes_nothing(capsys):
    with respx.mock() as mock:
        mock.post(CHAT).mock(return_value=completion("I cannot write files, but here are some tips..."))
        assert new() == 1
    assert list(Path().iterdir()) == []
    assert "never sent a scenario" in capsys.readouterr().err


def test_a_hostile_answer_cannot_choose_the_id_or_break_the_file():
    data = copy.deepcopy(GOOD) | {"id": "../../etc/passwd", "schema_version": 7, "levels": None}
    cleaned = draft_text.scenario_data({"scenario": data}, ID)
    assert cleaned["id"] == ID and cleaned["schema_version"] == 1 and "levels" not in cleaned
    text = draft_text.to_toml(cleaned, draft_text.header("m\n[evil]", "x\n[table]\nid = 'no'", valid=True))
    lines = text.splitlines()
    assert lines[0].startswith("# Drafted") and lines[1].startswith("# ") and lines[2] == "schema_version = 1"
    assert "[evil]" not in lines and "[table]" not in lines


def test_a_server_failure_is_said_and_nothing_is_written(capsys):
    with respx.mock() as mock:
        mock.post(CHAT).mock(return_value=httpx.Response(401, json={"error": {"message": "bad key"}}))
        assert new() == 1
    assert list(Path().iterdir()) == []
    err = capsys.readouterr().err
    assert "coach:" in err and "no scenario was written" in err


def test_a_model_with_a_short_context_is_told_why_it_cannot_draft(capsys):
    too_long = {"error": {"message": "This model's maximum context length is 8192 tokens. However, you requested "
                                     "17728 tokens.", "type": "invalid_request_error"}}
    with respx.mock() as mock:
        mock.post(CHAT).mock(return_value=httpx.Response(400, json=too_long))
        assert new() == 1
    err = capsys.readouterr().err
    assert "'m' cannot hold a whole scenario" in err and "context_budget" not in err.split("(")[0]


def test_a_server_without_json_schema_gets_the_schema_in_the_prompt():
    def answer(request: httpx.Request) -> httpx.Response:
        if "json_schema" in json.dumps(json.loads(request.content).get("response_format") or {}):
            return httpx.Response(400, json={"error": {"message": "response_format json_schema not supported"}})
        return completion(json.dumps(GOOD))

    with respx.mock() as mock:
        route = mock.post(CHAT).mock(side_effect=answer)
        assert new() == 0
    body = sent(route.calls[-1])
    assert body["response_format"] == {"type": "json_object"}
    assert '"hidden_constraints"' in body["messages"][0]["content"]


def test_over_a_real_socket_a_flawed_draft_is_repaired():
    answers = iter([json.dumps(flawed()), json.dumps(GOOD)])
    with FakeChatServer(reply=lambda body: next(answers)) as server:
        code = main(["new", ID, "--describe", DESCRIBE, "--model", "fake", "--base-url", server.url])
        assert len(server.requests) == 2
    assert code == 0
    assert load_scenario(Path(f"{ID}.toml"), load_criteria())[1] == []


def test_without_a_model_the_starter_is_written_and_the_model_is_mentioned(capsys):
    assert new("--timeout", "0") == 2  # a setting that cannot work is refused before anything is asked
    assert main(["new", ID, "--describe", DESCRIBE]) == 0
    text = Path(f"{ID}.toml").read_text(encoding="utf-8")
    assert text.startswith(f"# Described as: {DESCRIBE}\n# A starter scenario")
    assert load_scenario(Path(f"{ID}.toml"), load_criteria())[1] == []
    assert "would have drafted the whole scenario" in capsys.readouterr().err
    assert main(["new", ID, "--describe", DESCRIBE, "--model", "m", "--base-url", BASE]) == 1  # exists: no request
