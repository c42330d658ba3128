"""`coach rehearse` at its edges: resuming on the recorded server, flags that do not apply, paths and
answers checked before anything starts, piped input, retries, care pauses, usage and cost.

Model traffic goes to the loopback fake server or to respx; nothing reaches the network.
"""

from __future__ import annotations

import io
import json
import os
import sys
import time
from pathlib import Path

import httpx
import pytest
import respx

from coach.cli import main
from coach.core.session_file import read_session
from tests.fakeserver import FakeChatServer
from tests.llm_helpers import BASE, CHAT, BrokenStream, chunk, sse_response

LINES = [
    "I'd like to ask you to nominate me for Senior Engineer in the March calibration.",
    "Beyond the migration, I mentored two new hires and cut our on-call pages by 30% since June.",
    "I understand the budget is tight this year. What would make this hard to take to calibration?",
]
NAME = "Priya Raman"


@pytest.fixture(autouse=True)
def _no_timeout_from_the_environment(monkeypatch):
    monkeypatch.delenv("COACH_TIMEOUT", raising=False)


def sessions() -> list[Path]:
    return sorted((Path(os.environ["COACH_DATA_DIR"]) / "sessions").glob("*.json"))


def write_config(text: str) -> None:
    from coach.core import paths

    paths.config_file().parent.mkdir(parents=True, exist_ok=True)
    paths.config_file().write_text(text, encoding="utf-8")


def answers_file(tmp_path: Path, *lines: str, name: str = "a.txt") -> str:
    path = tmp_path / name
    path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def pipe(monkeypatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))


# -- resuming ---------------------------------------------------------------------------------------------


def test_resume_goes_back_to_the_server_the_session_recorded(tmp_path, capsys, monkeypatch):
    # A different reply each time: the same one again would be asked for once more (a repeat).
    said = ["Go on, tell me more.", "Right, and what happens after that?"]
    with FakeChatServer(reply=lambda body: said[sum(m["role"] == "user" for m in body["messages"]) - 1]) as server:
        code = main(["rehearse", "promotion-after-win", "--engine", "openai", "--model", "fake", "--no-score",
                     "--base-url", server.url, "--answers", answers_file(tmp_path, LINES[0])])
        assert code == 0, capsys.readouterr().err
        [path] = sessions()
        assert len(server.requests) == 1
        # The configured server is now another one (a closed port): the session still goes back to its own.
        monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
        capsys.readouterr()
        code = main(["rehearse", "--resume", path.stem, "--no-score",
                     "--answers", answers_file(tmp_path, LINES[1], name="b")])
        out = capsys.readouterr()
        assert code == 0, out.err
        assert len(server.requests) == 2, "the second line went to the recorded server"
        assert f"openai (fake at {server.url})" in out.out.splitlines()[0]
        url = server.url
    session = read_session(path)
    assert session.provenance.base_url == url and session.provenance.model == "fake"
    assert [t.text for t in session.turns if t.speaker == "learner"] == LINES[:2]


def test_resume_keeps_credentials_of_the_configured_url_when_it_is_the_same_server(tmp_path, capsys):
    from coach.core.config import Settings
    from coach.core.session import Provenance
    from coach.rehearsal.factory import resume_settings

    prov = Provenance(scenario_id="x", engine="openai", model="m", base_url="https://proxy.example/v1")
    same = Settings(base_url="https://u:p@proxy.example/v1?team=a", api_key="sk-1234567890abcdef")
    assert resume_settings(same, prov).base_url == "https://u:p@proxy.example/v1?team=a"
    other = Settings(base_url="http://localhost:11434/v1", model="llama3")
    resumed = resume_settings(other, prov)
    # The key is never sent to a remote server named only in a session file: the configured one goes on.
    assert (resumed.engine, resumed.model, resumed.base_url) == ("openai", "m", "http://localhost:11434/v1")
    assert resume_settings(Settings(), prov).base_url is None
    local = Provenance(scenario_id="x", engine="openai", model="m", base_url="http://127.0.0.1:8080/v1")
    assert resume_settings(other, local).base_url == "http://127.0.0.1:8080/v1"  # this machine: safe to go back
    assert resume_settings(other, prov, base_url="http://flag/v1").base_url == "http://flag/v1"
    assert resume_settings(other, prov, engine="offline").resolved_engine == "offline"
    offline = Provenance(scenario_id="x", engine="offline")
    assert resume_settings(other, offline).resolved_engine == "offline"
    switched = resume_settings(other, offline, model="m2")
    assert (switched.engine, switched.model, switched.base_url) == ("openai", "m2", "http://localhost:11434/v1")


