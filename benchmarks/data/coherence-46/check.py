#!/usr/bin/env python3
"""Format checker for coherence set 46 (standard library only).

Usage: python3 check.py [scripts_dir]
Exits 0 when every file passes; prints errors and exits 1 otherwise.
Moves outside a scenario's rubric list are reported as notes, not errors.
"""
import json, os, re, sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
SDIR = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "scripts")
WRITTEN = "2026-12-06"

RUBRIC = {
    "compassionate-performance-conversation": ["specific-observation", "invites-perspective", "offers-support",
        "success-metrics", "collaborative-options", "next-steps", "explores-constraints", "phased-plan"],
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
        "specific-ask", "business-value", "next-steps", "phased-plan", "success-metrics"],
    "workload-boundary": ["specific-ask", "collaborative-options", "impact-evidence", "explores-constraints",
        "business-value", "next-steps", "phased-plan", "success-metrics"],
}
MANAGER_SCENARIO = "compassionate-performance-conversation"
MOVES = {"impact-evidence", "business-value", "specific-ask", "phased-plan", "success-metrics",
         "explores-constraints", "collaborative-options", "next-steps", "recover-from-no"}
MANAGER_MOVES = {"specific-observation", "invites-perspective", "offers-support"}
KINDS = ("skilled", "mediocre", "off-script")
TOPICS = {"constraint", "decision", "timing", "help", "feelings", "personal", "choice", "other"}
OFFTOPIC = {"hazard", "joke", "complaint", "apology", "vulnerability", "small-talk", "rude"}
TOP_KEYS = {"scenario_id", "kind", "written", "register", "lines"}
LINE_KEYS = {"text", "moves", "question", "terms", "offtopic", "preempts"}
NAME_RE = re.compile(r"^(?P<sc>[a-z-]+?)--(?P<kind>skilled|mediocre|off-script)(?P<extra>-2)?\.json$")

errors, notes = [], []
def err(f, msg): errors.append(f"{f}: {msg}")

files = sorted(f for f in os.listdir(SDIR) if f.endswith(".json"))
others = sorted(f for f in os.listdir(SDIR) if not f.endswith(".json"))
if others: errors.append(f"non-json files in scripts/: {others}")
if len(files) != 30: errors.append(f"expected 30 scripts, found {len(files)}")

registers = Counter(); base = Counter(); extras = []
moves_c, topics_c, off_c = Counter(), Counter(), Counter()
hazard_scripts = []; per = Counter(); nlines = 0; npre = 0

for f in files:
    m = NAME_RE.match(f)
    if not m or m.group("sc") not in RUBRIC:
        err(f, "bad file name"); continue
    sc, kind, extra = m.group("sc"), m.group("kind"), bool(m.group("extra"))
    try:
        obj = json.load(open(os.path.join(SDIR, f), encoding="utf-8"))
    except Exception as e:
        err(f, f"invalid JSON: {e}"); continue
    if not isinstance(obj, dict) or set(obj) != TOP_KEYS:
        err(f, f"top-level keys must be {sorted(TOP_KEYS)}"); continue
    if obj["scenario_id"] != sc: err(f, "scenario_id does not match file name")
    if obj["kind"] != kind: err(f, "kind does not match file name (no -2 in kind)")
    if obj["written"] != WRITTEN: err(f, f"written must be {WRITTEN}")
    reg = obj["register"]
    if not isinstance(reg, str) or not reg.strip(): err(f, "register must be a non-empty string")
    else: registers[reg.strip().lower()] += 1
    (extras.append((sc, kind)) if extra else base.update([(sc, kind)]))
    per[(sc, kind + ("-2" if extra else ""))] += 1
    lines = obj["lines"]
    if not isinstance(lines, list) or not 8 <= len(lines) <= 9:
        err(f, "lines must be a list of 8 or 9 lines"); continue
    hz = []
    for i, ln in enumerate(lines, 1):
        w = f"{f} line {i}"
        if not isinstance(ln, dict) or set(ln) != LINE_KEYS:
            err(w, f"line keys must be {sorted(LINE_KEYS)}"); continue
        nlines += 1
        t = ln["text"]
        if not isinstance(t, str) or not t.strip(): err(w, "empty text"); t = ""
        if "hazard" in t.lower(): err(w, "text uses the word 'hazard'")
        mv = ln["moves"]
        if not isinstance(mv, list) or len(set(mv)) != len(mv): err(w, "moves must be a list without repeats"); mv = []
        for x in mv:
            if x in MANAGER_MOVES:
                if sc != MANAGER_SCENARIO: err(w, f"manager-move {x} outside {MANAGER_SCENARIO}")
            elif x not in MOVES: err(w, f"unknown move {x!r} (flags are not annotated)")
            if (x in MOVES or x in MANAGER_MOVES) and x not in RUBRIC[sc]:
                notes.append(f"{w}: move {x} is not in this scenario's rubric list")
            moves_c[x] += 1
        q = ln["question"]
        if q is not None:
            if not isinstance(q, dict) or set(q) != {"topic"} or q["topic"] not in TOPICS:
                err(w, "question must be null or {'topic': one of %s}" % sorted(TOPICS))
            else: topics_c[q["topic"]] += 1
        tm = ln["terms"]
        if not isinstance(tm, list) or len(set(tm)) != len(tm): err(w, "terms must be a list without repeats"); tm = []
        for x in tm:
            if not isinstance(x, str) or not x or x not in t: err(w, f"term {x!r} is not an exact substring of text")
        o = ln["offtopic"]
        if o is not None and o not in OFFTOPIC: err(w, f"bad offtopic {o!r}")
        if o: off_c[o] += 1
        if o == "hazard": hz.append(i)
        p = ln["preempts"]
        if p is not None and (not isinstance(p, str) or not p.strip()): err(w, "preempts must be null or a phrase")
        if p: npre += 1
    if hz:
        hazard_scripts.append(f)
        if len(hz) != 2 or hz[1] - hz[0] < 2:
            err(f, f"a safety script needs one report and one later follow-up (hazard lines at {hz})")

for key, n in registers.items():
    if n > 1: errors.append(f"register used {n} times: {key}")
for sc in RUBRIC:
    for k in KINDS:
        if base[(sc, k)] != 1: errors.append(f"need exactly one {sc}--{k}.json, found {base[(sc, k)]}")
if len(extras) != 6: errors.append(f"expected 6 extras (-2), found {len(extras)}")
if len(hazard_scripts) != 4: errors.append(f"expected 4 scripts with safety problems, found {len(hazard_scripts)}")

print(f"scripts: {len(files)}  lines: {nlines}  preempts: {npre}")
for sc in RUBRIC:
    print(f"  {sc}: " + ", ".join(f"{k}={per[(sc, k)]}" for k in
          ("skilled", "skilled-2", "mediocre", "mediocre-2", "off-script", "off-script-2") if per[(sc, k)]))
print("moves:", dict(sorted(moves_c.items())))
print("question topics:", dict(sorted(topics_c.items())))
print("offtopic:", dict(sorted(off_c.items())))
print("safety scripts:", hazard_scripts)
for n in notes: print("note:", n)
if errors:
    print(f"\n{len(errors)} error(s):"); [print(" ", e) for e in errors]; sys.exit(1)
print("OK")
