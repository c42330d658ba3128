#!/usr/bin/env python3
"""Format checker for coherence set 51 (standard library only).

Usage: python3 check.py [scripts_dir]
Exits 0 when every script is well formed and the set-level counts hold; 1 otherwise.
Warnings (moves outside a scenario's rubric) are printed but do not fail the check.
"""
import collections
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPTS = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "scripts")

WRITTEN = "2026-12-06"
KINDS = ("skilled", "mediocre", "off-script")
TOPICS = {"constraint", "decision", "timing", "help", "feelings", "personal", "choice", "other"}
OFFTOPIC = {"hazard", "joke", "complaint", "apology", "vulnerability", "small-talk", "rude"}
MOVES = {"impact-evidence", "business-value", "specific-ask", "phased-plan", "success-metrics",
         "explores-constraints", "collaborative-options", "next-steps", "recover-from-no"}
MANAGER_MOVES = {"specific-observation", "invites-perspective", "offers-support"}
MANAGER_SCENARIO = "compassionate-performance-conversation"
RUBRIC = {
    "compassionate-performance-conversation": {"specific-observation", "invites-perspective",
        "offers-support", "success-metrics", "collaborative-options", "next-steps",
        "explores-constraints", "phased-plan"},
    "flexible-work-trial": {"specific-ask", "phased-plan", "success-metrics", "business-value",
        "explores-constraints", "collaborative-options", "next-steps"},
    "hand-off-responsibility": {"specific-ask", "phased-plan", "business-value",
        "explores-constraints", "collaborative-options", "success-metrics", "next-steps"},
    "lateral-move": {"business-value", "phased-plan", "specific-ask", "collaborative-options",
        "explores-constraints", "next-steps", "impact-evidence"},
    "promotion-after-win": {"impact-evidence", "business-value", "specific-ask", "phased-plan",
        "explores-constraints", "next-steps", "success-metrics"},
    "promotion-follow-up": {"recover-from-no", "phased-plan", "success-metrics", "next-steps",
        "explores-constraints", "specific-ask", "impact-evidence"},
    "raise-during-budget-freeze": {"explores-constraints", "impact-evidence",
        "collaborative-options", "specific-ask", "business-value", "next-steps", "phased-plan",
        "success-metrics"},
    "workload-boundary": {"specific-ask", "collaborative-options", "impact-evidence",
        "explores-constraints", "business-value", "next-steps", "phased-plan", "success-metrics"},
}
FIELDS = ["text", "moves", "question", "terms", "offtopic", "preempts"]
TOP = ["scenario_id", "kind", "written", "register", "lines"]
NAME_RE = re.compile(r"^([a-z-]+)--(skilled|mediocre|off-script)(-2)?\.json$")

errors, warnings = [], []


def err(f, msg):
    errors.append(f"{f}: {msg}")


