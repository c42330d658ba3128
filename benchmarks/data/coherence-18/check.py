#!/usr/bin/env python3
"""Format checker for coherence set 18 (standard library only).

Usage: python3 check.py [scripts_dir]
Exits 0 when every script follows coh-FORMAT.md and the set-level counts hold.
"""
import json
import os
import re
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
KINDS = {"skilled", "mediocre", "off-script"}
MOVES = {
    "impact-evidence", "business-value", "specific-ask", "phased-plan",
    "success-metrics", "explores-constraints", "collaborative-options",
    "next-steps", "recover-from-no",
}
MANAGER_MOVES = {"specific-observation", "invites-perspective", "offers-support"}
TOPICS = {"constraint", "decision", "timing", "help", "feelings", "personal", "choice", "other"}
OFFTOPIC = {"hazard", "joke", "complaint", "apology", "vulnerability", "small-talk", "rude"}
LINE_KEYS = {"text", "moves", "question", "terms", "offtopic", "preempts"}
TOP_KEYS = {"scenario_id", "kind", "written", "register", "lines"}
WRITTEN = "2026-12-05"
NAME_RE = re.compile(r"^([a-z-]+?)--(skilled|mediocre|off-script)(-2)?\.json$")


def check_file(path, errors):
    name = os.path.basename(path)
    def err(msg):
        errors.append(f"{name}: {msg}")
    m = NAME_RE.match(name)
    if not m:
        err("bad file name")
        return None
    sid, kind, extra = m.group(1), m.group(2), bool(m.group(3))
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError) as exc:
        err(f"cannot parse JSON: {exc}")
        return None
    if not isinstance(data, dict) or set(data) != TOP_KEYS:
        err(f"top-level keys must be exactly {sorted(TOP_KEYS)}")
        return None
    if data["scenario_id"] not in SCENARIOS:
        err(f"unknown scenario_id {data['scenario_id']!r}")
    if data["scenario_id"] != sid:
        err("scenario_id does not match file name")
    if data["kind"] not in KINDS:
        err(f"bad kind {data['kind']!r}")
    if data["kind"] != kind:
        err("kind does not match file name")
    if data["written"] != WRITTEN:
        err(f"written must be {WRITTEN}")
    if not isinstance(data["register"], str) or not data["register"].strip():
        err("register must be a non-empty string")
    lines = data["lines"]
    if not isinstance(lines, list) or not 8 <= len(lines) <= 9:
        err("lines must be a list of 8 or 9 lines")
        return None
    allowed = MOVES | (MANAGER_MOVES if sid == MANAGER_SCENARIO else set())
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
        if text != text.strip():
            err(f"{where}: leading or trailing whitespace")
        moves = line["moves"]
        if not isinstance(moves, list) or len(set(moves)) != len(moves):
            err(f"{where}: moves must be a list without repeats")
        else:
            for mv in moves:
                if mv not in allowed:
                    err(f"{where}: move {mv!r} not allowed here")
        q = line["question"]
        if q is not None:
            if not isinstance(q, dict) or set(q) != {"topic"} or q["topic"] not in TOPICS:
                err(f"{where}: question must be null or {{'topic': one of {sorted(TOPICS)}}}")
        terms = line["terms"]
        if not isinstance(terms, list) or len(set(terms)) != len(terms):
            err(f"{where}: terms must be a list without repeats")
        else:
            for t in terms:
                if not isinstance(t, str) or not t or t not in text:
                    err(f"{where}: term {t!r} is not an exact substring of text")
        off = line["offtopic"]
        if off is not None and off not in OFFTOPIC:
            err(f"{where}: bad offtopic {off!r}")
        if off == "hazard":
            hazard_lines += 1
        if "hazard" in text.lower():
            err(f"{where}: the word 'hazard' must not appear in text")
        pre = line["preempts"]
        if pre is not None and (not isinstance(pre, str) or not pre.strip()):
            err(f"{where}: preempts must be null or a non-empty string")
    if hazard_lines not in (0, 2):
        err(f"a safety problem needs exactly one follow-up line (found {hazard_lines} hazard lines)")
    return {"name": name, "scenario": sid, "kind": kind, "extra": extra,
            "register": data["register"], "hazard": hazard_lines > 0}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    sdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "scripts")
    errors = []
    infos = []
    files = sorted(f for f in os.listdir(sdir) if f.endswith(".json"))
    for f in files:
        info = check_file(os.path.join(sdir, f), errors)
        if info:
            infos.append(info)
    if len(files) != 30:
        errors.append(f"set: expected 30 scripts, found {len(files)}")
    base = Counter((i["scenario"], i["kind"]) for i in infos if not i["extra"])
    for sid in SCENARIOS:
        for kind in KINDS:
            if base[(sid, kind)] != 1:
                errors.append(f"set: {sid} needs exactly one base {kind} script")
    extras = [i for i in infos if i["extra"]]
    if len(extras) != 6:
        errors.append(f"set: expected 6 extras, found {len(extras)}")
    regs = Counter(i["register"] for i in infos)
    for reg, n in regs.items():
        if n > 1:
            errors.append(f"set: register used {n} times: {reg!r}")
    nhaz = sum(i["hazard"] for i in infos)
    if nhaz != 5:
        errors.append(f"set: expected 5 scripts with a safety problem, found {nhaz}")
    for e in errors:
        print("ERROR", e)
    print(f"{len(infos)} scripts checked, {len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
