"""Measuring the offline detector against labelled turns: per-criterion precision, recall and F1.

Used by `benchmarks/detector_eval.py` and the detector tests. The labelled set is
`tests/data/detector_eval.jsonl`; the CaSiNo check reads `casino_annotated.jsonl` from `$COACH_CASINO`, the
shared data folder, or a `shared/` folder beside the repository, and is skipped when it is not there.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from coach.scoring.detector import Detector

_CASINO_FILE = Path("data", "casino", "casino_annotated.jsonl")


def _casino_path() -> Path:
    """$COACH_CASINO, else the workplace's shared folder, else a shared/ folder beside the repository."""
    if os.environ.get("COACH_CASINO"):
        return Path(os.environ["COACH_CASINO"])
    candidates = [Path("/work/shared") / _CASINO_FILE, Path(__file__).resolve().parents[3] / "shared" / _CASINO_FILE]
    return next((p for p in candidates if p.is_file()), candidates[0])


CASINO_PATH = _casino_path()


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    per_criterion: dict[str, Counts] = field(default_factory=dict)
    distress: Counts = field(default_factory=Counts)
    turns: int = 0
    errors: list[tuple[dict, set[str], set[str]]] = field(default_factory=list)  # (row, expected, got)

    @property
    def micro(self) -> Counts:
        total = Counts()
        for c in self.per_criterion.values():
            total.tp += c.tp
            total.fp += c.fp
            total.fn += c.fn
        return total


def load_rows(path: Path, split: str | None = None) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if split is None or r["split"] == split]


def evaluate(detector: Detector, rows: Iterable[dict], criteria: Iterable[str]) -> Report:
    report = Report(per_criterion={c: Counts() for c in criteria})
    for row in rows:
        report.turns += 1
        d = detector.detect(row["text"], row.get("previous"))
        got = set(d.move_ids | d.flag_ids)
        expected = set(row["moves"]) | set(row["flags"])
        for cid, counts in report.per_criterion.items():
            if cid in got and cid in expected:
                counts.tp += 1
            elif cid in got:
                counts.fp += 1
            elif cid in expected:
                counts.fn += 1
        want_distress = bool(row.get("distress"))
        if d.distress and want_distress:
            report.distress.tp += 1
        elif d.distress:
            report.distress.fp += 1
        elif want_distress:
            report.distress.fn += 1
        if got != expected or d.distress != want_distress:
            report.errors.append((row, expected, got | ({"<distress>"} if d.distress else set())))
    return report


@dataclass
class Control:
    """Rows that should fire nothing: how many there are and how many fired a move or a flag."""

    rows: int = 0
    fired: int = 0  # any criterion, moves and flags
    moves_fired: int = 0  # moves only

    @property
    def rate(self) -> float:
        return self.fired / self.rows if self.rows else 0.0

    @property
    def move_rate(self) -> float:
        return self.moves_fired / self.rows if self.rows else 0.0


@dataclass
class CasinoReport:
    rows: int
    elicit: Counts  # explores-constraints against elicit-pref
    small_talk: Control  # every row labelled small-talk (a quarter also carry a strategy label)
    small_talk_only: Control  # rows whose only label is small-talk: the clean control
    non_strategic: Control


def evaluate_casino(detector: Detector, path: Path = CASINO_PATH) -> CasinoReport:
    """`explores-constraints` against CaSiNo's `elicit-pref` (the other party's previous line as
    `previous`); any criterion firing on small-talk or non-strategic rows counts as a false positive."""
    elicit = Counts()
    small_talk, small_talk_only, non_strategic = Control(), Control(), Control()
    rows = 0
    with path.open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            rows += 1
            d = detector.detect(row["text"], row.get("context"))
            fired = "explores-constraints" in d.move_ids
            gold = "elicit-pref" in row["labels"]
            if fired and gold:
                elicit.tp += 1
            elif fired:
                elicit.fp += 1
            elif gold:
                elicit.fn += 1
            controls = []
            if "small-talk" in row["labels"]:
                controls.append(small_talk)
                if row["labels"] == ["small-talk"]:
                    controls.append(small_talk_only)
            if "non-strategic" in row["labels"]:
                controls.append(non_strategic)
            for control in controls:
                control.rows += 1
                control.fired += bool(d.moves or d.flags)
                control.moves_fired += bool(d.moves)
    return CasinoReport(rows, elicit, small_talk, small_talk_only, non_strategic)