def test_resume_with_another_engine_records_the_change(tmp_path, capsys):
    with FakeChatServer(reply="Go on.") as server:
        assert main(["rehearse", "promotion-after-win", "--engine", "openai", "--model", "fake",
                     "--base-url", server.url, "--answers", answers_file(tmp_path, LINES[0])]) == 0
    [path] = sessions()
    capsys.readouterr()
    code = main(["rehearse", "--resume", path.stem, "--engine", "offline",
                 "--answers", answers_file(tmp_path, LINES[1], name="b")])
    err = capsys.readouterr().err
    assert code == 0, err
    assert "carries on with the offline counterpart (it was the model 'fake' at http://127.0.0.1:" in err
    prov = read_session(path).provenance
    assert (prov.engine, prov.model, prov.base_url) == ("offline", None, None)
    assert {"counterpart", "care"} <= set(prov.prompt_versions), "earlier prompt versions are kept"


def test_flags_that_do_not_apply_to_a_resumed_session_say_so(tmp_path, capsys):
    assert main(["rehearse", "promotion-after-win", "--participant", "Ana", "--seed", "4",
                 "--answers", answers_file(tmp_path, LINES[0])]) == 0
    [path] = sessions()
    capsys.readouterr()
    code = main(["rehearse", "flexible-work-trial", "--resume", path.stem, "-d", "tough", "--participant", "Bob",
                 "--seed", "9", "--answers", os.devnull])
    err = capsys.readouterr().err
    assert code == 0
    assert "--difficulty does not apply when resuming: the session stays at 'realistic'" in err
    assert "--participant does not apply when resuming: the session stays Ana's" in err
    assert "--seed does not apply when resuming: the session keeps seed 4" in err
    assert "the scenario 'flexible-work-trial' is ignored" in err
    session = read_session(path)
    assert session.participant == "Ana" and session.provenance.difficulty == "realistic"


def test_resume_takes_an_id_its_file_name_or_its_path(tmp_path, capsys):
    assert main(["rehearse", "promotion-after-win", "--answers", os.devnull]) == 0
    [path] = sessions()
    for key in (path.stem, path.name, str(path)):
        assert main(["rehearse", "--resume", key, "--answers", os.devnull]) == 0, capsys.readouterr().err
    capsys.readouterr()
    assert main(["rehearse", "--resume", "nothing-here.json"]) == 2
    assert "no saved session 'nothing-here.json'" in capsys.readouterr().err


def test_resume_of_a_transcript_nested_too_deeply_is_a_clean_error(tmp_path, capsys):
    deep = tmp_path / "deep.json"
    deep.write_text('{"turns":' + "[" * 5000 + "]" * 5000 + "}")
    assert main(["rehearse", "--resume", str(deep)]) == 2
    err = capsys.readouterr().err
    assert "nested too deeply" in err and "Traceback" not in err


# -- checked before anything starts ---------------------------------------------------------------------------


def test_transcript_in_a_missing_folder_is_created(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["rehearse", "promotion-after-win", "--transcript", "out/deeper/t.json",
                 "--answers", answers_file(tmp_path, LINES[0])]) == 0
    copy = json.loads((tmp_path / "out/deeper/t.json").read_text())
    assert copy["id"] == sessions()[0].stem


