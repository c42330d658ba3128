#!/usr/bin/env python3
"""Standard-library format checker for coherence set 30.

Usage: python3 check.py [scripts_dir]
Checks every scripts/*.json against coh-FORMAT.md and the set brief; exits 0 when clean.
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
TOPICS = {"constraint", "decision", "timing", "help", "feelings", "personal", "choice", "other"}
OFFTOPIC = {"hazard", "joke", "complaint", "apology", "vulnerability", "small-talk", "rude"}
LINE_KEYS = {"text", "moves", "question", "terms", "offtopic", "preempts"}
TOP_KEYS = {"scenario_id", "kind", "written", "register", "lines"}
WRITTEN = "2026-12-06"
NAME_RE = re.compile(r"^(?P<sid>[a-z-]+?)--(?P<kind>skilled|mediocre|off-script)(?P<extra>-2)?\.json$")


def check_file(path, errors):
    name = os.path.basename(path)
    err = lambda msg: errors.append(f"{name}: {msg}")
    m = NAME_RE.match(name)
    if not m:
        err("bad file name")
        return None
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError) as exc:
        err(f"cannot parse JSON: {exc}")
        return None
    if not isinstance(data, dict) or set(data) != TOP_KEYS:
        err(f"top-level keys must be exactly {sorted(TOP_KEYS)}")
        return None
    sid, kind = data["scenario_id"], data["kind"]
    if sid not in SCENARIOS:
        err(f"unknown scenario_id {sid!r}")
    if sid != m.group("sid"):
        err("scenario_id does not match file name")
    if kind not in KINDS or kind != m.group("kind"):
        err(f"kind {kind!r} invalid or does not match file name")
    if data["written"] != WRITTEN:
        err(f"written must be {WRITTEN}")
    if not isinstance(data["register"], str) or not data["register"].strip():
        err("register must be a non-empty string")
    lines = data["lines"]
    if not isinstance(lines, list) or len(lines) not in (8, 9):
        err("lines must be a list of 8 or 9 lines")
        return None
    allowed = MOVES | (MANAGER_MOVES if sid == MANAGER_SCENARIO else set())
    hazard_lines = 0
    for i, line in enumerate(lines, 1):
        lerr = lambda msg: err(f"line {i}: {msg}")
        if not isinstance(line, dict) or set(line) != LINE_KEYS:
            lerr(f"keys must be exactly {sorted(LINE_KEYS)}")
            continue
        text = line["text"]
        if not isinstance(text, str) or not text.strip():
            lerr("text must be a non-empty string")
            continue
        if "hazard" in text.lower():
            lerr("text must never use the word 'hazard'")
        moves = line["moves"]
        if not isinstance(moves, list) or len(set(moves)) != len(moves):
            lerr("moves must be a list without repeats")
        else:
            for mv in moves:
                if mv not in allowed:
                    lerr(f"move {mv!r} not allowed in {sid}")
        q = line["question"]
        if q is not None:
            if not isinstance(q, dict) or set(q) != {"topic"} or q["topic"] not in TOPICS:
                lerr(f"question must be null or {{'topic': one of {sorted(TOPICS)}}}")
        terms = line["terms"]
        if not isinstance(terms, list) or len(set(terms)) != len(terms):
            lerr("terms must be a list without repeats")
        else:
            for t in terms:
                if not isinstance(t, str) or not t.strip():
                    lerr("empty term")
                elif t not in text:
                    lerr(f"term {t!r} is not an exact substring of text")
        off = line["offtopic"]
        if off is not None and off not in OFFTOPIC:
            lerr(f"offtopic {off!r} invalid")
        if off == "hazard":
            hazard_lines += 1
        pre = line["preempts"]
        if pre is not None and (not isinstance(pre, str) or not pre.strip()):
            lerr("preempts must be null or a non-empty phrase")
    return {"sid": sid, "kind": kind, "extra": bool(m.group("extra")),
            "register": data["register"], "hazard_lines": hazard_lines}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    sdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "scripts")
    errors = []
    files = sorted(f for f in os.listdir(sdir) if f.endswith(".json"))
    infos = [i for i in (check_file(os.path.join(sdir, f), errors) for f in files) if i]
    # set-level checks
    if len(files) != 30:
        errors.append(f"set: expected 30 scripts, found {len(files)}")
    for sid in SCENARIOS:
        for kind in KINDS:
            if not any(i["sid"] == sid and i["kind"] == kind and not i["extra"] for i in infos):
                errors.append(f"set: missing {sid}--{kind}.json")
    extras = [i for i in infos if i["extra"]]
    if len(extras) != 6:
        errors.append(f"set: expected 6 extras, found {len(extras)}")
    regs = [i["register"] for i in infos]
    dups = sorted({r for r in regs if regs.count(r) > 1})
    if dups:
        errors.append(f"set: repeated registers {dups}")
    haz = sum(1 for i in infos if i["hazard_lines"])
    if len(files) == 30 and haz != 5:
        errors.append(f"set: expected 5 scripts with physical-safety lines, found {haz}")
    for e in errors:
        print(e)
    print(f"{len(files)} files, {len(errors)} problems")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
