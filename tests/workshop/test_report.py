"""`coach report`: a trainers' report across a room's sessions, in md, csv, html and json.

The room is played for real with `coach rehearse --participant` (offline), with corrupt and foreign
files beside the sessions. The HTML report is also rendered in headless Chromium (DOM, screenshot, PDF).
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import shutil
import stat
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from coach.cli import main
from coach.core.scorecard import Scorecard, weighted_total
from coach.workshop.pseudonyms import normalize, redactor
from coach.workshop.report_model import NO_NAME, Report
from coach.workshop.report_svg import BAR, FLAG, SPAN, WELL

FORMATS = ("md", "csv", "html", "json")
NAMES = {"zofia": "Zofia Wrzesniewska", "ignatius": "Ignatius Bramblewood", "chidinma": "Chidinma Okafor"}
NAME_WORDS = ("zofia", "wrzesniewska", "ignatius", "bramblewood", "chidinma", "okafor")
CORRUPT = {  # file: a word its skip reason must contain
    "notes.txt": "not a JSON transcript",
    "broken.json": "not a JSON transcript",
    "other.json": "not a coach transcript",
    "team-boundary.toml": "TOML",
    "photo.png": "binary",
    "bad-session.json": "speaker",
    "empty.json": "no learner turns",
    os.path.join("table-1", "zofia-notes.txt"): "not a JSON transcript",
}


# --- the room ---------------------------------------------------------------------------------------


@dataclass
class Room:
    root: Path
    scenarios: Path
    files: dict[str, Path]
    sessions: dict[str, dict] = field(default_factory=dict)  # session id -> saved session JSON
    cards: dict[str, Scorecard] = field(default_factory=dict)  # session id -> the scorecard the report must use
    stored: set[str] = field(default_factory=set)  # ids of sessions with a stored scorecard

    def learner_lines(self) -> list[str]:
        return [t["text"] for s in self.sessions.values() for t in s["turns"] if t["speaker"] == "learner"]


def _answers(library, *ids: str, lead: str = "") -> str:
    lines = [library.by_id[cid].example for cid in ids]
    lines[0] = lead + lines[0]
    return "\n\n".join(lines) + "\n"


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        code = main(argv)
    finally:
        sys.stdout, sys.stderr = saved
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def room(tmp_path_factory, library) -> Room:
    from coach.scenario.starter import starter_text

    base = tmp_path_factory.mktemp("room")
    with pytest.MonkeyPatch.context() as mp:  # module scope: keep the user's own folders out of it
        mp.setenv("COACH_CONFIG_DIR", str(base / "config"))
        mp.setenv("COACH_DATA_DIR", str(base / "data"))
        for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "COACH_MODEL", "COACH_SCENARIOS", "COACH_ENGINE"):
            mp.delenv(var, raising=False)
        scen = base / "scenarios"
        scen.mkdir()
        (scen / "team-boundary.toml").write_text(starter_text("team-boundary"), encoding="utf-8")
        strong = _answers(library, "specific-ask", "impact-evidence", "business-value", "explores-constraints", "next-steps")
        strong_named = _answers(library, "specific-ask", "impact-evidence", "business-value", "next-steps",
                                lead="Zofia here, and ")
        weak = _answers(library, "hedging") + "\nI guess I'd like more, sort of.\n\n" + _answers(library, "aggression")
        answers = {}
        for name, text in {"strong": strong, "strong_named": strong_named, "weak": weak}.items():
            answers[name] = base / f"{name}.txt"
            answers[name].write_text(text, encoding="utf-8")
        root = base / "room"
        plays = {  # file: scenario, answers, participant as typed, extra flags
            "table-1/zofia-1.json": ("promotion-after-win", "strong_named", NAMES["zofia"], []),
            "table-1/zofia-2.json": ("team-boundary", "weak", "  zofia   WRZESNIEWSKA ", []),
            "table-2/ignatius.json": ("promotion-after-win", "weak", NAMES["ignatius"], []),
            "table-2/chidinma.json": ("team-boundary", "strong", NAMES["chidinma"], ["--difficulty", "gentle"]),
            "walk-in.json": ("promotion-after-win", "strong", None, ["--difficulty", "tough"]),
        }
        files = {}
        for rel, (scenario, answer, who, extra) in plays.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            argv = ["rehearse", scenario, "--scenarios", str(scen), "--answers", str(answers[answer]),
                    "--transcript", str(path), "--json", "--no-score", *extra] + (["--participant", who] if who else [])
            code, _, err = _run(argv)
            assert code == 0, err
            files[rel] = path
        result = Room(root, scen, files)
        # Chidinma's session carries a stored scorecard from an "LLM judge": the report must use it as is.
        code, out, err = _run(["score", str(files["table-2/chidinma.json"]), "--scenarios", str(scen), "--judge", "offline", "--json"])
        assert code == 0, err
        card = Scorecard.model_validate_json(out)
        for c in card.criteria:
            c.judge = "llm"
        card.criteria[-1].score = 4
        card = card.model_copy(update={"judge": "llm", "judge_model": "test-judge", "total": weighted_total(card.criteria)})
        saved = json.loads(files["table-2/chidinma.json"].read_text())
        saved["scorecard"] = card.model_dump(mode="json")
        files["table-2/chidinma.json"].write_text(json.dumps(saved), encoding="utf-8")
        for rel, path in files.items():
            session = json.loads(path.read_text())
            result.sessions[session["id"]] = session
            if session.get("scorecard"):
                result.cards[session["id"]] = Scorecard.model_validate(session["scorecard"])
                result.stored.add(session["id"])
            else:
                code, out, err = _run(["score", str(path), "--scenarios", str(scen), "--judge", "offline", "--json"])
                assert code == 0, err
                result.cards[session["id"]] = Scorecard.model_validate_json(out)
        # Foreign and corrupt files beside the sessions, and a second copy of one session.
        (root / "notes.txt").write_text("Room 4B, 9:30. Bring the printed briefs.\n")
        (root / "broken.json").write_text('{"turns": [{"speaker": "learner", "text": "cut off')
        (root / "other.json").write_text("[1, 2, 3]")
        shutil.copy(scen / "team-boundary.toml", root / "team-boundary.toml")
        (root / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
        (root / "bad-session.json").write_text('{"scenario_id": "promotion-after-win", "turns": [{"speaker": "robot", "text": "hi"}]}')
        (root / "empty.json").write_text('{"scenario_id": "promotion-after-win", "turns": []}')
        (root / "table-1" / "zofia-notes.txt").write_text("Zofia: follow up on the March calibration.\n")
        (root / "copies").mkdir()
        shutil.copy(files["table-2/ignatius.json"], root / "copies" / "ignatius-copy.json")
    return result


def report(room: Room, *args: str, paths: list[str] | None = None) -> tuple[int, str, str]:
    return _run(["report", *(paths or [str(room.root)]), "--scenarios", str(room.scenarios), *args])


def report_json(room: Room, *args: str) -> Report:
    code, out, err = report(room, "--format", "json", *args)
    assert code == 0, err
    return Report.model_validate_json(out)


def expected_groups(room: Room, key) -> dict[str, list[Scorecard]]:
    groups: dict[str, list[Scorecard]] = defaultdict(list)
    for sid, card in room.cards.items():
        groups[key(room.sessions[sid])].append(card)
    return groups


def participant_of(session: dict) -> str:
    raw = session.get("participant")
    return " ".join(raw.split()) if raw else NO_NAME


def mean(values) -> float:
    values = list(values)
    return sum(values) / len(values)


# --- content ------------------------------------------------------------------------------------------


def test_json_totals_per_participant_and_scenario_match_the_scorecards(room):
    r = report_json(room)
    assert r.room.sessions == 5 and r.room.participants == 4 and r.room.scenarios == 2
    assert r.room.scored_now == 4
    # The two spellings of Zofia's name are one participant, shown as the most common spelling.
    by_name = {p.label: p for p in r.participants}
    assert set(by_name) == {NAMES["zofia"], NAMES["ignatius"], NAMES["chidinma"], NO_NAME}
    assert r.participants[-1].label == NO_NAME
    groups = expected_groups(room, lambda s: normalize(s.get("participant") or NO_NAME))
    for label, p in by_name.items():
        cards = groups[normalize(label)]
        assert p.sessions == len(cards)
        assert p.mean_total == pytest.approx(mean(c.total for c in cards), abs=0.051)
        assert p.best_total == max(c.total for c in cards) and p.lowest_total == min(c.total for c in cards)
        for stat in p.criteria:
            scores = [c.criterion(stat.id).score for c in cards if any(x.id == stat.id for x in c.criteria)]
            assert stat.mean == pytest.approx(mean(scores), abs=0.0051)
    assert sorted(by_name[NAMES["zofia"]].scenarios) == ["promotion-after-win", "team-boundary"]
    scen_groups = expected_groups(room, lambda s: s["scenario_id"])
    for s in r.scenarios:
        cards = scen_groups[s.id]
        assert s.sessions == len(cards)
        assert s.mean_total == pytest.approx(mean(c.total for c in cards), abs=0.051)
    # Sessions: the stored scorecard is used as is; the others were scored offline now.
    rows = {row.session_id: row for row in r.sessions}
    assert set(rows) == set(room.sessions)
    for sid, row in rows.items():
        assert row.total == room.cards[sid].total
        assert row.criteria == {c.id: c.score for c in room.cards[sid].criteria}
        assert row.scored_now == (sid not in room.stored)
        assert normalize(row.participant) == normalize(participant_of(room.sessions[sid]))
    [chidinma] = [row for row in r.sessions if row.participant == NAMES["chidinma"]]
    assert chidinma.judge == "llm" and not chidinma.scored_now
    assert any("scored now by the offline detector" in n for n in r.notes)
    assert any("different judges" in n for n in r.notes)


def test_difficulties_and_outcomes_come_from_the_sessions(room):
    r = report_json(room)
    by_id = {s.id: s for s in r.scenarios}
    assert by_id["promotion-after-win"].difficulties == {"realistic": 2, "tough": 1}
    assert sorted(by_id["team-boundary"].difficulties.items()) == [("gentle", 1), ("realistic", 1)]
    for row in r.sessions:
        assert row.outcome == room.sessions[row.session_id]["outcome"]
        assert row.difficulty == room.sessions[row.session_id]["provenance"]["difficulty"]


def test_hardest_criteria_come_first_and_flags_are_counted(room):
    r = report_json(room)
    scores: dict[str, list[int]] = defaultdict(list)
    for card in room.cards.values():
        for c in card.criteria:
            scores[c.id].append(c.score)
    assert [c.id for c in r.criteria] and {c.id for c in r.criteria} == set(scores)
    means = [c.mean for c in r.criteria]
    assert means == sorted(means), "hardest (lowest mean) first"
    for c in r.criteria:
        assert c.mean == pytest.approx(mean(scores[c.id]), abs=0.0051)
        assert c.zeros == scores[c.id].count(0) and c.sessions == len(scores[c.id])
    flag_sessions: dict[str, int] = defaultdict(int)
    flag_turns: dict[str, int] = defaultdict(int)
    for card in room.cards.values():
        for f in card.flag_details:
            flag_sessions[f.id] += 1
            flag_turns[f.id] += f.count
    assert flag_sessions, "the weak answers raise flags"
    assert {f.id: (f.sessions, f.turns) for f in r.flags} == {k: (v, flag_turns[k]) for k, v in flag_sessions.items()}
    counts = [f.sessions for f in r.flags]
    assert counts == sorted(counts, reverse=True), "most common first"
    for p in r.participants:  # every group lists criteria in the room's hardest-first order
        order = [c.id for c in r.criteria]
        ids = [c.id for c in p.criteria]
        assert ids == sorted(ids, key=order.index)


def test_quotes_are_the_learners_verbatim_words_and_the_strongest_come_first(room):
    r = report_json(room)
    assert r.quotes, "strong answers give quotable evidence"
    for q in r.quotes:
        turns = room.sessions[q.session_id]["turns"]
        turn = turns[q.turn - 1]
        assert turn["speaker"] == "learner"
        assert q.text in turn["text"], q
    firsts = {}
    for q in r.quotes:
        if q.kind == "strength":
            firsts.setdefault(q.criterion_id, q)
    for cid, q in firsts.items():
        best = max(c.criterion(cid).score for c in room.cards.values()
                   if any(x.id == cid and x.evidence for x in c.criteria))
        assert q.score == best
    assert {q.criterion_id for q in r.quotes if q.kind == "flag"} <= {f.id for f in r.flags}
    per_item = defaultdict(list)
    for q in r.quotes:
        per_item[(q.kind, q.criterion_id)].append(q.participant)
    assert all(len(people) == len(set(people)) <= 2 for people in per_item.values())


def test_markdown_has_readable_tables_in_the_same_order(room):
    code, out, err = report(room)
    assert code == 0, err
    r = report_json(room)
    assert out.startswith("# Workshop report")
    for heading in ("## Criteria the room found hardest", "## Most common flags", "## Participants", "## Scenarios",
                    "## Lines for discussion", "## Sessions", "## Skipped files"):
        assert heading in out
    hardest = out.split("## Criteria the room found hardest")[1].split("## Criteria the room handled well")[0]
    positions = [hardest.index(f"| {c.name} |") for c in r.hardest_criteria()]
    assert positions == sorted(positions) and r.hardest
    well = out.split("## Criteria the room handled well")[1].split("## Most common flags")[0]
    assert all(f"| {c.name} |" in well and f"| {c.name} |" not in hardest for c in r.criteria_done_well())
    for p in r.participants:
        assert re.search(rf"^\| {re.escape(p.label)} \| {p.sessions} \| {p.mean_total:.1f} \|", out, re.M), p.label
    for s in r.scenarios:
        assert f"| {s.label} | {s.sessions} | {s.participants} | {s.mean_total:.1f} |" in out
    for f in r.flags:
        assert f"| {f.name} | {f.sessions} | {f.turns} |" in out
    for q in r.quotes:
        assert q.text.replace("*", r"\*").replace("_", r"\_") in out
    assert "scored now by the offline detector" in out
    assert "zofia-notes.txt" in out  # skipped files are listed when not anonymised


def test_csv_has_one_row_per_session_with_every_criterion(room):
    code, out, err = report(room, "--format", "csv")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == len(room.sessions)
    criteria = {c.id for card in room.cards.values() for c in card.criteria}
    names = report_json(room).criterion_names()
    header = next(csv.reader(io.StringIO(out)))
    assert header[:6] == ["session_id", "date", "participant", "scenario_id", "scenario_title", "difficulty"]
    assert header[-2:] == ["flags", "flag_ids"] and {names[c] for c in criteria} <= set(header)
    for row in rows:
        card = room.cards[row["session_id"]]
        session = room.sessions[row["session_id"]]
        assert float(row["total"]) == card.total
        assert normalize(row["participant"]) == normalize(participant_of(session))
        assert row["scenario_id"] == session["scenario_id"]
        assert row["outcome"] == session["outcome"]
        assert row["scored_now"] == ("no" if row["session_id"] in room.stored else "yes")
        for cid in criteria:
            scored = {c.id: c.score for c in card.criteria}
            assert row[names[cid]] == (str(scored[cid]) if cid in scored else "")
        assert set(filter(None, row["flag_ids"].split(";"))) == {f.id for f in card.flag_details} | set(card.flags)
        assert set(filter(None, row["flags"].split("; "))) == {f.name for f in card.flag_details}


def test_typed_names_stay_text_in_every_format(room, tmp_path):
    # A name as typed at a shared machine: no spreadsheet formula, no broken table, no markup.
    name = '=HYPERLINK("x") | <b>Pat</b>'
    session = json.loads(room.files["walk-in.json"].read_text())
    session["participant"] = name
    path = tmp_path / "s.json"
    path.write_text(json.dumps(session))
    outputs = {}
    for fmt in FORMATS:
        code, outputs[fmt], err = report(room, "--format", fmt, paths=[str(path)])
        assert code == 0, err
    [row] = list(csv.DictReader(io.StringIO(outputs["csv"])))
    assert row["participant"] == "'" + name
    md_row = next(line for line in outputs["md"].splitlines() if "HYPERLINK" in line and line.startswith("| ="))
    assert len(re.findall(r"(?<!\\)\|", md_row)) == len(re.findall(r"\|", outputs["md"].split("## Participants")[1].splitlines()[2]))
    assert "<b>Pat" not in outputs["html"] and "&lt;b&gt;Pat&lt;/b&gt;" in outputs["html"]
    assert Report.model_validate_json(outputs["json"]).participants[0].label == name


def test_corrupt_and_foreign_files_are_named_on_stderr_and_skipped(room):
    code, out, err = report(room)
    assert code == 0 and out
    for name, reason in CORRUPT.items():
        line = next((l for l in err.splitlines() if l.endswith(name) or f"{name}:" in l), None)
        assert line is not None, f"{name} not named on stderr:\n{err}"
        assert reason in line, line
    assert "same session as" in err  # the copy is counted once
    assert "Traceback" not in err
    r = report_json(room)
    assert r.skipped_count == len(CORRUPT) + 1 and len(r.skipped) == r.skipped_count


def test_nothing_usable_exits_2_with_a_clear_message(room, tmp_path):
    for name in ("notes.txt", "photo.png", "other.json"):
        shutil.copy(room.root / name, tmp_path / name)
    code, out, err = _run(["report", str(tmp_path), str(tmp_path / "missing")])
    assert code == 2 and out == ""
    assert "nothing to report" in err and "4 file(s) skipped" in err
    for name in ("notes.txt", "photo.png", "other.json", "missing"):
        assert name in err
    assert _run(["report", str(tmp_path / "empty-folder-that-is-not-there")])[0] == 2


def test_sessions_that_cannot_be_scored_are_skipped_and_the_rest_reported(room):
    # Without --scenarios the team-boundary scenario is unknown: its unscored session is skipped with
    # a hint, but Chidinma's (with a stored scorecard) is still reported.
    code, out, err = _run(["report", str(room.root), "--format", "json"])
    assert code == 0, err
    assert "zofia-2.json" in err and "--scenarios" in err
    r = Report.model_validate_json(out)
    assert {row.scenario_id for row in r.sessions} == {"promotion-after-win", "team-boundary"}
    assert r.room.sessions == 4


def test_output_file_is_written_privately_and_format_follows_the_extension(room, tmp_path):
    target = tmp_path / "room-report.html"
    code, out, err = report(room, "-o", str(target))
    assert code == 0 and out == ""
    assert f"wrote {target} (html)" in err
    assert target.read_text().startswith("<!doctype html>")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    code, out, err = report(room, "-o", str(tmp_path / "no-such-dir" / "r.md"))
    assert code == 1 and "cannot write" in err


# --- anonymisation and quotes ----------------------------------------------------------------------


def _all_formats(room: Room, *args: str) -> dict[str, str]:
    outputs = {}
    for fmt in FORMATS:
        code, out, err = report(room, "--format", fmt, *args)
        assert code == 0, err
        outputs[fmt] = out
    return outputs


def test_anonymize_gives_stable_pseudonyms_and_no_real_name_anywhere(room, monkeypatch):
    monkeypatch.delenv("COACH_REPORT_KEY", raising=False)  # the key made in this test's config folder
    first = _all_formats(room, "--anonymize")
    second = _all_formats(room, "--anonymize")
    for fmt, text in {**first, **{f"{k} (again)": v for k, v in second.items()}}.items():
        lowered = text.lower()
        for word in NAME_WORDS:
            assert word not in lowered, f"{word!r} leaked into {fmt}"
    r1, r2 = Report.model_validate_json(first["json"]), Report.model_validate_json(second["json"])
    names1 = sorted(p.label for p in r1.participants)
    assert names1 == sorted(p.label for p in r2.participants)
    assert len(names1) == 4 and NO_NAME in names1  # Zofia's two spellings share one pseudonym
    assert r1.anonymized and r1.skipped == [] and r1.skipped_count == len(CORRUPT) + 1
    for fmt in ("md", "csv", "html"):
        for name in names1:
            assert name in first[fmt] and name in second[fmt], (fmt, name)
    # Same sessions, same pseudonym per session, in every run.
    assert {(s.session_id, s.participant) for s in r1.sessions} == {(s.session_id, s.participant) for s in r2.sessions}
    assert not {s.session_id for s in r1.sessions} & set(room.sessions)  # ids would lead back to the files
    # The pseudonyms are keyed: another key gives others; the same shared key gives the same ones anywhere.
    monkeypatch.setenv("COACH_REPORT_KEY", "workshop-2026")
    shared = sorted(p.label for p in report_json(room, "--anonymize").participants)
    assert shared != names1
    monkeypatch.setenv("COACH_CONFIG_DIR", str(room.root.parent / "another-machine"))
    assert sorted(p.label for p in report_json(room, "--anonymize").participants) == shared


def test_anonymize_redacts_names_inside_quotes():
    redact = redactor(["Zofia Wrzesniewska", "ignatius bramblewood"])
    assert redact("Zofia here, and ask Ignatius.") == "[name] here, and ask [name]."
    assert redact("Zofia Wrzesniewska asks") == "[name] asks"
    assert redact("Zofiana and Bramblewoods stay") == "Zofiana and Bramblewoods stay"


def test_no_quotes_drops_every_learner_line(room):
    outputs = _all_formats(room, "--no-quotes")
    assert Report.model_validate_json(outputs["json"]).quotes == []
    assert not Report.model_validate_json(outputs["json"]).quotes_included
    assert "Lines for discussion" not in outputs["md"] and 'id="quotes"' not in outputs["html"]
    for line in room.learner_lines():
        for sentence in filter(None, (s.strip() for s in re.split(r"[.!?]", line))):
            if len(sentence) > 12:
                for fmt, text in outputs.items():
                    assert sentence not in text and html.escape(sentence) not in text, (fmt, sentence)
    with_quotes = _all_formats(room)  # the check above would notice quotes if there were any
    quotes = Report.model_validate_json(with_quotes["json"]).quotes
    assert quotes and all(html.escape(q.text) in with_quotes["html"] for q in quotes)


def test_report_help_lists_options(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["report", "--help"])
    assert exc.value.code == 0
    text = capsys.readouterr().out
    for option in ("--format", "--output", "--anonymize", "--no-quotes", "COACH_REPORT_KEY", "Exit status"):
        assert option in text


def test_the_report_never_imports_textual_or_the_model_client(room):
    code = (
        "import sys\nfrom coach.cli import main\n"
        f"rc = main(['report', {str(room.root)!r}, '--scenarios', {str(room.scenarios)!r}, '--format', 'html'])\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'openai', 'tiktoken')]\n"
        "print('BAD', bad, file=sys.stderr); sys.exit(rc or (1 if bad else 0))\n"
    )
    env = {**os.environ, "COACH_CONFIG_DIR": str(room.root.parent / "cfg-import"), "COACH_DATA_DIR": str(room.root.parent / "data-import")}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]


# --- HTML: self-contained, and rendered in a real browser ---------------------------------------------


def test_html_is_one_self_contained_printable_file(room):
    code, out, err = report(room, "--format", "html")
    assert code == 0, err
    lowered = out.lower()
    for forbidden in ("<script", "<link", "@import", "url(", "<img", "<iframe", "@font-face", "src="):
        assert forbidden not in lowered, forbidden
    assert not re.findall(r"https?://(?!www\.w3\.org/2000/svg)", out)
    assert lowered.count("<svg") >= 4
    print_css = out.split("@media print")[1].split("</style>")[0]
    assert "break-inside: avoid" in print_css and "background: #fff" in print_css
    for colour in re.findall(r"background(?:-color)?:\s*(#[0-9a-fA-F]{6})", out):  # no dark backgrounds anywhere
        r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
        assert 0.2126 * r + 0.7152 * g + 0.0722 * b > 200, colour


class _Node:
    def __init__(self, tag: str, attrs: dict, parent: _Node | None):
        self.tag, self.attrs, self.parent, self.children, self.parts = tag, attrs, parent, [], []

    def text(self) -> str:
        return "".join(p if isinstance(p, str) else p.text() for p in self.parts)

    def iter(self):
        yield self
        for child in self.children:
            yield from child.iter()

    def find_all(self, tag: str, cls: str | None = None, **attrs: str) -> list[_Node]:
        return [n for n in self.iter() if n.tag == tag and (cls is None or cls in n.attrs.get("class", "").split())
                and all(n.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())]


class _DOM(HTMLParser):
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.root = self.node = _Node("#document", {}, None)
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        node = _Node(tag, {k: v or "" for k, v in attrs}, self.node)
        self.node.children.append(node)
        self.node.parts.append(node)
        if tag not in self.VOID:
            self.node = node

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID:
            self.node = self.node.parent

    def handle_endtag(self, tag):
        node = self.node
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.node = node.parent

    def handle_data(self, data):
        self.node.parts.append(data)


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's chromium: found at /usr/bin/chromium (or on PATH), else installed with apt-get when we
    are root; the browser tests are skipped, saying why, only where it cannot be installed."""

    def find() -> str | None:
        if os.access("/usr/bin/chromium", os.X_OK):
            return "/usr/bin/chromium"
        return shutil.which("chromium") or shutil.which("chromium-browser")

    found = find()
    if found:
        return found
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or not shutil.which("apt-get"):
        pytest.skip("chromium is not installed, and installing it needs root and apt-get (apt-get install chromium)")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    why = ""
    for attempt in ([], [["apt-get", "update", "-qq"]]):
        try:
            for cmd in attempt:
                subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
            result = subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], capture_output=True, text=True,
                                    env=env, timeout=1200)
        except (OSError, subprocess.TimeoutExpired) as exc:
            why = str(exc)
            continue
        if result.returncode == 0 and find():
            return find()
        why = (result.stderr.strip().splitlines() or ["exit status %d" % result.returncode])[-1]
    pytest.skip(f"chromium is not installed and `apt-get install chromium` failed: {why}")


