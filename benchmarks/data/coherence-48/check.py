#!/usr/bin/env python3
"""Format checker for coherence set 48 (standard library only).

Usage: python3 check.py [scripts_dir]   (default: scripts/ next to this file)
Exits 0 when every file follows coh-FORMAT.md and the set-48 brief, 1 otherwise.
"""
import json
import os
import re
import sys
from collections import Counter, defaultdict

WRITTEN = "2026-12-06"
SCENARIOS = {
    "compassionate-performance-conversation": ["specific-observation", "invites-perspective", "offers-support",
                                               "success-metrics", "collaborative-options", "next-steps",
                                               "explores-constraints", "phased-plan"],
    "flexible-work-trial": ["specific-ask", "phased-plan", "success-metrics", "business-value",
                            "explores-constraints", "collaborative-options", "next-steps"],
    "hand-off-responsibility": ["specific-ask", "phased-plan", "business-value", "explores-constraints",
                                "collaborative-options", "success-metrics", "next-steps"],
    "lateral-move": ["business-value", "phased-plan", "specific-ask", "collaborative-options",
                     "explores-constraints", "next-steps", "impact-evidence"],
    "promotion-after-win": ["impact-evidence", "business-value", "specific-ask", "phased-plan",
                            "explores-constraints", "next-steps", "success-metrics"],
    "promotion-follow-up": ["recover-from-no", "phased-plan", "success-metrics", "next-steps",
                            "explores-constraints", "specific-ask", "impact-evidence"],
    "raise-during-budget-freeze": ["explores-constraints", "impact-evidence", "collaborative-options",
                                   "specific-ask", "business-value", "next-steps", "phased-plan",
                                   "success-metrics"],
    "workload-boundary": ["specific-ask", "collaborative-options", "impact-evidence", "explores-constraints",
                          "business-value", "next-steps", "phased-plan", "success-metrics"],
}
MANAGER_SCENARIO = "compassionate-performance-conversation"
MOVES = {"impact-evidence", "business-value", "specific-ask", "phased-plan", "success-metrics",
         "explores-constraints", "collaborative-options", "next-steps", "recover-from-no"}
MANAGER_MOVES = {"specific-observation", "invites-perspective", "offers-support"}
FLAGS = {"hedging", "aggression"}
KINDS = {"skilled", "mediocre", "off-script"}
TOPICS = {"constraint", "decision", "timing", "help", "feelings", "personal", "choice", "other"}
OFFTOPIC = {"hazard", "joke", "complaint", "apology", "vulnerability", "small-talk", "rude"}
TOP_KEYS = {"scenario_id", "kind", "written", "register", "lines"}
LINE_KEYS = {"text", "moves", "question", "terms", "offtopic", "preempts"}
NAME_RE = re.compile(r"^(?P<sid>[a-z-]+?)--(?P<kind>skilled|mediocre|off-script)(?P<extra>-2)?\.json$")


