"""A report a trainer can show a room: names and titles instead of ids in every format, "hardest criteria"
that the room really found hard, and an HTML page that fits a 1280x800 projector, checked in Chromium."""

from __future__ import annotations

import csv
import io
import re
from html import escape
from pathlib import Path

import pytest

from coach.core.scorecard import CriterionScore, FlagDetail, Scorecard, weighted_total
from coach.core.session import Provenance, Session, Turn
from coach.workshop.report_model import WELL, Report
from coach.workshop.report_stats import criterion_stats, hardest
from coach.workshop.svg_text import ELLIPSIS
from tests.workshop.test_report import _DOM, _run, chromium, run_chromium  # noqa: F401 - the browser fixture and runner

FORMATS = ("md", "csv", "html", "json")
PROMOTION = "promotion-after-win"
PROMOTION_TITLE = "Ask for a promotion after a visible win"


def card(scores: dict[str, int], names: dict[str, str] | None = None, flags: dict[str, str] | None = None,
         title: str = "") -> Scorecard:
    criteria = [CriterionScore(id=cid, name=(names or {}).get(cid, cid), score=s, weight=1.0, level="", judge="offline")
                for cid, s in scores.items()]
    details = [FlagDetail(id=fid, name=name, count=1) for fid, name in (flags or {}).items()]
    return Scorecard(scenario_title=title, judge="offline", total=weighted_total(criteria), criteria=criteria,
                     flags=[f.id for f in details], flag_details=details)


def write(folder: Path, scorecard: Scorecard, participant: str, scenario_id: str = PROMOTION, title: str = "") -> Path:
    session = Session(scenario_id=scenario_id, participant=participant, outcome="agreed",
                      provenance=Provenance(scenario_id=scenario_id, scenario_title=title),
                      turns=[Turn(speaker="partner", text="Hello."), Turn(speaker="learner", text="I'd like Senior by March.")],
                      scorecard=scorecard)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{session.id}.json"
    path.write_text(session.model_dump_json(), encoding="utf-8")
    return path


def render(folder: Path, fmt: str) -> str:
    code, out, err = _run(["report", str(folder), "--format", fmt])
    assert code == 0 and "Traceback" not in err, err
    return out


# --- hardest criteria ---------------------------------------------------------------------------------------


def test_hardest_is_the_lowest_mean_and_never_what_most_sessions_did_well():
    cards = [card(dict(zip(["mostly-done", "all-vague", "all-weak", "half-strong", "done"], scores)))
             for scores in [(4, 2, 1, 4, 3), (4, 2, 1, 4, 3), (4, 2, 1, 2, 3), (0, 3, 1, 2, 4), (0, 3, 1, 0, 3)]]
    cards.append(card({"rarely-scored": 0}))
    stats = criterion_stats(cards, {})
    by_id = {s.id: s for s in stats}
    # Three 4s and two 0s average 2.4, as 'half strong' and 'all vague' do, and rank first on that mean (more
    # zeros): still not hard, since most sessions scored it well.
    assert by_id["mostly-done"].mean == 2.4 and by_id["mostly-done"].scored_well == 3
    assert [s.id for s in stats][:3] == ["rarely-scored", "all-weak", "mostly-done"]
    assert hardest(stats) == ["rarely-scored", "all-weak", "half-strong", "all-vague"]
    assert by_id["rarely-scored"].sessions == 1  # the report says how many sessions scored it
    for s in stats:
        if s.id in hardest(stats):
            assert s.mean < WELL and 2 * s.scored_well <= s.sessions
    assert hardest(criterion_stats([card({"a": 4, "b": 3})], {})) == []  # a room that did everything well


def test_the_report_lists_as_hardest_only_what_the_room_found_hard(tmp_path):
    rows = [(4, 1, 2, 3), (4, 1, 2, 3), (4, 1, 3, 4), (0, 1, 2, 4), (0, 2, 2, 4)]
    names = {"impact-evidence": "", "next-steps": "", "specific-ask": "", "business-value": ""}
    for i, scores in enumerate(rows):
        write(tmp_path, card(dict(zip(names, scores))), f"Person {i}")
    write(tmp_path, card({"phased-plan": 0}), "Person 5")  # scored in one session only
    r = Report.model_validate_json(render(tmp_path, "json"))
    assert r.hardest == ["phased-plan", "next-steps", "specific-ask"]
    assert "impact-evidence" not in r.hardest  # mean 2.4, but three of five sessions scored it 4
    md = render(tmp_path, "md")
    hard = md.split("## Criteria the room found hardest")[1].split("## Criteria the room handled well")[0]
    well = md.split("## Criteria the room handled well")[1].split("## Most common flags")[0]
    assert "| 1 | A phased plan or trial | 0.00/4 | 0 of 1 | 1 of 1 | 1 of 6 |" in hard
    assert "| 2 | Explicit next steps | 1.20/4 | 0 of 5 | 0 of 5 | 5 of 6 |" in hard
    assert "Evidence of impact" not in hard and "| Evidence of impact | 2.40/4 | 3 of 5 |" in well
    page = _DOM(render(tmp_path, "html")).root
    [table] = page.find_all("table", "hard")
    assert [row.attrs["data-criterion"] for row in table.find_all("tr") if "data-criterion" in row.attrs] == r.hardest