def run_chromium(binary: str, profile: Path, *args: str) -> subprocess.CompletedProcess:
    command = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
               "--hide-scrollbars", "--force-device-scale-factor=1", f"--user-data-dir={profile}", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=180)


@pytest.fixture
def html_report(room, tmp_path) -> tuple[Path, Report]:
    path = tmp_path / "report.html"
    code, _, err = report(room, "-o", str(path))
    assert code == 0, err
    return path, report_json(room)


def test_html_renders_in_chromium_with_its_tables_and_charts(chromium, html_report, tmp_path):
    path, r = html_report
    result = run_chromium(chromium, tmp_path / "profile", "--dump-dom", path.as_uri())
    assert result.returncode == 0 and "<body" in result.stdout, result.stderr[-2000:]
    dom = _DOM(result.stdout).root
    charts = dom.find_all("svg", "chart")
    assert len(charts) == 4  # hardest criteria, flags, participants, scenarios
    bars = [len(chart.find_all("rect", "bar")) for chart in charts]
    assert bars == [len(r.criteria), len(r.flags), len(r.participants), len(r.scenarios)]
    span = SPAN
    widths = [float(rect.attrs["width"]) for rect in charts[0].find_all("rect", "bar")]
    assert widths == pytest.approx([span * c.mean / 4 for c in r.criteria], abs=0.06)
    for p in r.participants:
        [row] = dom.find_all("tr", data_participant=p.label)
        assert row.find_all("td", "total")[0].text() == f"{p.mean_total:.1f}"
    for s in r.scenarios:
        [row] = dom.find_all("tr", data_scenario=s.id)
        assert row.find_all("td", "total")[0].text() == f"{s.mean_total:.1f}"
    hard = [row.attrs["data-criterion"] for table in dom.find_all("table", "hard") for row in table.find_all("tr")
            if "data-criterion" in row.attrs]
    well = [row.attrs["data-criterion"] for table in dom.find_all("table", "well") for row in table.find_all("tr")
            if "data-criterion" in row.attrs]
    assert hard == r.hardest and well == [c.id for c in r.criteria_done_well()]
    quotes = [n.text() for n in dom.find_all("p", "quote")]
    assert quotes == [f"“{q.text}”" for q in r.quotes]
    assert dom.find_all("b", id="stat-sessions")[0].text() == str(r.room.sessions)
    assert dom.find_all("section", id="skipped")


