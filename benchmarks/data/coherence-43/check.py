#!/usr/bin/env python3
"""Format checker for coherence set 43 (standard library only).

Usage: python3 check.py [scripts_dir]   (default: scripts/ next to this file)
Exits 0 when every check passes, 1 otherwise.
"""
import json, os, re, sys
from collections import Counter, defaultdict

SCENARIOS = {
    "compassionate-performance-conversation", "flexible-work-trial", "hand-off-responsibility",
    "lateral-move", "promotion-after-win", "promotion-follow-up", "raise-during-budget-freeze",
    "workload-boundary",
}
KINDS = {"skilled", "mediocre", "off-script"}
MOVES = {"impact-evidence", "business-value", "specific-ask", "phased-plan", "success-metrics",
         "explores-constraints", "collaborative-options", "next-steps", "recover-from-no"}
MANAGER_MOVES = {"specific-observation", "invites-perspective", "offers-support"}
MANAGER_SCENARIO = "compassionate-performance-conversation"
TOPICS = {"constraint", "decision", "timing", "help", "feelings", "personal", "choice", "other"}
OFFTOPIC = {"hazard", "joke", "complaint", "apology", "vulnerability", "small-talk", "rude"}
WRITTEN = "2026-12-06"
TOP_KEYS = {"scenario_id", "kind", "written", "register", "lines"}
LINE_KEYS = {"text", "moves", "question", "terms", "offtopic", "preempts"}
NAME_RE = re.compile(r"^(?P<sc>[a-z-]+?)--(?P<kind>skilled|mediocre|off-script)(?P<extra>-2)?\.json$")

def main():
    d = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "scripts")
    errs = []
    def err(f, msg):
        errs.append(f"{f}: {msg}")
    files = sorted(f for f in os.listdir(d) if f.endswith(".json"))
    registers = Counter()
    have = defaultdict(set)
    extras = []
    hazard_scripts = 0
    for f in files:
        m = NAME_RE.match(f)
        if not m:
            err(f, "bad file name"); continue
        try:
            with open(os.path.join(d, f), encoding="utf-8") as fh:
                s = json.load(fh)
        except Exception as e:
            err(f, f"not valid JSON: {e}"); continue
        if not isinstance(s, dict) or set(s) != TOP_KEYS:
            err(f, f"top-level keys must be exactly {sorted(TOP_KEYS)}"); continue
        sc, kind = s["scenario_id"], s["kind"]
        if sc not in SCENARIOS: err(f, f"unknown scenario_id {sc!r}")
        if kind not in KINDS: err(f, f"bad kind {kind!r}")
        if sc != m["sc"] or kind != m["kind"]: err(f, "scenario_id/kind do not match the file name")
        if s["written"] != WRITTEN: err(f, f"written must be {WRITTEN}")
        if not isinstance(s["register"], str) or not s["register"].strip(): err(f, "empty register")
        registers[s["register"]] += 1
        if m["extra"]: extras.append(f)
        else: have[sc].add(kind)
        lines = s["lines"]
        if not isinstance(lines, list) or not 8 <= len(lines) <= 9:
            err(f, "must have 8 or 9 lines"); continue
        hz = []
        for i, ln in enumerate(lines, 1):
            w = f"{f} line {i}"
            if not isinstance(ln, dict) or set(ln) != LINE_KEYS:
                err(w, f"line keys must be exactly {sorted(LINE_KEYS)}"); continue
            t = ln["text"]
            if not isinstance(t, str) or not t.strip(): err(w, "empty text"); continue
            if "hazard" in t.lower(): err(w, "text uses the word 'hazard'")
            mv = ln["moves"]
            if not isinstance(mv, list) or len(set(mv)) != len(mv): err(w, "moves must be a list without repeats")
            else:
                for x in mv:
                    if x in MANAGER_MOVES:
                        if sc != MANAGER_SCENARIO: err(w, f"manager-move {x} outside {MANAGER_SCENARIO}")
                    elif x not in MOVES: err(w, f"unknown move {x!r}")
            q = ln["question"]
            if q is not None and not (isinstance(q, dict) and set(q) == {"topic"} and q["topic"] in TOPICS):
                err(w, f"bad question {q!r}")
            tm = ln["terms"]
            if not isinstance(tm, list) or len(set(tm)) != len(tm): err(w, "terms must be a list without repeats")
            else:
                for x in tm:
                    if not isinstance(x, str) or not x or x not in t: err(w, f"term {x!r} is not an exact substring")
            o = ln["offtopic"]
            if o is not None and o not in OFFTOPIC: err(w, f"bad offtopic {o!r}")
            if o == "hazard": hz.append(i)
            p = ln["preempts"]
            if p is not None and (not isinstance(p, str) or not p.strip()): err(w, "preempts must be null or a phrase")
        if hz:
            hazard_scripts += 1
            if len(hz) != 2 or hz[1] - hz[0] < 2:
                err(f, f"a safety script needs one report and one later follow-up line (found lines {hz})")
    if len(files) != 30: err(d, f"expected 30 scripts, found {len(files)}")
    for sc in sorted(SCENARIOS):
        if have[sc] != KINDS: err(d, f"{sc} lacks kinds {sorted(KINDS - have[sc])}")
    if len(extras) != 6: err(d, f"expected 6 extras, found {len(extras)}")
    for r, n in registers.items():
        if n > 1: err(d, f"register used {n} times: {r}")
    if hazard_scripts != 4: err(d, f"expected 4 scripts with a physical safety problem, found {hazard_scripts}")
    for e in errs: print("ERROR", e)
    print(f"{len(files)} scripts checked, {len(errs)} error(s)")
    return 1 if errs else 0

if __name__ == "__main__":
    sys.exit(main())
