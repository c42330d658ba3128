#!/usr/bin/env python3
"""Format checker for coherence set 28 (standard library only).

Usage: python3 check.py [scripts_dir]   (default: scripts/ next to this file)
Exits 0 when every script passes; prints errors and exits 1 otherwise.
Warnings (moves outside the scenario's rubric) do not fail the check.
"""
import json, os, re, sys
from collections import Counter

WRITTEN = "2026-12-06"
KINDS = {"skilled", "mediocre", "off-script"}
RUBRIC = {
    "compassionate-performance-conversation": ["specific-observation", "invites-perspective", "offers-support", "success-metrics",
                                               "collaborative-options", "next-steps", "explores-constraints", "phased-plan"],
    "flexible-work-trial": ["specific-ask", "phased-plan", "success-metrics", "business-value", "explores-constraints",
                            "collaborative-options", "next-steps"],
    "hand-off-responsibility": ["specific-ask", "phased-plan", "business-value", "explores-constraints", "collaborative-options",
                                "success-metrics", "next-steps"],
    "lateral-move": ["business-value", "phased-plan", "specific-ask", "collaborative-options", "explores-constraints",
                     "next-steps", "impact-evidence"],
    "promotion-after-win": ["impact-evidence", "business-value", "specific-ask", "phased-plan", "explores-constraints",
                            "next-steps", "success-metrics"],
    "promotion-follow-up": ["recover-from-no", "phased-plan", "success-metrics", "next-steps", "explores-constraints",
                            "specific-ask", "impact-evidence"],
    "raise-during-budget-freeze": ["explores-constraints", "impact-evidence", "collaborative-options", "specific-ask",
                                   "business-value", "next-steps", "phased-plan", "success-metrics"],
    "workload-boundary": ["specific-ask", "collaborative-options", "impact-evidence", "explores-constraints", "business-value",
                          "next-steps", "phased-plan", "success-metrics"],
}
MOVES = {"impact-evidence", "business-value", "specific-ask", "phased-plan", "success-metrics", "explores-constraints",
         "collaborative-options", "next-steps", "recover-from-no"}
MANAGER_MOVES = {"specific-observation", "invites-perspective", "offers-support"}
MANAGER_SCENARIO = "compassionate-performance-conversation"
TOPICS = {"constraint", "decision", "timing", "help", "feelings", "personal", "choice", "other"}
OFFTOPIC = {"hazard", "joke", "complaint", "apology", "vulnerability", "small-talk", "rude"}
TOP_KEYS = {"scenario_id", "kind", "written", "register", "lines"}
LINE_KEYS = {"text", "moves", "question", "terms", "offtopic", "preempts"}
NAME_RE = re.compile(r"^(?P<sid>[a-z-]+?)--(?P<kind>skilled|mediocre|off-script)(?P<extra>-2)?\.json$")

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    d = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "scripts")
    errors, warnings = [], []
    def err(f, msg): errors.append(f"{f}: {msg}")
    files = sorted(x for x in os.listdir(d) if x.endswith(".json"))
    registers = Counter()
    per_scenario = {s: Counter() for s in RUBRIC}
    extras = 0
    hazard_scripts = 0
    total_lines = 0
    for fn in files:
        m = NAME_RE.match(fn)
        if not m:
            err(fn, "bad file name"); continue
        try:
            with open(os.path.join(d, fn), encoding="utf-8") as fh:
                obj = json.load(fh)
        except Exception as e:
            err(fn, f"invalid JSON: {e}"); continue
        if not isinstance(obj, dict) or set(obj) != TOP_KEYS:
            err(fn, f"top-level keys must be {sorted(TOP_KEYS)}"); continue
        sid, kind = obj["scenario_id"], obj["kind"]
        if sid not in RUBRIC: err(fn, f"unknown scenario_id {sid!r}")
        if kind not in KINDS: err(fn, f"bad kind {kind!r}")
        if sid != m["sid"] or kind != m["kind"]: err(fn, "file name does not match scenario_id/kind")
        if obj["written"] != WRITTEN: err(fn, f"written must be {WRITTEN}")
        if not isinstance(obj["register"], str) or not obj["register"].strip(): err(fn, "register must be a non-empty string")
        else: registers[obj["register"]] += 1
        if sid in per_scenario: per_scenario[sid][kind] += 1
        if m["extra"]: extras += 1
        lines = obj["lines"]
        if not isinstance(lines, list) or not (8 <= len(lines) <= 9):
            err(fn, "lines must be a list of 8 or 9"); continue
        total_lines += len(lines)
        hz = 0
        for i, ln in enumerate(lines, 1):
            w = f"{fn} line {i}"
            if not isinstance(ln, dict) or set(ln) != LINE_KEYS:
                errors.append(f"{w}: keys must be {sorted(LINE_KEYS)}"); continue
            t = ln["text"]
            if not isinstance(t, str) or not t.strip(): errors.append(f"{w}: empty text"); continue
            if "hazard" in t.lower(): errors.append(f"{w}: text uses the word 'hazard'")
            mv = ln["moves"]
            if not isinstance(mv, list) or len(set(mv)) != len(mv): errors.append(f"{w}: moves must be a list without repeats")
            else:
                for x in mv:
                    if x in MANAGER_MOVES:
                        if sid != MANAGER_SCENARIO: errors.append(f"{w}: manager-move {x} outside {MANAGER_SCENARIO}")
                    elif x not in MOVES: errors.append(f"{w}: unknown move {x!r}")
                    if sid in RUBRIC and x not in RUBRIC[sid]: warnings.append(f"{w}: move {x} not in this scenario's rubric")
            q = ln["question"]
            if q is not None and not (isinstance(q, dict) and set(q) == {"topic"} and q["topic"] in TOPICS):
                errors.append(f"{w}: question must be null or {{'topic': one of {sorted(TOPICS)}}}")
            tr = ln["terms"]
            if not isinstance(tr, list) or len(set(tr)) != len(tr): errors.append(f"{w}: terms must be a list without repeats")
            else:
                for x in tr:
                    if not isinstance(x, str) or not x or x not in t: errors.append(f"{w}: term {x!r} not a substring of text")
            o = ln["offtopic"]
            if o is not None and o not in OFFTOPIC: errors.append(f"{w}: bad offtopic {o!r}")
            if o == "hazard": hz += 1
            p = ln["preempts"]
            if p is not None and not (isinstance(p, str) and p.strip()): errors.append(f"{w}: preempts must be null or a non-empty string")
        if hz:
            hazard_scripts += 1
            if hz < 2: err(fn, "a physical-safety script needs the mention and one follow-up line")
    if len(files) != 30: errors.append(f"expected 30 scripts, found {len(files)}")
    if extras != 6: errors.append(f"expected 6 extras (-2), found {extras}")
    for s, c in per_scenario.items():
        for k in KINDS:
            if c[k] < 1: errors.append(f"{s}: no {k} script")
    dup = [r for r, n in registers.items() if n > 1]
    if dup: errors.append(f"registers used more than once: {dup}")
    if hazard_scripts != 5: errors.append(f"expected 5 scripts with physical-safety lines, found {hazard_scripts}")
    for x in warnings: print("warning:", x)
    for x in errors: print("ERROR:", x)
    print(f"{len(files)} scripts, {total_lines} lines, {extras} extras, {hazard_scripts} safety scripts, "
          f"{len(errors)} errors, {len(warnings)} warnings")
    return 1 if errors else 0

if __name__ == "__main__":
    sys.exit(main())
