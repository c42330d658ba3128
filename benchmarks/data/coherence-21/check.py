#!/usr/bin/env python3
"""Format checker for coherence set 21 (standard library only).

Usage: python3 check.py [scripts_dir]   (default: scripts/ next to this file)
Exits 0 when every file passes, 1 otherwise, and prints a short summary.
"""
import json
import os
import re
import sys
from collections import Counter

SCENARIOS = [
    "compassionate-performance-conversation",
    "flexible-work-trial",
    "hand-off-responsibility",
    "lateral-move",
    "promotion-after-win",
    "promotion-follow-up",
    "raise-during-budget-freeze",
    "workload-boundary",
]
MANAGER_SCENARIO = "compassionate-performance-conversation"
KINDS = ["skilled", "mediocre", "off-script"]
MOVES = {"impact-evidence", "business-value", "specific-ask", "phased-plan",
         "success-metrics", "explores-constraints", "collaborative-options",
         "next-steps", "recover-from-no"}
MANAGER_MOVES = {"specific-observation", "invites-perspective", "offers-support"}
TOPICS = {"constraint", "decision", "timing", "help", "feelings", "personal",
          "choice", "other"}
OFFTOPIC = {"hazard", "joke", "complaint", "apology", "vulnerability",
            "small-talk", "rude"}
LINE_KEYS = {"text", "moves", "question", "terms", "offtopic", "preempts"}
TOP_KEYS = {"scenario_id", "kind", "written", "register", "lines"}
WRITTEN = "2026-12-06"
NAME_RE = re.compile(r"^(?P<scen>[a-z-]+?)--(?P<kind>skilled|mediocre|off-script)(?P<extra>-2)?\.json$")


def check_file(path, errors):
    name = os.path.basename(path)
    def err(msg):
        errors.append(f"{name}: {msg}")
    m = NAME_RE.match(name)
    if not m:
        err("bad file name")
        return None
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError) as e:
        err(f"cannot read JSON: {e}")
        return None
    if not isinstance(data, dict) or set(data) != TOP_KEYS:
        err(f"top-level keys must be exactly {sorted(TOP_KEYS)}")
        return None
    scen, kind = data["scenario_id"], data["kind"]
    if scen not in SCENARIOS:
        err(f"unknown scenario_id {scen!r}")
    if scen != m.group("scen"):
        err("scenario_id does not match file name")
    if kind not in KINDS:
        err(f"bad kind {kind!r}")
    if kind != m.group("kind"):
        err("kind does not match file name")
    if data["written"] != WRITTEN:
        err(f"written must be {WRITTEN}")
    if not isinstance(data["register"], str) or not data["register"].strip():
        err("register must be a non-empty string")
    lines = data["lines"]
    if not isinstance(lines, list) or len(lines) not in (8, 9):
        err("lines must be a list of 8 or 9 lines")
        return None
    allowed = MOVES | (MANAGER_MOVES if scen == MANAGER_SCENARIO else set())
    for i, ln in enumerate(lines, 1):
        where = f"line {i}"
        if not isinstance(ln, dict) or set(ln) != LINE_KEYS:
            err(f"{where}: keys must be exactly {sorted(LINE_KEYS)}")
            continue
        text = ln["text"]
        if not isinstance(text, str) or not text.strip():
            err(f"{where}: empty text")
            continue
        if "hazard" in text.lower():
            err(f"{where}: text uses the word 'hazard'")
        mv = ln["moves"]
        if not isinstance(mv, list) or len(set(mv)) != len(mv):
            err(f"{where}: moves must be a list without duplicates")
        else:
            for x in mv:
                if x not in allowed:
                    err(f"{where}: move {x!r} not allowed in {scen}")
        q = ln["question"]
        if q is not None:
            if not isinstance(q, dict) or set(q) != {"topic"} or q["topic"] not in TOPICS:
                err(f"{where}: question must be null or {{'topic': one of {sorted(TOPICS)}}}")
        terms = ln["terms"]
        if not isinstance(terms, list) or len(set(terms)) != len(terms):
            err(f"{where}: terms must be a list without duplicates")
        else:
            for t in terms:
                if not isinstance(t, str) or not t or t not in text:
                    err(f"{where}: term {t!r} is not an exact substring of text")
        if ln["offtopic"] is not None and ln["offtopic"] not in OFFTOPIC:
            err(f"{where}: bad offtopic {ln['offtopic']!r}")
        p = ln["preempts"]
        if p is not None and (not isinstance(p, str) or not p.strip()):
            err(f"{where}: preempts must be null or a non-empty string")
    return data, bool(m.group("extra"))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    sdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "scripts")
    errors = []
    files = sorted(f for f in os.listdir(sdir) if f.endswith(".json"))
    loaded = []
    for f in files:
        r = check_file(os.path.join(sdir, f), errors)
        if r:
            loaded.append((f, r[0], r[1]))
    # set-level checks
    regs = Counter(d["register"] for _, d, _ in loaded)
    for r, n in regs.items():
        if n > 1:
            errors.append(f"register used {n} times: {r!r}")
    base = {(d["scenario_id"], d["kind"]) for _, d, extra in loaded if not extra}
    for s in SCENARIOS:
        for k in KINDS:
            if (s, k) not in base:
                errors.append(f"missing {s}--{k}.json")
    extras = [f for f, _, extra in loaded if extra]
    if len(files) != 30:
        errors.append(f"expected 30 scripts, found {len(files)}")
    if len(extras) != 6:
        errors.append(f"expected 6 extras, found {len(extras)}")
    haz_scripts = []
    for f, d, _ in loaded:
        h = sum(1 for ln in d["lines"] if ln["offtopic"] == "hazard")
        if h:
            haz_scripts.append(f)
            if h != 2:
                errors.append(f"{f}: a safety problem needs one mention and one follow-up (found {h} lines)")
    if len(haz_scripts) != 5:
        errors.append(f"expected 5 scripts with a physical safety problem, found {len(haz_scripts)}")

    # summary
    kinds = Counter(d["kind"] for _, d, _ in loaded)
    per_scen = Counter(d["scenario_id"] for _, d, _ in loaded)
    moves = Counter(m for _, d, _ in loaded for ln in d["lines"] for m in ln["moves"])
    topics = Counter(ln["question"]["topic"] for _, d, _ in loaded for ln in d["lines"] if ln["question"])
    off = Counter(ln["offtopic"] for _, d, _ in loaded for ln in d["lines"] if ln["offtopic"])
    nlines = sum(len(d["lines"]) for _, d, _ in loaded)
    npre = sum(1 for _, d, _ in loaded for ln in d["lines"] if ln["preempts"])
    print(f"scripts {len(loaded)}  lines {nlines}  kinds {dict(kinds)}")
    print("per scenario:", dict(per_scen))
    print("moves:", dict(moves))
    print("question topics:", dict(topics), " total", sum(topics.values()))
    print("offtopic:", dict(off))
    print("preempts:", npre, " safety-problem scripts:", haz_scripts)
    if errors:
        print(f"\n{len(errors)} problem(s):")
        for e in errors:
            print(" -", e)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
