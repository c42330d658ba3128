#!/usr/bin/env python3
"""Format checker for coherence set 25 (standard library only).

Usage: python3 check.py [scripts_dir]
Default scripts_dir is ./scripts next to this file. Exits 0 when every check passes,
1 otherwise. Prints a summary (counts per scenario and kind, moves, question topics,
offtopic labels) either way.
"""
import json
import os
import re
import sys
from collections import Counter, defaultdict

WRITTEN = "2026-12-06"
EXPECTED_FILES = 30
EXPECTED_EXTRAS = 6
EXPECTED_SAFETY_SCRIPTS = 5

RUBRICS = {
    "compassionate-performance-conversation": [
        "specific-observation", "invites-perspective", "offers-support", "success-metrics",
        "collaborative-options", "next-steps", "explores-constraints", "phased-plan"],
    "flexible-work-trial": [
        "specific-ask", "phased-plan", "success-metrics", "business-value",
        "explores-constraints", "collaborative-options", "next-steps"],
    "hand-off-responsibility": [
        "specific-ask", "phased-plan", "business-value", "explores-constraints",
        "collaborative-options", "success-metrics", "next-steps"],
    "lateral-move": [
        "business-value", "phased-plan", "specific-ask", "collaborative-options",
        "explores-constraints", "next-steps", "impact-evidence"],
    "promotion-after-win": [
        "impact-evidence", "business-value", "specific-ask", "phased-plan",
        "explores-constraints", "next-steps", "success-metrics"],
    "promotion-follow-up": [
        "recover-from-no", "phased-plan", "success-metrics", "next-steps",
        "explores-constraints", "specific-ask", "impact-evidence"],
    "raise-during-budget-freeze": [
        "explores-constraints", "impact-evidence", "collaborative-options", "specific-ask",
        "business-value", "next-steps", "phased-plan", "success-metrics"],
    "workload-boundary": [
        "specific-ask", "collaborative-options", "impact-evidence", "explores-constraints",
        "business-value", "next-steps", "phased-plan", "success-metrics"],
}
MANAGER_SCENARIO = "compassionate-performance-conversation"
MOVES = {"impact-evidence", "business-value", "specific-ask", "phased-plan", "success-metrics",
         "explores-constraints", "collaborative-options", "next-steps", "recover-from-no"}
