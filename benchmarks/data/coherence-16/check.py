#!/usr/bin/env python3
"""Format checker for coherence set 16 (standard library only).

Usage: python3 check.py [scripts_dir]
Exits 0 when every script follows coh-FORMAT.md and the set's shape rules, 1 otherwise.
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
KINDS = {"skilled", "mediocre", "off-script"}
MOVES = {"impact-evidence", "business-value", "specific-ask", "phased-plan", "success-metrics",
         "explores-constraints", "collaborative-options", "next-steps", "recover-from-no"}
MANAGER_MOVES = {"specific-observation", "invites-perspective", "offers-support"}
MANAGER_SCENARIO = "compassionate-performance-conversation"
TOPICS = {"constraint", "decision", "timing", "help", "feelings", "personal", "choice", "other"}
OFFTOPIC = {"hazard", "joke", "complaint", "apology", "vulnerability", "small-talk", "rude"}
LINE_KEYS = {"text", "moves", "question", "terms", "offtopic", "preempts"}
TOP_KEYS = {"scenario_id", "kind", "written", "register", "lines"}
WRITTEN = "2026-12-05"
NAME_RE = re.compile(r"^(?P<sid>[a-z-]+?)--(?P<kind>skilled|mediocre|off-script)(?P<extra>-2)?\.json$")


def check_file(path, errors):
    name = os.path.basename(path)
    def err(msg):
        errors.append(f"{name}: {msg}")
    m = NAME_RE.match(name)
    if not m:
        err("file name is not <scenario_id>--<kind>[-2].json")
        return None
    try:
        with open(path, encoding="utf-8") as f:
            obj = json.load(f)
    except (OSError, ValueError) as e:
        err(f"cannot read JSON: {e}")
        return None
    if not isinstance(obj, dict) or set(obj) != TOP_KEYS:
        err(f"top-level keys must be exactly {sorted(TOP_KEYS)}")
        return None
    sid, kind = obj["scenario_id"], obj["kind"]
    if sid not in SCENARIOS:
        err(f"unknown scenario_id {sid!r}")
    if sid != m.group("sid"):
        err("scenario_id does not match file name")
    if kind not in KINDS:
        err(f"bad kind {kind!r}")
    if kind != m.group("kind"):
        err("kind does not match file name")
    if obj["written"] != WRITTEN:
        err(f"written must be {WRITTEN}")
    if not isinstance(obj["register"], str) or not obj["register"].strip():
        err("register must be a non-empty string")
    lines = obj["lines"]
    if not isinstance(lines, list) or not 8 <= len(lines) <= 9:
        err("lines must be a list of 8 or 9 lines")
        return None
    allowed = MOVES | (MANAGER_MOVES if sid == MANAGER_SCENARIO else set())
    stats = Counter()
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
                    err(f"{where}: move {x!r} not allowed here")
            stats["moves"] += len(mv)
        q = ln["question"]
        if q is not None:
            if not isinstance(q, dict) or set(q) != {"topic"} or q["topic"] not in TOPICS:
                err(f"{where}: question must be null or {{'topic': one of {sorted(TOPICS)}}}")
            else:
                stats["q:" + q["topic"]] += 1
        terms = ln["terms"]
        if not isinstance(terms, list):
            err(f"{where}: terms must be a list")
        else:
            for t in terms:
                if not isinstance(t, str) or not t or t not in text:
                    err(f"{where}: term {t!r} is not an exact substring of text")
        off = ln["offtopic"]
        if off is not None and off not in OFFTOPIC:
            err(f"{where}: bad offtopic {off!r}")
        if off is not None:
            stats["off:" + off] += 1
        pre = ln["preempts"]
        if pre is not None and (not isinstance(pre, str) or not pre.strip()):
            err(f"{where}: preempts must be null or a non-empty phrase")
        if pre:
            stats["preempts"] += 1
    return {"sid": sid, "kind": kind, "extra": bool(m.group("extra")), "register": obj["register"],
            "n": len(lines), "stats": stats}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    d = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "scripts")
    files = sorted(f for f in os.listdir(d) if f.endswith(".json"))
    errors = []
    infos = [i for i in (check_file(os.path.join(d, f), errors) for f in files) if i]
    if len(files) != 30:
        errors.append(f"set: expected 30 scripts, found {len(files)}")
    base = Counter((i["sid"], i["kind"]) for i in infos if not i["extra"])
    for sid in SCENARIOS:
        for kind in KINDS:
            if base[(sid, kind)] != 1:
                errors.append(f"set: {sid} needs exactly one {kind} script (found {base[(sid, kind)]})")
    extras = [i for i in infos if i["extra"]]
    if len(extras) != 6:
        errors.append(f"set: expected 6 extras, found {len(extras)}")
    regs = Counter(i["register"] for i in infos)
    for r, c in regs.items():
        if c > 1:
            errors.append(f"set: register used {c} times: {r!r}")
    hazard_scripts = sum(1 for i in infos if i["stats"]["off:hazard"])
    if hazard_scripts != 5:
        errors.append(f"set: expected 5 scripts with physical safety lines, found {hazard_scripts}")
    for i in infos:
        if i["stats"]["off:hazard"] not in (0, 2):
            errors.append(f"set: {i['sid']}--{i['kind']}: safety problem should have one mention plus one follow-up")
    total = Counter()
    for i in infos:
        total.update(i["stats"])
    print(f"{len(infos)} scripts, {sum(i['n'] for i in infos)} lines; "
          f"{total['moves']} move tags, {total['preempts']} preempts")
    print("questions:", {k[2:]: v for k, v in sorted(total.items()) if k.startswith("q:")})
    print("offtopic:", {k[4:]: v for k, v in sorted(total.items()) if k.startswith("off:")})
    if errors:
        print("\n".join(errors))
        print(f"FAIL: {len(errors)} problem(s)")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
