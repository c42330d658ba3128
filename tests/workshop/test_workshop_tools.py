"""`coach check` and `coach export`."""

from __future__ import annotations

import json
import os

import pytest

from coach.cli import main
from coach.scenario import load_catalog

SCENARIOS = sorted(load_catalog().scenarios)


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_check_every_bundled_scenario_separates_weak_from_strong(scenario_id, capsys):
    code = main(["check", scenario_id, "--json"])
    [result] = json.loads(capsys.readouterr().out)
    assert code == 0, result["problems"]
    assert result["separates"]
    plays = {(p["learner"], p["difficulty"]): p for p in result["plays"]}
    for level in ("gentle", "realistic", "tough"):
        assert plays[("weak", level)]["outcome"] != "agreed"
        assert plays[("strong", level)]["total"] > plays[("weak", level)]["total"]


def with_unreachable_move(starter: str, example: str) -> str:
    """The starter scenario scoring a custom move whose signal never fires (its example is `example`)."""
    text = starter.replace('[rubric]\ncriteria = [', '[rubric]\ncriteria = [\n  { id = "secret-handshake", weight = 1 },')
    return text + f'''
[[rubric.custom]]
id = "secret-handshake"
name = "The secret handshake"
kind = "move"
description = "Nobody says this."
levels = ["0", "1", "2", "3", "4"]
example = "{example}"
tip = "Say the words."
[rubric.custom.signals]
[[rubric.custom.signals.groups]]
any = ['\\bqqqqqq\\b']
'''


def test_check_fails_a_scenario_that_cannot_be_won(tmp_path, starter_text, capsys):
    # The concession needs a custom move whose signal never fires: nobody can earn it.
    text = with_unreachable_move(starter_text.replace('requires = ["specific-ask"]', 'requires = ["secret-handshake"]'), "zyxwvut")
    path = tmp_path / "unwinnable.toml"
    path.write_text(text)
    assert main(["validate", str(path)]) == 0, capsys.readouterr().out
    capsys.readouterr()
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "DOES NOT separate" in out and "strong learner never got the concession" in out
    assert "offline lines never used" in out


def test_check_unknown_scenario(capsys):
    assert main(["check", "no-such-thing"]) == 2
    assert "no scenario" in capsys.readouterr().err


@pytest.fixture
def saved_session(tmp_path, capsys):
    answers = tmp_path / "a.txt"
    answers.write_text("I'd like you to nominate me for Senior Engineer in the March calibration.\n\n"
                       "Sorry, maybe this is a bad time.\n")
    assert main(["rehearse", "promotion-after-win", "--answers", str(answers), "--json"]) == 0
    return json.loads(capsys.readouterr().out)["id"]


def test_export_markdown_has_numbered_turns_scorecard_and_debrief_but_no_brief(saved_session, capsys, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-SECRET-never-shown")
    assert main(["export", saved_session]) == 0
    out = capsys.readouterr().out
    assert "**2. You:** I'd like you to nominate me" in out
    assert "Scorecard" in out and "Expert debrief" in out
    scenario = load_catalog().get("promotion-after-win").scenario
    for secret in scenario.counterpart.hidden_constraints:
        assert secret not in out
    assert scenario.counterpart.private_goal.strip() not in out
    assert "SECRET" not in out
    assert main(["export", saved_session, "--include-brief"]) == 0
    assert scenario.counterpart.hidden_constraints[0] in capsys.readouterr().out


def test_export_html_is_self_contained_and_escapes_learner_text(tmp_path, capsys):
    answers = tmp_path / "a.txt"
    answers.write_text("<script>alert(1)</script> I'd like a promotion to Senior in March.\n")
    assert main(["rehearse", "promotion-after-win", "--answers", str(answers), "--json"]) == 0
    session_id = json.loads(capsys.readouterr().out)["id"]
    out_file = tmp_path / "s.html"
    assert main(["export", session_id, "--format", "html", "-o", str(out_file)]) == 0
    page = out_file.read_text()
    assert page.startswith("<!doctype html>") and "</html>" in page
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "http://" not in page and "https://" not in page
    assert oct(os.stat(out_file).st_mode & 0o777) == "0o600"


def test_export_missing_session(capsys):
    assert main(["export", "nope"]) == 2
    assert "no saved session" in capsys.readouterr().err


def test_check_flags_a_scored_criterion_nothing_can_reach(tmp_path, starter_text, capsys):
    # A custom criterion whose signal fires on neither its own example nor any model line, and a
    # scored move with no offline line of its own.
    text = with_unreachable_move(starter_text, "A perfectly ordinary line.")
    text = text.replace('next-steps = ["Yes, let\'s set a date."]\n', "")
    path = tmp_path / "s.toml"
    path.write_text(text)
    assert main(["validate", str(path)]) == 0, capsys.readouterr().out
    capsys.readouterr()
    main(["check", str(path), "--json"])
    [result] = json.loads(capsys.readouterr().out)
    assert any(u.startswith("secret-handshake:") for u in result["unreachable"]), result["unreachable"]
    assert any(u.startswith("next-steps:") for u in result["no_lines"]), result["no_lines"]


def test_rehearse_and_check_take_a_scenario_file_outside_any_folder(tmp_path, starter_text, capsys):
    path = tmp_path / "elsewhere.toml"
    path.write_text(starter_text)
    answers = tmp_path / "a.txt"
    answers.write_text("I'd like to lead the March launch.\n")
    assert main(["rehearse", str(path), "--answers", str(answers), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["scenario_id"] == "test-scenario"
    path.write_text(starter_text.replace("patience = 4\n", "patience = 0\n"))
    assert main(["rehearse", str(path), "--answers", str(answers)]) == 2
    assert "levels.realistic.patience" in capsys.readouterr().err


def test_check_notes_an_objection_whose_press_lines_all_say_the_learner_skipped_it(catalog):
    """Such lines are not said to a learner who talks about the worry without answering it, so the author is told
    to add one that asks for the answer."""
    from coach.service.check import authoring_notes

    scenario = catalog.get("lateral-move").scenario
    objection = scenario.counterpart.objections[0]
    accusing = objection.model_copy(update={"press": ["You're skipping the backlog.", "You keep side-stepping it."]})
    changed = scenario.model_copy(update={"counterpart": scenario.counterpart.model_copy(
        update={"objections": [accusing, *scenario.counterpart.objections[1:]]})})
    assert any("skipping it" in note and objection.id in note for note in authoring_notes(changed))
    assert not any("skipping it" in note for note in authoring_notes(scenario))
