"""The labelled corpus in `data/moves/`: loading rows, and the deterministic split they fall into.

Only training, benchmarks and tests read it (it is not in the wheel). See data/moves/README.md.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "data" / "moves"
_CASINO_FILE = Path("data", "casino", "casino_annotated.jsonl")


def _casino_path() -> Path:
    """$COACH_CASINO, else the workplace's shared folder, else a shared/ folder beside the repository."""
    if os.environ.get("COACH_CASINO"):
        return Path(os.environ["COACH_CASINO"])
    candidates = [Path("/work/shared") / _CASINO_FILE, Path(__file__).resolve().parents[3] / "shared" / _CASINO_FILE]
    return next((p for p in candidates if p.is_file()), candidates[0])


CASINO_PATH = _casino_path()
MOVES = (
    "impact-evidence", "business-value", "specific-ask", "phased-plan", "success-metrics", "explores-constraints",
    "collaborative-options", "next-steps", "recover-from-no", "specific-observation", "invites-perspective",
    "offers-support",
)
FLAGS = ("hedging", "aggression")
CARE = "care-acute"
LABELS = (*MOVES, *FLAGS, CARE)
SPLITS = ("train", "dev", "test")


@dataclass(frozen=True)
class Row:
    text: str
    previous: str | None
    labels: frozenset[str]
    source: str
    care: str | None = None  # "acute" or "overload" where the row is about distress
    hard: bool = False
    neutral: bool = False
    informs: frozenset[str] | None = None  # the labels this row says anything about (None: all of them)

    @property
    def key(self) -> str:
        return _skeleton(self.text)


def read(path: Path) -> Iterator[Row]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            data = json.loads(line)
            care = data.get("care") or ("acute" if data.get("distress") else None)
            labels = set(data.get("moves", [])) | set(data.get("flags", []))
            if care == "acute":
                labels.add(CARE)
            yield Row(
                text=data["text"],
                previous=data.get("previous"),
                labels=frozenset(labels),
                source=path.stem,
                care=care,
                hard=bool(data.get("hard") or data.get("note")),
                neutral=not data.get("moves") and not data.get("flags") and "informs" not in data,
                informs=frozenset(data["informs"]) if "informs" in data else None,
            )


def casino_utterances(path: Path, half: str) -> Iterator[dict]:
    """CaSiNo's utterances from one half of its dialogues: "train" or "eval", by a hash of the dialogue id."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            data = json.loads(line)
            bucket = int(hashlib.sha1(str(data["dialogue_id"]).encode()).hexdigest()[:8], 16) % 2
            if ("train", "eval")[bucket] == half:
                yield data


def casino_rows(path: Path, half: str) -> list[Row]:
    """CaSiNo utterances where its labels map onto ours (Chawla et al., NAACL 2021, CC BY 4.0), from one half of
    its dialogues ("train" or "eval", by a hash of the dialogue id). `elicit-pref` is asking about the other
    side's preferences: explores-constraints, and rows without it are not. Small-talk-only and non-strategic
    rows make no move at all. Other labels are campsite haggling with no clean counterpart, so those rows
    inform explores-constraints only."""
    rows = []
    for data in casino_utterances(path, half):
        labels = set(data["labels"])
        silent = labels <= {"small-talk", "non-strategic"}
        rows.append(Row(
            text=data["text"], previous=data.get("context"), source="casino",
            labels=frozenset({"explores-constraints"} if "elicit-pref" in labels else ()),
            neutral=silent, informs=None if silent else frozenset({"explores-constraints"}),
        ))
    return rows


def training_files(root: Path = ROOT) -> list[Path]:
    """Every file the model may learn from: the corpus and the care set, never the blind sets."""
    return sorted([*(root / "corpus").glob("*.jsonl"), *(root / "care").glob("*.jsonl")])


def blind_files(root: Path = ROOT) -> list[Path]:
    return sorted((root / "blind").glob("*.jsonl"))


def load(paths: Iterable[Path]) -> list[Row]:
    rows = [row for path in paths for row in read(path)]
    seen: set[tuple[str, str | None]] = set()
    unique = []
    for row in rows:  # an exact repeat (same words, same context) would only weigh one line twice
        key = (row.key, row.previous)
        if key not in seen:
            seen.add(key)
            unique.append(row)
    return unique


_NOISE = re.compile(r"[\W\d_]+")


def _skeleton(text: str) -> str:
    return _NOISE.sub(" ", text.lower()).strip()


def _shingles(text: str) -> set[str]:
    words = _skeleton(text).split()
    return {" ".join(words[i : i + 3]) for i in range(max(1, len(words) - 2))}


def near_duplicate_groups(rows: list[Row], threshold: float = 0.6) -> list[int]:
    """A group number per row: rows whose word-trigram sets overlap by `threshold` (Jaccard) or more, directly or
    through a chain, share a group, so a split never holds a near copy of another split's row."""
    parent = list(range(len(rows)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    shingles = [_shingles(r.text) for r in rows]
    index: dict[str, list[int]] = {}
    for i, s in enumerate(shingles):
        for sh in s:
            index.setdefault(sh, []).append(i)
    for i, s in enumerate(shingles):
        overlap: dict[int, int] = {}
        for sh in s:
            bucket = index[sh]
            if len(bucket) > 200:  # a stock phrase shared by hundreds of rows says nothing about copying
                continue
            for j in bucket:
                if j > i:
                    overlap[j] = overlap.get(j, 0) + 1
        for j, common in overlap.items():
            if common / (len(s) + len(shingles[j]) - common) >= threshold:
                parent[find(j)] = find(i)
    return [find(i) for i in range(len(rows))]


def split_of(group_key: str) -> str:
    """80 / 10 / 10, decided by a hash of the group's first text: stable across runs and machines."""
    bucket = int(hashlib.sha1(group_key.encode("utf-8")).hexdigest()[:8], 16) % 10
    return "test" if bucket == 0 else "dev" if bucket == 1 else "train"


def assign_splits(rows: list[Row]) -> list[str]:
    groups = near_duplicate_groups(rows)
    first: dict[int, str] = {}
    for row, g in zip(rows, groups):
        first.setdefault(g, row.key)
    return [split_of(first[g]) for g in groups]
