#!/usr/bin/env python3
"""Format checker for coherence set 24 (standard library only).

Usage: python3 check.py [scripts_dir] [--partial]
Default scripts_dir is scripts/ next to this file. With --partial the set-level
counts (30 files, every scenario/kind present, 5 safety scripts) are skipped.
Exits 0 when every check passes, 1 otherwise.
"""
import json
import os
import re
import sys

WRITTEN = "2026-12-06"
KINDS = ("skilled", "mediocre", "off-script")
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
TOPICS = {"constraint", "decision", "timing", "help", "feelings", "personal", "choice", "other"}
OFFTOPIC = {"hazard", "joke", "complaint", "apology", "vulnerability", "small-talk", "rude"}
TOP_KEYS = {"scenario_id", "kind", "written", "register", "lines"}
LINE_KEYS = {"text", "moves", "question", "terms", "offtopic", "preempts"}
NAME_RE = re.compile(r"^([a-z-]+)--(skilled|mediocre|off-script)(-2)?\.json$")


def check_file(path, errors):
    name = os.path.basename(path)
    where = name
    m = NAME_RE.match(name)
    if not m:
        errors.append(f"{where}: bad file name")
        return None
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except Exception as exc:  # noqa: BLE001
        errors.append(f"{where}: not valid JSON ({exc})")
        return None
    if not isinstance(data, dict) or set(data) != TOP_KEYS:
        errors.append(f"{where}: top-level keys must be exactly {sorted(TOP_KEYS)}")
        return None
    sid, kind = data["scenario_id"], data["kind"]
    if sid not in RUBRIC:
        errors.append(f"{where}: unknown scenario_id {sid!r}")
        return None
    if sid != m.group(1):
        errors.append(f"{where}: scenario_id {sid!r} does not match file name")
    if kind not in KINDS or kind != m.group(2):
        errors.append(f"{where}: kind {kind!r} invalid or does not match file name")
    if data["written"] != WRITTEN:
        errors.append(f"{where}: written must be {WRITTEN}")
    reg = data["register"]
    if not isinstance(reg, str) or len(reg.strip()) < 10:
        errors.append(f"{where}: register must be a descriptive string")
    lines = data["lines"]
    if not isinstance(lines, list) or not 8 <= len(lines) <= 9:
        errors.append(f"{where}: must have 8 or 9 lines")
        lines = lines if isinstance(lines, list) else []
    allowed = set(RUBRIC[sid])
    hazard_lines = 0
    for i, ln in enumerate(lines, 1):
        lw = f"{where} line {i}"
        if not isinstance(ln, dict) or set(ln) != LINE_KEYS:
            errors.append(f"{lw}: keys must be exactly {sorted(LINE_KEYS)}")
            continue
        text = ln["text"]
        if not isinstance(text, str) or not text.strip():
            errors.append(f"{lw}: empty text")
            continue
        if "hazard" in text.lower():
            errors.append(f"{lw}: text must never use the word 'hazard'")
        moves = ln["moves"]
        if not isinstance(moves, list) or len(set(moves)) != len(moves):
            errors.append(f"{lw}: moves must be a list without duplicates")
        else:
            for mv in moves:
                if mv in ("hedging", "aggression"):
                    errors.append(f"{lw}: flags are not annotated ({mv})")
                elif mv not in allowed:
                    errors.append(f"{lw}: move {mv!r} not in this scenario's rubric")
                elif mv in MANAGER_MOVES and sid != "compassionate-performance-conversation":
                    errors.append(f"{lw}: manager-move {mv!r} outside the manager scenario")
        q = ln["question"]
        if q is not None:
            if not isinstance(q, dict) or set(q) != {"topic"} or q["topic"] not in TOPICS:
                errors.append(f"{lw}: question must be null or {{'topic': one of {sorted(TOPICS)}}}")
        terms = ln["terms"]
        if not isinstance(terms, list) or len(set(terms)) != len(terms):
            errors.append(f"{lw}: terms must be a list without duplicates")
        else:
            for t in terms:
                if not isinstance(t, str) or not t or t not in text:
                    errors.append(f"{lw}: term {t!r} is not an exact substring of text")
        off = ln["offtopic"]
        if off is not None and off not in OFFTOPIC:
            errors.append(f"{lw}: bad offtopic {off!r}")
        if off == "hazard":
            hazard_lines += 1
        pre = ln["preempts"]
        if pre is not None and (not isinstance(pre, str) or not pre.strip()):
            errors.append(f"{lw}: preempts must be null or a short phrase")
    if hazard_lines not in (0, 2):
        errors.append(f"{where}: a safety script needs exactly 2 hazard lines (problem + one follow-up), has {hazard_lines}")
    return sid, kind, bool(m.group(3)), reg, hazard_lines > 0


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    partial = "--partial" in sys.argv
    folder = args[0] if args else os.path.join(os.path.dirname(os.path.abspath(__file__)), "scripts")
    files = sorted(f for f in os.listdir(folder) if f.endswith(".json"))
    errors = []
    results = []
    for f in files:
        r = check_file(os.path.join(folder, f), errors)
        if r:
            results.append(r)
    regs = [r[3] for r in results]
    dup = {x for x in regs if regs.count(x) > 1}
    if dup:
        errors.append(f"registers repeated: {sorted(dup)}")
    if not partial:
        if len(files) != 30:
            errors.append(f"expected 30 scripts, found {len(files)}")
        for sid in RUBRIC:
            for kind in KINDS:
                if not any(r[0] == sid and r[1] == kind and not r[2] for r in results):
                    errors.append(f"missing {sid}--{kind}.json")
        extras = [r for r in results if r[2]]
        if len(extras) != 6:
            errors.append(f"expected 6 extras, found {len(extras)}")
        safety = sum(1 for r in results if r[4])
        if safety != 5:
            errors.append(f"expected 5 scripts with a physical safety problem, found {safety}")
    for e in errors:
        print("ERROR:", e)
    print(f"{len(files)} files checked, {len(errors)} errors")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
