#!/usr/bin/env python3
"""Check the coh12 learner-side scripts against FORMAT.md. Standard library only.

Usage: python3 check.py [scripts_dir]   (default: scripts/ next to this file)
Exit status 0 if every file passes, 1 otherwise.
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
MOVES = {
    "impact-evidence", "business-value", "specific-ask", "phased-plan", "success-metrics",
    "explores-constraints", "collaborative-options", "next-steps", "recover-from-no",
}
MANAGER_MOVES = {"specific-observation", "invites-perspective", "offers-support"}
FLAGS = {"hedging", "aggression"}  # criteria ids that must NOT be annotated as moves
KINDS = {"skilled", "mediocre", "off-script"}
TOPICS = {"constraint", "decision", "timing", "help", "feelings", "personal", "choice", "other"}
OFFTOPIC = {"hazard", "joke", "complaint", "apology", "vulnerability", "small-talk", "rude"}
WRITTEN = "2026-12-05"
TOP_KEYS = {"scenario_id", "kind", "written", "register", "lines"}
LINE_KEYS = {"text", "moves", "question", "terms", "offtopic", "preempts"}
NAME_RE = re.compile(r"^(?P<sid>[a-z0-9-]+?)--(?P<kind>skilled|mediocre|off-script)(?:-(?P<n>[0-9]+))?\.json$")
FORBIDDEN = re.compile(r"hazard", re.IGNORECASE)


def check_file(path, errors):
    fname = os.path.basename(path)
    def err(msg):
        errors.append(f"{fname}: {msg}")
    try:
        with open(path, encoding="utf-8") as f:
            obj = json.load(f)
    except Exception as e:  # noqa: BLE001
        err(f"cannot parse JSON: {e}")
        return None
    if not isinstance(obj, dict):
        err("top level is not an object")
        return None
    keys = set(obj)
    if keys != TOP_KEYS:
        err(f"top-level keys {sorted(keys)} != {sorted(TOP_KEYS)}")
    sid, kind = obj.get("scenario_id"), obj.get("kind")
    if sid not in SCENARIOS:
        err(f"unknown scenario_id {sid!r}")
    if kind not in KINDS:
        err(f"kind {kind!r} not one of {sorted(KINDS)}")
    if obj.get("written") != WRITTEN:
        err(f"written is {obj.get('written')!r}, expected {WRITTEN!r}")
    reg = obj.get("register")
    if not isinstance(reg, str) or not reg.strip():
        err("register missing or empty")
    elif FORBIDDEN.search(reg):
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
        err("lines is not a list")
        return obj
    if not 6 <= len(lines) <= 10:
        err(f"{len(lines)} lines, expected 6 to 10")
    for i, ln in enumerate(lines, 1):
        where = f"line {i}"
        if not isinstance(ln, dict):
            err(f"{where}: not an object")
            continue
        if set(ln) != LINE_KEYS:
            err(f"{where}: keys {sorted(ln)} != {sorted(LINE_KEYS)}")
        text = ln.get("text")
        if not isinstance(text, str) or not text.strip():
            err(f"{where}: text missing or empty")
            text = ""
        if FORBIDDEN.search(text):
            err(f"{where}: text contains the word 'hazard'")
        moves = ln.get("moves")
        if not isinstance(moves, list):
            err(f"{where}: moves is not a list")
            moves = []
        if len(set(moves)) != len(moves):
            err(f"{where}: duplicate moves {moves}")
        for mv in moves:
            if mv in FLAGS:
                err(f"{where}: flag {mv!r} must not be annotated as a move")
            elif mv in MANAGER_MOVES:
                if sid != MANAGER_SCENARIO:
                    err(f"{where}: manager-move {mv!r} outside {MANAGER_SCENARIO}")
            elif mv not in MOVES:
                err(f"{where}: unknown move id {mv!r}")
        q = ln.get("question")
        if q is not None:
            if not isinstance(q, dict) or set(q) != {"topic"}:
                err(f"{where}: question must be null or {{\"topic\": ...}}")
            elif q["topic"] not in TOPICS:
                err(f"{where}: question topic {q['topic']!r} not allowed")
        terms = ln.get("terms")
        if not isinstance(terms, list):
            err(f"{where}: terms is not a list")
            terms = []
        if len(set(terms)) != len(terms):
            err(f"{where}: duplicate terms {terms}")
        for t in terms:
            if not isinstance(t, str) or not t.strip():
                err(f"{where}: empty or non-string term {t!r}")
            elif t not in text:
                err(f"{where}: term {t!r} is not an exact substring of the text")
            elif FORBIDDEN.search(t):
                err(f"{where}: term contains the word 'hazard'")
        off = ln.get("offtopic")
        if off is not None and off not in OFFTOPIC:
            err(f"{where}: offtopic {off!r} not allowed")
        pre = ln.get("preempts")
        if pre is not None:
            if not isinstance(pre, str) or not pre.strip():
                err(f"{where}: preempts must be null or a non-empty phrase")
            elif FORBIDDEN.search(pre):
                err(f"{where}: preempts contains the word 'hazard'")
    return obj


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    sdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "scripts")
    files = sorted(f for f in os.listdir(sdir) if not f.startswith("."))
    errors = []
    objs = {}
    for f in files:
        if not f.endswith(".json"):
            errors.append(f"{f}: not a .json file")
            continue
        obj = check_file(os.path.join(sdir, f), errors)
        if isinstance(obj, dict):
            objs[f] = obj
    # coverage: every scenario has the three core kinds
    have = defaultdict(set)
    for f, o in objs.items():
        if NAME_RE.match(f) and NAME_RE.match(f).group("n") is None:
            have[o.get("scenario_id")].add(o.get("kind"))
    for sid in sorted(SCENARIOS):
        missing = KINDS - have[sid]
        if missing:
            errors.append(f"coverage: {sid} lacks {sorted(missing)}")
    # one register per script
    regs = Counter(o.get("register") for o in objs.values())
    for r, n in regs.items():
        if n > 1:
            errors.append(f"register used by {n} scripts: {r!r}")
    # summary
    n_lines = sum(len(o.get("lines") or []) for o in objs.values())
    kinds = Counter(o.get("kind") for o in objs.values())
    q = Counter((ln.get("question") or {}).get("topic") for o in objs.values() for ln in o.get("lines") or [] if isinstance(ln, dict))
    off = Counter(ln.get("offtopic") for o in objs.values() for ln in o.get("lines") or [] if isinstance(ln, dict))
    mv = Counter(m for o in objs.values() for ln in o.get("lines") or [] if isinstance(ln, dict) for m in ln.get("moves") or [])
    print(f"{len(objs)} scripts, {n_lines} lines; kinds {dict(sorted(kinds.items()))}")
    print("question topics:", dict(sorted((k or "null", v) for k, v in q.items())))
    print("offtopic:", dict(sorted((k or "null", v) for k, v in off.items())))
    print("moves:", dict(sorted(mv.items())))
    if errors:
        print(f"\n{len(errors)} problem(s):")
        for e in errors:
            print("  " + e)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