def test_a_room_that_did_everything_well_has_no_hardest_criteria(tmp_path):
    for i in range(3):
        write(tmp_path, card({"specific-ask": 4, "next-steps": 3}), f"Person {i}")
    assert Report.model_validate_json(render(tmp_path, "json")).hardest == []
    assert "None: most sessions scored every criterion 3 or more." in render(tmp_path, "md")
    assert 'class="criteria hard"' not in render(tmp_path, "html")


# --- names and titles, not ids --------------------------------------------------------------------------------


def _visible_text(page: str) -> str:
    """What a person sees in the HTML: text outside tags, not attributes."""
    return _DOM(page.split("</style>")[1]).root.text()


def test_people_read_names_and_titles_and_machines_keep_ids(tmp_path):
    scores = {"impact-evidence": 1, "next-steps": 0, "specific-ask": 3, "explores-constraints": 2}
    write(tmp_path, card(scores, {"specific-ask": "An old name"}, {"hedging": "Hedging"}, title="Stale title"), "Ann")
    write(tmp_path, card(scores), "Bob", scenario_id="team-boundary-x", title="Saying no to a second project")
    out = {fmt: render(tmp_path, fmt) for fmt in FORMATS}
    names = {"impact-evidence": "Evidence of impact", "next-steps": "Explicit next steps",
             "specific-ask": "A clear, specific ask", "explores-constraints": "Explores the other side's constraints"}
    titles = {PROMOTION: PROMOTION_TITLE, "team-boundary-x": "Saying no to a second project"}
    people = {"md": out["md"], "html": _visible_text(out["html"])}
    for fmt, text in people.items():
        for name in [*names.values(), *titles.values()]:
            assert name in text, (fmt, name)
        for item_id in [*names, *titles, "hedging"]:  # ids are for machines: not in what a person reads
            assert not re.search(rf"(?<![\w-]){re.escape(item_id)}(?![\w-])", text), (fmt, item_id)
        assert "An old name" not in text and "Stale title" not in text  # the catalog's names win over old files
    header = next(csv.reader(io.StringIO(out["csv"])))
    assert set(names.values()) <= set(header) and not set(names) & set(header)
    rows = list(csv.DictReader(io.StringIO(out["csv"])))
    assert {(r["scenario_id"], r["scenario_title"]) for r in rows} == set(titles.items())
    assert {r["flags"] for r in rows} == {"Hedging", ""} and {r["flag_ids"] for r in rows} == {"hedging", ""}
    r = Report.model_validate_json(out["json"])
    assert r.criterion_names() == names
    assert {(s.id, s.label) for s in r.scenarios} == set(titles.items())
    assert {(s.scenario_id, s.scenario_title) for s in r.sessions} == set(titles.items())
    assert [(s.flags, s.flag_names) for s in r.sessions if s.flags] == [(["hedging"], ["Hedging"])]
    assert {tuple(p.scenario_titles) for p in r.participants} == {(PROMOTION_TITLE,), (titles["team-boundary-x"],)}


