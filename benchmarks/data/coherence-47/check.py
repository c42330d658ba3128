#!/usr/bin/env python3
"""Format checker for coherence set 47 (standard library only).

Usage: python3 check.py [scripts_dir] [--partial]
Exits 0 when every script file is well formed; --partial skips the whole-set counts.
"""
import json
import os
import re
import sys

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
MANAGER_SCENARIO = "compassionate-performance-conversation"
KINDS = {"skilled", "mediocre", "off-script"}
MOVES = {"impact-evidence", "business-value", "specific-ask", "phased-plan", "success-metrics",
         "explores-constraints", "collaborative-options", "next-steps", "recover-from-no"}
MANAGER_MOVES = {"specific-observation", "invites-perspective", "offers-support"}
TOPICS = {"constraint", "decision", "timing", "help", "feelings", "personal", "choice", "other"}
OFFTOPIC = {"hazard", "joke", "complaint", "apology", "vulnerability", "small-talk", "rude"}
WRITTEN = "2026-12-06"
TOP_KEYS = {"scenario_id", "kind", "written", "register", "lines"}
LINE_KEYS = {"text", "moves", "question", "terms", "offtopic", "preempts"}
NAME_RE = re.compile(r"^([a-z-]+)--(skilled|mediocre|off-script)(-2)?\.json$")


def check_file(path, errors):
    name = os.path.basename(path)
    def err(msg):
        errors.append(f"{name}: {msg}")
    m = NAME_RE.match(name)
    if not m:
        err("bad file name")
        return None
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError) as e:
        err(f"cannot load JSON: {e}")
        return None
    if not isinstance(data, dict) or set(data) != TOP_KEYS:
        err(f"top-level keys must be {sorted(TOP_KEYS)}")
        return None
    sid, kind = data["scenario_id"], data["kind"]
    if sid not in SCENARIOS:
        err(f"unknown scenario_id {sid!r}")
    if sid != m.group(1):
        err("scenario_id does not match file name")
    if kind not in KINDS or kind != m.group(2):
        err("kind missing, invalid or not matching file name")
    if data["written"] != WRITTEN:
        err(f"written must be {WRITTEN}")
    if not isinstance(data["register"], str) or not data["register"].strip():
        err("register must be a non-empty string")
    lines = data["lines"]
    if not isinstance(lines, list) or not 8 <= len(lines) <= 9:
        err("lines must be a list of 8 or 9 lines")
        return None
    hazard_lines = 0
    for i, line in enumerate(lines, 1):
        where = f"line {i}"
        if not isinstance(line, dict) or set(line) != LINE_KEYS:
            err(f"{where}: keys must be {sorted(LINE_KEYS)}")
            continue
        text = line["text"]
        if not isinstance(text, str) or not text.strip():
            err(f"{where}: empty text")
            continue
        if "hazard" in text.lower():
            err(f"{where}: text uses the word 'hazard'")
        moves = line["moves"]
        if not isinstance(moves, list) or len(set(moves)) != len(moves):
            err(f"{where}: moves must be a list without repeats")
        else:
            for mv in moves:
                if mv in MANAGER_MOVES:
                    if sid != MANAGER_SCENARIO:
                        err(f"{where}: manager-move {mv} outside {MANAGER_SCENARIO}")
                elif mv not in MOVES:
                    err(f"{where}: unknown move {mv!r}")
        q = line["question"]
        if q is not None:
            if not isinstance(q, dict) or set(q) != {"topic"} or q["topic"] not in TOPICS:
                err(f"{where}: question must be null or {{'topic': one of {sorted(TOPICS)}}}")
        terms = line["terms"]
        if not isinstance(terms, list):
            err(f"{where}: terms must be a list")
        else:
            if len(set(terms)) != len(terms):
                err(f"{where}: repeated term")
            for t in terms:
                if not isinstance(t, str) or not t or t not in text:
                    err(f"{where}: term {t!r} is not an exact substring of text")
        off = line["offtopic"]
        if off is not None and off not in OFFTOPIC:
            err(f"{where}: bad offtopic {off!r}")
        if off == "hazard":
            hazard_lines += 1
        pre = line["preempts"]
        if pre is not None and (not isinstance(pre, str) or not pre.strip()):
            err(f"{where}: preempts must be null or a non-empty string")
    if hazard_lines not in (0, 2):
        err(f"hazard scripts need exactly 2 hazard lines (first mention and one follow-up), found {hazard_lines}")
    return data


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    partial = "--partial" in sys.argv
    folder = args[0] if args else os.path.join(os.path.dirname(os.path.abspath(__file__)), "scripts")
    files = sorted(f for f in os.listdir(folder) if f.endswith(".json"))
    errors, loaded = [], {}
    for f in files:
        d = check_file(os.path.join(folder, f), errors)
        if d is not None:
            loaded[f] = d
    regs = [d["register"] for d in loaded.values()]
    if len(set(regs)) != len(regs):
        errors.append("registers are not all different")
    if not partial:
        if len(files) != 30:
            errors.append(f"expected 30 scripts, found {len(files)}")
        for s in SCENARIOS:
            for k in KINDS:
                if f"{s}--{k}.json" not in files:
                    errors.append(f"missing {s}--{k}.json")
        extras = [f for f in files if f.endswith("-2.json")]
        if len(extras) != 6:
            errors.append(f"expected 6 extras, found {len(extras)}")
        haz = [f for f, d in loaded.items() if any(l.get("offtopic") == "hazard" for l in d["lines"])]
        if len(haz) != 4:
            errors.append(f"expected 4 scripts with physical safety lines, found {len(haz)}")
    n_lines = sum(len(d["lines"]) for d in loaded.values())
    for e in errors:
        print("ERROR", e)
    print(f"{len(files)} files, {n_lines} lines, {len(errors)} errors")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