def check_file(path, errors, warnings):
    name = os.path.basename(path)
    where = name

    def err(msg):
        errors.append(f"{where}: {msg}")

    m = NAME_RE.match(name)
    if not m:
        err("file name is not <scenario_id>--<kind>[-2].json")
        return None
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError) as exc:
        err(f"not readable JSON: {exc}")
        return None
    if not isinstance(data, dict):
        err("top level is not an object")
        return None
    if set(data) != TOP_KEYS:
        err(f"top-level keys {sorted(data)} != {sorted(TOP_KEYS)}")
    sid, kind = data.get("scenario_id"), data.get("kind")
    if sid not in SCENARIOS:
        err(f"unknown scenario_id {sid!r}")
    if sid != m.group("sid"):
        err(f"scenario_id {sid!r} does not match file name")
    if kind not in KINDS:
        err(f"bad kind {kind!r} (the -2 belongs in the file name only)")
    if kind != m.group("kind"):
        err(f"kind {kind!r} does not match file name")
    if data.get("written") != WRITTEN:
        err(f"written must be {WRITTEN!r}")
    reg = data.get("register")
    if not isinstance(reg, str) or not reg.strip():
        err("register must be a non-empty string")
    lines = data.get("lines")
    if not isinstance(lines, list) or not 8 <= len(lines) <= 9:
        err("lines must be a list of 8 or 9 lines")
        lines = lines if isinstance(lines, list) else []
    allowed = MOVES | (MANAGER_MOVES if sid == MANAGER_SCENARIO else set())
    texts = []
    for i, ln in enumerate(lines, 1):
        where = f"{name} line {i}"
        if not isinstance(ln, dict):
            err("line is not an object")
            continue
        if set(ln) != LINE_KEYS:
            err(f"line keys {sorted(ln)} != {sorted(LINE_KEYS)}")
        text = ln.get("text")
        if not isinstance(text, str) or not text.strip():
            err("text must be a non-empty string")
            text = ""
        if text != text.strip():
            err("text has leading/trailing whitespace")
        if "hazard" in text.lower():
            err("text uses the word 'hazard'")
        texts.append(text)
        moves = ln.get("moves")
        if not isinstance(moves, list) or not all(isinstance(x, str) for x in moves):
            err("moves must be a list of strings")
            moves = []
        if len(set(moves)) != len(moves):
            err("duplicate move")
        for mv in moves:
            if mv in FLAGS:
                err(f"flag {mv!r} must not be annotated")
            elif mv not in allowed:
                err(f"move {mv!r} not allowed in {sid}")
            elif sid in SCENARIOS and mv not in SCENARIOS[sid]:
                warnings.append(f"{where}: move {mv!r} is outside the {sid} rubric")
        q = ln.get("question")
        if q is not None:
            if not isinstance(q, dict) or set(q) != {"topic"} or q.get("topic") not in TOPICS:
                err(f"question must be null or {{'topic': one of {sorted(TOPICS)}}}")
        terms = ln.get("terms")
        if not isinstance(terms, list) or not all(isinstance(x, str) and x for x in terms):
            err("terms must be a list of non-empty strings")
            terms = []
        if len(set(terms)) != len(terms):
            err("duplicate term")
        for t in terms:
            if t not in text:
                err(f"term {t!r} is not an exact substring of text")
        off = ln.get("offtopic")
        if off is not None and off not in OFFTOPIC:
            err(f"bad offtopic {off!r}")
        pre = ln.get("preempts")
        if pre is not None and (not isinstance(pre, str) or not pre.strip()):
            err("preempts must be null or a non-empty string")
    where = name
    if len(set(texts)) != len(texts):
        err("repeated line text inside the script")
    return data


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    sdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "scripts")
    files = sorted(f for f in os.listdir(sdir) if f.endswith(".json"))
    errors, warnings = [], []
    loaded = {}
    for f in files:
        d = check_file(os.path.join(sdir, f), errors, warnings)
        if d is not None:
            loaded[f] = d

    # set-level rules
    if len(files) != 30:
        errors.append(f"set: {len(files)} scripts, expected 30")
    per = defaultdict(Counter)
    extras = []
    for f, d in loaded.items():
        per[d.get("scenario_id")][d.get("kind")] += 1
        if f.endswith("-2.json"):
            extras.append(f)
    for sid in SCENARIOS:
        for k in KINDS:
            if per[sid][k] < 1:
                errors.append(f"set: {sid} has no {k} script")
    if len(extras) != 6:
        errors.append(f"set: {len(extras)} extras, expected 6")
    regs = Counter(d.get("register") for d in loaded.values())
    for r, n in regs.items():
        if n > 1:
            errors.append(f"set: register used {n} times: {r!r}")
    all_texts = Counter(ln.get("text") for d in loaded.values() for ln in d.get("lines", []) if isinstance(ln, dict))
    for t, n in all_texts.items():
        if n > 1:
            errors.append(f"set: line repeated across scripts: {t!r}")
    hazard_scripts = {f: sum(1 for ln in d["lines"] if ln.get("offtopic") == "hazard") for f, d in loaded.items()}
    hazard_scripts = {f: n for f, n in hazard_scripts.items() if n}
    if len(hazard_scripts) != 3:
        errors.append(f"set: {len(hazard_scripts)} scripts with physical-safety lines, expected 3")
    for f, n in hazard_scripts.items():
        if n < 2:
            errors.append(f"set: {f} has a safety line but no later follow-up")

    # summary
    n_lines = sum(len(d["lines"]) for d in loaded.values())
    mv = Counter(m for d in loaded.values() for ln in d["lines"] for m in ln.get("moves", []))
    qt = Counter(ln["question"]["topic"] for d in loaded.values() for ln in d["lines"] if ln.get("question"))
    ot = Counter(ln["offtopic"] for d in loaded.values() for ln in d["lines"] if ln.get("offtopic"))
    n_pre = sum(1 for d in loaded.values() for ln in d["lines"] if ln.get("preempts"))
    n_terms = sum(len(ln.get("terms", [])) for d in loaded.values() for ln in d["lines"])
    print(f"scripts: {len(loaded)}  lines: {n_lines}  terms: {n_terms}  preempts: {n_pre}")
    for sid in SCENARIOS:
        print(f"  {sid}: " + ", ".join(f"{k} {per[sid][k]}" for k in sorted(KINDS)))
    print("moves: " + ", ".join(f"{k} {v}" for k, v in sorted(mv.items())))
    print(f"questions: {sum(qt.values())}  " + ", ".join(f"{k} {v}" for k, v in sorted(qt.items())))
    print(f"offtopic: {sum(ot.values())}  " + ", ".join(f"{k} {v}" for k, v in sorted(ot.items())))
    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("ERROR:", e)
    if errors:
        print(f"FAILED: {len(errors)} error(s)")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