def test_names_from_files_are_text_and_fall_back_to_the_id(tmp_path):
    hostile = "<b>Rapport</b> | `built` =1+1"
    scored = card({"rapport-x": 2, "mystery-x": 1}, {"rapport-x": hostile, "mystery-x": "  "},
                  {"steering-x": '<img src="x">'})
    write(tmp_path, scored, "Ann", scenario_id="ghost-x", title="Ghost <i>meeting</i> | =SUM(A1)")
    out = {fmt: render(tmp_path, fmt) for fmt in FORMATS}
    r = Report.model_validate_json(out["json"])
    assert r.criterion_names() == {"rapport-x": hostile, "mystery-x": "mystery-x"}  # a blank name reads as the id
    assert r.scenarios[0].label == "Ghost <i>meeting</i> | =SUM(A1)" and r.flags[0].name == '<img src="x">'
    page = out["html"]
    for raw in ("<b>Rapport", "<i>meeting", "<img"):
        assert raw not in page
    assert escape(hostile, quote=False) in page and "Ghost &lt;i&gt;meeting&lt;/i&gt;" in page
    assert r"\<b\>Rapport\</b\> \| \`built\` =1+1" in out["md"] and r"Ghost \<i\>meeting\</i\> \| =SUM(A1)" in out["md"]
    header = next(csv.reader(io.StringIO(out["csv"])))
    assert hostile in header and "mystery-x" in header
    [row] = csv.DictReader(io.StringIO(out["csv"]))
    assert row["scenario_title"] == "Ghost <i>meeting</i> | =SUM(A1)"  # no leading formula character to quote


def test_csv_headers_and_cells_from_files_never_run_as_formulas(tmp_path):
    write(tmp_path, card({"rapport-x": 2}, {"rapport-x": "=HYPERLINK(\"x\")"}, {"f-x": "+cmd"}), "Ann",
          scenario_id="ghost-x", title="-2+3")
    rows = list(csv.reader(io.StringIO(render(tmp_path, "csv"))))
    assert "'=HYPERLINK(\"x\")" in rows[0]
    assert "'-2+3" in rows[1] and "'+cmd" in rows[1]


# --- a 1280x800 projector ---------------------------------------------------------------------------------------

LONG_CRITERIA = {  # custom criteria a trainer's own library might add, with long names
    "rapport-x": "Acknowledges the counterpart's competing priorities before restating the ask",
    "wide-x": "Z" * 70,  # one word wider than any label column: broken, never cut
    "hostile-x": "<b>Sets</b> a & b | follow-up date with the counterpart's calendar open on the screen, "
                 "then confirms it in writing afterwards, copying everyone who was in the room",
}
LIBRARY = ["impact-evidence", "business-value", "specific-ask", "phased-plan", "success-metrics",
           "explores-constraints", "collaborative-options", "next-steps", "recover-from-no", "specific-observation",
           "invites-perspective", "offers-support"]


@pytest.fixture(scope="module")
def projector_room(tmp_path_factory) -> Path:
    """Twelve participants, fifteen criteria with long names, two 80-character scenario titles, long flags."""
    folder = tmp_path_factory.mktemp("projector")
    titles = {"ghost-a": "Negotiating a phased return to the office with a sceptical regional director (tough)",
              "ghost-b": "Telling a long-standing client that the agency's rates are going up next quarter"}
    people = ["Maximiliana Konstantinopoulou-Wrzesniewska", "Ann", "Bartholomew O'Donoghue-Featherstonehaugh",
              "X" * 60, "Chidinma Okafor", "Ignatius Bramblewood", "Zofia Wrzesniewska", "Pat <b>Lee</b>",
              "Ngozi Adichie-Okonkwo", "Li Wei", "Søren Kierkegaard-Østergaard", "Renée Dupont"]
    for i, person in enumerate(people):
        scores = {cid: 3 + i % 2 if n < 3 else (i + n) % 5 for n, cid in enumerate([*LONG_CRITERIA, *LIBRARY])}
        flags = {"hedging": "Hedging", "aggression": "Aggression",
                 "off-topic-x": "Drifts off topic into unrelated complaints about the office coffee machine"}
        sid = "ghost-a" if i % 2 else "ghost-b"
        write(folder, card(scores, LONG_CRITERIA, flags if i % 3 == 0 else {}), person, scenario_id=sid, title=titles[sid])
    return folder


def test_chart_labels_are_whole_or_wrapped_never_cut(projector_room):
    page = render(projector_room, "html")
    dom = _DOM(page).root
    for svg in dom.find_all("svg", "chart"):
        for row in svg.find_all("g", "row"):
            full = row.find_all("title")[0].text().rsplit(": ", 1)[0]
            [label] = row.find_all("text", "label")
            lines = [t.text() for t in label.find_all("tspan")]
            shown = " ".join(lines)
            assert 1 <= len(lines) <= 2
            if not shown.endswith(ELLIPSIS):  # every word shown; a word too wide for a line is split, not dropped
                assert shown.replace(" ", "") == full.replace(" ", ""), (shown, full)
            else:  # too long for two lines: what is shown is the start, the whole name is the row's tooltip
                assert full.replace(" ", "").startswith(shown[:-1].replace(" ", ""))
    shown = {row.find_all("title")[0].text().rsplit(": ", 1)[0]: [t.text() for t in row.find_all("tspan")]
             for row in dom.find_all("svg", "chart")[0].find_all("g", "row")}
    assert " ".join(shown[LONG_CRITERIA["rapport-x"]]) == LONG_CRITERIA["rapport-x"]  # 76 characters, on two lines
    assert len(shown[LONG_CRITERIA["rapport-x"]]) == 2 and shown["Evidence of impact"] == ["Evidence of impact"]
    assert shown[LONG_CRITERIA["hostile-x"]][-1].endswith(ELLIPSIS)