def check_file(path):
    f = os.path.basename(path)
    m = NAME_RE.match(f)
    if not m:
        err(f, "bad file name")
        return None
    try:
        with open(path, encoding="utf-8") as fh:
            d = json.load(fh)
    except Exception as e:  # noqa: BLE001
        err(f, f"invalid JSON: {e}")
        return None
    if not isinstance(d, dict) or sorted(d) != sorted(TOP):
        err(f, f"top-level keys must be exactly {TOP}")
        return None
    sid, kind = d["scenario_id"], d["kind"]
    if sid not in RUBRIC:
        err(f, f"unknown scenario_id {sid!r}")
    if sid != m.group(1):
        err(f, "scenario_id does not match file name")
    if kind not in KINDS or kind != m.group(2):
        err(f, "kind missing, invalid or not matching file name (no -2 in kind)")
    if d["written"] != WRITTEN:
        err(f, f"written must be {WRITTEN}")
    if not isinstance(d["register"], str) or not d["register"].strip():
        err(f, "register must be a non-empty string")
    lines = d["lines"]
    if not isinstance(lines, list) or not 8 <= len(lines) <= 9:
        err(f, "must have 8 or 9 lines")
        lines = lines if isinstance(lines, list) else []
    stats = collections.Counter()
    for i, ln in enumerate(lines, 1):
        w = f"line {i}"
        if not isinstance(ln, dict) or sorted(ln) != sorted(FIELDS):
            err(f, f"{w}: fields must be exactly {FIELDS}")
            continue
        t = ln["text"]
        if not isinstance(t, str) or not t.strip():
            err(f, f"{w}: empty text")
            continue
        if "hazard" in t.lower():
            err(f, f"{w}: text uses the word 'hazard'")
        mv = ln["moves"]
        if not isinstance(mv, list) or len(set(mv)) != len(mv):
            err(f, f"{w}: moves must be a list without repeats")
            mv = []
        for x in mv:
            if x in MANAGER_MOVES:
                if sid != MANAGER_SCENARIO:
                    err(f, f"{w}: manager-move {x} outside {MANAGER_SCENARIO}")
            elif x not in MOVES:
                err(f, f"{w}: unknown move {x!r}")
            if sid in RUBRIC and x not in RUBRIC[sid]:
                warnings.append(f"{f}: {w}: move {x} is not in this scenario's rubric")
            stats["move:" + x] += 1
        q = ln["question"]
        if q is not None:
            if not isinstance(q, dict) or list(q) != ["topic"] or q["topic"] not in TOPICS:
                err(f, f"{w}: question must be null or {{'topic': <one of {sorted(TOPICS)}>}}")
            else:
                stats["q:" + q["topic"]] += 1
                stats["q:with?" if "?" in t else "q:without?"] += 1
        terms = ln["terms"]
        if not isinstance(terms, list):
            err(f, f"{w}: terms must be a list")
            terms = []
        for term in terms:
            if not isinstance(term, str) or not term or term not in t:
                err(f, f"{w}: term {term!r} is not an exact substring of text")
        if len(set(terms)) != len(terms):
            err(f, f"{w}: repeated term")
        o = ln["offtopic"]
        if o is not None and o not in OFFTOPIC:
            err(f, f"{w}: bad offtopic {o!r}")
        if o:
            stats["off:" + o] += 1
        p = ln["preempts"]
        if p is not None and (not isinstance(p, str) or not p.strip()):
            err(f, f"{w}: preempts must be null or a non-empty string")
        if p:
            stats["preempts"] += 1
    return d, m.group(3) is not None, stats


def main():
    if not os.path.isdir(SCRIPTS):
        print(f"no scripts dir {SCRIPTS}")
        return 1
    files = sorted(x for x in os.listdir(SCRIPTS) if x.endswith(".json"))
    per = collections.Counter()
    extras = collections.Counter()
    registers = collections.Counter()
    total = collections.Counter()
    hazard_files = []
    nlines = 0
    for f in files:
        r = check_file(os.path.join(SCRIPTS, f))
        if r is None:
            continue
        d, extra, stats = r
        per[(d["scenario_id"], d["kind"])] += 1
        if extra:
            extras[d["kind"]] += 1
        registers[d["register"]] += 1
        total.update(stats)
        nlines += len(d["lines"])
        if stats["off:hazard"]:
            hazard_files.append((f, stats["off:hazard"]))
    # set-level checks
    if len(files) != 30:
        err("set", f"expected 30 scripts, found {len(files)}")
    for sid in RUBRIC:
        for k in KINDS:
            if per[(sid, k)] < 1:
                err("set", f"missing {sid} {k}")
    if sum(extras.values()) != 6:
        err("set", f"expected 6 extras, found {sum(extras.values())}")
    dup = [r for r, c in registers.items() if c > 1]
    if dup:
        err("set", f"registers used more than once: {dup}")
    if len(hazard_files) != 3:
        err("set", f"expected physical-safety lines in exactly 3 scripts, found {hazard_files}")
    for f, c in hazard_files:
        if c < 2:
            err("set", f"{f}: safety problem needs a later follow-up line")

    print(f"scripts: {len(files)}  lines: {nlines}")
    for sid in RUBRIC:
        print(f"  {sid}: " + ", ".join(f"{k} {per[(sid, k)]}" for k in KINDS))
    print("extras by kind:", dict(extras))
    for prefix, label in (("move:", "moves"), ("q:", "questions"), ("off:", "offtopic")):
        items = {k[len(prefix):]: v for k, v in sorted(total.items()) if k.startswith(prefix)}
        print(f"{label}: {items}")
    print("preempts:", total["preempts"])
    for w in warnings:
        print("WARNING", w)
    for e in errors:
        print("ERROR", e)
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
