#!/usr/bin/env python3
"""Standalone checker for the coh7 learner-side coherence scripts (standard library only).

Checks what FORMAT.md requires: top-level fields, file names agreeing with fields, 6-10 lines,
line fields, move ids from the criteria (manager-moves only in the manager scenario), question
topics, offtopic labels, no word "hazard" in any learner-visible text, and every term being an
exact substring of its line. Also checks set-level coverage (skilled / mediocre / off-script for
every scenario). Exit status 0 when clean, 1 when any problem is found.
"""
import json
import os
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPTS = os.path.join(HERE, "scripts")

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
    "impact-evidence", "business-value", "specific-ask", "phased-plan", "success-metrics",
    "explores-constraints", "collaborative-options", "next-steps", "recover-from-no",
}
MANAGER_MOVES = {"specific-observation", "invites-perspective", "offers-support"}
FLAGS = {"hedging", "aggression"}  # criteria that must NOT be annotated as moves
KINDS = {"skilled", "mediocre", "off-script"}
TOPICS = {"constraint", "decision", "timing", "help", "feelings", "personal", "choice", "other"}
OFFTOPIC = {"hazard", "joke", "complaint", "apology", "vulnerability", "small-talk", "rude"}
WRITTEN = "2026-12-05"
TOP_KEYS = ["scenario_id", "kind", "written", "register", "lines"]
LINE_KEYS = {"text", "moves", "question", "terms", "offtopic", "preempts"}
NAME_RE = re.compile(r"^(?P<sid>[a-z0-9-]+?)--(?P<kind>skilled|mediocre|off-script)(?:-(?P<n>[0-9]+))?\.json$")
HAZARD_RE = re.compile(r"hazard", re.IGNORECASE)


def check_file(path, problems):
    fn = os.path.basename(path)
    where = fn

    def bad(msg):
        problems.append(f"{where}: {msg}")

    try:
        with open(path, encoding="utf-8") as f:
            obj = json.load(f)
    except Exception as e:  # noqa: BLE001
        bad(f"not valid JSON ({e})")
        return None
    if not isinstance(obj, dict):
        bad("top level is not an object")
        return None
    keys = list(obj.keys())
    if set(keys) != set(TOP_KEYS):
        bad(f"top-level keys {keys} != {TOP_KEYS}")
    sid, kind = obj.get("scenario_id"), obj.get("kind")
    if sid not in SCENARIOS:
        bad(f"unknown scenario_id {sid!r}")
    if kind not in KINDS:
        bad(f"kind {kind!r} not in {sorted(KINDS)}")
    if obj.get("written") != WRITTEN:
        bad(f"written {obj.get('written')!r} != {WRITTEN!r}")
    reg = obj.get("register")
    if not isinstance(reg, str) or not reg.strip():
        bad("register missing or empty")
    elif HAZARD_RE.search(reg):
        bad("register contains the word 'hazard'")

    m = NAME_RE.match(fn)
    if not m:
        bad("file name is not <scenario_id>--<kind>[-N].json")
    else:
        if m.group("sid") != sid:
            bad(f"file name scenario {m.group('sid')!r} != scenario_id {sid!r}")
        if m.group("kind") != kind:
            bad(f"file name kind {m.group('kind')!r} != kind {kind!r}")
        if m.group("n") is not None and int(m.group("n")) < 2:
            bad("extra suffix must be -2 or higher")

    lines = obj.get("lines")
    if not isinstance(lines, list):
        bad("lines is not a list")
        return obj
    if not 6 <= len(lines) <= 10:
        bad(f"{len(lines)} lines (need 6-10)")

    for i, ln in enumerate(lines, 1):
        where = f"{fn} line {i}"
        if not isinstance(ln, dict):
            bad("line is not an object")
            continue
        if set(ln.keys()) != LINE_KEYS:
            bad(f"line keys {sorted(ln.keys())} != {sorted(LINE_KEYS)}")
        text = ln.get("text")
        if not isinstance(text, str) or not text.strip():
            bad("text missing or empty")
            text = ""
        if text != text.strip():
            bad("text has leading/trailing whitespace")
        if HAZARD_RE.search(text):
            bad("text contains the word 'hazard'")

        moves = ln.get("moves")
        if not isinstance(moves, list):
            bad("moves is not a list")
            moves = []
        if len(moves) != len(set(moves)):
            bad(f"duplicate moves {moves}")
        for mv in moves:
            if mv in FLAGS:
                bad(f"flag {mv!r} must not be annotated")
            elif mv in MANAGER_MOVES:
                if sid != MANAGER_SCENARIO:
                    bad(f"manager-move {mv!r} outside {MANAGER_SCENARIO}")
            elif mv not in MOVES:
                bad(f"unknown move id {mv!r}")

        q = ln.get("question")
        if q is not None:
            if not isinstance(q, dict) or set(q.keys()) != {"topic"}:
                bad(f"question must be null or {{'topic': ...}}, got {q!r}")
            elif q["topic"] not in TOPICS:
                bad(f"question topic {q['topic']!r} not in {sorted(TOPICS)}")

        terms = ln.get("terms")
        if not isinstance(terms, list):
            bad("terms is not a list")
            terms = []
        if len(terms) != len(set(terms)):
            bad(f"duplicate terms {terms}")
        for t in terms:
            if not isinstance(t, str) or not t.strip():
                bad(f"empty or non-string term {t!r}")
            elif t not in text:
                bad(f"term {t!r} is not an exact substring of the text")

        off = ln.get("offtopic")
        if off is not None and off not in OFFTOPIC:
            bad(f"offtopic {off!r} not in {sorted(OFFTOPIC)}")

        pre = ln.get("preempts")
        if pre is not None:
            if not isinstance(pre, str) or not pre.strip():
                bad("preempts must be null or a non-empty string")
            elif HAZARD_RE.search(pre):
                bad("preempts contains the word 'hazard'")
    return obj


def main():
    problems = []
    if not os.path.isdir(SCRIPTS):
        print(f"no scripts directory at {SCRIPTS}")
        return 1
    files = sorted(f for f in os.listdir(SCRIPTS) if not f.startswith("."))
    objs = []
    for fn in files:
        if not fn.endswith(".json"):
            problems.append(f"{fn}: not a .json file")
            continue
        obj = check_file(os.path.join(SCRIPTS, fn), problems)
        if isinstance(obj, dict):
            objs.append((fn, obj))

    # set-level coverage
    have = {(o.get("scenario_id"), o.get("kind")) for _, o in objs}
    for sid in sorted(SCENARIOS):
        for kind in sorted(KINDS):
            if (sid, kind) not in have:
                problems.append(f"set: {sid} has no {kind} script")
    texts = Counter(ln.get("text") for _, o in objs for ln in o.get("lines", []) if isinstance(ln, dict))
    for t, n in texts.items():
        if n > 1:
            problems.append(f"set: line text appears {n} times: {t[:60]!r}")

    nlines = sum(len(o.get("lines", [])) for _, o in objs)
    print(f"{len(objs)} scripts, {nlines} lines")
    if problems:
        print(f"{len(problems)} problem(s):")
        for p in problems:
            print("  " + p)
        return 1
    print("OK: no problems")
    return 0


if __name__ == "__main__":
    sys.exit(main())