CHECK = (255, 0, 255)  # the colour the test gives a table's last column
INSIDE = (0, 255, 255)  # and a chart's own area
LABEL = (255, 0, 0)  # and its label text
BORDER = (0xD0, 0xD7, 0xDE)


def _shot(chromium: str, page: str, tmp_path: Path, section: str, css: str):
    """A 1280x800 screenshot (an array of RGB pixels) of one section of the report; the others are hidden,
    which changes no width."""
    import numpy as np
    from PIL import Image

    hide = f"body > header, body > .notes, body > section:not(#{section}) {{ display: none !important; }}"
    html = page.replace("</head>", f"<style>{hide} {css}</style></head>")
    path, shot = tmp_path / f"{section}.html", tmp_path / f"{section}.png"
    path.write_text(html, encoding="utf-8")
    result = run_chromium(chromium, tmp_path / "profile", "--window-size=1280,800", f"--screenshot={shot}", path.as_uri())
    assert result.returncode == 0 and shot.exists(), result.stderr[-2000:]
    pixels = np.asarray(Image.open(shot).convert("RGB")).astype(int)
    assert pixels.shape == (800, 1280, 3)
    return pixels


def _is(pixels, colour):
    return (pixels == colour).all(axis=2)


@pytest.mark.parametrize("section, tables", [("hardest", 2), ("flags", 1), ("participants", 1), ("scenarios", 1),
                                              ("sessions", 1)])
def test_every_table_fits_a_1280_projector(chromium, projector_room, tmp_path, section, tables):
    page = render(projector_room, "html")
    css = ("figure, section > p, h3 { display: none !important; } "
           "tr > :last-child { background: #ff00ff !important; color: #ff00ff !important; }")
    pixels = _shot(chromium, page, tmp_path, section, css)
    marked = _is(pixels, CHECK)
    rows = [y for y in range(marked.shape[0]) if marked[y].any()]
    assert rows, f"the {section} table's last column is not on the screen"
    edges = {y: int(marked[y].nonzero()[0].max()) for y in rows}
    assert max(edges.values()) < 1280 - 16
    # The column ends in the table's own right border: nothing is cut off by the scroll box.
    for y, edge in edges.items():
        assert tuple(pixels[y, edge + 1]) == BORDER, (section, edge, y, pixels[y, edge + 1])
    assert len(set(edges.values())) <= tables  # one right edge per table


@pytest.mark.parametrize("section", ["hardest", "flags", "participants", "scenarios"])
def test_chart_labels_stay_inside_the_chart_on_a_1280_projector(chromium, projector_room, tmp_path, section):
    page = render(projector_room, "html")
    # The chart may paint outside its box here, so a label that did not fit would show outside the cyan area.
    css = ("table, section > p, h2, h3, figcaption { display: none !important; } "
           "svg.chart { overflow: visible !important; background: #00ffff; } svg.chart text.label { fill: #ff0000; }")
    pixels = _shot(chromium, page, tmp_path, section, css)
    ys, xs = _is(pixels, INSIDE).nonzero()
    ink_ys, ink_xs = ((pixels[:, :, 0] > 200) & (pixels[:, :, 1] < 80) & (pixels[:, :, 2] < 80)).nonzero()
    assert len(xs) and len(ink_xs), section
    left, right, top, bottom = xs.min(), xs.max(), ys.min(), ys.max()
    outside = ~((left <= ink_xs) & (ink_xs <= right) & (top <= ink_ys) & (ink_ys <= bottom))
    assert not outside.any(), f"{outside.sum()} label pixels outside the {section} chart"
    assert right < 1280 - 16
    # The label column is measured for DejaVu Sans, the widest usual sans-serif; narrower fonts leave some room.
    assert ink_xs.min() - left < 80
