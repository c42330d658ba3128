"""A catalog of broken scenario files: each gets its one-line error; the valid files beside it load."""

from __future__ import annotations

import re

import pytest

from coach.cli import main
from coach.scenario import load_paths
from coach.scenario.loader import MAX_BYTES

LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+): (?P<field>[^:]+): (?P<message>.+)$")


def _line_of(text: str, needle: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in text")


def broken_files(starter: str) -> dict[str, tuple[bytes, int, str, str]]:
    """name -> (content, expected line, expected field, expected message fragment)."""
    other = starter.replace('id = "test-scenario"', 'id = "other-scenario"')
    cases = {}

    text = starter.replace('opening_line = "Hi, you wanted to talk?"', 'opening_line = "Hi, you wanted to talk?')
    cases["syntax.toml"] = (text.encode(), _line_of(text, "opening_line"), "counterpart.opening_line", "no closing quote")

    text = re.sub(r'^goal = .*\n', "", starter, flags=re.M)
    cases["missing.toml"] = (text.encode(), _line_of(text, "[learner]"), "learner.goal", "required field is missing")

    text = starter.replace("patience = 4\n", 'patience = "four"\n')
    cases["wrong-type.toml"] = (text.encode(), _line_of(text, '"four"'), "levels.realistic.patience", "whole number")

    text = starter.replace('answered_by = ["business-value", "phased-plan"]', 'answered_by = ["business-valu", "phased-plan"]')
    cases["unknown-criterion.toml"] = (
        text.encode(), _line_of(text, "answered_by = ["), "counterpart.objections[0].answered_by[0]", "unknown criterion 'business-valu'"
    )

    text = starter.replace('specific-ask = ["So what', 'specific-asks = ["So what')
    cases["unknown-move-in-reply.toml"] = (
        text.encode(), _line_of(text, "specific-asks ="), "offline.asks.specific-asks", "unknown move"
    )

    text = starter.replace('opening_line =', 'opening_lines =')
    cases["typo-field.toml"] = (text.encode(), _line_of(text, "opening_lines"), "counterpart.opening_lines", "did you mean 'opening_line'")

    cases["z-duplicate.toml"] = (starter.encode(), _line_of(starter, 'id = "test-scenario"'), "id", "duplicate id 'test-scenario'")
    cases["empty.toml"] = (b"   \n\n", 1, "(file)", "file is empty")
    cases["binary.toml"] = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 1, "(file)", "binary file")
    cases["huge.toml"] = (b'summary = """' + b"x" * (MAX_BYTES + 10) + b'"""\n', 1, "(file)", "too large")
    latin1 = starter.replace("A common mistake.", "Un caf\u00e9 trop fort.").encode("latin-1")
    cases["latin1.toml"] = (latin1, _line_of(starter, "A common mistake."), "(file)", "not UTF-8")
    cases["not-a-table.toml"] = (b"just some words\n", 1, "(syntax)", "")
    cases["array-root.toml"] = (b"id = [1, 2\n", 1, "id", "not closed")
    cases["other.toml"] = (other.encode(), 0, "", "")  # valid
    return cases


@pytest.fixture
def pack(tmp_path, starter_text):
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "a-valid.toml").write_text(starter_text)
    cases = broken_files(starter_text)
    for name, (content, *_rest) in cases.items():
        (folder / name).write_bytes(content)
    return folder, cases


def test_each_broken_file_gets_its_one_line_error(pack, capsys, monkeypatch):
    folder, cases = pack
    monkeypatch.chdir(folder.parent)
    assert main(["validate", str(folder)]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    lines = out.strip().splitlines()
    parsed = [LINE.match(line) for line in lines]
    assert all(parsed), f"malformed lines: {[l for l, p in zip(lines, parsed) if not p]}"
    by_file: dict[str, list[re.Match]] = {}
    for m in parsed:
        by_file.setdefault(m["path"].split("/")[-1], []).append(m)
    for name, (_content, line, field, fragment) in cases.items():
        if not field:
            assert name not in by_file, f"{name} is valid but got {by_file.get(name)}"
            continue
        assert name in by_file, f"{name}: no error reported"
        problems = by_file[name]
        assert len(problems) == 1, f"{name}: expected one line, got {[m.group(0) for m in problems]}"
        m = problems[0]
        assert int(m["line"]) == line, f"{name}: {m.group(0)}"
        assert m["field"] == field, f"{name}: {m.group(0)}"
        assert fragment in m["message"], f"{name}: {m.group(0)}"


def test_valid_files_beside_broken_ones_still_load(pack):
    folder, _ = pack
    catalog = load_paths([folder])
    assert set(catalog.scenarios) == {"test-scenario", "other-scenario"}
    assert catalog.problems


def test_list_survives_a_broken_pack(pack, capsys):
    folder, _ = pack
    assert main(["list", "--scenarios", str(folder)]) == 0
    out, err = capsys.readouterr()
    assert "test-scenario" in out and "could not be loaded" in err


def test_missing_path(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nope.toml")]) == 1
    assert "no such file or folder" in capsys.readouterr().out


def test_level_that_cannot_be_won(tmp_path, starter_text, capsys):
    path = tmp_path / "s.toml"
    path.write_text(starter_text.replace("evidence_needed = 4", "evidence_needed = 9"))
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "levels.tough.evidence_needed" in out and "could never be earned" in out


def test_id_clashing_with_bundled_pack(tmp_path, starter_text, capsys):
    path = tmp_path / "s.toml"
    path.write_text(starter_text.replace('id = "test-scenario"', 'id = "promotion-after-win"'))
    assert main(["validate", str(path)]) == 1
    assert "duplicate id 'promotion-after-win'" in capsys.readouterr().out


def test_broken_criteria_library_is_reported_not_raised(tmp_path, capsys):
    path = tmp_path / "criteria.toml"
    path.write_text("schema_version = 1\n[detector]\nnegations = ['(']\n")
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "criteria.toml:3: detector.negations" in out and "invalid regular expression" in out
