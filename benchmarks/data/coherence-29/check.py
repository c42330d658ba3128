#!/usr/bin/env python3
"""Format checker for coherence set 29 (standard library only).

Usage: python3 check.py [scripts_dir]   (default: scripts/ next to this file)
Exits 0 when every check passes, 1 otherwise, printing each problem found.
"""
import json, os, re, sys
from collections import Counter

SCENARIOS = [
    "compassionate-performance-conversation", "flexible-work-trial", "hand-off-responsibility",
    "lateral-move", "promotion-after-win", "promotion-follow-up", "raise-during-budget-freeze",
    "workload-boundary",
]
KINDS = ["skilled", "mediocre", "off-script"]
MOVES = {"impact-evidence", "business-value", "specific-ask", "phased-plan", "success-metrics",
         "explores-constraints", "collaborative-options", "next-steps", "recover-from-no"}
MANAGER_MOVES = {"specific-observation", "invites-perspective", "offers-support"}
MANAGER_SCENARIO = "compassionate-performance-conversation"
TOPICS = {"constraint", "decision", "timing", "help", "feelings", "personal", "choice", "other"}
OFFTOPIC = {"hazard", "joke", "complaint", "apology", "vulnerability", "small-talk", "rude"}
LINE_KEYS = {"text", "moves", "question", "terms", "offtopic", "preempts"}
TOP_KEYS = {"scenario_id", "kind", "written", "register", "lines"}
WRITTEN = "2026-12-06"
NAME_RE = re.compile(r"^(?P<sc>[a-z-]+?)--(?P<kind>skilled|mediocre|off-script)(?P<extra>-2)?\.json$")

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    d = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "scripts")
    errs = []
    def err(f, msg):
        errs.append(f"{f}: {msg}")
    files = sorted(f for f in os.listdir(d) if f.endswith(".json"))
    registers = Counter()
    cells = Counter()
    extras = []
    hazard_scripts = []
    n_lines = 0
    for f in files:
        m = NAME_RE.match(f)
        if not m:
            err(f, "bad file name"); continue
        try:
            obj = json.load(open(os.path.join(d, f), encoding="utf-8"))
        except Exception as e:
            err(f, f"not valid JSON: {e}"); continue
        if not isinstance(obj, dict) or set(obj) != TOP_KEYS:
            err(f, f"top-level keys must be {sorted(TOP_KEYS)}"); continue
        sc, kind = obj["scenario_id"], obj["kind"]
        if sc not in SCENARIOS: err(f, f"unknown scenario {sc!r}")
        if sc != m["sc"]: err(f, "scenario_id does not match file name")
        if kind not in KINDS: err(f, f"bad kind {kind!r}")
        if kind != m["kind"]: err(f, "kind does not match file name")
        if m["extra"]: extras.append(f)
        else: cells[(sc, kind)] += 1
        if obj["written"] != WRITTEN: err(f, f"written must be {WRITTEN}")
        reg = obj["register"]
        if not isinstance(reg, str) or not reg.strip(): err(f, "register must be a non-empty string")
        else: registers[reg.split(":")[0].split("(")[0].strip().lower()] += 1
        lines = obj["lines"]
        if not isinstance(lines, list) or not 8 <= len(lines) <= 9:
            err(f, "must have 8 or 9 lines"); continue
        n_haz = 0
        for i, ln in enumerate(lines, 1):
            where = f"line {i}"
            if not isinstance(ln, dict) or set(ln) != LINE_KEYS:
                err(f, f"{where}: keys must be {sorted(LINE_KEYS)}"); continue
            n_lines += 1
            t = ln["text"]
            if not isinstance(t, str) or not t.strip(): err(f, f"{where}: empty text"); continue
            if "hazard" in t.lower(): err(f, f"{where}: text uses the word 'hazard'")
            mv = ln["moves"]
            if not isinstance(mv, list) or len(set(mv)) != len(mv): err(f, f"{where}: moves must be a list without repeats")
            else:
                for x in mv:
                    if x in MANAGER_MOVES:
                        if sc != MANAGER_SCENARIO: err(f, f"{where}: manager-move {x} outside {MANAGER_SCENARIO}")
                    elif x not in MOVES: err(f, f"{where}: unknown move {x!r}")
            q = ln["question"]
            if q is not None and (not isinstance(q, dict) or set(q) != {"topic"} or q["topic"] not in TOPICS):
                err(f, f"{where}: question must be null or {{'topic': one of {sorted(TOPICS)}}}")
            tm = ln["terms"]
            if not isinstance(tm, list) or len(set(tm)) != len(tm): err(f, f"{where}: terms must be a list without repeats")
            else:
                for x in tm:
                    if not isinstance(x, str) or not x or x not in t: err(f, f"{where}: term {x!r} not a substring of text")
            o = ln["offtopic"]
            if o is not None and o not in OFFTOPIC: err(f, f"{where}: bad offtopic {o!r}")
            if o == "hazard": n_haz += 1
            p = ln["preempts"]
            if p is not None and (not isinstance(p, str) or not p.strip()): err(f, f"{where}: preempts must be null or a phrase")
        if n_haz:
            hazard_scripts.append(f)
            if n_haz < 2: err(f, "a physical safety problem needs a follow-up line")
    # set-level checks
    if len(files) != 30: err("set", f"expected 30 scripts, found {len(files)}")
    for sc in SCENARIOS:
        for k in KINDS:
            if cells[(sc, k)] != 1: err("set", f"{sc} needs exactly one {k} script (found {cells[(sc, k)]})")
    if len(extras) != 6: err("set", f"expected 6 extras, found {len(extras)}")
    dup = [r for r, c in registers.items() if c > 1]
    if dup: err("set", f"registers used more than once: {dup}")
    if len(hazard_scripts) != 5: err("set", f"expected 5 scripts with physical safety problems, found {len(hazard_scripts)}")
    for e in errs: print("ERROR", e)
    print(f"{len(files)} scripts, {n_lines} lines, {len(extras)} extras, {len(hazard_scripts)} safety scripts, "
          f"{len(registers)} distinct registers: {'OK' if not errs else f'{len(errs)} problem(s)'}")
    return 1 if errs else 0

if __name__ == "__main__":
    sys.exit(main())