@pytest.mark.parametrize("target", ["out/", "."])
def test_transcript_that_is_a_folder_is_refused_before_a_session_starts(tmp_path, capsys, monkeypatch, target):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out").mkdir()
    assert main(["rehearse", "promotion-after-win", "--transcript", target, "--answers", os.devnull]) == 2
    err = capsys.readouterr().err
    assert "that is a folder; name a file in it" in err and "Traceback" not in err
    assert sessions() == [], "no session is left behind"


def test_transcript_under_a_file_is_refused(tmp_path, capsys):
    (tmp_path / "file").write_text("x")
    assert main(["rehearse", "promotion-after-win", "--transcript", str(tmp_path / "file" / "t.json")]) == 2
    assert "cannot create the folder" in capsys.readouterr().err and sessions() == []


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (None, "No such file or directory"),
        ("Hello\n\nThere\n".encode("utf-16"), "UTF-16"),
        ("Hello\n\nThere\n".encode("utf-16-le"), "UTF-16"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00>\x00", "not a text file"),
        (b"caf\xe9 au lait\n", "not UTF-8 text (byte 4"),
    ],
)
def test_unreadable_answers_are_refused_before_a_session_starts(tmp_path, capsys, content, said):
    path = tmp_path / "answers.txt"
    if content is not None:
        path.write_bytes(content)
    assert main(["rehearse", "promotion-after-win", "--answers", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"cannot read answers file {path}" in err and said in err and "Traceback" not in err
    assert sessions() == [], "no session is left behind"


def test_answers_with_a_byte_order_mark_and_crlf_lines(tmp_path, capsys):
    path = tmp_path / "answers.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n\r\n".join(LINES[:2]).encode() + b"\r\n")
    assert main(["rehearse", "promotion-after-win", "--answers", str(path), "--json"]) == 0
    session = json.loads(capsys.readouterr().out)
    assert [t["text"] for t in session["turns"] if t["speaker"] == "learner"] == LINES[:2]


@pytest.mark.parametrize("raw", ["   ", "\t\n"])
def test_an_empty_participant_name_is_an_error(capsys, raw):
    assert main(["rehearse", "promotion-after-win", "--participant", raw]) == 2
    assert "--participant: the name is empty" in capsys.readouterr().err and sessions() == []


def test_participant_whitespace_is_normalised(tmp_path):
    assert main(["rehearse", "promotion-after-win", "--participant", "  Ana \t Lopez ", "--answers", os.devnull]) == 0
    assert read_session(sessions()[0]).participant == "Ana Lopez"


def test_timeout_flag_and_environment(tmp_path, capsys, monkeypatch):
    assert main(["rehearse", "promotion-after-win", "--timeout", "0"]) == 2
    assert "--timeout: must be more than 0 and at most 600 (got 0.0)" in capsys.readouterr().err
    monkeypatch.setenv("COACH_TIMEOUT", "soon")
    assert main(["rehearse", "promotion-after-win"]) == 2
    assert "COACH_TIMEOUT (environment variable): must be a number" in capsys.readouterr().err
    monkeypatch.setenv("COACH_TIMEOUT", "600")
    write_config("max_retries = 0\n")
    with FakeChatServer(reply="Too slow.", delay=1.0) as server:
        started = time.perf_counter()
        code = main(["rehearse", "promotion-after-win", "--model", "fake", "--base-url", server.url,
                     "--timeout", "0.3", "--answers", answers_file(tmp_path, LINES[0])])
        elapsed = time.perf_counter() - started
    err = capsys.readouterr().err
    assert code == 1 and "No reply from" in err and "within 0.3 s" in err, err
    assert elapsed < 4, "the flag, not the environment's 600 s, bounds the wait"
    assert sessions() == [] or all(s.stat().st_size for s in sessions())


def test_coach_engine_from_the_environment_is_named(capsys, monkeypatch):
    monkeypatch.setenv("COACH_ENGINE", "bogus")
    assert main(["rehearse", "promotion-after-win"]) == 2
    err = capsys.readouterr().err
    assert "COACH_ENGINE (environment variable)" in err and "config file" not in err


# -- piped input -------------------------------------------------------------------------------------------


def test_piped_lines_are_echoed_so_the_conversation_reads_whole(monkeypatch, capsys):
    pipe(monkeypatch, f"{LINES[0]}\n\n{LINES[1]}\n")
    assert main(["rehearse", "promotion-after-win"]) == 0
    out = capsys.readouterr().out.splitlines()
    learner = [i for i, line in enumerate(out) if line.startswith("You: ")]
    assert [out[i] for i in learner] == [f"You: {LINES[0]}", f"You: {LINES[1]}"]
    assert all(out[i + 1].startswith(f"{NAME}: ") for i in learner), "each line, then its reply"
    assert "You: You:" not in "\n".join(out), "no prompt is printed when stdin is not a terminal"


@respx.mock
def test_piped_reply_that_drops_is_retried_once_and_no_line_is_lost(monkeypatch, capsys):
    dropped = httpx.Response(200, headers={"content-type": "text/event-stream"},
                             stream=BrokenStream(chunk("Okay, ").encode(), chunk("I hear ").encode()))
    route = respx.post(CHAT).mock(side_effect=[dropped, sse_response("Fine. ", "Go on."),
                                               sse_response("Noted.")])
    pipe(monkeypatch, f"{LINES[0]}\n{LINES[1]}\n")
    code = main(["rehearse", "promotion-after-win", "--model", "fake", "--base-url", BASE])
    out, err = capsys.readouterr()
    assert code == 0, "the retry worked, so the run succeeded"
    assert route.call_count == 3
    assert f"{NAME}: Okay, I hear [reply interrupted]\n" in out, "one space before the mark"
    assert f"{NAME}: Fine. Go on.\n" in out and f"{NAME}: Noted.\n" in out
    assert "trying once more" in err
    session = read_session(sessions()[0])
    assert [t.text for t in session.turns if t.speaker == "learner"] == LINES[:2], "no line was swallowed"
    assert f"{NAME}: \n" not in out and not any(line == f"{NAME}:" for line in out.splitlines())


@respx.mock
def test_piped_reply_that_fails_twice_stops_with_the_line_saved(monkeypatch, capsys):
    write_config("max_retries = 0\n")
    route = respx.post(CHAT).respond(500, json={"error": {"message": "upstream exploded"}})
    pipe(monkeypatch, f"{LINES[0]}\n{LINES[1]}\n")
    code = main(["rehearse", "promotion-after-win", "--model", "fake", "--base-url", BASE])
    out, err = capsys.readouterr()
    assert code == 1 and route.call_count == 2, "one automatic retry, then stop"
    assert "internal error (500)" in err and "coach rehearse --resume" in err
    assert NAME + ": \n" not in out and f"{NAME}: coach" not in out, "no dangling name before an error"
    session = read_session(sessions()[0])
    assert session.turns[-1].text == LINES[0] and session.turns[-1].status == "unanswered"


@respx.mock
def test_429_asking_for_two_minutes_fails_fast_in_the_terminal(tmp_path, capsys):
    route = respx.post(CHAT).respond(429, headers={"retry-after": "120"}, json={"error": {"message": "slow down"}})
    started = time.perf_counter()
    code = main(["rehearse", "promotion-after-win", "--model", "fake", "--base-url", BASE,
                 "--answers", answers_file(tmp_path, LINES[0])])
    err = capsys.readouterr().err
    assert time.perf_counter() - started < 5 and code == 1
    assert route.call_count == 1, "neither the client nor coach waits two minutes"
    assert "asks coach to wait 2 min" in err and "your line is saved" in err
    assert read_session(sessions()[0]).turns[-1].text == LINES[0]


@respx.mock
def test_short_rate_limit_waits_are_shown(tmp_path, capsys):
    limited = httpx.Response(429, headers={"retry-after": "0.05"}, json={"error": {"message": "slow down"}})
    respx.post(CHAT).mock(side_effect=[limited, sse_response("Okay.")])
    code = main(["rehearse", "promotion-after-win", "--model", "fake", "--base-url", BASE,
                 "--answers", answers_file(tmp_path, LINES[0])])
    out, err = capsys.readouterr()
    assert code == 0 and "coach: rate limited (429); waiting 0.1 s before retry 1 of 2" in err
    assert f"{NAME}: Okay." in out


def test_a_care_pause_in_piped_input_waits_for_the_learner_without_eating_lines(monkeypatch, capsys):
    pipe(monkeypatch, "I can't cope anymore, I feel hopeless.\nThis line must not be taken as an answer.\n")
    code = main(["rehearse", "promotion-after-win"])
    out, err = capsys.readouterr()
    assert code == 0
    assert "\ncoach: " in out and f"{NAME}: \n" not in out and f"{NAME}: coach" not in out
    assert "paused" in err and "--resume" in err
    assert "Scorecard" not in out, "a care pause is not the end of the rehearsal: no scorecard"
    session = read_session(sessions()[0])
    assert session.outcome == "care-pause" and session.turns[-1].speaker == "care" and session.scorecard is None
    assert all("must not be taken" not in t.text for t in session.turns)


@respx.mock
def test_at_a_terminal_a_line_typed_at_the_retry_prompt_is_sent(monkeypatch, capsys):
    import asyncio

    from coach.cli.rehearse_session import play
    from coach.core.config import load_settings
    from coach.service.coach import Coach

    write_config("max_retries = 0\n")
    route = respx.post(CHAT).mock(side_effect=[
        httpx.Response(500, json={"error": {"message": "boom"}}), sse_response("Better. ", "Go on.")])
    settings = load_settings({"model": "fake", "base_url": BASE})
    rehearsal = Coach(settings).start("promotion-after-win")
    pipe(monkeypatch, f"{LINES[0]}\n{LINES[1]}\n")
    code = asyncio.run(play(rehearsal, None, settings=settings, interactive=True))
    out = capsys.readouterr().out
    assert code == 0, "the run ended on a reply"
    assert "Press Enter to try again, type a new line to send instead" in out
    assert route.call_count == 2
    turns = rehearsal.session.turns
    assert [t.text for t in turns if t.speaker == "learner"] == [LINES[1]]
    assert turns[-1].text == "Better. Go on."
    assert rehearsal.session.branches[-1].turns[0].text == LINES[0], "the line that got no reply is kept"


# -- what it cost ------------------------------------------------------------------------------------------


@respx.mock
def test_usage_and_estimated_cost_are_printed_at_the_end(tmp_path, capsys):
    usage = {"prompt_tokens": 1200, "completion_tokens": 80, "total_tokens": 1280}
    respx.post(CHAT).mock(return_value=sse_response("Okay.", usage=usage))
    assert main(["rehearse", "promotion-after-win", "--model", "gpt-4o-mini", "--base-url", BASE,
                 "--answers", answers_file(tmp_path, LINES[0], LINES[1])]) == 0
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if line.startswith("usage: "))
    assert "2,400 prompt + 160 completion tokens (as the server reported them)" in line
    assert "; estimated cost $0.0005" in line


