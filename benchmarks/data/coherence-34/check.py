#!/usr/bin/env python3
"""Format checker for coherence set 34 (standard library only).

Usage: python3 check.py [scripts_dir]
Default scripts_dir is ./scripts next to this file. Exits 0 when every file
passes, 1 otherwise. Also prints a short tally of the set.
"""
import json
import os
import re
import sys
from collections import Counter

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
MOVES = {
    "impact-evidence", "business-value", "specific-ask", "phased-plan",
    "success-metrics", "explores-constraints", "collaborative-options",
    "next-steps", "recover-from-no",
}
MANAGER_MOVES = {"specific-observation", "invites-perspective", "offers-support"}
MANAGER_SCENARIO = "compassionate-performance-conversation"
TOPICS = {"constraint", "decision", "timing", "help", "feelings", "personal",
          "choice", "other"}
OFFTOPIC = {"hazard", "joke", "complaint", "apology", "vulnerability",
            "small-talk", "rude"}
LINE_KEYS = {"text", "moves", "question", "terms", "offtopic", "preempts"}
TOP_KEYS = {"scenario_id", "kind", "written", "register", "lines"}
WRITTEN = "2026-12-06"
NAME_RE = re.compile(r"^([a-z-]+?)--(skilled|mediocre|off-script)(-2)?\.json$")
# names from the briefings that are not people: must not appear
FORBIDDEN = ["Harlow", "Brightwater", "Kestrel", "Aire Valley", "Hollins Park",
             "Marlow Mutual", "Calder & Finch", "Brennan", "Brightline"]
SHORTHAND_RE = re.compile(r"\b(wht|hw|r u|y cant|u)\b", re.I)
TELLME_RE = re.compile(r"(kindly tell me|tell me|not sure wht)", re.I)

