"""Check corpus files: valid JSON Lines, known labels and fields. Usage: python data/moves/check_rows.py FILE..."""

from __future__ import annotations

import json
import sys
from collections import Counter

MOVES = {
    "impact-evidence", "business-value", "specific-ask", "phased-plan", "success-metrics",
    "explores-constraints", "collaborative-options", "next-steps", "recover-from-no",
    "specific-observation", "invites-perspective", "offers-support",
}
FLAGS = {"hedging", "aggression"}
FIELDS = {"text", "previous", "moves", "flags", "care", "speaker", "workplace", "scenario", "register", "hard",
          "note", "split", "distress", "source", "id", "informs"}


def check(path: str) -> tuple[int, list[str], Counter]:
    problems, counts, n = [], Counter(), 0
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            n += 1
            where = f"{path}:{number}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                problems.append(f"{where}: not JSON ({error})")
                continue
            if not isinstance(row, dict):
                problems.append(f"{where}: not an object")
                continue
            if unknown := set(row) - FIELDS:
                problems.append(f"{where}: unknown fields {sorted(unknown)}")
            if not isinstance(row.get("text"), str) or not row["text"].strip():
                problems.append(f"{where}: text missing")
            if row.get("previous") is not None and not isinstance(row["previous"], str):
                problems.append(f"{where}: previous must be text or null")
            for key, allowed in (("moves", MOVES), ("flags", FLAGS)):
                value = row.get(key, [])
                if not isinstance(value, list) or set(value) - allowed:
                    problems.append(f"{where}: {key} has unknown labels {value}")
                counts.update(value if isinstance(value, list) else [])
            informs = row.get("informs", [])
            if not isinstance(informs, list) or set(informs) - MOVES - FLAGS:
                problems.append(f"{where}: informs has unknown labels {informs}")
            elif "informs" in row and set(row.get("moves", [])) - set(informs):
                problems.append(f"{where}: a move outside informs {sorted(set(row['moves']) - set(informs))}")
            if row.get("care") not in (None, "acute", "overload"):
                problems.append(f"{where}: care must be acute or overload")
            if row.get("care"):
                counts["care:" + row["care"]] += 1
            if len(row.get("moves", [])) + len(row.get("flags", [])) >= 2:
                counts["multi-label rows"] += 1
            if not row.get("moves") and not row.get("flags"):
                counts["no-label rows"] += 1
            if row.get("hard"):
                counts["hard negatives"] += 1
    return n, problems, counts


if __name__ == "__main__":
    total, bad, allcounts = 0, [], Counter()
    for name in sys.argv[1:]:
        n, problems, counts = check(name)
        total += n
        bad += problems
        allcounts += counts
    for line in bad[:50]:
        print(line)
    print(f"{total} rows, {len(bad)} problems")
    for label, count in sorted(allcounts.items()):
        print(f"  {label:24} {count}")
    sys.exit(1 if bad else 0)
