#!/usr/bin/env python3
"""Check the coh10 learner-side scripts against FORMAT.md.

Standard library only. Usage: python3 check.py [scripts_dir]
Exits 0 when every file passes, 1 otherwise.
"""
import json
import os
import re
import sys
from collections import Counter, defaultdict

SCENARIOS = {
    "compassionate-performance-conversation",
    "flexible-work-trial",
    "hand-off-responsibility",
    "lateral-move",
    "promotion-after-win",
    "promotion-follow-up",
    "raise-during-budget-freeze",
    "workload-boundary",
}
MANAGER_SCENARIO = "compassionate-performance-conversation"

# Criteria ids by kind, as printed by `briefings.py --criteria`.
MOVES = {
    "impact-evidence", "business-value", "specific-ask", "phased-plan",
    "success-metrics", "explores-constraints", "collaborative-options",
    "next-steps", "recover-from-no",
}
MANAGER_MOVES = {"specific-observation", "invites-perspective", "offers-support"}
FLAGS = {"hedging", "aggression"}  # not annotated

KINDS = {"skilled", "mediocre", "off-script"}
TOPICS = {"constraint", "decision", "timing", "help", "feelings", "personal",
          "choice", "other"}
OFFTOPIC = {"hazard", "joke", "complaint", "apology", "vulnerability",
            "small-talk", "rude"}
WRITTEN = "2026-12-05"
TOP_KEYS = {"scenario_id", "kind", "written", "register", "lines"}
LINE_KEYS = {"text", "moves", "question", "terms", "offtopic", "preempts"}
NAME_RE = re.compile(r"^(?P<sid>[a-z0-9-]+?)--(?P<kind>skilled|mediocre|off-script)(?:-(?P<n>[2-9]))?\.json$")
BANNED_WORD = re.compile(r"hazard", re.IGNORECASE)


def check_file(path, problems):
    name = os.path.basename(path)
    where = name

    def bad(msg):
        problems.append(f"{where}: {msg}")

    m = NAME_RE.match(name)
    if not m:
        bad("file name is not <scenario_id>--<kind>[-N].json")
        return None
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, json.JSONDecodeError) as exc:
        bad(f"cannot read JSON: {exc}")
        return None
    if not isinstance(data, dict):
        bad("top level is not an object")
        return None

    keys = set(data)
    if keys != TOP_KEYS:
        missing, extra = TOP_KEYS - keys, keys - TOP_KEYS
        if missing:
            bad(f"missing fields {sorted(missing)}")
        if extra:
            bad(f"unexpected fields {sorted(extra)}")

    sid = data.get("scenario_id")
    kind = data.get("kind")
    if sid not in SCENARIOS:
        bad(f"unknown scenario_id {sid!r}")
    if kind not in KINDS:
        bad(f"kind {kind!r} not one of {sorted(KINDS)}")
    if sid != m.group("sid"):
        bad(f"scenario_id {sid!r} does not match file name {m.group('sid')!r}")
    if kind != m.group("kind"):
        bad(f"kind {kind!r} does not match file name {m.group('kind')!r}")
    if data.get("written") != WRITTEN:
        bad(f"written is {data.get('written')!r}, expected {WRITTEN!r}")
    reg = data.get("register")
    if not isinstance(reg, str) or not reg.strip():
        bad("register must be a non-empty string")
    elif BANNED_WORD.search(reg):
        bad("register uses the banned word")

    lines = data.get("lines")
    if not isinstance(lines, list):
        bad("lines is not a list")
        return None
    if not 6 <= len(lines) <= 10:
        bad(f"{len(lines)} lines; must be 6 to 10")

    allowed_moves = MOVES | (MANAGER_MOVES if sid == MANAGER_SCENARIO else set())
    for i, line in enumerate(lines, 1):
        where = f"{name} line {i}"
        if not isinstance(line, dict):
            bad("line is not an object")
            continue
        lk = set(line)
        if lk != LINE_KEYS:
            if LINE_KEYS - lk:
                bad(f"missing fields {sorted(LINE_KEYS - lk)}")
            if lk - LINE_KEYS:
                bad(f"unexpected fields {sorted(lk - LINE_KEYS)}")
        text = line.get("text")
        if not isinstance(text, str) or not text.strip():
            bad("text must be a non-empty string")
            text = ""
        if text != text.strip():
            bad("text has leading or trailing whitespace")
        if BANNED_WORD.search(text):
            bad("text uses the banned word")

        moves = line.get("moves")
        if not isinstance(moves, list):
            bad("moves is not a list")
        else:
            if len(set(moves)) != len(moves):
                bad("duplicate move ids")
            for mv in moves:
                if mv in FLAGS:
                    bad(f"flag {mv!r} must not be annotated")
                elif mv in MANAGER_MOVES and sid != MANAGER_SCENARIO:
                    bad(f"manager-move {mv!r} outside {MANAGER_SCENARIO}")
                elif mv not in allowed_moves:
                    bad(f"unknown move id {mv!r}")

        q = line.get("question")
        if q is not None:
            if not isinstance(q, dict) or set(q) != {"topic"}:
                bad("question must be null or {\"topic\": ...}")
            elif q["topic"] not in TOPICS:
                bad(f"question topic {q['topic']!r} not allowed")

        terms = line.get("terms")
        if not isinstance(terms, list):
            bad("terms is not a list")
        else:
            if len(set(terms)) != len(terms):
                bad("duplicate terms")
            for t in terms:
                if not isinstance(t, str) or not t.strip():
                    bad(f"empty or non-string term {t!r}")
                elif t not in text:
                    bad(f"term {t!r} is not an exact substring of the text")

        off = line.get("offtopic")
        if off is not None and off not in OFFTOPIC:
            bad(f"offtopic {off!r} not allowed")

        pre = line.get("preempts")
        if pre is not None:
            if not isinstance(pre, str) or not pre.strip():
                bad("preempts must be null or a non-empty string")
            elif BANNED_WORD.search(pre):
                bad("preempts uses the banned word")
    return data


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    sdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "scripts")
    files = sorted(f for f in os.listdir(sdir) if not f.startswith("."))
    problems = []
    per_scenario = defaultdict(set)
    n_lines = 0
    stats = Counter()
    registers = Counter()
    for f in files:
        path = os.path.join(sdir, f)
        if not f.endswith(".json"):
            problems.append(f"{f}: not a .json file")
            continue
        data = check_file(path, problems)
        if not data or not isinstance(data.get("lines"), list):
            continue
        per_scenario[data.get("scenario_id")].add(data.get("kind"))
        registers[data.get("register")] += 1
        for line in data["lines"]:
            if not isinstance(line, dict):
                continue
            n_lines += 1
            if line.get("question"):
                stats["q:" + str(line["question"].get("topic"))] += 1
            if line.get("offtopic"):
                stats["off:" + str(line["offtopic"])] += 1
            if line.get("preempts"):
                stats["preempts"] += 1
            for mv in line.get("moves") or []:
                stats["mv:" + str(mv)] += 1

    for sid in sorted(SCENARIOS):
        missing = KINDS - per_scenario.get(sid, set())
        if missing:
            problems.append(f"{sid}: no script of kind {sorted(missing)}")

    print(f"{len(files)} files, {n_lines} lines, {len(registers)} distinct registers")
    for key in sorted(stats):
        print(f"  {key}: {stats[key]}")
    if problems:
        print(f"\n{len(problems)} problem(s):")
        for p in problems:
            print("  " + p)
        return 1
    print("\nOK: no problems")
    return 0


if __name__ == "__main__":
    sys.exit(main())
