"""The scenario format, the criteria library and the bundled pack."""

from __future__ import annotations

import json
import tomllib

import pytest

from coach.cli import main
from coach.scenario import LEVELS, Scenario
from coach.scenario.criteria import FLAG_IDS, LIBRARY_IDS, MANAGER_MOVE_IDS
from coach.scenario.loader import load_scenario


def test_library_defines_exactly_the_shared_ids(library):
    assert sorted(library.by_id) == sorted(LIBRARY_IDS)
    for cid in FLAG_IDS:
        assert library.by_id[cid].kind == "flag"
    for cid in MANAGER_MOVE_IDS:
        assert library.by_id[cid].kind == "manager-move"
    for criterion in library.criterion:
        assert len(criterion.levels) == 5
        # The trained move model reads the library's criteria; regex signals are only for authors' own.
        assert criterion.signals is None and not criterion.examples, criterion.id


def test_bundled_pack_is_valid_and_complete(catalog):
    assert catalog.problems == []
    assert len(catalog.scenarios) >= 8
    categories = {item.scenario.category for item in catalog.scenarios.values()}
    assert {"career", "workload", "pay", "flexibility", "responsibilities", "management"} <= categories
    assert any(item.scenario.learner.perspective == "manager" for item in catalog.scenarios.values())


@pytest.mark.parametrize("level", LEVELS)
def test_every_bundled_scenario_can_be_won_at_every_level(catalog, level):
    for item in catalog.scenarios.values():
        s = item.scenario
        lvl = s.levels[level]
        assert lvl.objections <= len(s.counterpart.objections)
        assert lvl.evidence_needed <= len(set(s.counterpart.concession.supporting))
        needed = set(s.counterpart.concession.requires) | set(s.counterpart.concession.supporting)
        for cid in needed:
            assert cid in s.offline.reactions, f"{s.id}: no offline reaction for {cid}"


def test_validate_bundled_exits_zero(capsys):
    assert main(["validate"]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert "all valid" in err


def test_list_json(capsys):
    assert main(["list", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    ids = [row["id"] for row in data["scenarios"]]
    assert "promotion-after-win" in ids
    assert {"id", "title", "category", "difficulty"} <= set(data["scenarios"][0])


def test_list_table(capsys):
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert "promotion-after-win" in out and "career" in out


def test_schema_is_json_schema(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "Scenario"
    assert {"id", "counterpart", "levels", "rubric", "offline", "debrief"} <= set(schema["properties"])


def test_criteria_schema(capsys):
    assert main(["schema", "--criteria"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "CriteriaLibrary"


def test_new_writes_a_valid_commented_starter(tmp_path, monkeypatch, capsys, library):
    monkeypatch.chdir(tmp_path)
    assert main(["new", "ask-for-budget"]) == 0
    path = tmp_path / "ask-for-budget.toml"
    text = path.read_text()
    assert text.count("#") > 10, "the starter should explain its fields"
    item, problems = load_scenario(path, library)
    assert problems == [] and item.scenario.id == "ask-for-budget"
    assert main(["validate", str(path)]) == 0
    # Never overwrite an author's file.
    assert main(["new", "ask-for-budget"]) == 1
    assert "already exists" in capsys.readouterr().err


def test_new_rejects_a_bad_id(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["new", "Bad Id!"]) == 1
    assert "not a valid id" in capsys.readouterr().err


def test_extra_scenario_folders_from_flag_and_env(tmp_path, monkeypatch, capsys, starter_text):
    flag_dir, env_dir = tmp_path / "flag", tmp_path / "env"
    flag_dir.mkdir()
    env_dir.mkdir()
    (flag_dir / "a.toml").write_text(starter_text.replace('id = "test-scenario"', 'id = "from-flag"'))
    (env_dir / "b.toml").write_text(starter_text.replace('id = "test-scenario"', 'id = "from-env"'))
    monkeypatch.setenv("COACH_SCENARIOS", str(env_dir))
    assert main(["list", "--json", "--scenarios", str(flag_dir)]) == 0
    ids = {row["id"] for row in json.loads(capsys.readouterr().out)["scenarios"]}
    assert {"from-flag", "from-env", "promotion-after-win"} <= ids


def test_scenario_models_round_trip(catalog):
    for item in catalog.scenarios.values():
        data = tomllib.loads(item.path.read_text())
        assert Scenario.model_validate(data) == item.scenario