def test_usage_without_a_price_says_the_cost_is_unknown(tmp_path, capsys):
    with FakeChatServer(reply="Okay.", usage=False) as server:
        assert main(["rehearse", "promotion-after-win", "--model", "local-llama", "--base-url", server.url,
                     "--answers", answers_file(tmp_path, LINES[0])]) == 0
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if line.startswith("usage: "))
    assert "(estimated: counted by coach)" in line and "cost unknown (no price for 'local-llama'" in line


def test_offline_sessions_print_no_usage(tmp_path, capsys):
    assert main(["rehearse", "promotion-after-win", "--answers", answers_file(tmp_path, LINES[0])]) == 0
    assert "usage:" not in capsys.readouterr().out


# -- a finished experience: briefing, help, slash commands, wrapping, scorecard, colour -----------------------


def test_the_briefing_comes_before_the_first_line_and_keeps_hidden_things_hidden(tmp_path, capsys, catalog):
    from coach.cli.rehearse_text import HELP

    s = catalog.get("promotion-after-win").scenario
    assert main(["rehearse", "promotion-after-win", "--answers", answers_file(tmp_path, LINES[0])]) == 0
    out = capsys.readouterr().out
    opening = out.index(f"{NAME}: {s.counterpart.opening_line}")
    briefing = out[:opening]
    for said in ("Your role: Software engineer (level 2), three years on the payments team",
                 "Two weeks ago the checkout migration you led went live a week early",
                 f"Your goal: {s.learner.goal}", "A good outcome: Priya agrees to nominate you for March",
                 "You are talking to: Priya Raman, Engineering Manager, Payments. Your manager for the last two years",
                 f"Difficulty (realistic): {s.level('realistic').description}", HELP):
        assert said in briefing, said
    assert briefing.index("Your role:") < briefing.index(HELP), "the help line follows the briefing"
    hidden = [*s.counterpart.hidden_constraints, s.counterpart.private_goal, s.counterpart.personality,
              *(o.line for o in s.counterpart.objections), s.counterpart.concession.summary]
    flat = " ".join(briefing.split())
    for text in hidden:
        assert " ".join(text.split())[:40] not in flat, text
    assert "Marco" not in briefing and "two senior promotions" not in briefing


