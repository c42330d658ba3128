#!/usr/bin/env python3
"""Validate the coh13 learner-side scripts against FORMAT.md.

Standard library only. Usage: python3 check.py [scripts_dir]
Exit status 0 when every file passes, 1 otherwise.
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
# Criteria ids as printed by `briefings.py --criteria` (kinds move and manager-move).
MOVES = {
    "impact-evidence", "business-value", "specific-ask", "phased-plan",
    "success-metrics", "explores-constraints", "collaborative-options",
    "next-steps", "recover-from-no",
}
MANAGER_MOVES = {"specific-observation", "invites-perspective", "offers-support"}
FLAGS = {"hedging", "aggression"}  # criteria that must not be annotated
TOPICS = {"constraint", "decision", "timing", "help", "feelings", "personal", "choice", "other"}
OFFTOPIC = {"hazard", "joke", "complaint", "apology", "vulnerability", "small-talk", "rude"}
TOP_FIELDS = {"scenario_id", "kind", "written", "register", "lines"}
LINE_FIELDS = {"text", "moves", "question", "terms", "offtopic", "preempts"}
NAME_RE = re.compile(r"^(?P<scenario>[a-z0-9-]+?)--(?P<kind>skilled|mediocre|off-script)(?:-(?P<n>[2-9]|[1-9][0-9]+))?\.json$")
BANNED = re.compile(r"hazard", re.IGNORECASE)


def check_file(path, name, errors):
    def err(msg):
        errors.append(f"{name}: {msg}")

    m = NAME_RE.match(name)
    if not m:
        err("file name is not <scenario_id>--<kind>[-N].json")
        return None
    try:
        with open(path, encoding="utf-8") as f:
            obj = json.load(f)
    except (OSError, ValueError) as e:
        err(f"cannot read JSON: {e}")
        return None
    if not isinstance(obj, dict):
        err("top level is not an object")
        return None
    keys = set(obj)
    if keys != TOP_FIELDS:
        err(f"top-level fields {sorted(keys)} != {sorted(TOP_FIELDS)}")
    sid, kind = obj.get("scenario_id"), obj.get("kind")
    if sid not in SCENARIOS:
        err(f"unknown scenario_id {sid!r}")
    if kind not in KINDS:
        err(f"kind {kind!r} not one of {sorted(KINDS)}")
    if sid != m.group("scenario"):
        err(f"scenario_id {sid!r} disagrees with file name")
    if kind != m.group("kind"):
        err(f"kind {kind!r} disagrees with file name")
    if obj.get("written") != WRITTEN:
        err(f"written is {obj.get('written')!r}, expected {WRITTEN!r}")
    reg = obj.get("register")
    if not isinstance(reg, str) or not reg.strip():
        err("register must be a non-empty string")
    elif BANNED.search(reg):
        err("register uses the banned word")
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
        if set(ln) != LINE_FIELDS:
            err(f"{where}: fields {sorted(ln)} != {sorted(LINE_FIELDS)}")
        text = ln.get("text")
        if not isinstance(text, str) or not text.strip():
            err(f"{where}: text must be a non-empty string")
            text = ""
        if BANNED.search(text):
            err(f"{where}: text uses the banned word")
        moves = ln.get("moves")
        if not isinstance(moves, list) or not all(isinstance(x, str) for x in moves):
            err(f"{where}: moves must be a list of strings")
        else:
            if len(set(moves)) != len(moves):
                err(f"{where}: duplicate moves")
            for mv in moves:
                if mv in FLAGS:
                    err(f"{where}: flag {mv!r} must not be annotated")
                elif mv in MANAGER_MOVES:
                    if sid != MANAGER_SCENARIO:
                        err(f"{where}: manager-move {mv!r} outside {MANAGER_SCENARIO}")
                elif mv not in MOVES:
                    err(f"{where}: unknown move {mv!r}")
        q = ln.get("question")
        if q is not None:
            if not isinstance(q, dict) or set(q) != {"topic"}:
                err(f"{where}: question must be null or {{\"topic\": ...}}")
            elif q["topic"] not in TOPICS:
                err(f"{where}: question topic {q['topic']!r} not allowed")
        terms = ln.get("terms")
        if not isinstance(terms, list) or not all(isinstance(t, str) and t for t in terms):
            err(f"{where}: terms must be a list of non-empty strings")
        else:
            if len(set(terms)) != len(terms):
                err(f"{where}: duplicate terms")
            for t in terms:
                if t not in text:
                    err(f"{where}: term {t!r} is not an exact substring of the text")
                if BANNED.search(t):
                    err(f"{where}: term uses the banned word")
        off = ln.get("offtopic")
        if off is not None and off not in OFFTOPIC:
            err(f"{where}: offtopic {off!r} not allowed")
        pre = ln.get("preempts")
        if pre is not None:
            if not isinstance(pre, str) or not pre.strip():
                err(f"{where}: preempts must be null or a non-empty string")
            elif BANNED.search(pre):
                err(f"{where}: preempts uses the banned word")
    return obj


def main():
    errors = []
    if not os.path.isdir(SCRIPTS):
        print(f"no such directory: {SCRIPTS}")
        return 1
    names = sorted(n for n in os.listdir(SCRIPTS))
    loaded = {}
    for name in names:
        path = os.path.join(SCRIPTS, name)
        if not name.endswith(".json"):
            errors.append(f"{name}: unexpected non-JSON file")
            continue
        obj = check_file(path, name, errors)
        if obj is not None:
            loaded[name] = obj
    # every scenario needs a skilled, a mediocre and an off-script script
    have = {(o.get("scenario_id"), o.get("kind")) for o in loaded.values()}
    for s in sorted(SCENARIOS):
        for k in sorted(KINDS):
            if (s, k) not in have:
                errors.append(f"missing {s}--{k}.json")
    # summary
    n_lines = sum(len(o.get("lines") or []) for o in loaded.values())
    topics, offs, moves = {}, {}, {}
    safety_scripts = 0
    for o in loaded.values():
        lines = o.get("lines") or []
        if any(isinstance(l, dict) and l.get("offtopic") == "hazard" for l in lines):
            safety_scripts += 1
        for l in lines:
            if not isinstance(l, dict):
                continue
            q = l.get("question")
            if isinstance(q, dict):
                topics[q.get("topic")] = topics.get(q.get("topic"), 0) + 1
            if l.get("offtopic"):
                offs[l["offtopic"]] = offs.get(l["offtopic"], 0) + 1
            for mv in l.get("moves") or []:
                moves[mv] = moves.get(mv, 0) + 1
    print(f"{len(loaded)} scripts, {n_lines} lines, {safety_scripts} scripts with a physical safety problem")
    print("question topics:", dict(sorted(topics.items())))
    print("offtopic labels:", dict(sorted(offs.items())))
    print("moves:", dict(sorted(moves.items())))
    missing_topics = TOPICS - set(topics)
    if missing_topics:
        print("note: topics never used:", sorted(missing_topics))
    missing_off = OFFTOPIC - set(offs)
    if missing_off:
        print("note: offtopic labels never used:", sorted(missing_off))
    if errors:
        print(f"\n{len(errors)} problem(s):")
        for e in errors:
            print("  " + e)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