MANAGER_MOVES = {"specific-observation", "invites-perspective", "offers-support"}
FLAGS = {"hedging", "aggression"}
KINDS = ("skilled", "mediocre", "off-script")
TOPICS = {"constraint", "decision", "timing", "help", "feelings", "personal", "choice", "other"}
OFFTOPIC = {"hazard", "joke", "complaint", "apology", "vulnerability", "small-talk", "rude"}
TOP_KEYS = {"scenario_id", "kind", "written", "register", "lines"}
LINE_KEYS = {"text", "moves", "question", "terms", "offtopic", "preempts"}
NAME_RE = re.compile(r"^(?P<sc>[a-z0-9-]+?)--(?P<kind>skilled|mediocre|off-script)(?P<extra>-2)?\.json$")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    sdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "scripts")
    errors = []
    notes = []

    def err(where, msg):
        errors.append(f"{where}: {msg}")

    files = sorted(f for f in os.listdir(sdir) if f.endswith(".json"))
    others = sorted(f for f in os.listdir(sdir) if not f.endswith(".json"))
    for f in others:
        err(f, "not a .json file in scripts/")

    have = defaultdict(set)          # scenario -> set of kinds (base)
    extras = []
    registers = Counter()
    move_count = Counter()
    topic_count = Counter()
    off_count = Counter()
    per_cell = Counter()
    safety_scripts = []
    n_lines = 0
    n_terms = 0
    n_preempts = 0

    for fname in files:
        m = NAME_RE.match(fname)
        if not m:
            err(fname, "file name is not <scenario_id>--<kind>[-2].json")
            continue
        sc, kind, extra = m.group("sc"), m.group("kind"), bool(m.group("extra"))
        if sc not in RUBRICS:
            err(fname, f"unknown scenario id {sc!r}")
            continue
        if extra:
            extras.append((sc, kind))
        else:
            have[sc].add(kind)
        per_cell[(sc, kind)] += 1
        try:
            with open(os.path.join(sdir, fname), encoding="utf-8") as fh:
                data = json.load(fh)
        except Exception as e:  # noqa: BLE001
            err(fname, f"not valid JSON: {e}")
            continue
        if not isinstance(data, dict):
            err(fname, "top level is not an object")
            continue
        if set(data) != TOP_KEYS:
            err(fname, f"top-level keys {sorted(data)} != {sorted(TOP_KEYS)}")
        if data.get("scenario_id") != sc:
            err(fname, f"scenario_id {data.get('scenario_id')!r} does not match file name")
        if data.get("kind") != kind:
            err(fname, f"kind {data.get('kind')!r} does not match file name ({kind!r}; -2 never in kind)")
        if data.get("written") != WRITTEN:
            err(fname, f"written {data.get('written')!r} != {WRITTEN!r}")
        reg = data.get("register")
        if not isinstance(reg, str) or not reg.strip():
            err(fname, "register missing or empty")
        else:
            registers[reg.strip().lower()] += 1
        lines = data.get("lines")
        if not isinstance(lines, list):
            err(fname, "lines is not a list")
            continue
        if len(lines) not in (8, 9):
            err(fname, f"{len(lines)} lines (need 8 or 9)")
        safety_lines = 0
        for i, ln in enumerate(lines, 1):
            where = f"{fname} line {i}"
            n_lines += 1
            if not isinstance(ln, dict):
                err(where, "line is not an object")
                continue
            if set(ln) != LINE_KEYS:
                err(where, f"keys {sorted(ln)} != {sorted(LINE_KEYS)}")
            text = ln.get("text")
            if not isinstance(text, str) or not text.strip():
                err(where, "text missing or empty")
                text = ""
            if text != text.strip():
                err(where, "text has leading or trailing whitespace")
            if "hazard" in text.lower():
                err(where, "text uses the word 'hazard'")
            moves = ln.get("moves")
            if not isinstance(moves, list):
                err(where, "moves is not a list")
                moves = []
            if len(moves) != len(set(moves)):
                err(where, "duplicate move ids")
            for mv in moves:
                if mv in FLAGS:
                    err(where, f"flag {mv!r} must not be annotated")
                elif mv in MANAGER_MOVES:
                    if sc != MANAGER_SCENARIO:
                        err(where, f"manager-move {mv!r} outside {MANAGER_SCENARIO}")
                elif mv not in MOVES:
                    err(where, f"unknown move id {mv!r}")
                if mv in MOVES | MANAGER_MOVES and mv not in RUBRICS[sc]:
                    notes.append(f"{where}: move {mv!r} is not in this scenario's rubric list")
                move_count[mv] += 1
            q = ln.get("question")
            if q is not None:
                if not isinstance(q, dict) or set(q) != {"topic"}:
                    err(where, "question must be null or {\"topic\": ...}")
                elif q["topic"] not in TOPICS:
                    err(where, f"unknown question topic {q['topic']!r}")
                else:
                    topic_count[q["topic"]] += 1
            terms = ln.get("terms")
            if not isinstance(terms, list):
                err(where, "terms is not a list")
                terms = []
            if len(terms) != len(set(terms)):
                err(where, "duplicate terms")
            for t in terms:
                if not isinstance(t, str) or not t.strip():
                    err(where, f"empty or non-string term {t!r}")
                elif t not in text:
                    err(where, f"term {t!r} is not an exact substring of text")
                elif t != t.strip():
                    err(where, f"term {t!r} has leading or trailing whitespace")
            n_terms += len(terms)
            off = ln.get("offtopic")
            if off is not None:
                if off not in OFFTOPIC:
                    err(where, f"unknown offtopic label {off!r}")
                else:
                    off_count[off] += 1
                    if off == "hazard":
                        safety_lines += 1
            pre = ln.get("preempts")
            if pre is not None:
                if not isinstance(pre, str) or not pre.strip():
                    err(where, "preempts must be null or a non-empty phrase")
                else:
                    n_preempts += 1
        if safety_lines:
            safety_scripts.append(fname)
            if safety_lines != 2:
                err(fname, f"{safety_lines} physical-safety lines (need the mention plus one follow-up)")

    # set-level checks
    if len(files) != EXPECTED_FILES:
        err("set", f"{len(files)} script files (need {EXPECTED_FILES})")
    for sc in RUBRICS:
        missing = [k for k in KINDS if k not in have[sc]]
        if missing:
            err("set", f"{sc} lacks {missing}")
    if len(extras) != EXPECTED_EXTRAS:
        err("set", f"{len(extras)} extras (need {EXPECTED_EXTRAS})")
    for reg, n in registers.items():
        if n > 1:
            err("set", f"register used {n} times: {reg!r}")
    if len(safety_scripts) != EXPECTED_SAFETY_SCRIPTS:
        err("set", f"{len(safety_scripts)} scripts with physical-safety lines (need {EXPECTED_SAFETY_SCRIPTS})")

    # summary
    print(f"scripts: {len(files)}  lines: {n_lines}  terms: {n_terms}  preempts: {n_preempts}")
    print("per scenario (skilled / mediocre / off-script):")
    for sc in RUBRICS:
        print(f"  {sc:42s} " + " / ".join(str(per_cell[(sc, k)]) for k in KINDS))
    print("extras: " + ", ".join(f"{s}--{k}-2" for s, k in sorted(extras)))
    print("moves: " + ", ".join(f"{k} {v}" for k, v in sorted(move_count.items())))
    print("question topics: " + ", ".join(f"{k} {v}" for k, v in sorted(topic_count.items()))
          + f"  (total {sum(topic_count.values())})")
    print("offtopic: " + ", ".join(f"{k} {v}" for k, v in sorted(off_count.items()))
          + f"  (total {sum(off_count.values())})")
    print("physical-safety scripts: " + ", ".join(safety_scripts))
    for n in notes:
        print("note: " + n)
    if errors:
        print(f"\n{len(errors)} error(s):")
        for e in errors:
            print("  " + e)
        return 1
    print("\nOK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