def test_quiet_and_json_leave_the_briefing_out(tmp_path, capsys):
    assert main(["rehearse", "promotion-after-win", "--quiet", "--answers", answers_file(tmp_path, LINES[0])]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1].startswith(f"{NAME}: ") and "Your role:" not in "\n".join(out)
    assert main(["rehearse", "promotion-after-win", "--json", "--answers", answers_file(tmp_path, LINES[0])]) == 0
    session = json.loads(capsys.readouterr().out)  # nothing but the session
    assert session["outcome"] == "ended-early"


def _said(session) -> list[str]:
    return [t.text for t in session.turns if t.speaker == "learner"]


def test_slash_commands_in_answers_are_handled_and_never_sent(tmp_path, capsys):
    from coach.cli.rehearse_text import HELP

    script = [LINES[0], "/help", "/hint", "/bogus thing", "/ I think we should talk", "/rewind", LINES[1],
              "/end", LINES[2]]
    assert main(["rehearse", "promotion-after-win", "--answers", answers_file(tmp_path, *script)]) == 0
    out = capsys.readouterr().out
    assert out.count(HELP) == 2, "once after the briefing, once for /help"
    assert "\nHint: " in out
    assert "“/bogus thing” is not a command, so it was not sent" in out
    assert "“/ I think we should talk” is not a command, so it was not sent" in out
    assert f"Taken back: {LINES[0]}\n" in out
    assert "> /rewind\n" in out, "a scripted command is shown as typed, not as a line said"
    session = read_session(sessions()[0])
    assert _said(session) == [LINES[1]], "the rewound line was replaced; /end stopped before the last"
    assert session.branches[0].turns[0].text == LINES[0], "the line taken back is kept"
    every = session.turns + [t for b in session.branches for t in b.turns]
    assert not any(t.text.lstrip().startswith("/") for t in every), "no command reached the counterpart"
    assert session.outcome == "ended-early" and session.scorecard is not None
    assert LINES[2] not in out


