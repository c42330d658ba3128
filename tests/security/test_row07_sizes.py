"""Row 7: sizes are bounded. A reply from a server that ignores max_tokens is cut (with a note in the
transcript), so it is neither saved whole nor sent back as context; `score` and `report` refuse a file
over the stated size with one line instead of reading it into memory."""

from __future__ import annotations

import json

from coach.cli import main
from coach.core.session_file import MAX_SESSION_BYTES, read_session
from coach.llm.tokens import TokenCounter
from coach.rehearsal.engines.openai_chat import ReplyLimit
from tests.fakeserver import FakeChatServer
from tests.security.conftest import answers, sessions_dir, write_session

FLOOD = ["and then we could " * 25] * 2000  # about 900 kB, no sentence end, far past any reply limit


def test_a_reply_from_a_server_that_ignores_max_tokens_is_cut_and_noted(tmp_path, capsys):
    def reply(body: dict) -> list[str] | str:
        return FLOOD if sum(m["role"] == "user" for m in body["messages"]) < 2 else "Fine. Go on."

    with FakeChatServer(reply=reply) as server:
        code = main(["rehearse", "promotion-after-win", "--engine", "openai", "--model", "fake", "--base-url", server.url,
                     "--answers", answers(tmp_path, "I'd like a promotion.", "I led the migration.")])
        out = capsys.readouterr()
        assert code == 0, out.err
        second = server.requests[1]["messages"]
    [path] = sessions_dir().glob("*.json")
    session = read_session(path)
    reply = session.turns[2]
    limit = 300 * ReplyLimit.CHARS_PER_TOKEN  # the default reply_max_tokens
    assert reply.speaker == "partner" and 100 < len(reply.text) <= limit + 1
    # Far past the word budget, coach stops reading long before the size limit and says so.
    assert "ran on far past the 90-word budget" in reply.note and len(reply.text.split()) <= 91
    assert "note: the model ran on far past" in out.err
    assert sum(len(m["content"]) for m in second) < 20_000, "the flood is not sent back as context"
    assert path.stat().st_size < 50_000


class CountEveryCharacter(TokenCounter):
    def count(self, text: str) -> int:
        return len(text)


def test_the_token_limit_applies_when_the_characters_are_within_theirs():
    limit = ReplyLimit(100, CountEveryCharacter())  # 200 tokens, 800 characters
    taken = []
    for _ in range(300):
        text, over = limit.take("ab")
        taken.append(text)
        if over:
            break
    assert over and limit.over == "tokens"
    assert 200 < len("".join(taken)) <= 200 + ReplyLimit.COUNT_EVERY


def test_score_and_report_refuse_a_file_over_the_limit_in_one_line(tmp_path, capsys):
    huge = "I cut incidents by a third. " * (MAX_SESSION_BYTES // 28 + 10)
    path = write_session(tmp_path / "huge.json", turns=[{"speaker": "learner", "text": huge}])
    assert path.stat().st_size > MAX_SESSION_BYTES
    assert main(["score", str(path)]) == 2
    out = capsys.readouterr()
    assert out.err.strip() == f"coach: {path}: too large to be a coach session (over 4 MB)"
    assert main(["report", str(path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[0] == f"coach: skipped {path}: too large to be a session (over 4 MB)"
    # just under the limit still reads
    small = write_session(tmp_path / "ok.json", turns=[{"speaker": "learner", "text": "I'd like a promotion."}])
    assert main(["score", str(small), "--json"]) == 0
    json.loads(capsys.readouterr().out)
