#!/usr/bin/env python3
"""Check the coh11 learner-side scripts against FORMAT.md.

Usage: python3 check.py [scripts_dir]
Exits 0 when every file passes, 1 otherwise. Standard library only.
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
KINDS = {"skilled", "mediocre", "off-script"}
MOVES = {
    "impact-evidence", "business-value", "specific-ask", "phased-plan",
    "success-metrics", "explores-constraints", "collaborative-options",
    "next-steps", "recover-from-no",
}
MANAGER_MOVES = {"specific-observation", "invites-perspective", "offers-support"}
FLAGS = {"hedging", "aggression"}
TOPICS = {"constraint", "decision", "timing", "help", "feelings", "personal", "choice", "other"}
OFFTOPIC = {"hazard", "joke", "complaint", "apology", "vulnerability", "small-talk", "rude"}
TOP_KEYS = {"scenario_id", "kind", "written", "register", "lines"}
LINE_KEYS = {"text", "moves", "question", "terms", "offtopic", "preempts"}
NAME_RE = re.compile(r"^(?P<scn>[a-z0-9-]+?)--(?P<kind>skilled|mediocre|off-script)(?:-(?P<n>[0-9]+))?\.json$")
HAZARD_WORD = re.compile(r"hazard", re.IGNORECASE)


def check_file(path, problems):
    name = os.path.basename(path)
    def bad(msg):
        problems.append(f"{name}: {msg}")

    m = NAME_RE.match(name)
    if not m:
        bad("file name is not <scenario_id>--<kind>[-N].json")
        return None
    if m.group("n") is not None and int(m.group("n")) < 2:
        bad("extra suffix must be -2 or higher")
    try:
        with open(path, encoding="utf-8") as f:
            obj = json.load(f)
    except (OSError, ValueError) as e:
        bad(f"cannot read JSON: {e}")
        return None
    if not isinstance(obj, dict):
        bad("top level is not an object")
        return None
    keys = set(obj)
    if keys != TOP_KEYS:
        bad(f"top-level fields {sorted(keys)} != {sorted(TOP_KEYS)}")
    scn, kind = obj.get("scenario_id"), obj.get("kind")
    if scn not in SCENARIOS:
        bad(f"unknown scenario_id {scn!r}")
    if kind not in KINDS:
        bad(f"kind {kind!r} not one of {sorted(KINDS)}")
    if scn != m.group("scn"):
        bad(f"scenario_id {scn!r} does not match file name")
    if kind != m.group("kind"):
        bad(f"kind {kind!r} does not match file name")
    if obj.get("written") != WRITTEN:
        bad(f"written must be {WRITTEN!r}")
    reg = obj.get("register")
    if not isinstance(reg, str) or not reg.strip():
        bad("register must be a non-empty string")
    elif HAZARD_WORD.search(reg):
        bad("register contains the word 'hazard'")
    lines = obj.get("lines")
    if not isinstance(lines, list):
        bad("lines is not a list")
        return obj
    if not 6 <= len(lines) <= 10:
        bad(f"{len(lines)} lines (need 6 to 10)")
    allowed = MOVES | (MANAGER_MOVES if scn == MANAGER_SCENARIO else set())
    for i, ln in enumerate(lines, 1):
        where = f"line {i}"
        if not isinstance(ln, dict):
            bad(f"{where}: not an object")
            continue
        if set(ln) != LINE_KEYS:
            bad(f"{where}: fields {sorted(ln)} != {sorted(LINE_KEYS)}")
        text = ln.get("text")
        if not isinstance(text, str) or not text.strip():
            bad(f"{where}: text must be a non-empty string")
            text = ""
        if HAZARD_WORD.search(text):
            bad(f"{where}: text contains the word 'hazard'")
        moves = ln.get("moves")
        if not isinstance(moves, list):
            bad(f"{where}: moves is not a list")
            moves = []
        if len(set(map(str, moves))) != len(moves):
            bad(f"{where}: duplicate move ids")
        for mv in moves:
            if mv in FLAGS:
                bad(f"{where}: flag {mv!r} must not be annotated")
            elif mv in MANAGER_MOVES and scn != MANAGER_SCENARIO:
                bad(f"{where}: manager-move {mv!r} outside {MANAGER_SCENARIO}")
            elif mv not in allowed:
                bad(f"{where}: unknown move id {mv!r}")
        q = ln.get("question")
        if q is not None:
            if not isinstance(q, dict) or set(q) != {"topic"}:
                bad(f"{where}: question must be null or {{\"topic\": ...}}")
            elif q["topic"] not in TOPICS:
                bad(f"{where}: question topic {q['topic']!r} not allowed")
        terms = ln.get("terms")
        if not isinstance(terms, list):
            bad(f"{where}: terms is not a list")
            terms = []
        if len(set(map(str, terms))) != len(terms):
            bad(f"{where}: duplicate terms")
        for t in terms:
            if not isinstance(t, str) or not t.strip():
                bad(f"{where}: empty or non-string term {t!r}")
            elif t not in text:
                bad(f"{where}: term {t!r} is not an exact substring of the text")
        off = ln.get("offtopic")
        if off is not None and off not in OFFTOPIC:
            bad(f"{where}: offtopic {off!r} not allowed")
        pre = ln.get("preempts")
        if pre is not None and (not isinstance(pre, str) or not pre.strip()):
            bad(f"{where}: preempts must be null or a non-empty string")
    return obj


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    d = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "scripts")
    problems = []
    files = sorted(f for f in os.listdir(d) if not f.startswith("."))
    seen = {}
    nlines = 0
    for f in files:
        p = os.path.join(d, f)
        if not f.endswith(".json"):
            problems.append(f"{f}: not a .json file")
            continue
        obj = check_file(p, problems)
        if isinstance(obj, dict):
            seen.setdefault(obj.get("scenario_id"), set()).add(obj.get("kind"))
            if isinstance(obj.get("lines"), list):
                nlines += len(obj["lines"])
    for scn in sorted(SCENARIOS):
        missing = KINDS - seen.get(scn, set())
        for k in sorted(missing):
            problems.append(f"{scn}: no {k} script")
        base = {k for k in KINDS if os.path.exists(os.path.join(d, f"{scn}--{k}.json"))}
        for k in sorted(KINDS - base):
            problems.append(f"{scn}: missing base file {scn}--{k}.json")
    for p in problems:
        print(p)
    print(f"{len(files)} files, {nlines} lines, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
