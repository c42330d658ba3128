#!/usr/bin/env python3
"""Check the coh14 scripts against FORMAT.md. Standard library only.

Usage: python3 check.py [scripts_dir]
Exits 0 when every file passes, 1 otherwise, printing one line per problem.
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPTS = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "scripts")

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
KINDS = {"skilled", "mediocre", "off-script"}
MOVES = {
    "impact-evidence", "business-value", "specific-ask", "phased-plan", "success-metrics",
    "explores-constraints", "collaborative-options", "next-steps", "recover-from-no",
}
MANAGER_MOVES = {"specific-observation", "invites-perspective", "offers-support"}
FLAGS = {"hedging", "aggression"}
TOPICS = {"constraint", "decision", "timing", "help", "feelings", "personal", "choice", "other"}
OFFTOPIC = {"hazard", "joke", "complaint", "apology", "vulnerability", "small-talk", "rude"}
TOP_KEYS = {"scenario_id", "kind", "written", "register", "lines"}
LINE_KEYS = {"text", "moves", "question", "terms", "offtopic", "preempts"}
NAME_RE = re.compile(r"^(?P<sid>[a-z0-9-]+?)--(?P<kind>skilled|mediocre|off-script)(?:-(?P<n>[2-9]))?\.json$")
HAZARD_WORD = re.compile(r"hazard", re.IGNORECASE)

problems = []


def bad(where, msg):
    problems.append(f"{where}: {msg}")


def is_str(x):
    return isinstance(x, str) and x.strip() != ""


def check_line(where, sid, i, line):
    w = f"{where} line {i + 1}"
    if not isinstance(line, dict):
        bad(w, "line is not an object")
        return
    keys = set(line)
    if keys != LINE_KEYS:
        missing, extra = LINE_KEYS - keys, keys - LINE_KEYS
        if missing:
            bad(w, f"missing fields {sorted(missing)}")
        if extra:
            bad(w, f"unknown fields {sorted(extra)}")
    text = line.get("text")
    if not is_str(text):
        bad(w, "text must be a non-empty string")
        text = ""
    if HAZARD_WORD.search(text):
        bad(w, "text uses the word 'hazard'")

    moves = line.get("moves")
    if not isinstance(moves, list):
        bad(w, "moves must be a list")
        moves = []
    if len(set(map(str, moves))) != len(moves):
        bad(w, "duplicate move ids")
    for m in moves:
        if m in FLAGS:
            bad(w, f"flag '{m}' must not be annotated")
        elif m in MANAGER_MOVES:
            if sid != MANAGER_SCENARIO:
                bad(w, f"manager-move '{m}' outside {MANAGER_SCENARIO}")
        elif m not in MOVES:
            bad(w, f"unknown move id {m!r}")

    q = line.get("question")
    if q is not None:
        if not isinstance(q, dict) or set(q) != {"topic"}:
            bad(w, "question must be null or {\"topic\": ...}")
        elif q["topic"] not in TOPICS:
            bad(w, f"unknown question topic {q['topic']!r}")

    terms = line.get("terms")
    if not isinstance(terms, list):
        bad(w, "terms must be a list")
        terms = []
    seen = set()
    for t in terms:
        if not is_str(t):
            bad(w, f"term {t!r} is not a non-empty string")
            continue
        if t not in text:
            bad(w, f"term {t!r} is not an exact substring of the text")
        if t in seen:
            bad(w, f"duplicate term {t!r}")
        seen.add(t)
        if HAZARD_WORD.search(t):
            bad(w, "term uses the word 'hazard'")

    off = line.get("offtopic")
    if off is not None and off not in OFFTOPIC:
        bad(w, f"unknown offtopic label {off!r}")

    pre = line.get("preempts")
    if pre is not None:
        if not is_str(pre):
            bad(w, "preempts must be null or a non-empty string")
        elif HAZARD_WORD.search(pre):
            bad(w, "preempts uses the word 'hazard'")


def main():
    if not os.path.isdir(SCRIPTS):
        print(f"no scripts directory: {SCRIPTS}")
        return 1
    files = sorted(f for f in os.listdir(SCRIPTS) if not f.startswith("."))
    coverage = {}
    n_lines = 0
    for fname in files:
        path = os.path.join(SCRIPTS, fname)
        m = NAME_RE.match(fname)
        if not m:
            bad(fname, "file name is not <scenario_id>--<kind>[-N].json")
            continue
        try:
            with open(path, encoding="utf-8") as fh:
                obj = json.load(fh)
        except (OSError, ValueError) as e:
            bad(fname, f"not valid JSON: {e}")
            continue
        if not isinstance(obj, dict):
            bad(fname, "top level is not an object")
            continue
        keys = set(obj)
        if keys != TOP_KEYS:
            if TOP_KEYS - keys:
                bad(fname, f"missing fields {sorted(TOP_KEYS - keys)}")
            if keys - TOP_KEYS:
                bad(fname, f"unknown fields {sorted(keys - TOP_KEYS)}")
        sid, kind = obj.get("scenario_id"), obj.get("kind")
        if sid not in SCENARIOS:
            bad(fname, f"unknown scenario_id {sid!r}")
        if kind not in KINDS:
            bad(fname, f"kind {kind!r} must be one of {sorted(KINDS)} (no '-2' suffix)")
        if sid != m.group("sid"):
            bad(fname, f"scenario_id {sid!r} does not match the file name")
        if kind != m.group("kind"):
            bad(fname, f"kind {kind!r} does not match the file name")
        if obj.get("written") != WRITTEN:
            bad(fname, f"written must be {WRITTEN!r}")
        reg = obj.get("register")
        if not is_str(reg):
            bad(fname, "register must be a non-empty string")
        elif HAZARD_WORD.search(reg):
            bad(fname, "register uses the word 'hazard'")
        lines = obj.get("lines")
        if not isinstance(lines, list):
            bad(fname, "lines must be a list")
            continue
        if not 6 <= len(lines) <= 10:
            bad(fname, f"{len(lines)} lines; must be 6 to 10")
        for i, line in enumerate(lines):
            check_line(fname, sid, i, line)
        n_lines += len(lines)
        coverage.setdefault(sid, set()).add(kind)

    for sid in sorted(SCENARIOS):
        missing = KINDS - coverage.get(sid, set())
        if missing:
            bad(sid, f"no script of kind {sorted(missing)}")

    for p in problems:
        print(p)
    status = "OK" if not problems else f"{len(problems)} problem(s)"
    print(f"{len(files)} files, {n_lines} lines: {status}")
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