def test_html_screenshot_really_shows_the_charts(chromium, html_report, tmp_path):
    from PIL import Image

    path, r = html_report
    shot = tmp_path / "page.png"
    result = run_chromium(chromium, tmp_path / "profile", "--window-size=1200,6000", f"--screenshot={shot}", path.as_uri())
    assert result.returncode == 0 and shot.exists(), result.stderr[-2000:]
    image = Image.open(shot).convert("RGB")
    colours = {rgb: n for n, rgb in image.getcolors(maxcolors=1 << 20)}
    total = image.width * image.height

    def pixels(hex_colour: str) -> int:
        return colours.get(tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)), 0)

    assert colours.get((255, 255, 255), 0) < total * 0.98, "the page is blank"
    assert len(colours) > 50
    # The score bars, in their own colour, cover about the area the data says they should.
    span = SPAN
    expected = 16 * span * (sum(c.mean / 4 for c in r.hardest_criteria()) + sum(p.mean_total / 100 for p in r.participants)
                            + sum(s.mean_total / 100 for s in r.scenarios))
    assert 0.9 * expected - 200 <= pixels(BAR) <= 1.1 * expected + 200, (pixels(BAR), expected)
    expected = 16 * span * sum(c.mean / 4 for c in r.criteria_done_well())  # criteria the room handled well, in green
    assert 0.9 * expected - 200 <= pixels(WELL) <= 1.1 * expected + 200, (pixels(WELL), expected)
    assert pixels(FLAG) > 16 * 50 * len(r.flags) * 0.9  # every flag is raised in at least one session
    # The charts are drawn near the top of the page, not lost at the bottom.
    top = image.crop((0, 0, image.width, 1400))
    assert any(rgb == tuple(int(BAR[i : i + 2], 16) for i in (1, 3, 5)) for _, rgb in top.getcolors(maxcolors=1 << 20))


