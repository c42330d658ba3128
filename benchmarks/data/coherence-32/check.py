#!/usr/bin/env python3
"""Format checker for coherence set 32 (standard library only).

Usage: python3 check.py [scripts_dir]
Exits 0 when every script passes, 1 otherwise (errors are printed).
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPTS = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "scripts")

RUBRIC = {
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
KINDS = ("skilled", "mediocre", "off-script")
TOPICS = {"constraint", "decision", "timing", "help", "feelings", "personal", "choice", "other"}
OFFTOPIC = {"hazard", "joke", "complaint", "apology", "vulnerability", "small-talk", "rude"}
WRITTEN = "2026-12-06"
TOP_KEYS = {"scenario_id", "kind", "written", "register", "lines"}
LINE_KEYS = {"text", "moves", "question", "terms", "offtopic", "preempts"}
NAME_RE = re.compile(r"^(?P<sid>[a-z-]+?)--(?P<kind>skilled|mediocre|off-script)(?P<extra>-2)?\.json$")

EXPECTED_FILES = 30
EXPECTED_EXTRAS = 6
EXPECTED_HAZARD_SCRIPTS = 5

errors = []


def err(where, msg):
    errors.append(f"{where}: {msg}")


def check_line(fn, i, line, sid):
    w = f"{fn} line {i + 1}"
    if not isinstance(line, dict):
        err(w, "line is not an object")
        return
    keys = set(line)
    if keys != LINE_KEYS:
        err(w, f"keys {sorted(keys)} != {sorted(LINE_KEYS)}")
    text = line.get("text")
    if not isinstance(text, str) or not text.strip():
        err(w, "text must be a non-empty string")
        text = ""
    if "hazard" in text.lower():
        err(w, "text uses the word 'hazard'")
    moves = line.get("moves")
    if not isinstance(moves, list) or not all(isinstance(m, str) for m in moves):
        err(w, "moves must be a list of strings")
    else:
        if len(set(moves)) != len(moves):
            err(w, "duplicate moves")
        for m in moves:
            if m not in RUBRIC[sid]:
                err(w, f"move {m!r} not in the rubric of {sid}")
            if m in MANAGER_MOVES and sid != "compassionate-performance-conversation":
                err(w, f"manager-move {m!r} outside compassionate-performance-conversation")
    q = line.get("question")
    if q is not None:
        if not isinstance(q, dict) or set(q) != {"topic"}:
            err(w, "question must be null or {'topic': ...}")
        elif q["topic"] not in TOPICS:
            err(w, f"unknown question topic {q['topic']!r}")
    terms = line.get("terms")
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
    off = line.get("offtopic")
    if off is not None and off not in OFFTOPIC:
        err(w, f"unknown offtopic {off!r}")
    pre = line.get("preempts")
    if pre is not None and (not isinstance(pre, str) or not pre.strip()):
        err(w, "preempts must be null or a non-empty string")


def main():
    if not os.path.isdir(SCRIPTS):
        print(f"no scripts directory: {SCRIPTS}")
        return 1
    files = sorted(f for f in os.listdir(SCRIPTS) if f.endswith(".json"))
    registers = {}
    seen = set()
    extras = 0
    hazard_scripts = 0
    for fn in files:
        m = NAME_RE.match(fn)
        if not m:
            err(fn, "file name is not <scenario_id>--<kind>[-2].json")
            continue
        sid, kind, extra = m.group("sid"), m.group("kind"), m.group("extra")
        if sid not in RUBRIC:
            err(fn, f"unknown scenario {sid!r}")
            continue
        try:
            with open(os.path.join(SCRIPTS, fn), encoding="utf-8") as fh:
                data = json.load(fh)
        except Exception as e:  # noqa: BLE001
            err(fn, f"invalid JSON: {e}")
            continue
        if not isinstance(data, dict) or set(data) != TOP_KEYS:
            err(fn, f"top-level keys must be {sorted(TOP_KEYS)}")
            continue
        if data["scenario_id"] != sid:
            err(fn, "scenario_id does not match the file name")
        if data["kind"] not in KINDS:
            err(fn, f"kind {data['kind']!r} not one of {KINDS}")
        elif data["kind"] != kind:
            err(fn, "kind does not match the file name")
        if data["written"] != WRITTEN:
            err(fn, f"written must be {WRITTEN!r}")
        reg = data["register"]
        if not isinstance(reg, str) or not reg.strip():
            err(fn, "register must be a non-empty string")
        else:
            key = reg.strip().lower()
            if key in registers:
                err(fn, f"register duplicates {registers[key]}")
            registers[key] = fn
        lines = data["lines"]
        if not isinstance(lines, list) or len(lines) not in (8, 9):
            err(fn, "lines must be a list of 8 or 9 lines")
            continue
        texts = [ln.get("text") for ln in lines if isinstance(ln, dict)]
        if len(set(texts)) != len(texts):
            err(fn, "duplicate line texts")
        for i, line in enumerate(lines):
            check_line(fn, i, line, sid)
        haz = [i for i, ln in enumerate(lines) if isinstance(ln, dict) and ln.get("offtopic") == "hazard"]
        if haz:
            hazard_scripts += 1
            if len(haz) != 2:
                err(fn, f"a safety script needs the problem line plus exactly one follow-up ({len(haz)} hazard lines)")
        if extra:
            extras += 1
        seen.add((sid, kind, bool(extra)))
    for sid in RUBRIC:
        for kind in KINDS:
            if (sid, kind, False) not in seen:
                err("set", f"missing {sid}--{kind}.json")
            if (sid, kind, True) in seen and (sid, kind, False) not in seen:
                err("set", f"extra {sid}--{kind}-2.json without its base script")
    if len(files) != EXPECTED_FILES:
        err("set", f"{len(files)} scripts, expected {EXPECTED_FILES}")
    if extras != EXPECTED_EXTRAS:
        err("set", f"{extras} extras, expected {EXPECTED_EXTRAS}")
    if hazard_scripts != EXPECTED_HAZARD_SCRIPTS:
        err("set", f"{hazard_scripts} scripts with safety problems, expected {EXPECTED_HAZARD_SCRIPTS}")
    if not os.path.isfile(os.path.join(os.path.dirname(os.path.abspath(SCRIPTS)), "README.md")):
        err("set", "README.md missing next to scripts/")
    for e in errors:
        print(e)
    print(f"{len(files)} scripts checked, {len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
