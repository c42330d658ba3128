#!/usr/bin/env python3
"""Format checker for coherence set 52 (standard library only).

Usage: python3 check.py [scripts_dir]
Exits 0 when every script passes, 1 otherwise. Prints a short summary.
"""
import json
import os
import re
import sys
from collections import Counter

SCENARIOS = {
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
MOVES = {"impact-evidence", "business-value", "specific-ask", "phased-plan", "success-metrics",
         "explores-constraints", "collaborative-options", "next-steps", "recover-from-no"}
MANAGER_MOVES = {"specific-observation", "invites-perspective", "offers-support"}
MANAGER_SCENARIO = "compassionate-performance-conversation"
KINDS = {"skilled", "mediocre", "off-script"}
TOPICS = {"constraint", "decision", "timing", "help", "feelings", "personal", "choice", "other"}
OFFTOPIC = {"hazard", "joke", "complaint", "apology", "vulnerability", "small-talk", "rude"}
TOP_KEYS = {"scenario_id", "kind", "written", "register", "lines"}
LINE_KEYS = {"text", "moves", "question", "terms", "offtopic", "preempts"}
WRITTEN = "2026-12-06"
EXPECTED_FILES = 30
EXPECTED_EXTRAS = 6
NAME_RE = re.compile(r"^(?P<sid>[a-z-]+?)--(?P<kind>skilled|mediocre|off-script)(?P<extra>-2)?\.json$")


def check_file(path, errors, stats):
    name = os.path.basename(path)
    def err(msg):
        errors.append(f"{name}: {msg}")
    m = NAME_RE.match(name)
    if not m:
        err("file name is not <scenario_id>--<kind>[-2].json")
        return None
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError) as exc:
        err(f"cannot read JSON: {exc}")
        return None
    if not isinstance(data, dict) or set(data) != TOP_KEYS:
        err(f"top-level keys must be exactly {sorted(TOP_KEYS)}")
        return None
    sid, kind = data["scenario_id"], data["kind"]
    if sid not in SCENARIOS:
        err(f"unknown scenario_id {sid!r}")
        return None
    if sid != m.group("sid"):
        err("scenario_id does not match file name")
    if kind not in KINDS:
        err(f"bad kind {kind!r}")
    if kind != m.group("kind"):
        err("kind does not match file name (the -2 belongs in the file name only)")
    if data["written"] != WRITTEN:
        err(f"written must be {WRITTEN!r}")
    if not isinstance(data["register"], str) or not data["register"].strip():
        err("register must be a non-empty string")
    lines = data["lines"]
    if not isinstance(lines, list) or len(lines) not in (8, 9):
        err("lines must be a list of 8 or 9 lines")
        return None
    allowed = MOVES | (MANAGER_MOVES if sid == MANAGER_SCENARIO else set())
    for i, line in enumerate(lines, 1):
        where = f"line {i}"
        if not isinstance(line, dict) or set(line) != LINE_KEYS:
            err(f"{where}: keys must be exactly {sorted(LINE_KEYS)}")
            continue
        text = line["text"]
        if not isinstance(text, str) or not text.strip():
            err(f"{where}: empty text")
            continue
        if "hazard" in text.lower():
            err(f"{where}: the word 'hazard' must not appear in a line")
        mv = line["moves"]
        if not isinstance(mv, list) or len(set(mv)) != len(mv):
            err(f"{where}: moves must be a list without duplicates")
        else:
            for mid in mv:
                if mid not in allowed:
                    err(f"{where}: move {mid!r} not allowed here")
                elif mid not in SCENARIOS[sid]:
                    stats["off_rubric_moves"].append(f"{name} {where} {mid}")
                stats["moves"][mid] += 1
        q = line["question"]
        if q is not None:
            if not isinstance(q, dict) or set(q) != {"topic"} or q["topic"] not in TOPICS:
                err(f"{where}: question must be null or {{'topic': one of {sorted(TOPICS)}}}")
            else:
                stats["topics"][q["topic"]] += 1
                stats["q_mark" if "?" in text else "q_nomark"] += 1
        t = line["terms"]
        if not isinstance(t, list) or not all(isinstance(x, str) and x for x in t):
            err(f"{where}: terms must be a list of non-empty strings")
        else:
            for term in t:
                if term not in text:
                    err(f"{where}: term {term!r} is not an exact substring of text")
            if len(set(t)) != len(t):
                err(f"{where}: duplicate terms")
            stats["terms"] += len(t)
        o = line["offtopic"]
        if o is not None and o not in OFFTOPIC:
            err(f"{where}: bad offtopic {o!r}")
        if o is not None:
            stats["offtopic"][o] += 1
        p = line["preempts"]
        if p is not None and (not isinstance(p, str) or not p.strip()):
            err(f"{where}: preempts must be null or a non-empty string")
        if p:
            stats["preempts"] += 1
        stats["lines"] += 1
    return sid, kind, bool(m.group("extra")), data["register"], [l.get("text") for l in lines if isinstance(l, dict)]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    folder = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "scripts")
    files = sorted(f for f in os.listdir(folder) if f.endswith(".json"))
    errors = []
    stats = {"moves": Counter(), "topics": Counter(), "offtopic": Counter(), "terms": 0,
             "preempts": 0, "lines": 0, "q_mark": 0, "q_nomark": 0, "off_rubric_moves": []}
    seen = Counter()
    registers = Counter()
    texts = Counter()
    extras = []
    hazard_scripts = Counter()
    for f in files:
        res = check_file(os.path.join(folder, f), errors, stats)
        if res is None:
            continue
        sid, kind, extra, register, lines = res
        registers[register.strip().lower()] += 1
        for t in lines:
            texts[t] += 1
        if extra:
            extras.append(f)
        else:
            seen[(sid, kind)] += 1
        with open(os.path.join(folder, f), encoding="utf-8") as fh:
            for line in json.load(fh)["lines"]:
                if line.get("offtopic") == "hazard":
                    hazard_scripts[f] += 1
    if len(files) != EXPECTED_FILES:
        errors.append(f"expected {EXPECTED_FILES} scripts, found {len(files)}")
    for sid in SCENARIOS:
        for kind in KINDS:
            if seen[(sid, kind)] != 1:
                errors.append(f"missing or duplicate base script {sid}--{kind}.json")
    if len(extras) != EXPECTED_EXTRAS:
        errors.append(f"expected {EXPECTED_EXTRAS} extras, found {len(extras)}")
    for reg, n in registers.items():
        if n > 1:
            errors.append(f"register used {n} times: {reg!r}")
    for t, n in texts.items():
        if n > 1:
            errors.append(f"line text repeated across the set: {t!r}")
    for f, n in hazard_scripts.items():
        if n != 2:
            errors.append(f"{f}: a safety problem should have one opening line and one follow-up (found {n})")
    if len(hazard_scripts) != 3:
        errors.append(f"expected physical safety problems in 3 scripts, found {len(hazard_scripts)}")

    print(f"scripts: {len(files)}  lines: {stats['lines']}  extras: {len(extras)}")
    print("moves:", dict(sorted(stats["moves"].items())))
    print("question topics:", dict(sorted(stats["topics"].items())),
          f"(with '?': {stats['q_mark']}, without: {stats['q_nomark']})")
    print("offtopic:", dict(sorted(stats["offtopic"].items())))
    print(f"terms: {stats['terms']}  preempts: {stats['preempts']}")
    if stats["off_rubric_moves"]:
        print("note: moves outside the scenario's rubric list:", *stats["off_rubric_moves"], sep="\n  ")
    if errors:
        print(f"\n{len(errors)} problem(s):")
        for e in errors:
            print("  " + e)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
