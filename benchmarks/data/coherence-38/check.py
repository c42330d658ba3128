#!/usr/bin/env python3
"""Format checker for coherence set 38 (standard library only).

Usage: python3 check.py [scripts_dir]
Exits 0 when every script file passes, 1 otherwise.
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPTS = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "scripts")

WRITTEN = "2026-12-06"
KINDS = ("skilled", "mediocre", "off-script")
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
MANAGER_MOVES = {"specific-observation", "invites-perspective", "offers-support"}
FLAGS = {"hedging", "aggression"}
TOPICS = {"constraint", "decision", "timing", "help", "feelings", "personal", "choice", "other"}
OFFTOPIC = {"hazard", "joke", "complaint", "apology", "vulnerability", "small-talk", "rude"}
LINE_KEYS = {"text", "moves", "question", "terms", "offtopic", "preempts"}
TOP_KEYS = {"scenario_id", "kind", "written", "register", "lines"}
NAME_RE = re.compile(r"^(?P<sid>[a-z-]+?)--(?P<kind>skilled|mediocre|off-script)(?P<extra>-2)?\.json$")

errors = []


def err(where, msg):
    errors.append(f"{where}: {msg}")


def check_file(path, fname):
    m = NAME_RE.match(fname)
    if not m:
        err(fname, "file name is not <scenario_id>--<kind>[-2].json")
        return None
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError) as exc:
        err(fname, f"cannot read JSON: {exc}")
        return None
    if not isinstance(data, dict) or set(data) != TOP_KEYS:
        err(fname, f"top-level keys must be exactly {sorted(TOP_KEYS)}")
        return None
    sid, kind = data["scenario_id"], data["kind"]
    if sid not in RUBRICS:
        err(fname, f"unknown scenario_id {sid!r}")
        return None
    if sid != m.group("sid"):
        err(fname, "scenario_id does not match file name")
    if kind not in KINDS or kind != m.group("kind"):
        err(fname, f"kind {kind!r} invalid or not matching file name")
    if data["written"] != WRITTEN:
        err(fname, f"written must be {WRITTEN!r}")
    if not isinstance(data["register"], str) or not data["register"].strip():
        err(fname, "register must be a non-empty string")
    lines = data["lines"]
    if not isinstance(lines, list) or len(lines) not in (8, 9):
        err(fname, "lines must be a list of 8 or 9 lines")
        return data
    allowed = set(RUBRICS[sid])
    for i, ln in enumerate(lines, 1):
        w = f"{fname} line {i}"
        if not isinstance(ln, dict) or set(ln) != LINE_KEYS:
            err(w, f"keys must be exactly {sorted(LINE_KEYS)}")
            continue
        text = ln["text"]
        if not isinstance(text, str) or not text.strip():
            err(w, "text must be a non-empty string")
            continue
        if "hazard" in text.lower():
            err(w, "the word 'hazard' must never appear in a line")
        mv = ln["moves"]
        if not isinstance(mv, list) or not all(isinstance(x, str) for x in mv):
            err(w, "moves must be a list of strings")
        else:
            if len(set(mv)) != len(mv):
                err(w, "duplicate move")
            for x in mv:
                if x in FLAGS:
                    err(w, f"flag {x!r} must not be annotated")
                elif x in MANAGER_MOVES and sid != "compassionate-performance-conversation":
                    err(w, f"manager-move {x!r} outside the manager scenario")
                elif x not in allowed:
                    err(w, f"move {x!r} is not in the {sid} rubric")
        q = ln["question"]
        if q is not None:
            if not isinstance(q, dict) or set(q) != {"topic"} or q["topic"] not in TOPICS:
                err(w, f"question must be null or {{'topic': one of {sorted(TOPICS)}}}")
        terms = ln["terms"]
        if not isinstance(terms, list) or not all(isinstance(t, str) and t for t in terms):
            err(w, "terms must be a list of non-empty strings")
        else:
            if len(set(terms)) != len(terms):
                err(w, "duplicate term")
            for t in terms:
                if t not in text:
                    err(w, f"term {t!r} is not an exact substring of text")
        off = ln["offtopic"]
        if off is not None and off not in OFFTOPIC:
            err(w, f"offtopic {off!r} invalid")
        pre = ln["preempts"]
        if pre is not None and (not isinstance(pre, str) or not pre.strip()):
            err(w, "preempts must be null or a non-empty string")
    return data


def main():
    if not os.path.isdir(SCRIPTS):
        print(f"no scripts folder at {SCRIPTS}")
        return 1
    files = sorted(f for f in os.listdir(SCRIPTS) if f.endswith(".json"))
    scripts = {}
    for fname in files:
        data = check_file(os.path.join(SCRIPTS, fname), fname)
        if data is not None:
            scripts[fname] = data

    # set-level checks
    if len(files) != 30:
        err("set", f"expected 30 scripts, found {len(files)}")
    extras = [f for f in files if f.endswith("-2.json")]
    if len(extras) != 6:
        err("set", f"expected 6 extras, found {len(extras)}")
    for sid in RUBRICS:
        for kind in KINDS:
            if f"{sid}--{kind}.json" not in files:
                err("set", f"missing {sid}--{kind}.json")
    regs = [d["register"].strip().lower() for d in scripts.values() if isinstance(d.get("register"), str)]
    dupes = sorted({r for r in regs if regs.count(r) > 1})
    if dupes:
        err("set", f"registers used more than once: {dupes}")

    def lines_of(d):
        return [l for l in d.get("lines", []) if isinstance(l, dict)]

    hazard_scripts = [f for f, d in scripts.items() if any(l.get("offtopic") == "hazard" for l in lines_of(d))]
    if len(hazard_scripts) != 5:
        err("set", f"expected physical-safety lines in 5 scripts, found {len(hazard_scripts)}")
    for f in hazard_scripts:
        n = sum(1 for l in lines_of(scripts[f]) if l.get("offtopic") == "hazard")
        if n < 2 or n > 3:
            err(f, f"a safety problem needs 1-2 follow-up lines (found {n} hazard lines)")
    vuln = [f for f, d in scripts.items() if any(l.get("offtopic") == "vulnerability" for l in lines_of(d))]
    if len(vuln) < 8:
        err("set", f"first-person strain in at least 8 scripts needed, found {len(vuln)}")
    apol = [f for f, d in scripts.items()
            if any(l.get("offtopic") == "apology" and "sorry" not in l.get("text", "").lower()
                   for l in lines_of(d))]
    if len(apol) < 4:
        err("set", f"apologies without 'sorry' in at least 4 scripts needed, found {len(apol)}")

    for e in errors:
        print(e)
    n_lines = sum(len(lines_of(d)) for d in scripts.values())
    print(f"{len(files)} scripts, {n_lines} lines, {len(errors)} problems")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
