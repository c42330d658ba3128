#!/usr/bin/env python3
"""Format checker for coherence set 56 (standard library only).

Usage: python3 check.py [scripts_dir]
Exits 0 when every script and the set as a whole pass, 1 otherwise.
"""
import json
import os
import re
import sys
from collections import Counter, defaultdict

WRITTEN = "2026-12-06"

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
MOVES = {"impact-evidence", "business-value", "specific-ask", "phased-plan", "success-metrics",
         "explores-constraints", "collaborative-options", "next-steps", "recover-from-no"}
MANAGER_MOVES = {"specific-observation", "invites-perspective", "offers-support"}
MANAGER_SCENARIO = "compassionate-performance-conversation"
KINDS = ("skilled", "mediocre", "off-script")
TOPICS = {"constraint", "decision", "timing", "help", "feelings", "personal", "choice", "other"}
OFFTOPIC = {"hazard", "joke", "complaint", "apology", "vulnerability", "small-talk", "rude"}
TOP_KEYS = {"scenario_id", "kind", "written", "register", "lines"}
LINE_KEYS = {"text", "moves", "question", "terms", "offtopic", "preempts"}
NAME_RE = re.compile(r"^(?P<scenario>[a-z-]+?)--(?P<kind>skilled|mediocre|off-script)(?P<extra>-2)?\.json$")

EXPECTED_FILES = 30
EXPECTED_EXTRAS = 6
EXPECTED_HAZARD_SCRIPTS = 3


def check_script(path, errors, warnings):
    name = os.path.basename(path)

    def err(msg):
        errors.append(f"{name}: {msg}")

    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError) as exc:
        err(f"cannot read JSON: {exc}")
        return None
    if not isinstance(data, dict):
        err("top level is not an object")
        return None
    keys = set(data)
    if keys != TOP_KEYS:
        err(f"top-level keys {sorted(keys)} != {sorted(TOP_KEYS)}")
    m = NAME_RE.match(name)
    if not m:
        err("file name is not <scenario_id>--<kind>[-2].json")
        return None
    scenario, kind, extra = m.group("scenario"), m.group("kind"), bool(m.group("extra"))
    if data.get("scenario_id") != scenario:
        err(f"scenario_id {data.get('scenario_id')!r} does not match file name")
    if scenario not in RUBRICS:
        err(f"unknown scenario {scenario!r}")
    if data.get("kind") != kind:
        err(f"kind {data.get('kind')!r} does not match file name (kind never carries -2)")
    if data.get("kind") not in KINDS:
        err(f"bad kind {data.get('kind')!r}")
    if data.get("written") != WRITTEN:
        err(f"written {data.get('written')!r} != {WRITTEN!r}")
    register = data.get("register")
    if not isinstance(register, str) or not register.strip():
        err("register missing or empty")
    lines = data.get("lines")
    if not isinstance(lines, list):
        err("lines is not a list")
        return None
    if not 8 <= len(lines) <= 9:
        err(f"{len(lines)} lines (want 8 or 9)")
    hazard_lines = 0
    for i, line in enumerate(lines, 1):
        where = f"line {i}"
        if not isinstance(line, dict):
            err(f"{where}: not an object")
            continue
        if set(line) != LINE_KEYS:
            err(f"{where}: keys {sorted(line)} != {sorted(LINE_KEYS)}")
        text = line.get("text")
        if not isinstance(text, str) or not text.strip():
            err(f"{where}: empty text")
            text = ""
        if "hazard" in text.lower():
            err(f"{where}: text uses the word 'hazard'")
        moves = line.get("moves")
        if not isinstance(moves, list):
            err(f"{where}: moves is not a list")
            moves = []
        if len(set(moves)) != len(moves):
            err(f"{where}: duplicate moves")
        for mv in moves:
            if mv in MANAGER_MOVES:
                if scenario != MANAGER_SCENARIO:
                    err(f"{where}: manager-move {mv!r} outside {MANAGER_SCENARIO}")
            elif mv not in MOVES:
                err(f"{where}: unknown move {mv!r}")
            elif scenario in RUBRICS and mv not in RUBRICS[scenario]:
                warnings.append(f"{name}: {where}: move {mv!r} is not in this scenario's rubric")
        q = line.get("question")
        if q is not None:
            if not isinstance(q, dict) or set(q) != {"topic"} or q.get("topic") not in TOPICS:
                err(f"{where}: bad question {q!r}")
        terms = line.get("terms")
        if not isinstance(terms, list):
            err(f"{where}: terms is not a list")
            terms = []
        if len(set(terms)) != len(terms):
            err(f"{where}: duplicate terms")
        for t in terms:
            if not isinstance(t, str) or not t.strip():
                err(f"{where}: empty or non-string term {t!r}")
            elif t not in text:
                err(f"{where}: term {t!r} is not an exact substring of the text")
        off = line.get("offtopic")
        if off is not None and off not in OFFTOPIC:
            err(f"{where}: bad offtopic {off!r}")
        if off == "hazard":
            hazard_lines += 1
        pre = line.get("preempts")
        if pre is not None and (not isinstance(pre, str) or not pre.strip()):
            err(f"{where}: preempts must be null or a short phrase")
    if hazard_lines and hazard_lines != 2:
        err(f"{hazard_lines} hazard lines (a safety problem plus exactly one follow-up expected)")
    return {"scenario": scenario, "kind": kind, "extra": extra, "register": register,
            "hazard": hazard_lines > 0, "lines": lines}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    folder = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "scripts")
    errors, warnings = [], []
    files = sorted(f for f in os.listdir(folder) if f.endswith(".json"))
    infos = [i for i in (check_script(os.path.join(folder, f), errors, warnings) for f in files) if i]

    if len(files) != EXPECTED_FILES:
        errors.append(f"set: {len(files)} scripts (want {EXPECTED_FILES})")
    have = defaultdict(set)
    for i in infos:
        if not i["extra"]:
            have[i["scenario"]].add(i["kind"])
    for sc in RUBRICS:
        missing = set(KINDS) - have[sc]
        if missing:
            errors.append(f"set: {sc} lacks {sorted(missing)}")
    extras = [i for i in infos if i["extra"]]
    if len(extras) != EXPECTED_EXTRAS:
        errors.append(f"set: {len(extras)} extras (want {EXPECTED_EXTRAS})")
    regs = Counter(i["register"] for i in infos)
    for r, n in regs.items():
        if n > 1:
            errors.append(f"set: register used {n} times: {r!r}")
    nhaz = sum(i["hazard"] for i in infos)
    if nhaz != EXPECTED_HAZARD_SCRIPTS:
        errors.append(f"set: {nhaz} scripts with safety problems (want {EXPECTED_HAZARD_SCRIPTS})")

    # summary
    kinds = Counter(i["kind"] for i in infos)
    moves = Counter(m for i in infos for ln in i["lines"] for m in ln.get("moves", []))
    topics = Counter((ln.get("question") or {}).get("topic") for i in infos for ln in i["lines"]
                     if ln.get("question"))
    offs = Counter(ln.get("offtopic") for i in infos for ln in i["lines"] if ln.get("offtopic"))
    nlines = sum(len(i["lines"]) for i in infos)
    print(f"scripts: {len(infos)}  lines: {nlines}  kinds: {dict(kinds)}")
    print(f"moves: {dict(sorted(moves.items()))}")
    print(f"question topics: {dict(sorted(topics.items()))}")
    print(f"offtopic: {dict(sorted(offs.items()))}")
    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("ERROR:", e)
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
