#!/usr/bin/env python3
"""Format checker for coherence set 49 (standard library only).

Usage: python3 check.py [scripts_dir]
Default scripts_dir: the scripts/ folder next to this file.
Exits 0 when every check passes, 1 otherwise.
"""
import json
import os
import re
import sys

WRITTEN = "2026-12-06"
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
SCRIPT_KEYS = {"scenario_id", "kind", "written", "register", "lines"}
LINE_KEYS = {"text", "moves", "question", "terms", "offtopic", "preempts"}
EXPECTED_FILES = 30
EXPECTED_EXTRAS = 6
HAZARD_SCRIPTS = 3
NAME_RE = re.compile(r"^(?P<sid>[a-z-]+?)--(?P<kind>skilled|mediocre|off-script)(?P<extra>-2)?\.json$")

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
    if text != text.strip() or "\n" in text:
        err(w, "text has leading/trailing whitespace or a newline")
    if "hazard" in text.lower():
        err(w, "text uses the word 'hazard'")
    moves = line["moves"]
    if not isinstance(moves, list) or not all(isinstance(m, str) for m in moves):
        err(w, "moves must be a list of strings")
    else:
        allowed = MOVES | (MANAGER_MOVES if sid == MANAGER_SCENARIO else set())
        for m in moves:
            if m not in allowed:
                err(w, f"move {m!r} not allowed in {sid}")
        if len(set(moves)) != len(moves):
            err(w, "duplicate moves")
    q = line["question"]
    if q is not None:
        if not isinstance(q, dict) or set(q) != {"topic"}:
            err(w, "question must be null or {'topic': ...}")
        elif q["topic"] not in TOPICS:
            err(w, f"question topic {q['topic']!r} unknown")
    terms = line["terms"]
    if not isinstance(terms, list) or not all(isinstance(t, str) for t in terms):
        err(w, "terms must be a list of strings")
    else:
        for t in terms:
            if not t.strip():
                err(w, "empty term")
            elif t not in text:
                err(w, f"term {t!r} is not an exact substring of text")
        if len(set(terms)) != len(terms):
            err(w, "duplicate terms")
    o = line["offtopic"]
    if o is not None and o not in OFFTOPIC:
        err(w, f"offtopic {o!r} unknown")
    p = line["preempts"]
    if p is not None and (not isinstance(p, str) or not p.strip()):
        err(w, "preempts must be null or a non-empty string")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    sdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "scripts")
    if not os.path.isdir(sdir):
        print(f"no scripts folder at {sdir}")
        return 1
    names = sorted(n for n in os.listdir(sdir) if n.endswith(".json"))
    others = sorted(n for n in os.listdir(sdir) if not n.endswith(".json"))
    if others:
        err("scripts/", f"non-JSON files present: {others}")
    if len(names) != EXPECTED_FILES:
        err("scripts/", f"{len(names)} files, expected {EXPECTED_FILES}")
    registers = {}
    base = set()
    extras = 0
    hazard_scripts = 0
    counts = {}
    n_lines = 0
    for name in names:
        m = NAME_RE.match(name)
        if not m:
            err(name, "file name is not <scenario_id>--<kind>[-2].json")
            continue
        sid, kind, extra = m.group("sid"), m.group("kind"), m.group("extra")
        if sid not in SCENARIOS:
            err(name, f"unknown scenario {sid!r}")
        path = os.path.join(sdir, name)
        try:
            with open(path, encoding="utf-8") as f:
                data = json.load(f)
        except (OSError, ValueError) as e:
            err(name, f"cannot parse JSON: {e}")
            continue
        if not isinstance(data, dict) or set(data) != SCRIPT_KEYS:
            err(name, f"top-level keys must be {sorted(SCRIPT_KEYS)}")
            continue
        if data["scenario_id"] != sid:
            err(name, "scenario_id does not match file name")
        if data["kind"] != kind:
            err(name, f"kind {data['kind']!r} does not match file name (no -2 in kind)")
        if data["written"] != WRITTEN:
            err(name, f"written must be {WRITTEN}")
        reg = data["register"]
        if not isinstance(reg, str) or not reg.strip():
            err(name, "register must be a non-empty string")
        elif reg.strip().lower() in registers:
            err(name, f"register repeats {registers[reg.strip().lower()]}")
        else:
            registers[reg.strip().lower()] = name
        lines = data["lines"]
        if not isinstance(lines, list) or not 8 <= len(lines) <= 9:
            err(name, "must have 8 or 9 lines")
            continue
        n_lines += len(lines)
        for i, line in enumerate(lines):
            check_line(name, sid, i, line)
        hz = [i for i, l in enumerate(lines) if isinstance(l, dict) and l.get("offtopic") == "hazard"]
        if hz:
            hazard_scripts += 1
            if len(hz) != 2:
                err(name, f"hazard script needs the report plus one later follow-up, found {len(hz)} hazard lines")
        if extra:
            extras += 1
        else:
            base.add((sid, kind))
        counts[(sid, kind)] = counts.get((sid, kind), 0) + 1
    for sid in SCENARIOS:
        for kind in KINDS:
            if (sid, kind) not in base:
                err("coverage", f"missing {sid}--{kind}.json")
    if extras != EXPECTED_EXTRAS:
        err("coverage", f"{extras} extras, expected {EXPECTED_EXTRAS}")
    if hazard_scripts != HAZARD_SCRIPTS:
        err("coverage", f"{hazard_scripts} scripts with physical-safety lines, expected {HAZARD_SCRIPTS}")
    if errors:
        for e in errors:
            print("FAIL", e)
        print(f"{len(errors)} problem(s) in {len(names)} file(s)")
        return 1
    print(f"OK: {len(names)} scripts, {n_lines} lines, {len(registers)} distinct registers, "
          f"{extras} extras, {hazard_scripts} physical-safety scripts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
