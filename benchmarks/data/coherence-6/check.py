#!/usr/bin/env python3
"""Standalone checker for the coh6 learner-side coherence scripts.

Checks what FORMAT.md requires. Standard library only.
Usage: python3 check.py [scripts_dir]   (default: ./scripts next to this file)
Exit status 0 when there are no problems, 1 otherwise.
"""
import json
import os
import re
import sys
from collections import Counter

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
# Ids copied from `python3 /work/exp/briefings.py --criteria`.
MOVES = {
    "impact-evidence", "business-value", "specific-ask", "phased-plan",
    "success-metrics", "explores-constraints", "collaborative-options",
    "next-steps", "recover-from-no",
}
MANAGER_MOVES = {"specific-observation", "invites-perspective", "offers-support"}
FLAGS = {"hedging", "aggression"}  # criteria that must never be annotated as moves
TOPICS = {"constraint", "decision", "timing", "help", "feelings", "personal", "choice", "other"}
OFFTOPIC = {"hazard", "joke", "complaint", "apology", "vulnerability", "small-talk", "rude"}
TOP_KEYS = ["scenario_id", "kind", "written", "register", "lines"]
LINE_KEYS = ["text", "moves", "question", "terms", "offtopic", "preempts"]
MIN_LINES, MAX_LINES = 6, 10
NAME_RE = re.compile(r"^(?P<sid>[a-z0-9-]+?)--(?P<kind>skilled|mediocre|off-script)(?:-(?P<n>[0-9]+))?\.json$")
BANNED = re.compile(r"hazard", re.IGNORECASE)


