#!/usr/bin/env python3
"""Format checker for coherence set 42 (standard library only).

Usage: python3 check.py [scripts_dir]
Exits 0 when every script is well formed and the set-level counts hold, 1 otherwise.
"""
import json
import os
import re
import sys
from collections import Counter

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
WRITTEN = "2026-12-06"
LINE_FIELDS = {"text", "moves", "question", "terms", "offtopic", "preempts"}
TOP_FIELDS = {"scenario_id", "kind", "written", "register", "lines"}
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
            data = json.load(f)
    except Exception as e:  # noqa: BLE001
        err(f"not valid JSON: {e}")
        return None
    if not isinstance(data, dict):
        err("top level is not an object")
        return None
    if set(data) != TOP_FIELDS:
        err(f"top-level fields {sorted(data)} != {sorted(TOP_FIELDS)}")
    sid, kind = data.get("scenario_id"), data.get("kind")
    if sid not in SCENARIOS:
        err(f"unknown scenario_id {sid!r}")
    if sid != m.group("sid"):
        err("scenario_id does not match file name")
    if kind not in KINDS:
        err(f"bad kind {kind!r}")
    if kind != m.group("kind"):
        err("kind does not match file name")
    if data.get("written") != WRITTEN:
        err(f"written is {data.get('written')!r}, expected {WRITTEN}")
    reg = data.get("register")
    if not isinstance(reg, str) or not reg.strip():
        err("register missing or empty")
    lines = data.get("lines")
    if not isinstance(lines, list) or not (8 <= len(lines) <= 9):
        err(f"needs 8 or 9 lines, has {len(lines) if isinstance(lines, list) else 'none'}")
        return data
    for i, ln in enumerate(lines, 1):
        where = f"line {i}"
        if not isinstance(ln, dict):
            err(f"{where}: not an object")
            continue
        if set(ln) != LINE_FIELDS:
            err(f"{where}: fields {sorted(ln)} != {sorted(LINE_FIELDS)}")
        text = ln.get("text")
        if not isinstance(text, str) or not text.strip():
            err(f"{where}: empty text")
            continue
        if "hazard" in text.lower():
            err(f"{where}: text uses the word 'hazard'")
        moves = ln.get("moves")
        if not isinstance(moves, list):
            err(f"{where}: moves is not a list")
        else:
            if len(set(moves)) != len(moves):
                err(f"{where}: duplicate moves")
            for mv in moves:
                if mv in MANAGER_MOVES:
                    if sid != MANAGER_SCENARIO:
                        err(f"{where}: manager-move {mv} outside {MANAGER_SCENARIO}")
                elif mv not in MOVES:
                    err(f"{where}: unknown move {mv!r}")
        q = ln.get("question")
        if q is not None:
            if not isinstance(q, dict) or set(q) != {"topic"} or q.get("topic") not in TOPICS:
                err(f"{where}: bad question {q!r}")
        terms = ln.get("terms")
        if not isinstance(terms, list):
            err(f"{where}: terms is not a list")
        else:
            for t in terms:
                if not isinstance(t, str) or not t:
                    err(f"{where}: bad term {t!r}")
                elif t not in text:
                    err(f"{where}: term {t!r} is not an exact substring of text")
            if len(set(terms)) != len(terms):
                err(f"{where}: duplicate terms")
        off = ln.get("offtopic")
        if off is not None and off not in OFFTOPIC:
            err(f"{where}: bad offtopic {off!r}")
        pre = ln.get("preempts")
        if pre is not None and (not isinstance(pre, str) or not pre.strip()):
            err(f"{where}: preempts must be null or a non-empty string")
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
        errors.append(f"set: {len(files)} scripts, expected 30")
    for sid in SCENARIOS:
        for k in KINDS:
            if f"{sid}--{k}.json" not in files:
                errors.append(f"set: missing {sid}--{k}.json")
    extras = [f for f in files if f.endswith("-2.json")]
    if len(extras) != 6:
        errors.append(f"set: {len(extras)} extras, expected 6")
    regs = Counter(d.get("register") for d in scripts.values())
    for r, c in regs.items():
        if c > 1:
            errors.append(f"set: register used {c} times: {r!r}")
    hazard_scripts = [f for f, d in scripts.items()
                      if sum(1 for ln in d.get("lines", []) if isinstance(ln, dict) and ln.get("offtopic") == "hazard") > 0]
    if len(hazard_scripts) != 4:
        errors.append(f"set: {len(hazard_scripts)} scripts with safety lines, expected 4")
    for f in hazard_scripts:
        n = sum(1 for ln in scripts[f]["lines"] if ln.get("offtopic") == "hazard")
        if n != 2:
            errors.append(f"{f}: {n} safety lines, expected 2 (problem + one follow-up)")
    fig = re.compile(r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|forty|fifty|hundred|thousand|half)\b", re.I)
    fig_scripts = [f for f, d in scripts.items()
                   if any(fig.search(t) for ln in d.get("lines", []) if isinstance(ln, dict)
                          for t in (ln.get("terms") or []) if isinstance(t, str))]
    if len(fig_scripts) < 14:
        errors.append(f"set: only {len(fig_scripts)} scripts carry figures as terms, need 14+")

    # summary
    moves = Counter(mv for d in scripts.values() for ln in d["lines"] for mv in ln.get("moves", []))
    topics = Counter(ln["question"]["topic"] for d in scripts.values() for ln in d["lines"] if ln.get("question"))
    offs = Counter(ln["offtopic"] for d in scripts.values() for ln in d["lines"] if ln.get("offtopic"))
    nlines = sum(len(d["lines"]) for d in scripts.values())
    print(f"scripts: {len(files)}  lines: {nlines}  scripts with figure terms: {len(fig_scripts)}")
    print("kinds:", dict(Counter(d["kind"] for d in scripts.values())))
    print("moves:", dict(sorted(moves.items())))
    print("question topics:", dict(sorted(topics.items())))
    print("offtopic:", dict(sorted(offs.items())))
    print("preempts:", sum(1 for d in scripts.values() for ln in d["lines"] if ln.get("preempts")))
    if errors:
        print(f"\n{len(errors)} problem(s):")
        for e in errors:
            print(" -", e)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