EXPECTED_FILES = 30
EXPECTED_EXTRAS = 6


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    sdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "scripts")
    errors = []
    registers = {}
    base = Counter()
    extras = []
    kinds = Counter()
    per_scen = Counter()
    moves_c = Counter()
    topics_c = Counter()
    off_c = Counter()
    hazard_scripts = []
    shorthand_scripts = []
    tellme_scripts = []
    n_lines = 0
    n_preempts = 0
    files = sorted(f for f in os.listdir(sdir) if f.endswith(".json"))
    for fn in files:
        def err(msg):
            errors.append(f"{fn}: {msg}")
        m = NAME_RE.match(fn)
        if not m:
            err("bad file name")
            continue
        scen, kind, extra = m.group(1), m.group(2), m.group(3)
        if scen not in SCENARIOS:
            err(f"unknown scenario in name: {scen}")
        try:
            with open(os.path.join(sdir, fn), encoding="utf-8") as fh:
                doc = json.load(fh)
        except Exception as e:  # noqa: BLE001
            err(f"invalid JSON: {e}")
            continue
        if not isinstance(doc, dict) or set(doc) != TOP_KEYS:
            err(f"top-level keys must be {sorted(TOP_KEYS)}")
            continue
        if doc["scenario_id"] != scen:
            err("scenario_id does not match file name")
        if doc["kind"] != kind:
            err("kind does not match file name (no -2 in kind)")
        if doc["written"] != WRITTEN:
            err(f"written must be {WRITTEN}")
        reg = doc["register"]
        if not isinstance(reg, str) or not reg.strip():
            err("register must be a non-empty string")
        elif reg in registers:
            err(f"register repeats {registers[reg]}")
        else:
            registers[reg] = fn
        if extra:
            extras.append(fn)
        else:
            base[(scen, kind)] += 1
        kinds[kind] += 1
        per_scen[scen] += 1
        lines = doc["lines"]
        if not isinstance(lines, list) or not 8 <= len(lines) <= 9:
            err("must have 8 or 9 lines")
            continue
        has_haz = False
        has_short = False
        has_tell = False
        for i, ln in enumerate(lines, 1):
            def lerr(msg):
                err(f"line {i}: {msg}")
            if not isinstance(ln, dict) or set(ln) != LINE_KEYS:
                lerr(f"keys must be {sorted(LINE_KEYS)}")
                continue
            n_lines += 1
            text = ln["text"]
            if not isinstance(text, str) or not text.strip():
                lerr("text must be a non-empty string")
                continue
            if "hazard" in text.lower():
                lerr("text uses the word 'hazard'")
            for bad in FORBIDDEN:
                if bad.lower() in text.lower():
                    lerr(f"uses briefing name {bad!r}")
            if SHORTHAND_RE.search(text) and "?" not in text:
                has_short = True
            if TELLME_RE.search(text):
                has_tell = True
            mv = ln["moves"]
            if not isinstance(mv, list) or len(set(mv)) != len(mv):
                lerr("moves must be a list without repeats")
            else:
                for x in mv:
                    if x in MANAGER_MOVES:
                        if scen != MANAGER_SCENARIO:
                            lerr(f"manager-move {x} outside {MANAGER_SCENARIO}")
                    elif x not in MOVES:
                        lerr(f"unknown move {x}")
                    moves_c[x] += 1
            q = ln["question"]
            if q is not None:
                if not isinstance(q, dict) or set(q) != {"topic"} or q["topic"] not in TOPICS:
                    lerr("question must be null or {'topic': <valid topic>}")
                else:
                    topics_c[q["topic"]] += 1
            terms = ln["terms"]
            if not isinstance(terms, list) or len(set(terms)) != len(terms):
                lerr("terms must be a list without repeats")
            else:
                for t in terms:
                    if not isinstance(t, str) or not t or t not in text:
                        lerr(f"term {t!r} is not an exact substring of text")
            o = ln["offtopic"]
            if o is not None:
                if o not in OFFTOPIC:
                    lerr(f"bad offtopic {o!r}")
                else:
                    off_c[o] += 1
                    if o == "hazard":
                        has_haz = True
            p = ln["preempts"]
            if p is not None:
                if not isinstance(p, str) or not p.strip():
                    lerr("preempts must be null or a non-empty string")
                else:
                    n_preempts += 1
        if has_haz:
            hazard_scripts.append(fn)
        if has_short:
            shorthand_scripts.append(fn)
        if has_tell:
            tellme_scripts.append(fn)

    if len(files) != EXPECTED_FILES:
        errors.append(f"expected {EXPECTED_FILES} files, found {len(files)}")
    for s in sorted(SCENARIOS):
        for k in sorted(KINDS):
            if base[(s, k)] != 1:
                errors.append(f"missing base script {s}--{k}.json")
    if len(extras) != EXPECTED_EXTRAS:
        errors.append(f"expected {EXPECTED_EXTRAS} extras, found {len(extras)}")
    if len(hazard_scripts) != 5:
        errors.append(f"expected physical-safety lines in 5 scripts, found {len(hazard_scripts)}")
    if len(shorthand_scripts) < 6:
        errors.append(f"texting-shorthand questions in {len(shorthand_scripts)} scripts (<6)")
    if len(tellme_scripts) < 6:
        errors.append(f"'tell me' style requests in {len(tellme_scripts)} scripts (<6)")

    print(f"files {len(files)}, lines {n_lines}, extras {len(extras)}")
    print("kinds:", dict(sorted(kinds.items())))
    print("per scenario:", dict(sorted(per_scen.items())))
    print("moves:", dict(sorted(moves_c.items())))
    print("question topics:", dict(sorted(topics_c.items())), "total", sum(topics_c.values()))
    print("offtopic:", dict(sorted(off_c.items())), "total", sum(off_c.values()))
    print("preempts:", n_preempts)
    print("physical-safety scripts:", hazard_scripts)
    print("shorthand scripts:", len(shorthand_scripts), "tell-me scripts:", len(tellme_scripts))
    if errors:
        print(f"\n{len(errors)} problem(s):")
        for e in errors:
            print("  -", e)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