def check_file(path, problems):
    fname = os.path.basename(path)

    def err(msg, line=None):
        where = fname if line is None else f"{fname} line {line}"
        problems.append(f"{where}: {msg}")

    try:
        with open(path, encoding="utf-8") as f:
            obj = json.load(f)
    except (OSError, ValueError) as e:
        err(f"cannot read JSON: {e}")
        return None
    if not isinstance(obj, dict):
        err("top level is not a JSON object")
        return None
    keys = list(obj.keys())
    if set(keys) != set(TOP_KEYS):
        err(f"top-level keys {keys} != {TOP_KEYS}")
    sid, kind = obj.get("scenario_id"), obj.get("kind")
    if sid not in SCENARIOS:
        err(f"unknown scenario_id {sid!r}")
    if kind not in KINDS:
        err(f"kind {kind!r} not one of {sorted(KINDS)}")
    if obj.get("written") != WRITTEN:
        err(f"written {obj.get('written')!r} != {WRITTEN!r}")
    reg = obj.get("register")
    if not isinstance(reg, str) or not reg.strip():
        err("register must be a non-empty string")
    elif BANNED.search(reg):
        err("register contains the word 'hazard'")

    m = NAME_RE.match(fname)
    if not m:
        err("file name is not <scenario_id>--<kind>[-N].json")
    else:
        if m.group("sid") != sid:
            err(f"file name scenario {m.group('sid')!r} != scenario_id {sid!r}")
        if m.group("kind") != kind:
            err(f"file name kind {m.group('kind')!r} != kind {kind!r}")
        if m.group("n") is not None and int(m.group("n")) < 2:
            err("extra suffix must be -2 or higher")

    lines = obj.get("lines")
    if not isinstance(lines, list):
        err("lines must be a list")
        return obj
    if not (MIN_LINES <= len(lines) <= MAX_LINES):
        err(f"{len(lines)} lines, need {MIN_LINES}-{MAX_LINES}")
    allowed_moves = MOVES | (MANAGER_MOVES if sid == MANAGER_SCENARIO else set())
    seen_text = set()
    for i, ln in enumerate(lines, 1):
        if not isinstance(ln, dict):
            err("line is not an object", i)
            continue
        lk = list(ln.keys())
        if set(lk) != set(LINE_KEYS):
            err(f"line keys {lk} != {LINE_KEYS}", i)
        text = ln.get("text")
        if not isinstance(text, str) or not text.strip():
            err("text must be a non-empty string", i)
            text = ""
        if text in seen_text:
            err("duplicate line text within script", i)
        seen_text.add(text)
        if BANNED.search(text):
            err("text contains the word 'hazard'", i)

        moves = ln.get("moves")
        if not isinstance(moves, list):
            err("moves must be a list", i)
            moves = []
        if len(set(moves)) != len(moves):
            err(f"duplicate moves {moves}", i)
        for mv in moves:
            if mv in FLAGS:
                err(f"flag {mv!r} must not be annotated", i)
            elif mv in MANAGER_MOVES and sid != MANAGER_SCENARIO:
                err(f"manager-move {mv!r} outside {MANAGER_SCENARIO}", i)
            elif mv not in allowed_moves:
                err(f"unknown move id {mv!r}", i)

        q = ln.get("question")
        if q is not None:
            if not isinstance(q, dict) or list(q.keys()) != ["topic"]:
                err(f"question must be null or {{'topic': ...}}, got {q!r}", i)
            elif q["topic"] not in TOPICS:
                err(f"question topic {q['topic']!r} not allowed", i)

        terms = ln.get("terms")
        if not isinstance(terms, list):
            err("terms must be a list", i)
            terms = []
        if len(set(terms)) != len(terms):
            err(f"duplicate terms {terms}", i)
        for t in terms:
            if not isinstance(t, str) or not t.strip():
                err(f"term {t!r} must be a non-empty string", i)
            elif t not in text:
                err(f"term {t!r} is not an exact substring of the text", i)
            elif BANNED.search(t):
                err(f"term {t!r} contains the word 'hazard'", i)

        off = ln.get("offtopic")
        if off is not None and off not in OFFTOPIC:
            err(f"offtopic {off!r} not allowed", i)

        pre = ln.get("preempts")
        if pre is not None:
            if not isinstance(pre, str) or not pre.strip():
                err("preempts must be null or a non-empty string", i)
            elif BANNED.search(pre):
                err("preempts contains the word 'hazard'", i)
    return obj


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    d = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "scripts")
    problems = []
    files = sorted(f for f in os.listdir(d) if not f.startswith("."))
    objs = []
    for f in files:
        p = os.path.join(d, f)
        if not f.endswith(".json"):
            problems.append(f"{f}: not a .json file")
            continue
        o = check_file(p, problems)
        if isinstance(o, dict):
            objs.append(o)

    # Coverage: every scenario has one of each kind.
    have = {(o.get("scenario_id"), o.get("kind")) for o in objs}
    for s in sorted(SCENARIOS):
        for k in sorted(KINDS):
            if (s, k) not in have:
                problems.append(f"coverage: no {k} script for {s}")

    # Summary.
    nlines = sum(len(o.get("lines") or []) for o in objs)
    all_lines = [ln for o in objs for ln in (o.get("lines") or []) if isinstance(ln, dict)]
    topics = Counter((ln.get("question") or {}).get("topic") for ln in all_lines if ln.get("question"))
    offs = Counter(ln.get("offtopic") for ln in all_lines if ln.get("offtopic"))
    moves = Counter(m for ln in all_lines for m in (ln.get("moves") or []))
    print(f"{len(objs)} scripts, {nlines} lines")
    print("kinds:", dict(Counter(o.get("kind") for o in objs)))
    print("question topics:", dict(sorted(topics.items())))
    print("offtopic:", dict(sorted(offs.items())))
    print("moves:", dict(sorted(moves.items())))
    print("lines with terms:", sum(1 for ln in all_lines if ln.get("terms")),
          "| terms:", sum(len(ln.get("terms") or []) for ln in all_lines),
          "| preempts:", sum(1 for ln in all_lines if ln.get("preempts")))
    if problems:
        print(f"\n{len(problems)} problem(s):")
        for p in problems:
            print("  " + p)
        return 1
    print("\nOK: no problems")
    return 0


if __name__ == "__main__":
    sys.exit(main())
