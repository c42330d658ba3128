"""Measuring the offline detector against labelled turns: per-criterion precision, recall and F1.

Used by `benchmarks/detector_eval.py` and the detector tests, on rows of the corpus in `data/moves/`
(see its README): the train, dev and test splits, the blind sets and the care set. The CaSiNo check reads the
held-out half of its dialogues (the other half is training material), and is skipped when the file is absent.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from coach.moves.corpus import CARE, CASINO_PATH, Row, casino_utterances
from coach.moves.detector import Detector

__all__ = ["CASINO_PATH", "Counts", "Report", "evaluate", "evaluate_casino"]


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

    def add(self, got: bool, want: bool) -> None:
        self.tp += got and want
        self.fp += got and not want
        self.fn += want and not got


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
class Report:
    per_criterion: dict[str, Counts] = field(default_factory=dict)
    distress: Counts = field(default_factory=Counts)
    neutral: Control = field(default_factory=Control)  # rows labelled with nothing at all
    overload_paused: int = 0  # overload rows (workload strain) that paused the session: should be 0
    overload_rows: int = 0
    turns: int = 0
    errors: list[tuple[Row, set[str], set[str]]] = field(default_factory=list)  # (row, expected, got)

    @property
    def micro(self) -> Counts:
        total = Counts()
        for c in self.per_criterion.values():
            total.tp += c.tp
            total.fp += c.fp
            total.fn += c.fn
        return total

    @property
    def macro_f1(self) -> float:
        return sum(c.f1 for c in self.per_criterion.values()) / max(1, len(self.per_criterion))


def evaluate(detector: Detector, rows: Iterable[Row], criteria: Iterable[str]) -> Report:
    report = Report(per_criterion={c: Counts() for c in criteria})
    for row in rows:
        report.turns += 1
        d = detector.detect(row.text, row.previous)
        got = set(d.move_ids | d.flag_ids)
        expected = set(row.labels - {CARE})
        for cid, counts in report.per_criterion.items():
            if row.informs is None or cid in row.informs:  # a row with partial labels speaks only for those
                counts.add(cid in got, cid in expected)
        want = CARE in row.labels
        report.distress.add(d.distress, want)
        if row.care == "overload":
            report.overload_rows += 1
            report.overload_paused += d.distress
        if not expected and not row.care and row.informs is None:
            report.neutral.rows += 1
            report.neutral.fired += bool(got)
            report.neutral.moves_fired += bool(d.moves)
        if row.informs is not None:
            got &= row.informs
        if got != expected or d.distress != want:
            report.errors.append((row, expected, got | ({"<distress>"} if d.distress else set())))
    return report


@dataclass
class CasinoReport:
    rows: int
    elicit: Counts  # explores-constraints against elicit-pref
    small_talk: Control  # every row labelled small-talk (a quarter also carry a strategy label)
    small_talk_only: Control  # rows whose only label is small-talk: the clean control
    non_strategic: Control


def evaluate_casino(detector: Detector, path: Path = CASINO_PATH, half: str = "eval") -> CasinoReport:
    """`explores-constraints` against CaSiNo's `elicit-pref` (the other party's previous line as `previous`) on
    the dialogues the model never trained on; any criterion firing on small-talk or non-strategic rows counts as
    a false positive."""
    elicit = Counts()
    small_talk, small_talk_only, non_strategic = Control(), Control(), Control()
    rows = 0
    for row in casino_utterances(path, half):
        rows += 1
        d = detector.detect(row["text"], row.get("context"))
        elicit.add("explores-constraints" in d.move_ids, "elicit-pref" in row["labels"])
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