def test_rewind_takes_back_a_numbered_line_and_says_when_there_is_none(tmp_path, capsys):
    script = ["/rewind", LINES[0], LINES[1], "/rewind 5", "/rewind two", "/rewind 2", LINES[2]]
    assert main(["rehearse", "promotion-after-win", "--no-score", "--answers", answers_file(tmp_path, *script)]) == 0
    out = capsys.readouterr().out
    assert "There is no line of yours to take back yet." in out
    assert "/rewind 5: give the number of one of your lines (1 to 2)" in out
    assert "/rewind two: give the number" in out
    assert f"Taken back: {LINES[1]}\n" in out and "Rewound to before your line 2" in out
    assert _said(read_session(sessions()[0])) == [LINES[0], LINES[2]]


def test_piped_slash_commands_are_handled_and_end_of_input_finishes_with_the_scorecard(monkeypatch, capsys):
    pipe(monkeypatch, f"/hint\n{LINES[0]}\n/quit-now\n{LINES[1]}\n")
    assert main(["rehearse", "promotion-after-win"]) == 0
    out = capsys.readouterr().out
    session = read_session(sessions()[0])
    assert _said(session) == LINES[:2]
    assert session.outcome == "ended-early", "end of input finishes the session early, not paused"
    card = session.scorecard
    assert card is not None and card.outcome == "ended-early"
    assert f"Scorecard: {card.scenario_title}\n" in out and f"{card.total:.0f}/100 · realistic · ended early" in out
    for c in card.criteria:
        assert f"{c.score}/4  {c.name}" in out
    assert "What to change next time" in out and card.top_changes[0].split(":")[0] in out
    assert f"coach export {session.id}" in out
    assert out.rstrip().splitlines()[-1].startswith("[ended-early] session saved: "), "the path is still the last line"
    assert out.index("Scorecard:") > out.index(f"You: {LINES[1]}")


