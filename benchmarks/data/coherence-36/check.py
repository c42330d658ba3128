#!/usr/bin/env python3
"""Format checker for coherence set 36 (standard library only).

Usage: python3 check.py [scripts_dir]   (default: scripts/ next to this file)
Exits 0 when every script passes, 1 otherwise. Prints a short summary.
"""
import json
import os
import re
import sys
from collections import Counter

SCENARIOS = {
    "compassionate-performance-conversation": ["specific-observation", "invites-perspective", "offers-support",
                                               "success-metrics", "collaborative-options", "next-steps",
                                               "explores-constraints", "phased-plan"],
    "flexible-work-trial": ["specific-ask", "phased-plan", "success-metrics", "business-value",
                            "explores-constraints", "collaborative-options", "next-steps"],
    "hand-off-responsibility": ["specific-ask", "phased-plan", "business-value", "explores-constraints",
                                "collaborative-options", "success-metrics", "next-steps"],
    "lateral-move": ["business-value", "phased-plan", "specific-ask", "collaborative-options",
                     "explores-constraints", "next-steps", "impact-evidence"],
    "promotion-after-win": ["impact-evidence", "business-value", "specific-ask", "phased-plan",
                            "explores-constraints", "next-steps", "success-metrics"],
    "promotion-follow-up": ["recover-from-no", "phased-plan", "success-metrics", "next-steps",
                            "explores-constraints", "specific-ask", "impact-evidence"],
    "raise-during-budget-freeze": ["explores-constraints", "impact-evidence", "collaborative-options",
                                   "specific-ask", "business-value", "next-steps", "phased-plan",
                                   "success-metrics"],
    "workload-boundary": ["specific-ask", "collaborative-options", "impact-evidence", "explores-constraints",
                          "business-value", "next-steps", "phased-plan", "success-metrics"],
}
MOVES = {"impact-evidence", "business-value", "specific-ask", "phased-plan", "success-metrics",
         "explores-constraints", "collaborative-options", "next-steps", "recover-from-no"}
MANAGER_MOVES = {"specific-observation", "invites-perspective", "offers-support"}
MANAGER_SCENARIO = "compassionate-performance-conversation"
KINDS = {"skilled", "mediocre", "off-script"}
TOPICS = {"constraint", "decision", "timing", "help", "feelings", "personal", "choice", "other"}
OFFTOPIC = {"hazard", "joke", "complaint", "apology", "vulnerability", "small-talk", "rude"}
TOP_KEYS = {"scenario_id", "kind", "written", "register", "lines"}
LINE_KEYS = {"text", "moves", "question", "terms", "offtopic", "preempts"}
WRITTEN = "2026-12-06"
EXPECTED_FILES = 30
EXTRAS = 6
NAME_RE = re.compile(r"^(?P<sid>[a-z-]+?)--(?P<kind>skilled|mediocre|off-script)(?P<extra>-2)?\.json$")


