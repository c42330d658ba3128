"""What scenario authors and trainers run into beyond the catalog of broken files: links, odd folders,
typed values, where a line number points, and the `coach new` and `--scenarios` edges."""

from __future__ import annotations

import json
import re

from coach.cli import main
from coach.scenario import load_paths
from coach.scenario.loader import MAX_PROBLEMS

LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+): (?P<field>[^:]+): (?P<message>.+)$")


def _lines(out: str) -> list[re.Match]:
    found = [LINE.match(line) for line in out.strip().splitlines()]
    assert all(found), out
    return found


def _line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), start=1) if needle in line)


def test_symlink_loop_and_odd_entries_are_named_not_raised(tmp_path, starter_text, capsys):
    folder = tmp_path / "pack"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.toml").write_text(starter_text)
    (folder / "a.toml").symlink_to(folder / "b.toml")
    (folder / "b.toml").symlink_to(folder / "a.toml")
    (folder / "gone.toml").symlink_to(folder / "never-there.toml")
    (folder / "dir.toml").mkdir()  # a folder that happens to end in .toml is not a file to read
    (folder / "sub" / "up").symlink_to(folder)  # a link back up the tree is walked once
    assert main(["validate", str(folder)]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    by_name = {m["path"].rsplit("/", 1)[-1]: m for m in _lines(out)}
    assert set(by_name) == {"a.toml", "b.toml", "gone.toml"}
    assert "loop" in by_name["a.toml"]["message"] and "broken" in by_name["gone.toml"]["message"]
    assert set(load_paths([folder]).scenarios) == {"test-scenario"}


def test_global_and_subcommand_scenario_folders_are_merged(tmp_path, starter_text, capsys):
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir(), two.mkdir()
    (one / "a.toml").write_text(starter_text.replace('"test-scenario"', '"from-one"'))
    (two / "b.toml").write_text(starter_text.replace('"test-scenario"', '"from-two"'))
    assert main(["--scenarios", str(one), "list", "--json", "--scenarios", str(two)]) == 0
    ids = {row["id"] for row in json.loads(capsys.readouterr().out)["scenarios"]}
    assert {"from-one", "from-two"} <= ids


def test_the_bundled_library_validates_on_its_own_and_beside_scenarios(capsys):
    from coach.core import resources

    folder = resources.scenarios_dir()
    assert main(["validate", str(folder / "criteria.toml")]) == 0
    assert main(["validate", *map(str, sorted(folder.glob("*.toml")))]) == 0
    assert "1 criteria library" in capsys.readouterr().err


def test_a_broken_library_in_a_folder_is_checked(tmp_path, starter_text, capsys):
    (tmp_path / "s.toml").write_text(starter_text)
    (tmp_path / "criteria.toml").write_text("schema_version = 1\n[detector]\nnegations = ['(']\n")
    assert main(["validate", str(tmp_path)]) == 1
    assert "criteria.toml:3: detector.negations" in capsys.readouterr().out


def test_values_of_the_wrong_toml_type_are_not_coerced(tmp_path, starter_text, capsys):
    text = starter_text.replace("patience = 4\n", 'patience = "4"\n').replace(
        '{ id = "specific-ask", weight = 3 }', '{ id = "specific-ask", weight = true }'
    ).replace("evidence_needed = 3\n", "evidence_needed = 3.0\n")
    (tmp_path / "s.toml").write_text(text)
    assert main(["validate", str(tmp_path / "s.toml")]) == 1
    found = {m["field"]: m for m in _lines(capsys.readouterr().out)}
    assert found["levels.realistic.patience"]["message"] == "must be a whole number, like 3, got text '4'"
    assert int(found["levels.realistic.patience"]["line"]) == _line_of(text, 'patience = "4"')
    assert "got true" in found["rubric.criteria[0].weight"]["message"]
    assert "whole number" in found["levels.realistic.evidence_needed"]["message"]


def test_unicode_line_separators_do_not_shift_line_numbers(tmp_path, starter_text, capsys):
    text = starter_text.replace("One paragraph shown", "One\u2028paragraph\u0085shown")
    text = text.replace("patience = 3\n", "patience = 0\n")
    (tmp_path / "s.toml").write_text(text, encoding="utf-8")
    assert main(["validate", str(tmp_path / "s.toml")]) == 1
    # U+0085 (NEL) is also a C1 control character, which terminals act on: reported on its own line.
    nel, m = sorted(_lines(capsys.readouterr().out), key=lambda found: int(found["line"]))
    assert (nel["field"], int(nel["line"])) == ("summary", _line_of(text, "summary ="))
    assert "control character (U+0085)" in nel["message"]
    assert m["field"] == "levels.tough.patience"
    assert int(m["line"]) == _line_of(text, "patience = 0")


def test_a_missing_level_points_at_the_levels_tables(tmp_path, starter_text, capsys):
    text = re.sub(r"\[levels\.tough\]\n(?:[^\[\n].*\n)*", "", starter_text)
    (tmp_path / "s.toml").write_text(text)
    assert main(["validate", str(tmp_path / "s.toml")]) == 1
    (m,) = _lines(capsys.readouterr().out)
    assert (m["field"], int(m["line"])) == ("levels", _line_of(text, "[levels.gentle]"))
    assert "tough" in m["message"]


def test_a_toml_file_that_is_not_a_scenario_gets_one_line(tmp_path, capsys):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\nversion = "1"\n')
    assert main(["validate", str(tmp_path / "pyproject.toml")]) == 1
    (m,) = _lines(capsys.readouterr().out)
    assert "not a scenario file" in m["message"]


def test_flags_cannot_answer_objections_or_take_move_reactions(tmp_path, starter_text, capsys):
    text = starter_text.replace('answered_by = ["business-value", "phased-plan"]', 'answered_by = ["aggression", "phased-plan"]')
    text = text.replace('next-steps = ["Yes, let\'s set a date."]', 'next-steps = ["Yes, let\'s set a date."]\nhedging = ["No need to apologise."]')
    (tmp_path / "s.toml").write_text(text)
    assert main(["validate", str(tmp_path / "s.toml")]) == 1
    found = {m["field"]: m["message"] for m in _lines(capsys.readouterr().out)}
    assert "is a flag" in found["counterpart.objections[0].answered_by[0]"]
    assert "[offline]" in found["offline.reactions.hedging"]


def test_syntax_errors_name_the_field_and_say_what_to_do(tmp_path, starter_text, capsys):
    text = starter_text.replace('title = "Test scenario"', "title = Test scenario")
    (tmp_path / "s.toml").write_text(text)
    assert main(["validate", str(tmp_path / "s.toml")]) == 1
    (m,) = _lines(capsys.readouterr().out)
    assert (m["field"], int(m["line"])) == ("title", _line_of(text, "title = Test"))
    assert "quotes" in m["message"]


def test_thousands_of_problems_are_capped(tmp_path, starter_text, capsys):
    items = ", ".join(["1"] * 500)
    text = starter_text.replace('tags = ["draft"]', f"tags = [{items}]")
    (tmp_path / "s.toml").write_text(text)
    assert main(["validate", str(tmp_path / "s.toml")]) == 1
    lines = _lines(capsys.readouterr().out)
    assert len(lines) == MAX_PROBLEMS
    assert "more problems after this one" in lines[-1]["message"]


def test_new_always_writes_a_file_that_validates(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["new", "ab"]) == 0
    assert main(["validate", "ab.toml"]) == 0
    (tmp_path / "out").mkdir()
    assert main(["new", "into-a-folder", "-o", "out"]) == 0
    assert main(["validate", "out/into-a-folder.toml"]) == 0
    assert main(["new", "x" * 65]) == 1
    assert main(["new", "promotion-after-win"]) == 1
    err = capsys.readouterr().err
    assert "already used by" in err and not (tmp_path / "promotion-after-win.toml").exists()


def test_the_starters_commented_custom_criterion_works_once_uncommented(tmp_path, capsys):
    from coach.scenario.starter import starter_text

    text = starter_text("with-custom")
    block = text[text.index("# [[rubric.custom]]") :].split("\n\n", 1)[0]
    text = text.replace(block, "\n".join(line.removeprefix("# ") for line in block.split("\n")))
    text = text.replace('  { id = "next-steps", weight = 1 },\n]', '  { id = "next-steps", weight = 1 },\n  { id = "names-the-deadline", weight = 1 },\n]')
    (tmp_path / "s.toml").write_text(text)
    assert main(["validate", str(tmp_path / "s.toml")]) == 0, capsys.readouterr().out