def test_at_a_terminal_ctrl_d_or_end_finishes_with_the_scorecard(monkeypatch, capsys):
    import asyncio

    from coach.cli.rehearse_session import play
    from coach.service.coach import Coach

    for script in (f"{LINES[0]}\n/help\n/hint\n", f"{LINES[0]}\n/end\n{LINES[1]}\n"):  # then end of input
        coach = Coach()
        rehearsal = coach.start("promotion-after-win")
        pipe(monkeypatch, script)
        try:
            assert asyncio.run(play(rehearsal, None, coach=coach, interactive=True)) == 0
        finally:
            rehearsal.close()
        out = capsys.readouterr().out
        assert f"You: {LINES[0]}" not in out and out.count("You: ") >= 2, "prompted, and nothing typed is echoed"
        assert ("Hint: " in out) == ("/hint" in script)
        session = read_session(rehearsal.store.path_for(rehearsal.session.id))
        assert session.outcome == "ended-early" and _said(session) == [LINES[0]], script
        assert "Scorecard: Ask for a promotion after a visible win" in out and session.scorecard is not None


def test_no_score_skips_the_scorecard(tmp_path, capsys):
    copy = tmp_path / "copy.json"
    assert main(["rehearse", "promotion-after-win", "--no-score", "--transcript", str(copy),
                 "--answers", answers_file(tmp_path, LINES[0])]) == 0
    out = capsys.readouterr().out
    assert "Scorecard" not in out and "[ended-early] session saved" in out
    assert read_session(sessions()[0]).scorecard is None and json.loads(copy.read_text())["scorecard"] is None