def check_file(path, errors, stats):
    name = os.path.basename(path)
    def err(msg):
        errors.append(f"{name}: {msg}")
    m = NAME_RE.match(name)
    if not m:
        err("file name is not <scenario_id>--<kind>[-2].json")
        return
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError) as exc:
        err(f"cannot read JSON: {exc}")
        return
    if not isinstance(data, dict):
        err("top level is not an object")
        return
    if set(data) != TOP_KEYS:
        err(f"top-level keys {sorted(data)} != {sorted(TOP_KEYS)}")
    sid = data.get("scenario_id")
    kind = data.get("kind")
    if sid not in SCENARIOS:
        err(f"unknown scenario_id {sid!r}")
    if sid != m.group("sid"):
        err(f"scenario_id {sid!r} does not match file name")
    if kind not in KINDS:
        err(f"bad kind {kind!r}")
    if kind != m.group("kind"):
        err(f"kind {kind!r} does not match file name")
    if data.get("written") != WRITTEN:
        err(f"written is {data.get('written')!r}, expected {WRITTEN!r}")
    reg = data.get("register")
    if not isinstance(reg, str) or not reg.strip():
        err("register missing or empty")
    lines = data.get("lines")
    if not isinstance(lines, list) or not 8 <= len(lines) <= 9:
        err(f"needs 8 or 9 lines, has {len(lines) if isinstance(lines, list) else 'none'}")
        return
    stats["files"].append((sid, kind, bool(m.group("extra")), reg))
    rubric = set(SCENARIOS.get(sid, []))
    for i, line in enumerate(lines, 1):
        where = f"line {i}"
        if not isinstance(line, dict):
            err(f"{where}: not an object")
            continue
        if set(line) != LINE_KEYS:
            err(f"{where}: keys {sorted(line)} != {sorted(LINE_KEYS)}")
            continue
        text = line["text"]
        if not isinstance(text, str) or not text.strip():
            err(f"{where}: empty text")
            continue
        if "hazard" in text.lower():
            err(f"{where}: text uses the word 'hazard'")
        moves = line["moves"]
        if not isinstance(moves, list) or len(set(moves)) != len(moves):
            err(f"{where}: moves must be a list without duplicates")
            moves = []
        for mv in moves:
            if mv in MANAGER_MOVES:
                if sid != MANAGER_SCENARIO:
                    err(f"{where}: manager-move {mv!r} outside {MANAGER_SCENARIO}")
            elif mv not in MOVES:
                err(f"{where}: unknown move {mv!r}")
            if mv not in rubric:
                stats["off_rubric"].append(f"{name} {where}: {mv}")
            stats["moves"][mv] += 1
        q = line["question"]
        if q is not None:
            if not isinstance(q, dict) or set(q) != {"topic"} or q["topic"] not in TOPICS:
                err(f"{where}: question must be null or {{'topic': one of {sorted(TOPICS)}}}")
            else:
                stats["topics"][q["topic"]] += 1
        terms = line["terms"]
        if not isinstance(terms, list):
            err(f"{where}: terms must be a list")
            terms = []
        for t in terms:
            if not isinstance(t, str) or not t or t not in text:
                err(f"{where}: term {t!r} is not an exact substring of the text")
        if len(set(terms)) != len(terms):
            err(f"{where}: duplicate terms")
        off = line["offtopic"]
        if off is not None and off not in OFFTOPIC:
            err(f"{where}: bad offtopic {off!r}")
        if off is not None:
            stats["offtopic"][off] += 1
            stats["offtopic_scripts"].setdefault(off, set()).add(name)
        pre = line["preempts"]
        if pre is not None and (not isinstance(pre, str) or not pre.strip()):
            err(f"{where}: preempts must be null or a non-empty string")
        if pre:
            stats["preempts"] += 1
        stats["lines"] += 1


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    sdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "scripts")
    files = sorted(f for f in os.listdir(sdir) if f.endswith(".json"))
    errors = []
    stats = {"files": [], "moves": Counter(), "topics": Counter(), "offtopic": Counter(),
             "offtopic_scripts": {}, "preempts": 0, "lines": 0, "off_rubric": []}
    for f in files:
        check_file(os.path.join(sdir, f), errors, stats)
    # set-level checks
    if len(files) != EXPECTED_FILES:
        errors.append(f"set: {len(files)} files, expected {EXPECTED_FILES}")
    extras = sum(1 for f in files if f.endswith("-2.json"))
    if extras != EXTRAS:
        errors.append(f"set: {extras} extras, expected {EXTRAS}")
    have = {(s, k) for s, k, x, _ in stats["files"] if not x}
    for sid in SCENARIOS:
        for kind in KINDS:
            if (sid, kind) not in have:
                errors.append(f"set: missing {sid}--{kind}.json")
    regs = Counter(r for *_, r in stats["files"])
    for r, n in regs.items():
        if n > 1:
            errors.append(f"set: register used {n} times: {r!r}")
    haz = stats["offtopic_scripts"].get("hazard", set())
    if len(haz) != 5:
        errors.append(f"set: physical-safety lines in {len(haz)} scripts, expected 5")

    per = Counter((s, k) for s, k, _, _ in stats["files"])
    print(f"files {len(files)}, lines {stats['lines']}, extras {extras}")
    for sid in SCENARIOS:
        print(f"  {sid}: " + ", ".join(f"{k} {per[(sid, k)]}" for k in ("skilled", "mediocre", "off-script")))
    print("moves:", dict(sorted(stats["moves"].items())))
    print("question topics:", dict(sorted(stats["topics"].items())))
    print("offtopic:", dict(sorted(stats["offtopic"].items())))
    print("preempts:", stats["preempts"])
    if stats["off_rubric"]:
        print(f"note: {len(stats['off_rubric'])} move tags outside the scenario's rubric list (allowed):")
        for s in stats["off_rubric"]:
            print("   ", s)
    if errors:
        print(f"\n{len(errors)} error(s):")
        for e in errors:
            print("  " + e)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
