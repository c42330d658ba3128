#!/usr/bin/env python3
"""Format checker for coherence set 39 (standard library only).

Usage: python3 check.py [scripts_dir]
Exits 0 when every file passes; prints errors and exits 1 otherwise.
Warnings (moves outside a scenario's rubric list) do not fail the check.
"""
import json, os, re, sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
SDIR = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "scripts")

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
CPC = "compassionate-performance-conversation"
MOVES = {"impact-evidence", "business-value", "specific-ask", "phased-plan", "success-metrics",
         "explores-constraints", "collaborative-options", "next-steps", "recover-from-no"}
MANAGER_MOVES = {"specific-observation", "invites-perspective", "offers-support"}
TOPICS = {"constraint", "decision", "timing", "help", "feelings", "personal", "choice", "other"}
OFFTOPIC = {"hazard", "joke", "complaint", "apology", "vulnerability", "small-talk", "rude"}
KINDS = ("skilled", "mediocre", "off-script")
TOP_KEYS = {"scenario_id", "kind", "written", "register", "lines"}
LINE_KEYS = {"text", "moves", "question", "terms", "offtopic", "preempts"}
WRITTEN = "2026-12-06"
NAME_RE = re.compile(r"^(?P<sc>[a-z-]+?)--(?P<kind>skilled|mediocre|off-script)(?P<extra>-2)?\.json$")

errors, warnings = [], []
def err(f, msg): errors.append(f"{f}: {msg}")
def warn(f, msg): warnings.append(f"{f}: {msg}")

files = sorted(x for x in os.listdir(SDIR) if x.endswith(".json"))
registers = Counter()
per_scenario = {s: Counter() for s in RUBRIC}
extras = []
moves_c, topics_c, off_c = Counter(), Counter(), Counter()
nlines = 0
scripts_with = Counter()

for fn in files:
    m = NAME_RE.match(fn)
    if not m or m.group("sc") not in RUBRIC:
        err(fn, "file name is not <scenario_id>--<kind>[-2].json with a known scenario"); continue
    try:
        with open(os.path.join(SDIR, fn), encoding="utf-8") as fh:
            d = json.load(fh)
    except Exception as e:
        err(fn, f"invalid JSON: {e}"); continue
    if not isinstance(d, dict) or set(d) != TOP_KEYS:
        err(fn, f"top-level keys must be {sorted(TOP_KEYS)}"); continue
    sc, kind = m.group("sc"), m.group("kind")
    if d["scenario_id"] != sc: err(fn, "scenario_id does not match file name")
    if d["kind"] != kind: err(fn, f"kind {d['kind']!r} does not match file name (the -2 belongs in the name only)")
    if d["written"] != WRITTEN: err(fn, f"written must be {WRITTEN}")
    if not isinstance(d["register"], str) or not d["register"].strip(): err(fn, "register must be a non-empty string")
    registers[d["register"]] += 1
    per_scenario[sc][kind] += 1
    if m.group("extra"): extras.append((sc, kind))
    lines = d["lines"]
    if not isinstance(lines, list) or not 8 <= len(lines) <= 9:
        err(fn, "lines must be a list of 8 or 9 lines"); continue
    flags = set()
    for i, ln in enumerate(lines, 1):
        where = f"line {i}"
        if not isinstance(ln, dict) or set(ln) != LINE_KEYS:
            err(fn, f"{where}: keys must be {sorted(LINE_KEYS)}"); continue
        nlines += 1
        text = ln["text"]
        if not isinstance(text, str) or not text.strip():
            err(fn, f"{where}: text must be a non-empty string"); continue
        if "hazard" in text.lower(): err(fn, f"{where}: text uses the word 'hazard'")
        mv = ln["moves"]
        if not isinstance(mv, list) or len(set(mv)) != len(mv):
            err(fn, f"{where}: moves must be a list without duplicates")
        else:
            for x in mv:
                if x in MANAGER_MOVES:
                    if sc != CPC: err(fn, f"{where}: manager-move {x} outside {CPC}")
                elif x not in MOVES:
                    err(fn, f"{where}: unknown move {x!r}")
                if x in MOVES | MANAGER_MOVES and x not in RUBRIC[sc]:
                    warn(fn, f"{where}: {x} is not in this scenario's rubric list")
                moves_c[x] += 1
        q = ln["question"]
        if q is not None:
            if not isinstance(q, dict) or set(q) != {"topic"} or q["topic"] not in TOPICS:
                err(fn, f"{where}: question must be null or {{'topic': one of {sorted(TOPICS)}}}")
            else:
                topics_c[q["topic"]] += 1
        t = ln["terms"]
        if not isinstance(t, list) or not all(isinstance(s, str) and s for s in t):
            err(fn, f"{where}: terms must be a list of non-empty strings")
        else:
            for s in t:
                if s not in text: err(fn, f"{where}: term {s!r} is not an exact substring of text")
            if len(set(t)) != len(t): err(fn, f"{where}: duplicate terms")
        o = ln["offtopic"]
        if o is not None and o not in OFFTOPIC:
            err(fn, f"{where}: offtopic must be null or one of {sorted(OFFTOPIC)}")
        elif o:
            off_c[o] += 1; flags.add(o)
        p = ln["preempts"]
        if p is not None and (not isinstance(p, str) or not p.strip()):
            err(fn, f"{where}: preempts must be null or a non-empty string")
        if p: flags.add("preempts")
    for f_ in flags: scripts_with[f_] += 1

# set-level checks
if len(files) != 30: err("set", f"expected 30 scripts, found {len(files)}")
for sc, c in per_scenario.items():
    for k in KINDS:
        if c[k] < 1: err("set", f"{sc} has no {k} script")
if len(extras) != 6: err("set", f"expected 6 extras (-2), found {len(extras)}")
for r, n in registers.items():
    if n > 1: err("set", f"register used {n} times: {r!r}")
if scripts_with["hazard"] < 5: err("set", f"physical-safety lines in only {scripts_with['hazard']} scripts (need 5)")
if scripts_with["apology"] < 4: err("set", f"apology lines in only {scripts_with['apology']} scripts (need 4)")
if scripts_with["vulnerability"] < 8: err("set", f"vulnerability lines in only {scripts_with['vulnerability']} scripts (need 8)")

print(f"scripts: {len(files)}, lines: {nlines}, extras: {sorted(extras)}")
for sc, c in per_scenario.items():
    print(f"  {sc}: " + ", ".join(f"{k}={c[k]}" for k in KINDS))
print("moves:", dict(sorted(moves_c.items())))
print("question topics:", dict(sorted(topics_c.items())))
print("offtopic:", dict(sorted(off_c.items())))
print("scripts containing:", dict(sorted(scripts_with.items())))
for w in warnings: print("WARNING", w)
for e in errors: print("ERROR", e)
print("OK" if not errors else f"{len(errors)} error(s)")
sys.exit(1 if errors else 0)