def test_the_scorecard_is_in_the_saved_session_its_copy_and_the_json(tmp_path, capsys):
    copy = tmp_path / "copy.json"
    assert main(["rehearse", "promotion-after-win", "--json", "--transcript", str(copy),
                 "--answers", answers_file(tmp_path, *LINES)]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["scorecard"]["total"] == json.loads(copy.read_text())["scorecard"]["total"]
    assert read_session(sessions()[0]).scorecard.total == printed["scorecard"]["total"]


def test_the_model_judge_without_a_model_is_refused_before_a_session_starts(capsys):
    assert main(["rehearse", "promotion-after-win", "--judge", "llm", "--answers", os.devnull]) == 2
    assert "--judge llm needs a model" in capsys.readouterr().err and sessions() == []


def test_nothing_said_means_nothing_to_score(capsys):
    assert main(["rehearse", "promotion-after-win", "--answers", os.devnull]) == 0
    out = capsys.readouterr().out
    assert "nothing to score" in out and "Scorecard" not in out
    assert read_session(sessions()[0]).scorecard is None


def test_a_scenario_file_outside_the_library_is_scored_against_itself(tmp_path, capsys, starter_text):
    path = tmp_path / "elsewhere.toml"
    path.write_text(starter_text, encoding="utf-8")
    code = main(["rehearse", str(path), "--answers", answers_file(tmp_path, "I'd like a decision on this by Friday.")])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Scorecard: Test scenario" in out and "no scorecard" not in err


def test_text_is_wrapped_at_words_to_a_narrow_terminal(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "40")
    assert main(["rehearse", "promotion-after-win", "--answers", answers_file(tmp_path, *LINES)]) == 0
    out = capsys.readouterr().out
    session = read_session(sessions()[0])
    long_words = [w for w in out.split() if len(w) > 40 - 13]  # a word wider than a line may stand alone
    assert all(len(line) <= 40 for line in out.splitlines() if not any(w in line for w in long_words)), out
    flat = " ".join(out.split())
    for turn in session.turns:  # a word cut in two would leave a space inside it
        assert " ".join(turn.text.split()) in flat, turn.text
    assert f"{NAME}: Hey, good to see you." in out
    assert "\n             " in out, "a reply's later lines sit under its first word"


def test_a_streamed_reply_is_wrapped_at_words_across_chunks_and_keeps_paragraphs(capsys):
    from coach.cli.screen import Screen

    screen = Screen(False, width=30, colour=False)
    text = "Okay. The migration was great work, genuinely, but calibration wants more.\n\nWhat else is there?"
    pieces = ["Ok", "ay. The migr", "ation was gr", "eat work, genuinely, but calib", "ration wants more.\n",
              "\nWhat else is there?"]
    for piece in pieces:
        screen.reply("Priya", piece)
    screen.end_reply("[reply interrupted]")
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert all(len(line) <= 30 for line in lines), out
    assert lines[0].startswith("Priya: Okay.") and "" in lines, "the paragraph break is kept"
    assert " ".join(out.split()) == "Priya: " + " ".join(text.split()) + " [reply interrupted]"
    assert all(line.startswith("       ") for line in lines[1:] if line), "later lines sit under the first word"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@respx.mock
def test_colour_only_on_a_terminal_and_never_from_the_reply(tmp_path, capsys, monkeypatch):
    respx.post(CHAT).mock(side_effect=lambda request: sse_response("Fine.\x1b]0;pwned\x07 ", "Go \x1b[31mon."))
    argv = ["rehearse", "promotion-after-win", "--model", "fake", "--base-url", BASE, "--no-score",
            "--answers", answers_file(tmp_path, LINES[0])]
    assert main(argv) == 0
    captured = capsys.readouterr()
    assert "\x1b" not in captured.out and "\x1b" not in captured.err, "plain text when not a terminal"

    monkeypatch.setenv("COLUMNS", "80")
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    assert main(argv) == 0
    out = terminal.getvalue()
    assert f"\x1b[1m{NAME}:\x1b[0m Fine. Go on." in out and "\x1b[1mYou:\x1b[0m" in out, out
    assert "\x1b[2mType your line" in out, "the help line is dim"
    assert "pwned" not in out and "\x1b]" not in out and "\x1b[31m" not in out, "the reply's own codes are removed"

    monkeypatch.setenv("NO_COLOR", "1")
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    assert main(argv) == 0
    assert "\x1b" not in terminal.getvalue()
