#!/usr/bin/env python3
"""Format checker for coherence set 44 (standard library only).

Usage: python3 check.py [scripts_dir]   (default: scripts/ next to this file)
Exits 0 when every script passes, 1 otherwise. Use --partial while a set is
still being written to skip the whole-set counts.
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
TOPICS = {"constraint", "decision", "timing", "help", "feelings", "personal",
          "choice", "other"}
OFFTOPIC = {"hazard", "joke", "complaint", "apology", "vulnerability",
            "small-talk", "rude"}
TOP_KEYS = {"scenario_id", "kind", "written", "register", "lines"}
LINE_KEYS = {"text", "moves", "question", "terms", "offtopic", "preempts"}
WRITTEN = "2026-12-06"
NAME_RE = re.compile(r"^(?P<scen>[a-z-]+?)--(?P<kind>skilled|mediocre|off-script)(?P<extra>-2)?\.json$")


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
    except (OSError, ValueError) as exc:
        err(f"cannot read JSON: {exc}")
        return None
    if not isinstance(data, dict):
        err("top level is not an object")
        return None
    if set(data) != TOP_KEYS:
        err(f"top-level keys {sorted(data)} != {sorted(TOP_KEYS)}")
    scen = data.get("scenario_id")
    kind = data.get("kind")
    if scen not in SCENARIOS:
        err(f"unknown scenario_id {scen!r}")
    if scen != m.group("scen"):
        err("scenario_id does not match file name")
    if kind not in KINDS:
        err(f"bad kind {kind!r}")
    if kind != m.group("kind"):
        err("kind does not match file name")
    if data.get("written") != WRITTEN:
        err(f"written must be {WRITTEN!r}")
    reg = data.get("register")
    if not isinstance(reg, str) or not reg.strip():
        err("register must be a non-empty string")
    lines = data.get("lines")
    if not isinstance(lines, list) or not 8 <= len(lines) <= 9:
        err("lines must be a list of 8 or 9 lines")
        lines = lines if isinstance(lines, list) else []
    allowed = MOVES | (MANAGER_MOVES if scen == MANAGER_SCENARIO else set())
    for i, line in enumerate(lines, 1):
        where = f"line {i}"
        if not isinstance(line, dict):
            err(f"{where}: not an object")
            continue
        if set(line) != LINE_KEYS:
            err(f"{where}: keys {sorted(line)} != {sorted(LINE_KEYS)}")
        text = line.get("text")
        if not isinstance(text, str) or not text.strip():
            err(f"{where}: text must be a non-empty string")
            text = ""
        if "hazard" in text.lower():
            err(f"{where}: the word 'hazard' must not appear in text")
        moves = line.get("moves")
        if not isinstance(moves, list):
            err(f"{where}: moves must be a list")
            moves = []
        if len(set(moves)) != len(moves):
            err(f"{where}: duplicate moves")
        for mv in moves:
            if mv not in allowed:
                err(f"{where}: move {mv!r} not allowed here")
        q = line.get("question")
        if q is not None:
            if not isinstance(q, dict) or set(q) != {"topic"} or q.get("topic") not in TOPICS:
                err(f"{where}: question must be null or {{'topic': one of {sorted(TOPICS)}}}")
        terms = line.get("terms")
        if not isinstance(terms, list):
            err(f"{where}: terms must be a list")
            terms = []
        if len(set(terms)) != len(terms):
            err(f"{where}: duplicate terms")
        for t in terms:
            if not isinstance(t, str) or not t:
                err(f"{where}: term must be a non-empty string")
            elif t not in text:
                err(f"{where}: term {t!r} is not an exact substring of text")
        off = line.get("offtopic")
        if off is not None and off not in OFFTOPIC:
            err(f"{where}: bad offtopic {off!r}")
        pre = line.get("preempts")
        if pre is not None and (not isinstance(pre, str) or not pre.strip()):
            err(f"{where}: preempts must be null or a non-empty string")
    return data, m


def main(argv):
    partial = "--partial" in argv
    args = [a for a in argv[1:] if a != "--partial"]
    here = os.path.dirname(os.path.abspath(__file__))
    folder = args[0] if args else os.path.join(here, "scripts")
    errors = []
    files = sorted(f for f in os.listdir(folder) if f.endswith(".json"))
    seen = []
    for f in files:
        res = check_file(os.path.join(folder, f), errors)
        if res:
            seen.append((f, res[0], res[1]))
    regs = Counter(d.get("register") for _, d, _ in seen)
    for reg, n in regs.items():
        if n > 1:
            errors.append(f"register used {n} times: {reg!r}")
    if not partial:
        if len(files) != 30:
            errors.append(f"expected 30 scripts, found {len(files)}")
        base = {(m.group("scen"), m.group("kind")) for _, _, m in seen if not m.group("extra")}
        for s in SCENARIOS:
            for k in KINDS:
                if (s, k) not in base:
                    errors.append(f"missing {s}--{k}.json")
        extras = [f for f, _, m in seen if m.group("extra")]
        if len(extras) != 6:
            errors.append(f"expected 6 extras, found {len(extras)}")
    for e in errors:
        print("ERROR", e)
    nlines = sum(len(d.get("lines", [])) for _, d, _ in seen)
    print(f"{len(seen)} scripts, {nlines} lines, {len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
