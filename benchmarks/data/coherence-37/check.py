#!/usr/bin/env python3
"""Format checker for coherence set 37 (standard library only).

Usage: python3 check.py [scripts_dir]
Default scripts_dir is ./scripts next to this file. Exits 0 when every file
passes, 1 otherwise. Also prints coverage counts for the set's shapes.
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
KINDS = {"skilled", "mediocre", "off-script"}
WRITTEN = "2026-12-06"
MOVES = {
    "impact-evidence", "business-value", "specific-ask", "phased-plan",
    "success-metrics", "explores-constraints", "collaborative-options",
    "next-steps", "recover-from-no",
}
MANAGER_MOVES = {"specific-observation", "invites-perspective", "offers-support"}
TOPICS = {"constraint", "decision", "timing", "help", "feelings", "personal",
          "choice", "other"}
OFFTOPIC = {"hazard", "joke", "complaint", "apology", "vulnerability",
            "small-talk", "rude"}
TOP_KEYS = {"scenario_id", "kind", "written", "register", "lines"}
LINE_KEYS = {"text", "moves", "question", "terms", "offtopic", "preempts"}
NAME_RE = re.compile(r"^([a-z-]+)--(skilled|mediocre|off-script)(-2)?\.json$")


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
        err(f"cannot parse: {exc}")
        return None
    if not isinstance(data, dict) or set(data) != TOP_KEYS:
        err(f"top-level keys must be exactly {sorted(TOP_KEYS)}")
        return None
    if data["scenario_id"] not in SCENARIOS:
        err(f"unknown scenario_id {data['scenario_id']!r}")
    if data["scenario_id"] != m.group(1):
        err("scenario_id does not match file name")
    if data["kind"] not in KINDS:
        err(f"bad kind {data['kind']!r}")
    if data["kind"] != m.group(2):
        err("kind does not match file name")
    if data["written"] != WRITTEN:
        err(f"written must be {WRITTEN}")
    if not isinstance(data["register"], str) or not data["register"].strip():
        err("register must be a non-empty string")
    lines = data["lines"]
    if not isinstance(lines, list) or not 8 <= len(lines) <= 9:
        err("lines must be a list of 8 or 9 items")
        return data
    allowed = MOVES | (MANAGER_MOVES if data["scenario_id"] == MANAGER_SCENARIO else set())
    for i, ln in enumerate(lines, 1):
        if not isinstance(ln, dict) or set(ln) != LINE_KEYS:
            err(f"line {i}: keys must be exactly {sorted(LINE_KEYS)}")
            continue
        text = ln["text"]
        if not isinstance(text, str) or not text.strip():
            err(f"line {i}: empty text")
            continue
        if "hazard" in text.lower():
            err(f"line {i}: text uses the word 'hazard'")
        mv = ln["moves"]
        if not isinstance(mv, list) or len(set(mv)) != len(mv):
            err(f"line {i}: moves must be a list without repeats")
        else:
            for x in mv:
                if x not in allowed:
                    err(f"line {i}: move {x!r} not allowed here")
        q = ln["question"]
        if q is not None:
            if not isinstance(q, dict) or set(q) != {"topic"} or q["topic"] not in TOPICS:
                err(f"line {i}: bad question {q!r}")
        tm = ln["terms"]
        if not isinstance(tm, list):
            err(f"line {i}: terms must be a list")
        else:
            for t in tm:
                if not isinstance(t, str) or not t or t not in text:
                    err(f"line {i}: term {t!r} is not a substring of text")
            if len(set(tm)) != len(tm):
                err(f"line {i}: repeated term")
        ot = ln["offtopic"]
        if ot is not None and ot not in OFFTOPIC:
            err(f"line {i}: bad offtopic {ot!r}")
        pr = ln["preempts"]
        if pr is not None and (not isinstance(pr, str) or not pr.strip()):
            err(f"line {i}: preempts must be null or a short phrase")
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
    # set-level checks
    per = defaultdict(set)
    registers = Counter()
    for f, d in loaded.items():
        per[d.get("scenario_id")].add(NAME_RE.match(f).group(2) + (NAME_RE.match(f).group(3) or ""))
        registers[d.get("register")] += 1
    complete = len(files) == 30
    if complete:
        for s in SCENARIOS:
            for k in KINDS:
                if k not in per[s]:
                    errors.append(f"set: {s} has no {k} script")
        extras = sum(1 for f in files if f.endswith("-2.json"))
        if extras != 6:
            errors.append(f"set: expected 6 extras, found {extras}")
    for r, n in registers.items():
        if n > 1:
            errors.append(f"set: register used {n} times: {r!r}")
    # coverage report
    off = Counter()
    topics = Counter()
    moves = Counter()
    scripts_with = defaultdict(set)
    nlines = 0
    for f, d in loaded.items():
        for ln in d["lines"]:
            if not isinstance(ln, dict) or "text" not in ln:
                continue
            nlines += 1
            if ln.get("offtopic"):
                off[ln["offtopic"]] += 1
                scripts_with[ln["offtopic"]].add(f)
            if ln.get("question"):
                topics[ln["question"]["topic"]] += 1
            for x in ln.get("moves") or []:
                moves[x] += 1
            if ln.get("preempts"):
                scripts_with["preempts"].add(f)
    print(f"files: {len(files)}  lines: {nlines}")
    print("offtopic:", dict(sorted(off.items())))
    print("scripts with hazard:", len(scripts_with["hazard"]),
          " vulnerability:", len(scripts_with["vulnerability"]),
          " apology:", len(scripts_with["apology"]),
          " preempts:", len(scripts_with["preempts"]))
    print("question topics:", dict(sorted(topics.items())), "total", sum(topics.values()))
    print("moves:", dict(sorted(moves.items())), "total", sum(moves.values()))
    if not complete:
        print(f"note: set incomplete ({len(files)}/30 files); set-level checks skipped")
    for e in errors:
        print("ERROR", e)
    if errors or not complete:
        sys.exit(1)
    print("OK")
    sys.exit(0)


if __name__ == "__main__":
    main()
