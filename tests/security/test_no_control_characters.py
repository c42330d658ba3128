"""Property: for any text with control characters in it, no output path emits a C0 or C1 control
character other than newline and tab (nor DEL): the sanitizer itself, the same text streamed in pieces,
the CLI's guarded output, and the commands that print transcripts (export, score, report)."""

from __future__ import annotations

import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.cli import main
from coach.cli.output import SafeStream
from coach.core.text_safety import StreamCleaner, clean, json_safe
from tests.security.conftest import controls, write_session

PIECES = ["\x1b", "[", "]", "0;", "52;c;", "\x07", "\x9b", "\x9c", "\x9d", "\x90", "\x1b\\", "2J", "P", "\r", "\x7f",
          "\x00", "\x08", "\n", "\t", "x", " ", "é", "[/]", "*", "<b>"]
hostile = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=40).map("".join)


@given(hostile)
def test_clean_leaves_no_control_but_newline_and_tab(text):
    out = clean(text)
    assert not controls(out)
    assert clean(out) == out


@given(hostile, st.lists(st.integers(min_value=1, max_value=7), min_size=1, max_size=20))
def test_a_stream_cleaned_in_pieces_is_the_text_cleaned_whole(text, sizes):
    cleaner, out, at = StreamCleaner(), [], 0
    for size in sizes * (len(text) // max(1, sum(sizes)) + 1):
        if at >= len(text):
            break
        out.append(cleaner.feed(text[at : at + size]))
        at += size
    out.append(cleaner.feed(text[at:]))
    out.append(cleaner.finish())
    assert not any(controls(piece) for piece in out)
    assert "".join(out) == clean(text)


@given(hostile)
def test_guarded_output_and_json(text):
    sink = io.StringIO()
    SafeStream(sink).write(text)
    assert not controls(sink.getvalue())
    data = json_safe(json.dumps({"t": text}, ensure_ascii=False))
    assert not controls(data) and json.loads(data) == {"t": text}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(hostile, hostile)
def test_commands_that_print_a_transcript(tmp_path, capsys, said, name):
    path = write_session(tmp_path / "s.json", participant=name or None, turns=[
        {"speaker": "partner", "text": f"Hello {said}"},
        {"speaker": "learner", "text": f"I'd like you to nominate me for Senior. {said}"},
    ])
    for argv in (["export", str(path)], ["export", str(path), "--format", "html"], ["score", str(path)],
                 ["score", str(path), "--json"], ["report", str(path), "-f", "md"], ["report", str(path), "-f", "json"]):
        main(argv)
        out = capsys.readouterr()
        assert not controls(out.out) and not controls(out.err), argv
