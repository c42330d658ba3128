#!/usr/bin/env python3
"""Format checker for coherence set 41 (standard library only).

Usage: python3 check.py [scripts_dir]   (default: scripts/ next to this file)
Exits 0 when every check passes, 1 otherwise.
"""
import json
import os
import re
import sys

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
KINDS = ["skilled", "mediocre", "off-script"]
MOVES = {
    "impact-evidence", "business-value", "specific-ask", "phased-plan",
    "success-metrics", "explores-constraints", "collaborative-options",
    "next-steps", "recover-from-no",
}
MANAGER_MOVES = {"specific-observation", "invites-perspective", "offers-support"}
MANAGER_SCENARIO = "compassionate-performance-conversation"
TOPICS = {"constraint", "decision", "timing", "help", "feelings", "personal", "choice", "other"}
OFFTOPIC = {"hazard", "joke", "complaint", "apology", "vulnerability", "small-talk", "rude"}
WRITTEN = "2026-12-06"
TOP_KEYS = {"scenario_id", "kind", "written", "register", "lines"}
LINE_KEYS = {"text", "moves", "question", "terms", "offtopic", "preempts"}
# Named firms, places and pieces of work from the public briefings that the set must not reuse.
BRIEFING_NAMES = [
    "Harlow", "Brightwater", "Kestrel", "Aire Valley", "Hollins Park", "Marlow Mutual",
    "Calder & Finch", "Calder and Finch", "Brennan Packaging", "Brightline", "St Aldhelm",
    "Ward 9",
]
FNAME = re.compile(r"^(?P<sid>[a-z-]+?)--(?P<kind>skilled|mediocre|off-script)(?P<extra>-2)?\.json$")

errors = []


def err(where, msg):
    errors.append(f"{where}: {msg}")


def check_line(where, sid, i, line):
    w = f"{where} line {i + 1}"
    if not isinstance(line, dict):
        err(w, "line is not an object")
        return
    keys = set(line)
    if keys != LINE_KEYS:
        err(w, f"keys {sorted(keys)} != {sorted(LINE_KEYS)}")
        return
    text = line["text"]
    if not isinstance(text, str) or not text.strip():
        err(w, "text must be a non-empty string")
        return
    if "hazard" in text.lower():
        err(w, "text uses the word 'hazard'")
    for name in BRIEFING_NAMES:
        if name.lower() in text.lower():
            err(w, f"text reuses briefing name {name!r}")
    moves = line["moves"]
    if not isinstance(moves, list) or not all(isinstance(m, str) for m in moves):
        err(w, "moves must be a list of strings")
    else:
        if len(set(moves)) != len(moves):
            err(w, "duplicate moves")
        allowed = MOVES | (MANAGER_MOVES if sid == MANAGER_SCENARIO else set())
        for m in moves:
            if m not in allowed:
                err(w, f"move {m!r} not allowed in {sid}")
    q = line["question"]
    if q is not None:
        if not isinstance(q, dict) or set(q) != {"topic"} or q["topic"] not in TOPICS:
            err(w, f"bad question {q!r}")
    terms = line["terms"]
    if not isinstance(terms, list):
        err(w, "terms must be a list")
    else:
        if len(set(terms)) != len(terms):
            err(w, "duplicate terms")
        for t in terms:
            if not isinstance(t, str) or not t.strip():
                err(w, f"bad term {t!r}")
            elif t not in text:
                err(w, f"term {t!r} is not an exact substring of text")
    off = line["offtopic"]
    if off is not None and off not in OFFTOPIC:
        err(w, f"bad offtopic {off!r}")
    pre = line["preempts"]
    if pre is not None and (not isinstance(pre, str) or not pre.strip()):
        err(w, "preempts must be null or a non-empty string")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    sdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "scripts")
    files = sorted(f for f in os.listdir(sdir) if f.endswith(".json"))
    registers = {}
    seen = {}
    extras = []
    hazard_scripts = []
    n_lines = 0
    for f in files:
        m = FNAME.match(f)
        if not m or m.group("sid") not in SCENARIOS:
            err(f, "file name is not <scenario_id>--<kind>[-2].json")
            continue
        try:
            with open(os.path.join(sdir, f), encoding="utf-8") as fh:
                d = json.load(fh)
        except Exception as e:  # noqa: BLE001
            err(f, f"invalid JSON: {e}")
            continue
        if not isinstance(d, dict) or set(d) != TOP_KEYS:
            err(f, f"top-level keys must be {sorted(TOP_KEYS)}")
            continue
        sid, kind = m.group("sid"), m.group("kind")
        if d["scenario_id"] != sid:
            err(f, "scenario_id does not match file name")
        if d["kind"] != kind:
            err(f, "kind does not match file name (no -2 in kind)")
        if d["written"] != WRITTEN:
            err(f, f"written must be {WRITTEN}")
        reg = d["register"]
        if not isinstance(reg, str) or not reg.strip():
            err(f, "register must be a non-empty string")
        elif reg in registers:
            err(f, f"register also used by {registers[reg]}")
        else:
            registers[reg] = f
        lines = d["lines"]
        if not isinstance(lines, list) or not 8 <= len(lines) <= 9:
            err(f, "must have 8 or 9 lines")
            continue
        n_lines += len(lines)
        for i, line in enumerate(lines):
            check_line(f, sid, i, line)
        haz = [i for i, l in enumerate(lines) if isinstance(l, dict) and l.get("offtopic") == "hazard"]
        if haz:
            hazard_scripts.append(f)
            if len(haz) != 2:
                err(f, f"a safety script needs the problem and one later follow-up (found {len(haz)} lines)")
            elif haz[1] - haz[0] < 2:
                err(f, "the safety follow-up should come back later, not on the next line")
        key = (sid, kind, bool(m.group("extra")))
        if key in seen:
            err(f, f"duplicate of {seen[key]}")
        seen[key] = f
        if m.group("extra"):
            extras.append(f)
    for sid in SCENARIOS:
        for kind in KINDS:
            if (sid, kind, False) not in seen:
                err("set", f"missing {sid}--{kind}.json")
    if len(files) != 30:
        err("set", f"expected 30 scripts, found {len(files)}")
    if len(extras) != 6:
        err("set", f"expected 6 extras, found {len(extras)}")
    if len(hazard_scripts) != 4:
        err("set", f"expected 4 scripts with a physical safety problem, found {len(hazard_scripts)}")
    if errors:
        for e in errors:
            print("ERROR", e)
        print(f"{len(errors)} error(s)")
        return 1
    print(f"OK: {len(files)} scripts, {n_lines} lines, {len(registers)} distinct registers, "
          f"{len(extras)} extras, safety scripts: {', '.join(hazard_scripts)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
