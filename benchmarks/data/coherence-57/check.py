#!/usr/bin/env python3
"""Format checker for coherence set 57 (standard library only).

Usage: python3 check.py [SCRIPTS_DIR] [--partial]

Checks every scripts/*.json file against the coherence file format:
keys, kind, written date, unique registers, 8 or 9 lines, move ids allowed
for the scenario, question topics, terms as exact substrings, offtopic labels,
preempts, and (unless --partial) the set shape: 30 scripts, a skilled, a
mediocre and an off-script script for each of the 8 scenarios, 6 extras, and
physical safety problems in exactly three scripts, each with a later follow-up.
Exits 0 when everything passes, 1 otherwise.
"""
import json
import os
import re
import sys

WRITTEN = "2026-12-06"
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
KINDS = ("skilled", "mediocre", "off-script")
MOVES = {
    "impact-evidence", "business-value", "specific-ask", "phased-plan",
    "success-metrics", "explores-constraints", "collaborative-options",
    "next-steps", "recover-from-no",
}
MANAGER_MOVES = {"specific-observation", "invites-perspective", "offers-support"}
# The learner is the manager here: manager-moves plus the rest of its rubric.
MANAGER_SCENARIO = "compassionate-performance-conversation"
MANAGER_ALLOWED = MANAGER_MOVES | {
    "success-metrics", "collaborative-options", "next-steps",
    "explores-constraints", "phased-plan",
}
TOPICS = {"constraint", "decision", "timing", "help", "feelings", "personal",
          "choice", "other"}
OFFTOPIC = {"hazard", "joke", "complaint", "apology", "vulnerability",
            "small-talk", "rude"}
FILE_KEYS = {"scenario_id", "kind", "written", "register", "lines"}
LINE_KEYS = {"text", "moves", "question", "terms", "offtopic", "preempts"}
NAME_RE = re.compile(r"^([a-z-]+?)--(skilled|mediocre|off-script)(-2)?\.json$")


def check_file(path, errors):
    name = os.path.basename(path)
    where = name
    m = NAME_RE.match(name)
    if not m:
        errors.append(f"{where}: bad file name")
        return None
    scen, kind, extra = m.group(1), m.group(2), bool(m.group(3))
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError) as exc:
        errors.append(f"{where}: cannot read JSON: {exc}")
        return None
    if not isinstance(data, dict):
        errors.append(f"{where}: top level is not an object")
        return None
    if set(data) != FILE_KEYS:
        errors.append(f"{where}: keys {sorted(data)} != {sorted(FILE_KEYS)}")
    if data.get("scenario_id") != scen or scen not in SCENARIOS:
        errors.append(f"{where}: scenario_id {data.get('scenario_id')!r} does not match a known scenario / file name")
    if data.get("kind") != kind:
        errors.append(f"{where}: kind {data.get('kind')!r} != {kind!r} (the -2 belongs in the file name only)")
    if data.get("written") != WRITTEN:
        errors.append(f"{where}: written {data.get('written')!r} != {WRITTEN!r}")
    reg = data.get("register")
    if not isinstance(reg, str) or not reg.strip():
        errors.append(f"{where}: register missing")
    lines = data.get("lines")
    if not isinstance(lines, list) or not 8 <= len(lines) <= 9:
        errors.append(f"{where}: needs 8 or 9 lines")
        lines = lines if isinstance(lines, list) else []
    allowed = MANAGER_ALLOWED if scen == MANAGER_SCENARIO else MOVES
    hazard_idx = []
    for i, ln in enumerate(lines, 1):
        w = f"{where} line {i}"
        if not isinstance(ln, dict) or set(ln) != LINE_KEYS:
            errors.append(f"{w}: keys must be {sorted(LINE_KEYS)}")
            continue
        text = ln["text"]
        if not isinstance(text, str) or not text.strip():
            errors.append(f"{w}: empty text")
            continue
        if "hazard" in text.lower():
            errors.append(f"{w}: text uses the word 'hazard'")
        mv = ln["moves"]
        if not isinstance(mv, list) or len(set(mv)) != len(mv):
            errors.append(f"{w}: moves must be a list without repeats")
        else:
            for mid in mv:
                if mid not in allowed:
                    errors.append(f"{w}: move {mid!r} not allowed in {scen}")
        q = ln["question"]
        if q is not None:
            if not isinstance(q, dict) or set(q) != {"topic"} or q["topic"] not in TOPICS:
                errors.append(f"{w}: bad question {q!r}")
        terms = ln["terms"]
        if not isinstance(terms, list) or len(set(terms)) != len(terms):
            errors.append(f"{w}: terms must be a list without repeats")
        else:
            for t in terms:
                if not isinstance(t, str) or not t or t not in text:
                    errors.append(f"{w}: term {t!r} is not an exact substring of the text")
        off = ln["offtopic"]
        if off is not None and off not in OFFTOPIC:
            errors.append(f"{w}: bad offtopic {off!r}")
        if off == "hazard":
            hazard_idx.append(i)
        pre = ln["preempts"]
        if pre is not None and (not isinstance(pre, str) or not pre.strip()):
            errors.append(f"{w}: preempts must be null or a short phrase")
    return {"scenario": scen, "kind": kind, "extra": extra,
            "register": reg, "hazard": hazard_idx, "n": len(lines)}


def main(argv):
    partial = "--partial" in argv
    args = [a for a in argv if not a.startswith("--")]
    here = os.path.dirname(os.path.abspath(__file__))
    sdir = args[0] if args else os.path.join(here, "scripts")
    errors = []
    files = sorted(f for f in os.listdir(sdir) if f.endswith(".json"))
    infos = []
    for f in files:
        info = check_file(os.path.join(sdir, f), errors)
        if info:
            infos.append(info)
    regs = [i["register"] for i in infos]
    dup = {r for r in regs if regs.count(r) > 1}
    if dup:
        errors.append(f"registers used more than once: {sorted(dup)}")
    for i in infos:
        h = i["hazard"]
        if h and len(h) < 2:
            errors.append(f"{i['scenario']}--{i['kind']}: safety problem without a later follow-up line")
    if not partial:
        if len(infos) != 30:
            errors.append(f"expected 30 scripts, found {len(infos)}")
        for s in SCENARIOS:
            for k in KINDS:
                if not any(i["scenario"] == s and i["kind"] == k and not i["extra"] for i in infos):
                    errors.append(f"missing {s}--{k}.json")
        extras = [i for i in infos if i["extra"]]
        if len(extras) != 6:
            errors.append(f"expected 6 extras, found {len(extras)}")
        nh = sum(1 for i in infos if i["hazard"])
        if nh != 3:
            errors.append(f"expected physical safety problems in 3 scripts, found {nh}")
    for e in errors:
        print("ERROR:", e)
    nlines = sum(i["n"] for i in infos)
    print(f"{len(infos)} scripts, {nlines} lines, {len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