def test_html_prints_to_pdf(chromium, html_report, tmp_path):
    path, _ = html_report
    pdf = tmp_path / "report.pdf"
    result = run_chromium(chromium, tmp_path / "profile", "--no-pdf-header-footer", f"--print-to-pdf={pdf}", path.as_uri())
    assert result.returncode == 0 and pdf.exists(), result.stderr[-2000:]
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 5000
    assert len(re.findall(rb"/Type\s*/Page\b", data)) >= 1


def test_anonymized_quotes_lose_names_in_any_case():
    redact = redactor(["Anna Kowalska", "Bartosz"])
    assert redact("With anna and BARTOSZ, and kowalska's notes") == "With [name] and [name], and [name]'s notes"


def test_a_session_from_a_newer_coach_says_so(tmp_path):
    from coach.core.errors import TranscriptError
    from coach.core.session_file import read_session

    path = tmp_path / "future.json"
    path.write_text(json.dumps({"schema_version": 99, "turns": []}))
    with pytest.raises(TranscriptError, match="newer coach"):
        read_session(path)


def test_csv_written_to_a_file_opens_as_utf8_in_a_spreadsheet(room, tmp_path):
    out = tmp_path / "room.csv"
    code, _, _ = report(room, "-o", str(out))
    assert code == 0 and out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))


def test_sessions_whose_times_have_no_zone_are_read_as_utc(tmp_path):
    from coach.core.session import Session, Turn

    plain = Session(scenario_id="promotion-after-win", participant="Ann",
                    turns=[Turn(speaker="partner", text="Hi."), Turn(speaker="learner", text="I'd like Senior in March.")])
    data = json.loads(plain.model_dump_json())
    data.update(id="naive", participant="Bob", created_at="2026-01-01T10:00:00")
    for turn in data["turns"]:
        turn["at"] = "2026-01-01T10:00:00"
    (tmp_path / "a.json").write_text(plain.model_dump_json())
    (tmp_path / "b.json").write_text(json.dumps(data))
    for fmt in FORMATS:
        code, out, err = _run(["report", str(tmp_path), "--format", fmt])
        assert code == 0 and "Traceback" not in err, err
