#!/usr/bin/env python3
"""Format checker for coherence set 54 (standard library only).

Usage: python3 check.py [scripts_dir]
Exits 0 when every script passes, 1 otherwise.
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
KINDS = ("skilled", "mediocre", "off-script")
MOVES = {
    "impact-evidence", "business-value", "specific-ask", "phased-plan",
    "success-metrics", "explores-constraints", "collaborative-options",
    "next-steps", "recover-from-no",
}
MANAGER_MOVES = {"specific-observation", "invites-perspective", "offers-support"}
TOPICS = {"constraint", "decision", "timing", "help", "feelings", "personal", "choice", "other"}
OFFTOPIC = {"hazard", "joke", "complaint", "apology", "vulnerability", "small-talk", "rude"}
WRITTEN = "2026-12-06"
TOP_KEYS = {"scenario_id", "kind", "written", "register", "lines"}
LINE_KEYS = {"text", "moves", "question", "terms", "offtopic", "preempts"}
NAME_RE = re.compile(r"^(?P<sc>[a-z-]+?)--(?P<kind>skilled|mediocre|off-script)(?P<extra>-2)?\.json$")


def check_file(path, errors):
    name = os.path.basename(path)
    def err(msg):
        errors.append(f"{name}: {msg}")
    m = NAME_RE.match(name)
    if not m:
        err("bad file name")
        return None
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except Exception as exc:  # noqa: BLE001
        err(f"not valid JSON: {exc}")
        return None
    if not isinstance(data, dict) or set(data) != TOP_KEYS:
        err(f"top-level keys must be exactly {sorted(TOP_KEYS)}")
        return None
    sc, kind = data["scenario_id"], data["kind"]
    if sc not in SCENARIOS:
        err(f"unknown scenario_id {sc!r}")
    if sc != m.group("sc"):
        err("scenario_id does not match file name")
    if kind not in KINDS:
        err(f"bad kind {kind!r}")
    if kind != m.group("kind"):
        err("kind does not match file name")
    if data["written"] != WRITTEN:
        err(f"written must be {WRITTEN}")
    if not isinstance(data["register"], str) or not data["register"].strip():
        err("register must be a non-empty string")
    lines = data["lines"]
    if not isinstance(lines, list) or not 8 <= len(lines) <= 9:
        err("must have 8 or 9 lines")
        return data
    allowed = MOVES | (MANAGER_MOVES if sc == MANAGER_SCENARIO else set())
    hazard_lines = 0
    for i, ln in enumerate(lines, 1):
        where = f"line {i}"
        if not isinstance(ln, dict) or set(ln) != LINE_KEYS:
            err(f"{where}: keys must be exactly {sorted(LINE_KEYS)}")
            continue
        text = ln["text"]
        if not isinstance(text, str) or not text.strip():
            err(f"{where}: empty text")
            continue
        if "hazard" in text.lower():
            err(f"{where}: text uses the word 'hazard'")
        mv = ln["moves"]
        if not isinstance(mv, list) or len(set(mv)) != len(mv):
            err(f"{where}: moves must be a list without duplicates")
        else:
            for x in mv:
                if x not in allowed:
                    err(f"{where}: move {x!r} not allowed in {sc}")
        q = ln["question"]
        if q is not None:
            if not isinstance(q, dict) or set(q) != {"topic"} or q["topic"] not in TOPICS:
                err(f"{where}: question must be null or {{'topic': one of {sorted(TOPICS)}}}")
        terms = ln["terms"]
        if not isinstance(terms, list) or len(set(terms)) != len(terms):
            err(f"{where}: terms must be a list without duplicates")
        else:
            for t in terms:
                if not isinstance(t, str) or not t or t not in text:
                    err(f"{where}: term {t!r} is not an exact substring of text")
        off = ln["offtopic"]
        if off is not None and off not in OFFTOPIC:
            err(f"{where}: bad offtopic {off!r}")
        if off == "hazard":
            hazard_lines += 1
        pre = ln["preempts"]
        if pre is not None and (not isinstance(pre, str) or not pre.strip()):
            err(f"{where}: preempts must be null or a non-empty string")
    data["_hazard_lines"] = hazard_lines
    data["_extra"] = bool(m.group("extra"))
    return data


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    sdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "scripts")
    errors = []
    files = sorted(f for f in os.listdir(sdir) if f.endswith(".json"))
    scripts = {}
    for f in files:
        d = check_file(os.path.join(sdir, f), errors)
        if d is not None:
            scripts[f] = d
    # set-level checks
    if len(files) != 30:
        errors.append(f"set: expected 30 scripts, found {len(files)}")
    for sc in SCENARIOS:
        for kind in KINDS:
            if f"{sc}--{kind}.json" not in files:
                errors.append(f"set: missing {sc}--{kind}.json")
    extras = [f for f, d in scripts.items() if d["_extra"]]
    if len(extras) != 6:
        errors.append(f"set: expected 6 extras, found {len(extras)}")
    regs = Counter(d["register"] for d in scripts.values())
    for r, n in regs.items():
        if n > 1:
            errors.append(f"set: register used {n} times: {r!r}")
    hz = [f for f, d in scripts.items() if d["_hazard_lines"]]
    if len(hz) != 3:
        errors.append(f"set: expected physical-safety lines in 3 scripts, found {len(hz)}")
    for f in hz:
        if scripts[f]["_hazard_lines"] != 2:
            errors.append(f"{f}: expected a safety line plus one follow-up (2 lines)")
    for e in errors:
        print(e)
    # summary
    n_lines = sum(len(d["lines"]) for d in scripts.values())
    print(f"{len(files)} scripts, {n_lines} lines, {len(errors)} problems")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
