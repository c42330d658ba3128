#!/usr/bin/env python3
"""Format checker for coherence set 45 (standard library only).

Usage: python3 check.py [scripts_dir]
Default scripts_dir is ./scripts next to this file. Exits 0 when every file passes.
"""
import json
import os
import re
import sys
from collections import Counter

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
KINDS = {"skilled", "mediocre", "off-script"}
MOVES = {
    "impact-evidence", "business-value", "specific-ask", "phased-plan",
    "success-metrics", "explores-constraints", "collaborative-options",
    "next-steps", "recover-from-no",
}
MANAGER_MOVES = {"specific-observation", "invites-perspective", "offers-support"}
MANAGER_SCENARIO = "compassionate-performance-conversation"
TOPICS = {"constraint", "decision", "timing", "help", "feelings", "personal", "choice", "other"}
OFFTOPIC = {"hazard", "joke", "complaint", "apology", "vulnerability", "small-talk", "rude"}
LINE_KEYS = {"text", "moves", "question", "terms", "offtopic", "preempts"}
TOP_KEYS = {"scenario_id", "kind", "written", "register", "lines"}
WRITTEN = "2026-12-06"
EXPECTED_FILES = 30
NAME_RE = re.compile(r"^([a-z-]+?)--(skilled|mediocre|off-script)(-2)?\.json$")


def check_file(path, errors):
    name = os.path.basename(path)
    def err(msg):
        errors.append(f"{name}: {msg}")

    m = NAME_RE.match(name)
    if not m:
        err("bad file name")
        return None
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError) as exc:
        err(f"cannot load JSON: {exc}")
        return None
    if not isinstance(data, dict) or set(data) != TOP_KEYS:
        err(f"top-level keys must be exactly {sorted(TOP_KEYS)}")
        return None
    sid, kind = data["scenario_id"], data["kind"]
    if sid not in SCENARIOS:
        err(f"unknown scenario_id {sid!r}")
    if sid != m.group(1):
        err("scenario_id does not match file name")
    if kind not in KINDS:
        err(f"bad kind {kind!r}")
    if kind != m.group(2):
        err("kind does not match file name")
    if data["written"] != WRITTEN:
        err(f"written must be {WRITTEN}")
    if not isinstance(data["register"], str) or not data["register"].strip():
        err("register must be a non-empty string")
    lines = data["lines"]
    if not isinstance(lines, list) or not 8 <= len(lines) <= 9:
        err("lines must be a list of 8 or 9 entries")
        return data
    allowed = MOVES | (MANAGER_MOVES if sid == MANAGER_SCENARIO else set())
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
            err(f"{where}: moves must be a list without repeats")
        else:
            for x in mv:
                if x not in allowed:
                    err(f"{where}: move {x!r} not allowed here")
        q = ln["question"]
        if q is not None:
            if not isinstance(q, dict) or set(q) != {"topic"} or q["topic"] not in TOPICS:
                err(f"{where}: question must be null or {{'topic': one of {sorted(TOPICS)}}}")
        terms = ln["terms"]
        if not isinstance(terms, list):
            err(f"{where}: terms must be a list")
        else:
            for t in terms:
                if not isinstance(t, str) or not t or t not in text:
                    err(f"{where}: term {t!r} is not an exact substring of text")
            if len(set(terms)) != len(terms):
                err(f"{where}: repeated term")
        off = ln["offtopic"]
        if off is not None and off not in OFFTOPIC:
            err(f"{where}: bad offtopic {off!r}")
        pre = ln["preempts"]
        if pre is not None and (not isinstance(pre, str) or not pre.strip()):
            err(f"{where}: preempts must be null or a non-empty string")
    return data


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    sdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "scripts")
    files = sorted(f for f in os.listdir(sdir) if f.endswith(".json"))
    errors = []
    loaded = {}
    for f in files:
        d = check_file(os.path.join(sdir, f), errors)
        if d is not None:
            loaded[f] = d
    if len(files) != EXPECTED_FILES:
        errors.append(f"expected {EXPECTED_FILES} files, found {len(files)}")
    # every scenario has one plain file of each kind
    for s in sorted(SCENARIOS):
        for k in sorted(KINDS):
            if f"{s}--{k}.json" not in files:
                errors.append(f"missing {s}--{k}.json")
    regs = Counter(d["register"].strip().lower() for d in loaded.values())
    for r, n in regs.items():
        if n > 1:
            errors.append(f"register used {n} times: {r!r}")
    hazard_files = [f for f, d in loaded.items()
                    if any(l.get("offtopic") == "hazard" for l in d["lines"])]
    for f in hazard_files:
        n = sum(1 for l in loaded[f]["lines"] if l.get("offtopic") == "hazard")
        if n != 2:
            errors.append(f"{f}: expected a safety line plus one follow-up (2 hazard lines), found {n}")
    if len(hazard_files) != 4:
        errors.append(f"expected physical-safety lines in 4 scripts, found {len(hazard_files)}")

    nlines = sum(len(d["lines"]) for d in loaded.values())
    kinds = Counter(d["kind"] for d in loaded.values())
    print(f"files: {len(files)}  lines: {nlines}  kinds: {dict(sorted(kinds.items()))}")
    if errors:
        for e in errors:
            print("ERROR", e)
        print(f"{len(errors)} error(s)")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
