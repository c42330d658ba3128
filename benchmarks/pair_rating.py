"""Blind pair rating for a counterpart change: the conversations two engines play differently, as shuffled pairs.

    python benchmarks/coherence.py --set blind131 --out old.md          # on the old engine
    python benchmarks/coherence.py --set blind131 --out new.md          # on the new one
    python benchmarks/pair_rating.py prep old.md new.md pairs.md key.json
    (a helper rates pairs.md with benchmarks/briefs/pair-rater.md and writes ratings.json)
    python benchmarks/pair_rating.py score ratings.json key.json

`prep` writes every differing conversation as versions X and Y, the new engine's side chosen at random (the key
says which); `score` unblinds the ratings into coherent, partial and non-sequitur shares per engine and which engine
the rater preferred.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import Counter
from pathlib import Path

_HEADER = re.compile(r"^## (.+)$")
_LEARNER = re.compile(r"^\d+\. \*\*Learner:\*\* (.*)$")
_REPLY = re.compile(r"^\s+\*\*Counterpart:\*\* (.*)$")


def conversations(path: Path) -> dict[str, list[tuple[str, str | None]]]:
    """Each conversation of a transcript file (named by its header without the outcome, which is the engine's doing:
    "lateral-move · skilled · tough", numbered when two share one) as (learner line, reply) pairs."""
    convs: dict[str, list[tuple[str, str | None]]] = {}
    current: list[tuple[str, str | None]] | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if m := _HEADER.match(line):
            base = " · ".join(m.group(1).strip().split(" · ")[:3])
            name, n = base, 2
            while name in convs:
                name, n = f"{base} #{n}", n + 1
            current = convs[name] = []
        elif current is not None and (m := _LEARNER.match(line)):
            current.append((m.group(1), None))
        elif current and (m := _REPLY.match(line)):
            current[-1] = (current[-1][0], m.group(1))
    return convs


def _shown(turns: list[tuple[str, str | None]]) -> str:
    return "\n".join(f"{i}. **Learner:** {said}\n   **Counterpart:** {reply or '(no reply: the conversation had ended)'}\n"
                     for i, (said, reply) in enumerate(turns, 1))


def prep(old: Path, new: Path, out: Path, key: Path, seed: int = 31) -> int:
    a, b = conversations(old), conversations(new)
    rng, pairs, unblind = random.Random(seed), [], {}
    for name, turns in a.items():
        if turns == b.get(name):
            continue
        pid = f"p{len(pairs) + 1}"
        new_first = rng.random() < 0.5
        x, y = (b[name], turns) if new_first else (turns, b[name])
        unblind[pid] = {"conversation": name, "new": "X" if new_first else "Y"}
        pairs.append(f"## Pair {pid} (scenario: {name.split(' · ')[0]})\n\n### Version X\n\n{_shown(x)}\n"
                     f"### Version Y\n\n{_shown(y)}")
    out.write_text("# Conversation pairs\n\nThe learner's lines are the same in both versions of a pair; the "
                   "counterpart's replies differ.\n\n" + "\n\n".join(pairs) + "\n", encoding="utf-8")
    key.write_text(json.dumps(unblind, indent=1), encoding="utf-8")
    return len(pairs)


def score(ratings: Path, key: Path) -> str:
    rated, unblind = json.loads(ratings.read_text()), json.loads(key.read_text())
    shares = {"old": Counter(), "new": Counter()}
    preferred = Counter()
    for pair in rated["pairs"]:
        new_side = unblind[pair["id"]]["new"]
        for side in ("X", "Y"):
            shares["new" if side == new_side else "old"].update(pair[side])
        choice = pair.get("preferred", "tie")
        preferred["tie" if choice not in ("X", "Y") else "new" if choice == new_side else "old"] += 1
    lines = [f"{engine}: " + ", ".join(f"{k} {v}/{sum(c.values())}" for k, v in sorted(c.items()))
             for engine, c in shares.items()]
    return "\n".join([*lines, f"preferred: new {preferred['new']}, old {preferred['old']}, tie {preferred['tie']}"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("prep")
    for name in ("old", "new", "out", "key"):
        p.add_argument(name, type=Path)
    s = sub.add_parser("score")
    s.add_argument("ratings", type=Path)
    s.add_argument("key", type=Path)
    args = parser.parse_args()
    if args.command == "prep":
        print(f"{prep(args.old, args.new, args.out, args.key)} pairs")
    else:
        print(score(args.ratings, args.key))


if __name__ == "__main__":
    main()
