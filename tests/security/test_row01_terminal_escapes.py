"""Row 1: escape sequences from a model reply, a server's error body, a scenario file, a transcript, the
judge's text or a participant's name never reach the terminal, in the CLI or in the app."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import respx

from coach.cli import main
from coach.core.session_file import read_session
from tests.fakeserver import FakeChatServer
from tests.security.conftest import (
    ATTACK,
    ATTACK_PIECES,
    answers,
    assert_terminal_safe,
    controls,
    sessions_dir,
    write_session,
)

LINE = "I'd like you to nominate me for Senior in the March calibration."


def test_rehearse_against_a_server_that_streams_escape_sequences(tmp_path, capsys):
    with FakeChatServer(reply=ATTACK_PIECES) as server:
        code = main(["rehearse", "promotion-after-win", "--engine", "openai", "--model", "fake",
                     "--base-url", server.url, "--answers", answers(tmp_path, LINE)])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert_terminal_safe(out.out, out.err)
    assert "Fine.  2J" not in out.out and "Fine." in out.out and "Go on." in out.out
    [path] = sessions_dir().glob("*.json")
    reply = read_session(path).turns[-1]
    assert reply.speaker == "partner" and not controls(reply.text), "the saved transcript is clean too"


@respx.mock
def test_a_server_error_body_with_escape_sequences(tmp_path, capsys):
    body = {"error": {"message": f"bad model {ATTACK} \x1b]8;;http://evil/\x07click\x1b]8;;\x07", "type": "invalid"}}
    respx.post("http://llm.test/v1/chat/completions").mock(return_value=httpx.Response(400, json=body))
    code = main(["rehearse", "promotion-after-win", "--engine", "openai", "--model", "m",
                 "--base-url", "http://llm.test/v1", "--answers", answers(tmp_path, LINE)])
    out = capsys.readouterr()
    assert code == 1
    assert "refused the request (400)" in out.err and "bad model" in out.err
    assert_terminal_safe(out.out, out.err)


def _scenario_with_title(tmp_path: Path, title: str) -> Path:
    folder = tmp_path / "pack"
    folder.mkdir()
    source = Path(__file__).parents[1] / "tui" / "scenarios" / "promotion-after-win.toml"
    text = source.read_text(encoding="utf-8").replace('id = "promotion-after-win"', 'id = "hostile-title"', 1)
    lines = [f"title = {json.dumps(title)}" if line.startswith("title = ") else line for line in text.splitlines()]
    (folder / "hostile.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_validate_reports_control_characters_and_list_never_prints_them(tmp_path, capsys):
    folder = _scenario_with_title(tmp_path, "x \u001b]0;T\u0007")
    assert main(["validate", str(folder / "hostile.toml")]) == 1
    out = capsys.readouterr()
    assert "hostile.toml:" in out.out and "title: contains a control character (U+001B)" in out.out
    assert_terminal_safe(out.out, out.err)
    assert main(["list", "--scenarios", str(folder)]) == 0
    out = capsys.readouterr()
    assert "hostile-title" not in out.out, "a scenario with control characters is not loaded"
    assert_terminal_safe(out.out, out.err)


def _hostile_session(tmp_path: Path) -> Path:
    return write_session(
        tmp_path / "hostile.json",
        participant=f"Ana {ATTACK}",
        turns=[
            {"speaker": "partner", "text": f"Hello {ATTACK}"},
            {"speaker": "learner", "text": f"I'd like you to nominate me for Senior. {ATTACK} \x1bc\x07\x08\r"},
            {"speaker": "partner", "text": "Go on \x9d0;PWNED\x9c \x90q\x9c"},
        ],
    )


def test_export_score_report_and_list_print_a_hostile_transcript_clean(tmp_path, capsys):
    path = str(_hostile_session(tmp_path))
    commands = [
        ["export", path],
        ["export", path, "--format", "html"],
        ["score", path],
        ["report", path, "-f", "md"],
        ["report", path, "-f", "csv"],
        ["report", path, "-f", "html"],
        ["rehearse", "--resume", path, "--answers", answers(tmp_path, LINE)],
    ]
    for argv in commands:
        code = main(argv)
        out = capsys.readouterr()
        assert code == 0, (argv, out.err)
        assert_terminal_safe(out.out, out.err)
    # JSON keeps every character, written as an escape a terminal does not act on.
    for argv in (["score", path, "--json"], ["report", path, "-f", "json"]):
        assert main(argv) == 0
        out = capsys.readouterr()
        assert not controls(out.out + out.err)
        json.loads(out.out)
    assert "\\u001b]0;PWNED\\u0007" in out.out, "the participant's name, kept in full"


@respx.mock
def test_the_judge_s_words_are_printed_clean(tmp_path, capsys):
    answer = {"evidence": [{"quote": "nominate me for Senior", "turn": 2}], "score": 3,
              "reasoning": f"Clear ask. {ATTACK}", "better_line": "Say when. \x1b[31mred\x1b[0m"}
    reply = {"id": "c", "object": "chat.completion", "created": 1, "model": "m",
             "choices": [{"index": 0, "message": {"role": "assistant", "content": json.dumps(answer)},
                          "finish_reason": "stop"}]}
    respx.post("http://judge.test/v1/chat/completions").mock(return_value=httpx.Response(200, json=reply))
    path = write_session(tmp_path / "s.json")
    code = main(["score", str(path), "--judge", "llm", "--model", "m", "--base-url", "http://judge.test/v1"])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "Clear ask." in out.out
    assert_terminal_safe(out.out, out.err)


# -- the app -----------------------------------------------------------------------------------------


class AttackEngine:
    """A model-like counterpart that streams the attack, split across chunks."""

    kind = "openai"
    model = f"fake {ATTACK}"
    token_counting = ""
    notice = None

    def cost(self, usage):
        return None

    def prompt_versions(self):
        return {}

    def initial_state(self, scenario, difficulty):
        return None

    async def stream(self, ctx):
        from coach.core.counterpart import ReplyEnd

        for piece in ATTACK_PIECES:
            yield piece
        yield ReplyEnd()


async def test_the_app_shows_a_streamed_reply_and_notices_clean():
    from tests.tui.conftest import make_app, open_rehearsal, say

    app = make_app(engine=AttackEngine())
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.pause()
        screen = await open_rehearsal(pilot)
        await say(pilot, f"My line {ATTACK}")
        assert "Go on." in app.export_screenshot().replace("&#160;", " ")
        assert_terminal_safe(app.export_screenshot())
        assert not controls(screen.rehearsal.session.turns[-1].text)
        app.notify(f"a server said {ATTACK}")
        await pilot.pause()
        assert_terminal_safe(app.export_screenshot())
        await screen.action_retry()  # takes the learner's own line (escape codes and all) back into the input
        await pilot.pause()
        assert "My line" in screen.query_one("#composer").text
        assert_terminal_safe(app.export_screenshot())


async def test_the_app_shows_a_hostile_transcript_clean(tmp_path):
    from coach.tui.screens.progress import ProgressScreen
    from coach.tui.screens.transcript import TranscriptScreen
    from tests.tui.conftest import make_app, settle, until

    write_session(sessions_dir() / "20260101-100000-abcdef.json", **json.loads(_hostile_session(tmp_path).read_text()))
    app = make_app()
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.pause()
        await pilot.press("f5")
        await until(pilot, lambda: isinstance(app.screen, ProgressScreen), "progress")
        await settle(pilot)
        assert_terminal_safe(app.export_screenshot())
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, TranscriptScreen), "the transcript")
        await settle(pilot)
        assert "nominate me" in app.export_screenshot().replace("&#160;", " ")
        assert_terminal_safe(app.export_screenshot())
