#!/usr/bin/env python3
"""Format checker for coherence set 50 (standard library only).

Usage: python3 check.py [scripts_dir]
Exits 0 when every script is well formed, 1 otherwise.
"""
import json
import os
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
MANAGER_SCENARIO = "compassionate-performance-conversation"
MOVES = {"impact-evidence", "business-value", "specific-ask", "phased-plan",
         "success-metrics", "explores-constraints", "collaborative-options",
         "next-steps", "recover-from-no"}
MANAGER_MOVES = {"specific-observation", "invites-perspective", "offers-support"}
CPC_RUBRIC = {"specific-observation", "invites-perspective", "offers-support",
              "success-metrics", "collaborative-options", "next-steps",
              "explores-constraints", "phased-plan"}
KINDS = {"skilled", "mediocre", "off-script"}
TOPICS = {"constraint", "decision", "timing", "help", "feelings", "personal",
          "choice", "other"}
OFFTOPIC = {"hazard", "joke", "complaint", "apology", "vulnerability",
            "small-talk", "rude"}
WRITTEN = "2026-12-06"
LINE_KEYS = {"text", "moves", "question", "terms", "offtopic", "preempts"}
TOP_KEYS = {"scenario_id", "kind", "written", "register", "lines"}


def check_file(path, errors):
    name = os.path.basename(path)
    def err(msg):
        errors.append(f"{name}: {msg}")
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except Exception as exc:  # noqa: BLE001
        err(f"cannot parse JSON: {exc}")
        return None
    if not isinstance(data, dict) or set(data) != TOP_KEYS:
        err(f"top-level keys must be exactly {sorted(TOP_KEYS)}")
        return None
    sid, kind = data["scenario_id"], data["kind"]
    if sid not in SCENARIOS:
        err(f"unknown scenario_id {sid!r}")
    if kind not in KINDS:
        err(f"bad kind {kind!r}")
    stem = name[:-5] if name.endswith(".json") else name
    if stem not in (f"{sid}--{kind}", f"{sid}--{kind}-2"):
        err(f"file name does not match scenario_id/kind ({sid}--{kind}[-2])")
    if data["written"] != WRITTEN:
        err(f"written must be {WRITTEN}")
    if not isinstance(data["register"], str) or not data["register"].strip():
        err("register must be a non-empty string")
    lines = data["lines"]
    if not isinstance(lines, list) or not 8 <= len(lines) <= 9:
        err("lines must be a list of 8 or 9 lines")
        return data
    hazard_lines = 0
    for i, line in enumerate(lines, 1):
        where = f"line {i}"
        if not isinstance(line, dict) or set(line) != LINE_KEYS:
            err(f"{where}: keys must be exactly {sorted(LINE_KEYS)}")
            continue
        text = line["text"]
        if not isinstance(text, str) or not text.strip():
            err(f"{where}: empty text")
            continue
        moves = line["moves"]
        if not isinstance(moves, list) or len(set(moves)) != len(moves):
            err(f"{where}: moves must be a list without duplicates")
        else:
            for mv in moves:
                if sid == MANAGER_SCENARIO:
                    if mv not in CPC_RUBRIC:
                        err(f"{where}: move {mv!r} not in this scenario's rubric")
                elif mv in MANAGER_MOVES:
                    err(f"{where}: manager-move {mv!r} outside {MANAGER_SCENARIO}")
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
            for t in terms:
                if not isinstance(t, str) or not t or t not in text:
                    err(f"{where}: term {t!r} is not an exact substring of text")
            if len(set(terms)) != len(terms):
                err(f"{where}: duplicate terms")
        off = line["offtopic"]
        if off is not None and off not in OFFTOPIC:
            err(f"{where}: bad offtopic {off!r}")
        if off == "hazard":
            hazard_lines += 1
            if "hazard" in text.lower():
                err(f"{where}: a hazard line must not use the word 'hazard'")
        pre = line["preempts"]
        if pre is not None and (not isinstance(pre, str) or not pre.strip()):
            err(f"{where}: preempts must be null or a non-empty string")
    if hazard_lines == 1:
        err("a script with a physical safety line needs a later follow-up line")
    return data


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    folder = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "scripts")
    files = sorted(f for f in os.listdir(folder) if f.endswith(".json"))
    errors = []
    loaded = []
    for f in files:
        data = check_file(os.path.join(folder, f), errors)
        if data is not None:
            loaded.append((f, data))
    registers = Counter(d["register"] for _, d in loaded)
    for reg, n in registers.items():
        if n > 1:
            errors.append(f"register used {n} times: {reg!r}")
    per = Counter((d["scenario_id"], d["kind"]) for _, d in loaded)
    for sid in sorted(SCENARIOS):
        for kind in sorted(KINDS):
            if per[(sid, kind)] < 1:
                errors.append(f"missing {sid}--{kind}")
    if len(files) != 30:
        errors.append(f"expected 30 scripts, found {len(files)}")
    hazard_scripts = sum(1 for _, d in loaded
                         if any(l.get("offtopic") == "hazard" for l in d["lines"]))
    nlines = sum(len(d["lines"]) for _, d in loaded)
    print(f"{len(files)} scripts, {nlines} lines, {hazard_scripts} with physical safety lines")
    if errors:
        print("\n".join(errors))
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
