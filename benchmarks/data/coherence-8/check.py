#!/usr/bin/env python3
"""Check the coh8 learner-side scripts against FORMAT.md.

Standalone: standard library only. Usage:
    python3 check.py [scripts_dir]
Exits 0 when there are no problems, 1 otherwise, printing one line per problem.
"""
import json
import os
import re
import sys

WRITTEN = "2026-12-05"

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

MOVES = {
    "impact-evidence",
    "business-value",
    "specific-ask",
    "phased-plan",
    "success-metrics",
    "explores-constraints",
    "collaborative-options",
    "next-steps",
    "recover-from-no",
}
MANAGER_MOVES = {"specific-observation", "invites-perspective", "offers-support"}
FLAGS = {"hedging", "aggression"}  # criteria, but never annotated

KINDS = {"skilled", "mediocre", "off-script"}
TOPICS = {"constraint", "decision", "timing", "help", "feelings", "personal", "choice", "other"}
OFFTOPIC = {"hazard", "joke", "complaint", "apology", "vulnerability", "small-talk", "rude"}

TOP_KEYS = {"scenario_id", "kind", "written", "register", "lines"}
LINE_KEYS = {"text", "moves", "question", "terms", "offtopic", "preempts"}

MIN_LINES, MAX_LINES = 6, 10
NAME_RE = re.compile(r"^(?P<sid>[a-z0-9-]+?)--(?P<kind>skilled|mediocre|off-script)(?:-(?P<n>[2-9]|[1-9][0-9]+))?\.json$")
BANNED = re.compile(r"hazard", re.IGNORECASE)


def check_file(path, problems):
    name = os.path.basename(path)
    where = name

    def bad(msg):
        problems.append(f"{where}: {msg}")

    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError) as e:
        bad(f"cannot read JSON: {e}")
        return None
    if not isinstance(data, dict):
        bad("top level is not an object")
        return None

    keys = set(data)
    if keys != TOP_KEYS:
        if TOP_KEYS - keys:
            bad(f"missing fields {sorted(TOP_KEYS - keys)}")
        if keys - TOP_KEYS:
            bad(f"unexpected fields {sorted(keys - TOP_KEYS)}")

    sid = data.get("scenario_id")
    kind = data.get("kind")
    if sid not in SCENARIOS:
        bad(f"unknown scenario_id {sid!r}")
    if kind not in KINDS:
        bad(f"kind {kind!r} not one of {sorted(KINDS)}")
    if data.get("written") != WRITTEN:
        bad(f"written is {data.get('written')!r}, expected {WRITTEN!r}")
    reg = data.get("register")
    if not isinstance(reg, str) or not reg.strip():
        bad("register must be a non-empty string")
    elif BANNED.search(reg):
        bad("register contains the word 'hazard'")

    m = NAME_RE.match(name)
    if not m:
        bad("file name is not <scenario_id>--<kind>[-N].json")
    else:
        if m.group("sid") != sid:
            bad(f"file name scenario {m.group('sid')!r} != scenario_id {sid!r}")
        if m.group("kind") != kind:
            bad(f"file name kind {m.group('kind')!r} != kind {kind!r}")

    lines = data.get("lines")
    if not isinstance(lines, list):
        bad("lines is not a list")
        return data
    if not (MIN_LINES <= len(lines) <= MAX_LINES):
        bad(f"{len(lines)} lines; need {MIN_LINES} to {MAX_LINES}")

    allowed_moves = MOVES | (MANAGER_MOVES if sid == MANAGER_SCENARIO else set())
    seen_text = set()
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
        if BANNED.search(text):
            bad("text contains the word 'hazard'")
        if text in seen_text:
            bad("duplicate text within the script")
        seen_text.add(text)

        moves = line.get("moves")
        if not isinstance(moves, list):
            bad("moves is not a list")
        else:
            if len(moves) != len(set(moves)):
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
                bad(f"question must be null or {{'topic': ...}}, got {q!r}")
            elif q["topic"] not in TOPICS:
                bad(f"question topic {q['topic']!r} not allowed")

        terms = line.get("terms")
        if not isinstance(terms, list):
            bad("terms is not a list")
        else:
            if len(terms) != len(set(terms)):
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
            elif BANNED.search(pre):
                bad("preempts contains the word 'hazard'")
    return data


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    d = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "scripts")
    problems = []
    entries = sorted(os.listdir(d))
    files = [e for e in entries if e.endswith(".json")]
    for e in entries:
        if not e.endswith(".json"):
            problems.append(f"{e}: not a .json file in scripts/")
    covered = {}
    registers = {}
    n_lines = 0
    for name in files:
        data = check_file(os.path.join(d, name), problems)
        if isinstance(data, dict):
            covered.setdefault(data.get("scenario_id"), set()).add(data.get("kind"))
            registers.setdefault(data.get("register"), []).append(name)
            if isinstance(data.get("lines"), list):
                n_lines += len(data["lines"])
    for sid in sorted(SCENARIOS):
        missing = KINDS - covered.get(sid, set())
        if missing:
            problems.append(f"{sid}: no script of kind {sorted(missing)}")
    for reg, names in registers.items():
        if len(names) > 1:
            problems.append(f"register {reg!r} used by more than one script: {names}")
    for p in problems:
        print(p)
    print(f"{len(files)} scripts, {n_lines} lines, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
