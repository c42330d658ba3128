#!/usr/bin/env python3
"""Format checker for coherence set 27 (standard library only).

Usage: python3 check.py [scripts_dir] [--partial]

Checks every scripts/*.json file against the coherence file format:
top-level keys, file name vs scenario_id/kind, written date, unique registers,
8 or 9 lines, per-line fields (moves, question topic, terms as exact substrings,
offtopic label, preempts), manager-moves only in the manager scenario, and the
word "hazard" never appearing in learner text. Without --partial it also checks
the set as a whole: 30 scripts, a skilled, a mediocre and an off-script script
for each of the 8 scenarios, 6 extras named '-2', and five scripts that raise a
physical safety problem. Exits 0 when everything passes, 1 otherwise.
"""
import json
import os
import re
import sys

SCENARIOS = [
    "compassionate-performance-conversation",
    "flexible-work-trial",
    "hand-off-responsibility",
    "lateral-move",
    "promotion-after-win",
    "promotion-follow-up",
    "raise-during-budget-freeze",
    "workload-boundary",
]
MANAGER_SCENARIO = "compassionate-performance-conversation"
KINDS = ["skilled", "mediocre", "off-script"]
MOVES = {
    "impact-evidence", "business-value", "specific-ask", "phased-plan",
    "success-metrics", "explores-constraints", "collaborative-options",
    "next-steps", "recover-from-no",
}
MANAGER_MOVES = {"specific-observation", "invites-perspective", "offers-support"}
FLAGS = {"hedging", "aggression"}
TOPICS = {"constraint", "decision", "timing", "help", "feelings", "personal",
          "choice", "other"}
OFFTOPIC = {"hazard", "joke", "complaint", "apology", "vulnerability",
            "small-talk", "rude"}
WRITTEN = "2026-12-06"
TOP_KEYS = {"scenario_id", "kind", "written", "register", "lines"}
LINE_KEYS = {"text", "moves", "question", "terms", "offtopic", "preempts"}
# Firm, place and work names from the briefings that scripts must not reuse
# (people named in the briefings are allowed).
FORBIDDEN = ["Aire Valley", "Hollins Park", "Marlow Mutual", "Calder & Finch",
             "Calder and Finch", "Brightwater", "Brennan Packaging", "Kestrel",
             "Brightline", "Harlow", "St Aldhelm"]
NAME_RE = re.compile(r"^(?P<sid>[a-z-]+?)--(?P<kind>skilled|mediocre|off-script)(?P<extra>-2)?\.json$")


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
        err(f"cannot read JSON: {e}")
        return None
    if not isinstance(data, dict):
        err("top level is not an object")
        return None
    if set(data) != TOP_KEYS:
        err(f"top-level keys {sorted(data)} != {sorted(TOP_KEYS)}")
        return None
    sid, kind = data["scenario_id"], data["kind"]
    if sid not in SCENARIOS:
        err(f"unknown scenario_id {sid!r}")
    if sid != m.group("sid"):
        err(f"scenario_id {sid!r} does not match file name")
    if kind not in KINDS:
        err(f"bad kind {kind!r}")
    if kind != m.group("kind"):
        err(f"kind {kind!r} does not match file name")
    if data["written"] != WRITTEN:
        err(f"written {data['written']!r} != {WRITTEN!r}")
    if not isinstance(data["register"], str) or not data["register"].strip():
        err("register must be a non-empty string")
    lines = data["lines"]
    if not isinstance(lines, list) or len(lines) not in (8, 9):
        err("lines must be a list of 8 or 9 lines")
        return None
    allowed = MOVES | (MANAGER_MOVES if sid == MANAGER_SCENARIO else set())
    has_hazard = 0
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
        for bad in FORBIDDEN:
            if bad.lower() in text.lower():
                err(f"{where}: uses briefing name {bad!r}")
        moves = line["moves"]
        if not isinstance(moves, list) or len(set(moves)) != len(moves):
            err(f"{where}: moves must be a list without repeats")
        else:
            for mv in moves:
                if mv in FLAGS:
                    err(f"{where}: flag {mv!r} must not be annotated")
                elif mv in MANAGER_MOVES and sid != MANAGER_SCENARIO:
                    err(f"{where}: manager-move {mv!r} outside {MANAGER_SCENARIO}")
                elif mv not in allowed:
                    err(f"{where}: unknown move {mv!r}")
        q = line["question"]
        if q is not None:
            if not isinstance(q, dict) or set(q) != {"topic"} or q["topic"] not in TOPICS:
                err(f"{where}: question must be null or {{'topic': one of {sorted(TOPICS)}}}")
        terms = line["terms"]
        if not isinstance(terms, list) or len(set(terms)) != len(terms):
            err(f"{where}: terms must be a list without repeats")
        else:
            for t in terms:
                if not isinstance(t, str) or not t.strip():
                    err(f"{where}: empty term")
                elif t not in text:
                    err(f"{where}: term {t!r} is not an exact substring of text")
        off = line["offtopic"]
        if off is not None and off not in OFFTOPIC:
            err(f"{where}: bad offtopic {off!r}")
        if off == "hazard":
            has_hazard += 1
        pre = line["preempts"]
        if pre is not None and (not isinstance(pre, str) or not pre.strip()):
            err(f"{where}: preempts must be null or a non-empty string")
    if has_hazard not in (0, 2):
        err(f"a script with a physical safety problem needs the mention and one follow-up (2 hazard lines), found {has_hazard}")
    return {"sid": sid, "kind": kind, "extra": bool(m.group("extra")),
            "register": data["register"], "hazard": has_hazard > 0}


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
    regs = [i["register"].strip().lower() for i in infos]
    for r in sorted(set(regs)):
        if regs.count(r) > 1:
            errors.append(f"register used more than once: {r!r}")
    if not partial:
        if len(files) != 30:
            errors.append(f"expected 30 scripts, found {len(files)}")
        for sid in SCENARIOS:
            for kind in KINDS:
                if not any(i["sid"] == sid and i["kind"] == kind and not i["extra"] for i in infos):
                    errors.append(f"missing {sid}--{kind}.json")
        extras = [i for i in infos if i["extra"]]
        if len(extras) != 6:
            errors.append(f"expected 6 extras, found {len(extras)}")
        nh = sum(i["hazard"] for i in infos)
        if nh != 5:
            errors.append(f"expected 5 scripts with a physical safety problem, found {nh}")
    for e in errors:
        print("ERROR", e)
    print(f"{len(files)} files checked, {len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
