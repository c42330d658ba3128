#!/usr/bin/env python3
"""Format checker for coherence set 53 (standard library only).

Usage: python3 check.py [scripts_dir]   (default: scripts/ next to this file)
Exits 0 when every check passes, 1 otherwise.
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
KINDS = {"skilled", "mediocre", "off-script"}
MOVES = {"impact-evidence", "business-value", "specific-ask", "phased-plan",
         "success-metrics", "explores-constraints", "collaborative-options",
         "next-steps", "recover-from-no"}
MANAGER_MOVES = {"specific-observation", "invites-perspective", "offers-support"}
MANAGER_SCENARIO = "compassionate-performance-conversation"
TOPICS = {"constraint", "decision", "timing", "help", "feelings", "personal",
          "choice", "other"}
OFFTOPIC = {"hazard", "joke", "complaint", "apology", "vulnerability",
            "small-talk", "rude"}
WRITTEN = "2026-12-06"
TOP_KEYS = {"scenario_id", "kind", "written", "register", "lines"}
LINE_KEYS = {"text", "moves", "question", "terms", "offtopic", "preempts"}
NAME_RE = re.compile(r"^([a-z-]+?)--(skilled|mediocre|off-script)(-2)?\.json$")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    sdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "scripts")
    errors = []

    def err(where, msg):
        errors.append(f"{where}: {msg}")

    files = sorted(f for f in os.listdir(sdir) if f.endswith(".json"))
    others = sorted(f for f in os.listdir(sdir) if not f.endswith(".json"))
    for f in others:
        err(f, "unexpected non-json file")
    registers = Counter()
    per_scen = defaultdict(set)
    extras = []
    hazard_scripts = 0
    n_lines = 0
    for fn in files:
        m = NAME_RE.match(fn)
        if not m:
            err(fn, "bad file name")
            continue
        scen, kind, extra = m.group(1), m.group(2), m.group(3)
        if scen not in SCENARIOS:
            err(fn, f"unknown scenario in file name: {scen}")
        try:
            with open(os.path.join(sdir, fn), encoding="utf-8") as fh:
                d = json.load(fh)
        except Exception as e:  # noqa: BLE001
            err(fn, f"invalid JSON: {e}")
            continue
        if not isinstance(d, dict) or set(d) != TOP_KEYS:
            err(fn, f"top-level keys must be exactly {sorted(TOP_KEYS)}")
            continue
        if d["scenario_id"] != scen:
            err(fn, "scenario_id does not match file name")
        if d["kind"] != kind:
            err(fn, "kind does not match file name (no -2 in kind)")
        if d["written"] != WRITTEN:
            err(fn, f"written must be {WRITTEN}")
        if not isinstance(d["register"], str) or not d["register"].strip():
            err(fn, "register must be a non-empty string")
        else:
            registers[d["register"].strip().lower()] += 1
        if extra:
            extras.append(fn)
        else:
            per_scen[scen].add(kind)
        lines = d["lines"]
        if not isinstance(lines, list) or not 8 <= len(lines) <= 9:
            err(fn, "lines must be a list of 8 or 9 lines")
            continue
        hazard_lines = 0
        for i, ln in enumerate(lines, 1):
            w = f"{fn} line {i}"
            n_lines += 1
            if not isinstance(ln, dict) or set(ln) != LINE_KEYS:
                err(w, f"line keys must be exactly {sorted(LINE_KEYS)}")
                continue
            text = ln["text"]
            if not isinstance(text, str) or not text.strip():
                err(w, "text must be a non-empty string")
                continue
            if "hazard" in text.lower():
                err(w, "text must never use the word 'hazard'")
            mv = ln["moves"]
            if not isinstance(mv, list) or len(set(mv)) != len(mv):
                err(w, "moves must be a list without duplicates")
            else:
                allowed = MOVES | (MANAGER_MOVES if scen == MANAGER_SCENARIO else set())
                for x in mv:
                    if x not in allowed:
                        err(w, f"move not allowed here: {x}")
            q = ln["question"]
            if q is not None:
                if not isinstance(q, dict) or set(q) != {"topic"} or q["topic"] not in TOPICS:
                    err(w, f"question must be null or {{'topic': one of {sorted(TOPICS)}}}")
            t = ln["terms"]
            if not isinstance(t, list) or len(set(t)) != len(t):
                err(w, "terms must be a list without duplicates")
            else:
                for term in t:
                    if not isinstance(term, str) or not term.strip():
                        err(w, "empty term")
                    elif term not in text:
                        err(w, f"term not an exact substring of text: {term!r}")
            o = ln["offtopic"]
            if o is not None and o not in OFFTOPIC:
                err(w, f"bad offtopic label: {o}")
            if o == "hazard":
                hazard_lines += 1
            p = ln["preempts"]
            if p is not None and (not isinstance(p, str) or not p.strip()):
                err(w, "preempts must be null or a non-empty string")
        if hazard_lines:
            hazard_scripts += 1
            if hazard_lines != 2:
                err(fn, "a safety script needs exactly the problem line and one follow-up line")

    if len(files) != 30:
        err("set", f"expected 30 scripts, found {len(files)}")
    for scen in sorted(SCENARIOS):
        missing = KINDS - per_scen[scen]
        if missing:
            err("set", f"{scen} lacks {sorted(missing)}")
    if len(extras) != 6:
        err("set", f"expected 6 extras (-2), found {len(extras)}")
    dup = [r for r, c in registers.items() if c > 1]
    if dup:
        err("set", f"registers used more than once: {dup}")
    if hazard_scripts != 3:
        err("set", f"expected 3 scripts with a physical safety problem, found {hazard_scripts}")

    if errors:
        print("\n".join(errors))
        print(f"FAIL: {len(errors)} problem(s)")
        return 1
    print(f"OK: {len(files)} scripts, {n_lines} lines, {len(extras)} extras, "
          f"{len(registers)} registers, {hazard_scripts} safety scripts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
