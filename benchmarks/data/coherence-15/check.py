#!/usr/bin/env python3
"""Format checker for coherence set 15 (standard library only).

Usage: python3 check.py [SCRIPTS_DIR]
SCRIPTS_DIR defaults to the scripts/ folder next to this file.
Exits 0 when every file passes, 1 otherwise, and prints a summary.
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
MOVES = {
    "impact-evidence", "business-value", "specific-ask", "phased-plan",
    "success-metrics", "explores-constraints", "collaborative-options",
    "next-steps", "recover-from-no",
}
MANAGER_MOVES = {"specific-observation", "invites-perspective", "offers-support"}
TOPICS = {"constraint", "decision", "timing", "help", "feelings", "personal", "choice", "other"}
OFFTOPIC = {"hazard", "joke", "complaint", "apology", "vulnerability", "small-talk", "rude"}
TOP_KEYS = {"scenario_id", "kind", "written", "register", "lines"}
LINE_KEYS = {"text", "moves", "question", "terms", "offtopic", "preempts"}
WRITTEN = "2026-12-05"
NAME_RE = re.compile(r"^(?P<sc>[a-z-]+?)--(?P<kind>skilled|mediocre|off-script)(?P<extra>-2)?\.json$")
EXPECTED_FILES = 30
EXPECTED_HAZARD_SCRIPTS = 5


def check_file(path, errors):
    name = os.path.basename(path)

    def err(msg):
        errors.append(f"{name}: {msg}")

    m = NAME_RE.match(name)
    if not m:
        err("file name is not <scenario_id>--<kind>[-2].json")
        return None
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError) as exc:
        err(f"cannot read JSON: {exc}")
        return None
    if not isinstance(data, dict):
        err("top level is not an object")
        return None
    if set(data) != TOP_KEYS:
        err(f"top-level keys {sorted(data)} != {sorted(TOP_KEYS)}")
    sc = data.get("scenario_id")
    kind = data.get("kind")
    if sc not in SCENARIOS:
        err(f"unknown scenario_id {sc!r}")
    if sc != m.group("sc"):
        err(f"scenario_id {sc!r} does not match file name")
    if kind not in KINDS:
        err(f"kind {kind!r} is not one of {KINDS}")
    if kind != m.group("kind"):
        err(f"kind {kind!r} does not match file name")
    if data.get("written") != WRITTEN:
        err(f"written is {data.get('written')!r}, expected {WRITTEN!r}")
    reg = data.get("register")
    if not isinstance(reg, str) or not reg.strip():
        err("register must be a non-empty string")
    lines = data.get("lines")
    if not isinstance(lines, list):
        err("lines must be a list")
        return None
    if len(lines) not in (8, 9):
        err(f"{len(lines)} lines, expected 8 or 9")
    allowed_moves = MOVES | (MANAGER_MOVES if sc == MANAGER_SCENARIO else set())
    for i, ln in enumerate(lines, 1):
        where = f"line {i}"
        if not isinstance(ln, dict):
            err(f"{where}: not an object")
            continue
        if set(ln) != LINE_KEYS:
            err(f"{where}: keys {sorted(ln)} != {sorted(LINE_KEYS)}")
        text = ln.get("text")
        if not isinstance(text, str) or not text.strip():
            err(f"{where}: text must be a non-empty string")
            text = ""
        if "hazard" in text.lower():
            err(f"{where}: text uses the word 'hazard'")
        moves = ln.get("moves")
        if not isinstance(moves, list):
            err(f"{where}: moves must be a list")
        else:
            if len(set(moves)) != len(moves):
                err(f"{where}: duplicate moves")
            for mv in moves:
                if mv not in allowed_moves:
                    err(f"{where}: move {mv!r} not allowed in {sc}")
        q = ln.get("question")
        if q is not None:
            if not isinstance(q, dict) or set(q) != {"topic"} or q.get("topic") not in TOPICS:
                err(f"{where}: question must be null or {{'topic': one of {sorted(TOPICS)}}}")
        terms = ln.get("terms")
        if not isinstance(terms, list):
            err(f"{where}: terms must be a list")
        else:
            if len(set(terms)) != len(terms):
                err(f"{where}: duplicate terms")
            for t in terms:
                if not isinstance(t, str) or not t:
                    err(f"{where}: term {t!r} is not a non-empty string")
                elif t not in text:
                    err(f"{where}: term {t!r} is not an exact substring of text")
        off = ln.get("offtopic")
        if off is not None and off not in OFFTOPIC:
            err(f"{where}: offtopic {off!r} not in {sorted(OFFTOPIC)}")
        pre = ln.get("preempts")
        if pre is not None and (not isinstance(pre, str) or not pre.strip()):
            err(f"{where}: preempts must be null or a non-empty string")
    return data


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    sdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "scripts")
    errors = []
    files = sorted(f for f in os.listdir(sdir) if f.endswith(".json"))
    loaded = {}
    for f in files:
        d = check_file(os.path.join(sdir, f), errors)
        if d is not None:
            loaded[f] = d

    # set-level checks
    if len(files) != EXPECTED_FILES:
        errors.append(f"set: {len(files)} files, expected {EXPECTED_FILES}")
    regs = Counter(d.get("register") for d in loaded.values())
    for r, n in regs.items():
        if n > 1:
            errors.append(f"set: register used {n} times: {r!r}")
    have = {(d.get("scenario_id"), d.get("kind")) for d in loaded.values()}
    for sc in SCENARIOS:
        for k in KINDS:
            if (sc, k) not in have:
                errors.append(f"set: missing {sc} / {k}")
    for f in files:
        m = NAME_RE.match(f)
        if m and m.group("extra") and f.replace("-2.json", ".json") not in files:
            errors.append(f"set: extra {f} has no base script")
    hazard_scripts = [f for f, d in loaded.items()
                      if any(isinstance(l, dict) and l.get("offtopic") == "hazard" for l in d.get("lines", []))]
    for f in hazard_scripts:
        n = sum(1 for l in loaded[f]["lines"] if l.get("offtopic") == "hazard")
        if n != 2:
            errors.append(f"set: {f} has {n} hazard lines, expected 2 (mention + one follow-up)")
    if len(hazard_scripts) != EXPECTED_HAZARD_SCRIPTS:
        errors.append(f"set: {len(hazard_scripts)} scripts with hazard lines, expected {EXPECTED_HAZARD_SCRIPTS}")

    # summary
    per = Counter((d["scenario_id"], d["kind"]) for d in loaded.values())
    moves, topics, offs = Counter(), Counter(), Counter()
    nlines = 0
    for d in loaded.values():
        for l in d.get("lines", []):
            if not isinstance(l, dict):
                continue
            nlines += 1
            moves.update(l.get("moves") or [])
            if isinstance(l.get("question"), dict):
                topics[l["question"].get("topic")] += 1
            if l.get("offtopic"):
                offs[l["offtopic"]] += 1
    print(f"files: {len(files)}  lines: {nlines}")
    for sc in SCENARIOS:
        print(f"  {sc}: " + ", ".join(f"{k} {per[(sc, k)]}" for k in KINDS))
    print("moves: " + ", ".join(f"{k} {v}" for k, v in sorted(moves.items())))
    print("question topics: " + ", ".join(f"{k} {v}" for k, v in sorted(topics.items())))
    print("offtopic: " + ", ".join(f"{k} {v}" for k, v in sorted(offs.items())))
    print(f"hazard scripts: {len(hazard_scripts)}")
    if errors:
        print(f"\n{len(errors)} problem(s):")
        for e in errors:
            print("  " + e)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
