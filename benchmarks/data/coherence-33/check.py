#!/usr/bin/env python3
"""Format checker for coherence set 33 (standard library only).

Usage: python3 check.py [--partial] [scripts_dir]

Without --partial it also checks the set-level requirements (30 scripts, each
scenario with a skilled, a mediocre and an off-script script, 6 extras, 5
scripts with a physical-safety line and one follow-up). Exits 0 when clean.
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
KINDS = ["skilled", "mediocre", "off-script"]
MOVES = {
    "impact-evidence", "business-value", "specific-ask", "phased-plan",
    "success-metrics", "explores-constraints", "collaborative-options",
    "next-steps", "recover-from-no",
}
MANAGER_MOVES = {"specific-observation", "invites-perspective", "offers-support"}
MANAGER_SCENARIO = "compassionate-performance-conversation"
TOPICS = {"constraint", "decision", "timing", "help", "feelings", "personal", "choice", "other"}
OFFTOPIC = {"hazard", "joke", "complaint", "apology", "vulnerability", "small-talk", "rude"}
WRITTEN = "2026-12-06"
TOP_KEYS = {"scenario_id", "kind", "written", "register", "lines"}
LINE_KEYS = {"text", "moves", "question", "terms", "offtopic", "preempts"}
NAME_RE = re.compile(r"^(?P<scen>[a-z-]+?)--(?P<kind>skilled|mediocre|off-script)(?P<extra>-2)?\.json$")


def main(argv):
    partial = "--partial" in argv
    args = [a for a in argv if not a.startswith("--")]
    here = os.path.dirname(os.path.abspath(__file__))
    sdir = args[0] if args else os.path.join(here, "scripts")
    errors = []
    files = sorted(f for f in os.listdir(sdir) if f.endswith(".json"))
    registers = {}
    per = Counter()
    extras = []
    move_count = Counter()
    topic_count = Counter()
    off_count = Counter()
    hazard_scripts = []
    n_lines = 0
    n_preempts = 0

    for fn in files:
        path = os.path.join(sdir, fn)

        def err(msg, fn=fn):
            errors.append(f"{fn}: {msg}")

        m = NAME_RE.match(fn)
        if not m:
            err("bad file name")
            continue
        try:
            with open(path, encoding="utf-8") as fh:
                data = json.load(fh)
        except Exception as e:  # noqa: BLE001
            err(f"invalid JSON: {e}")
            continue
        if not isinstance(data, dict) or set(data) != TOP_KEYS:
            err(f"top-level keys must be {sorted(TOP_KEYS)}")
            continue
        scen, kind = data["scenario_id"], data["kind"]
        if scen not in SCENARIOS:
            err(f"unknown scenario_id {scen!r}")
        if scen != m.group("scen"):
            err("scenario_id does not match file name")
        if kind not in KINDS or kind != m.group("kind"):
            err(f"kind {kind!r} invalid or does not match file name")
        if m.group("extra"):
            extras.append(fn)
        per[(scen, kind, bool(m.group("extra")))] += 1
        if data["written"] != WRITTEN:
            err(f"written must be {WRITTEN}")
        reg = data["register"]
        if not isinstance(reg, str) or not reg.strip():
            err("register must be a non-empty string")
        elif reg in registers:
            err(f"register repeats {registers[reg]}")
        else:
            registers[reg] = fn
        lines = data["lines"]
        if not isinstance(lines, list) or not 8 <= len(lines) <= 9:
            err("must have 8 or 9 lines")
            continue
        hz = 0
        for i, ln in enumerate(lines, 1):
            n_lines += 1
            if not isinstance(ln, dict) or set(ln) != LINE_KEYS:
                err(f"line {i}: keys must be {sorted(LINE_KEYS)}")
                continue
            text = ln["text"]
            if not isinstance(text, str) or not text.strip():
                err(f"line {i}: empty text")
                continue
            if "hazard" in text.lower():
                err(f"line {i}: text uses the word 'hazard'")
            mv = ln["moves"]
            if not isinstance(mv, list) or len(set(mv)) != len(mv):
                err(f"line {i}: moves must be a list without repeats")
            else:
                for x in mv:
                    move_count[x] += 1
                    if x in MANAGER_MOVES:
                        if scen != MANAGER_SCENARIO:
                            err(f"line {i}: manager-move {x} outside {MANAGER_SCENARIO}")
                    elif x not in MOVES:
                        err(f"line {i}: unknown move {x!r}")
            q = ln["question"]
            if q is not None:
                if not isinstance(q, dict) or set(q) != {"topic"} or q["topic"] not in TOPICS:
                    err(f"line {i}: question must be null or {{'topic': one of {sorted(TOPICS)}}}")
                else:
                    topic_count[q["topic"]] += 1
            terms = ln["terms"]
            if not isinstance(terms, list):
                err(f"line {i}: terms must be a list")
            else:
                if len(set(terms)) != len(terms):
                    err(f"line {i}: repeated term")
                for t in terms:
                    if not isinstance(t, str) or not t or t not in text:
                        err(f"line {i}: term {t!r} is not an exact substring of text")
            off = ln["offtopic"]
            if off is not None:
                if off not in OFFTOPIC:
                    err(f"line {i}: offtopic {off!r} invalid")
                else:
                    off_count[off] += 1
                    if off == "hazard":
                        hz += 1
            pre = ln["preempts"]
            if pre is not None:
                if not isinstance(pre, str) or not pre.strip():
                    err(f"line {i}: preempts must be null or a short phrase")
                else:
                    n_preempts += 1
        if hz:
            hazard_scripts.append(fn)
            if hz != 2:
                err(f"safety problem script should have the line plus one follow-up (found {hz})")

    if not partial:
        if len(files) != 30:
            errors.append(f"set: expected 30 scripts, found {len(files)}")
        for s in SCENARIOS:
            for k in KINDS:
                if per[(s, k, False)] != 1:
                    errors.append(f"set: missing {s}--{k}.json")
        if len(extras) != 6:
            errors.append(f"set: expected 6 extras, found {len(extras)}")
        if len(hazard_scripts) != 5:
            errors.append(f"set: expected 5 scripts with a safety problem, found {len(hazard_scripts)}")

    print(f"scripts: {len(files)}  lines: {n_lines}  extras: {len(extras)}  registers: {len(registers)}")
    print("moves:", dict(sorted(move_count.items())))
    print("question topics:", dict(sorted(topic_count.items())), "total", sum(topic_count.values()))
    print("offtopic:", dict(sorted(off_count.items())), "total", sum(off_count.values()))
    print("preempts:", n_preempts, " safety-problem scripts:", len(hazard_scripts))
    if errors:
        print(f"\n{len(errors)} problem(s):")
        for e in errors:
            print(" -", e)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
