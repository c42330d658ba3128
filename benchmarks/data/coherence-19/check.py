#!/usr/bin/env python3
"""Format checker for coherence set 19 (standard library only).

Usage: python3 check.py [scripts_dir]   (default: scripts/ next to this file)
Exits 0 when every file passes, 1 otherwise.
"""
import json, os, re, sys
from collections import Counter

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
TOP_KEYS = {"scenario_id", "kind", "written", "register", "lines"}
LINE_KEYS = {"text", "moves", "question", "terms", "offtopic", "preempts"}
NAME_RE = re.compile(r"^(?P<scen>[a-z-]+?)--(?P<kind>skilled|mediocre|off-script)(?P<extra>-2)?\.json$")

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    d = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "scripts")
    errs = []
    def err(f, msg):
        errs.append(f"{f}: {msg}")
    files = sorted(f for f in os.listdir(d) if f.endswith(".json"))
    registers = Counter()
    per_scen = {s: Counter() for s in SCENARIOS}
    extras = 0
    hazard_scripts = 0
    in_passing = 0
    stats = Counter()
    for f in files:
        m = NAME_RE.match(f)
        if not m:
            err(f, "bad file name"); continue
        try:
            with open(os.path.join(d, f), encoding="utf-8") as fh:
                obj = json.load(fh)
        except Exception as e:
            err(f, f"not valid JSON: {e}"); continue
        if not isinstance(obj, dict) or set(obj) != TOP_KEYS:
            err(f, f"top-level keys must be exactly {sorted(TOP_KEYS)}"); continue
        scen, kind = obj["scenario_id"], obj["kind"]
        if scen not in SCENARIOS: err(f, f"unknown scenario_id {scen!r}")
        if scen != m.group("scen"): err(f, "scenario_id does not match file name")
        if kind not in KINDS: err(f, f"bad kind {kind!r}")
        if kind != m.group("kind"): err(f, "kind does not match file name")
        if m.group("extra"): extras += 1
        if scen in per_scen: per_scen[scen][kind + (m.group("extra") or "")] += 1
        if obj["written"] != "2026-12-05": err(f, "written must be 2026-12-05")
        reg = obj["register"]
        if not isinstance(reg, str) or not reg.strip(): err(f, "register must be a non-empty string")
        else: registers[reg.strip().lower()] += 1
        lines = obj["lines"]
        if not isinstance(lines, list) or not 8 <= len(lines) <= 9:
            err(f, "lines must be a list of 8 or 9 items"); continue
        allowed = MOVES | (MANAGER_MOVES if scen == MANAGER_SCENARIO else set())
        hz = 0
        for i, ln in enumerate(lines, 1):
            w = f"{f} line {i}"
            if not isinstance(ln, dict) or set(ln) != LINE_KEYS:
                errs.append(f"{w}: keys must be exactly {sorted(LINE_KEYS)}"); continue
            t = ln["text"]
            if not isinstance(t, str) or not t.strip(): errs.append(f"{w}: empty text"); continue
            if "hazard" in t.lower(): errs.append(f"{w}: text uses the word 'hazard'")
            mv = ln["moves"]
            if not isinstance(mv, list) or len(set(mv)) != len(mv):
                errs.append(f"{w}: moves must be a list without duplicates")
            else:
                for x in mv:
                    if x not in allowed: errs.append(f"{w}: move {x!r} not allowed here")
                stats["moves"] += len(mv)
            q = ln["question"]
            if q is not None:
                if not isinstance(q, dict) or set(q) != {"topic"} or q["topic"] not in TOPICS:
                    errs.append(f"{w}: question must be null or {{'topic': one of {sorted(TOPICS)}}}")
                else:
                    stats["q:" + q["topic"]] += 1
            tm = ln["terms"]
            if not isinstance(tm, list) or len(set(tm)) != len(tm):
                errs.append(f"{w}: terms must be a list without duplicates")
            else:
                for x in tm:
                    if not isinstance(x, str) or not x.strip() or x not in t:
                        errs.append(f"{w}: term {x!r} is not an exact substring of text")
                stats["terms"] += len(tm)
            o = ln["offtopic"]
            if o is not None and o not in OFFTOPIC:
                errs.append(f"{w}: bad offtopic {o!r}")
            if o:
                stats["off:" + o] += 1
            if o == "hazard":
                hz += 1
                if ln["moves"]: in_passing += 1
            p = ln["preempts"]
            if p is not None and (not isinstance(p, str) or not p.strip()):
                errs.append(f"{w}: preempts must be null or a non-empty string")
            if p: stats["preempts"] += 1
            stats["lines"] += 1
        if hz:
            hazard_scripts += 1
            if hz != 2: err(f, f"hazard scripts need one mention and one follow-up (found {hz} hazard lines)")
    # set-level checks
    if len(files) != 30: errs.append(f"set: expected 30 scripts, found {len(files)}")
    if extras != 6: errs.append(f"set: expected 6 extras (-2 files), found {extras}")
    for s, c in per_scen.items():
        for k in KINDS:
            if c[k] != 1: errs.append(f"set: {s} needs exactly one {k} script (found {c[k]})")
    dup = [r for r, n in registers.items() if n > 1]
    if dup: errs.append(f"set: duplicate registers: {dup}")
    if hazard_scripts != 5: errs.append(f"set: expected 5 scripts with physical-safety lines, found {hazard_scripts}")
    if in_passing != 2: errs.append(f"set: expected 2 safety mentions inside business lines, found {in_passing}")
    print(f"{len(files)} scripts, {stats['lines']} lines, {stats['moves']} move tags, "
          f"{sum(v for k, v in stats.items() if k.startswith('q:'))} questions, {stats['terms']} terms, "
          f"{sum(v for k, v in stats.items() if k.startswith('off:'))} offtopic, {stats['preempts']} preempts")
    print("questions:", {k[2:]: v for k, v in sorted(stats.items()) if k.startswith("q:")})
    print("offtopic:", {k[4:]: v for k, v in sorted(stats.items()) if k.startswith("off:")})
    if errs:
        print(f"{len(errs)} problem(s):")
        for e in errs: print("  " + e)
        return 1
    print("OK")
    return 0

if __name__ == "__main__":
    sys.exit(main())
