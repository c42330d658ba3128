#!/usr/bin/env python3
"""Check the coh9 learner-side scripts against FORMAT.md.

Standalone: standard library only. Usage:  python3 check.py [scripts_dir]
Exits 0 when every file passes, 1 otherwise, printing one line per problem.
"""
import json
import os
import re
import sys

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
WRITTEN = "2026-12-05"

MOVES = {  # criteria of kind "move"
    "impact-evidence", "business-value", "specific-ask", "phased-plan",
    "success-metrics", "explores-constraints", "collaborative-options",
    "next-steps", "recover-from-no",
}
MANAGER_MOVES = {"specific-observation", "invites-perspective", "offers-support"}
FLAGS = {"hedging", "aggression"}  # exist in the criteria but are never annotated

TOPICS = {"constraint", "decision", "timing", "help", "feelings", "personal", "choice", "other"}
OFFTOPIC = {"hazard", "joke", "complaint", "apology", "vulnerability", "small-talk", "rude"}

TOP_FIELDS = {"scenario_id", "kind", "written", "register", "lines"}
LINE_FIELDS = {"text", "moves", "question", "terms", "offtopic", "preempts"}

MIN_LINES, MAX_LINES = 6, 10
NAME_RE = re.compile(r"^(?P<scenario>[a-z0-9-]+?)--(?P<kind>skilled|mediocre|off-script)(?:-(?P<n>\d+))?\.json$")
FORBIDDEN_WORD = re.compile(r"hazard", re.IGNORECASE)


def check_line(fname, i, line, scenario, problems):
    where = f"{fname} line {i}"
    if not isinstance(line, dict):
        problems.append(f"{where}: not an object")
        return
    keys = set(line)
    if keys != LINE_FIELDS:
        missing, extra = LINE_FIELDS - keys, keys - LINE_FIELDS
        if missing:
            problems.append(f"{where}: missing fields {sorted(missing)}")
        if extra:
            problems.append(f"{where}: unexpected fields {sorted(extra)}")
    text = line.get("text")
    if not isinstance(text, str) or not text.strip():
        problems.append(f"{where}: text must be a non-empty string")
        text = ""
    if FORBIDDEN_WORD.search(text):
        problems.append(f"{where}: text uses the word 'hazard'")

    moves = line.get("moves")
    if not isinstance(moves, list) or not all(isinstance(m, str) for m in moves):
        problems.append(f"{where}: moves must be a list of strings")
    else:
        if len(set(moves)) != len(moves):
            problems.append(f"{where}: duplicate move ids")
        for m in moves:
            if m in FLAGS:
                problems.append(f"{where}: flag '{m}' must not be annotated")
            elif m in MANAGER_MOVES:
                if scenario != MANAGER_SCENARIO:
                    problems.append(f"{where}: manager-move '{m}' outside {MANAGER_SCENARIO}")
            elif m not in MOVES:
                problems.append(f"{where}: unknown move id '{m}'")

    q = line.get("question", "MISSING")
    if q is not None:
        if not isinstance(q, dict) or set(q) != {"topic"}:
            problems.append(f"{where}: question must be null or {{\"topic\": ...}}")
        elif q["topic"] not in TOPICS:
            problems.append(f"{where}: unknown question topic '{q['topic']}'")

    terms = line.get("terms")
    if not isinstance(terms, list) or not all(isinstance(t, str) for t in terms):
        problems.append(f"{where}: terms must be a list of strings")
    else:
        if len(set(terms)) != len(terms):
            problems.append(f"{where}: duplicate terms")
        for t in terms:
            if not t.strip():
                problems.append(f"{where}: empty term")
            elif t not in text:
                problems.append(f"{where}: term {t!r} is not an exact substring of the text")

    off = line.get("offtopic", "MISSING")
    if off is not None and off not in OFFTOPIC:
        problems.append(f"{where}: unknown offtopic label {off!r}")

    pre = line.get("preempts", "MISSING")
    if pre is not None:
        if not isinstance(pre, str) or not pre.strip():
            problems.append(f"{where}: preempts must be null or a non-empty phrase")
        elif FORBIDDEN_WORD.search(pre):
            problems.append(f"{where}: preempts uses the word 'hazard'")


def check_file(path, problems):
    fname = os.path.basename(path)
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError) as exc:
        problems.append(f"{fname}: cannot read JSON ({exc})")
        return None
    if not isinstance(data, dict):
        problems.append(f"{fname}: top level is not an object")
        return None
    keys = set(data)
    if keys != TOP_FIELDS:
        missing, extra = TOP_FIELDS - keys, keys - TOP_FIELDS
        if missing:
            problems.append(f"{fname}: missing fields {sorted(missing)}")
        if extra:
            problems.append(f"{fname}: unexpected fields {sorted(extra)}")

    scenario, kind = data.get("scenario_id"), data.get("kind")
    if scenario not in SCENARIOS:
        problems.append(f"{fname}: unknown scenario_id {scenario!r}")
    if kind not in KINDS:
        problems.append(f"{fname}: kind {kind!r} is not one of {sorted(KINDS)}")
    if data.get("written") != WRITTEN:
        problems.append(f"{fname}: written must be {WRITTEN!r}")
    reg = data.get("register")
    if not isinstance(reg, str) or not reg.strip():
        problems.append(f"{fname}: register must be a non-empty string")
    elif FORBIDDEN_WORD.search(reg):
        problems.append(f"{fname}: register uses the word 'hazard'")

    m = NAME_RE.match(fname)
    if not m:
        problems.append(f"{fname}: name is not <scenario_id>--<kind>[-N].json")
    else:
        if m.group("scenario") != scenario:
            problems.append(f"{fname}: file name scenario differs from scenario_id {scenario!r}")
        if m.group("kind") != kind:
            problems.append(f"{fname}: file name kind differs from kind {kind!r}")
        if m.group("n") is not None and int(m.group("n")) < 2:
            problems.append(f"{fname}: extra suffix must be -2 or higher")

    lines = data.get("lines")
    if not isinstance(lines, list):
        problems.append(f"{fname}: lines must be a list")
        return (scenario, kind, reg, 0)
    if not MIN_LINES <= len(lines) <= MAX_LINES:
        problems.append(f"{fname}: {len(lines)} lines, need {MIN_LINES}-{MAX_LINES}")
    texts = [l.get("text") for l in lines if isinstance(l, dict)]
    if len(set(texts)) != len(texts):
        problems.append(f"{fname}: repeated identical line text")
    for i, line in enumerate(lines, 1):
        check_line(fname, i, line, scenario, problems)
    return (scenario, kind, reg, len(lines))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    sdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "scripts")
    names = sorted(n for n in os.listdir(sdir) if not n.startswith("."))
    problems = []
    seen = {}
    registers = {}
    total_lines = 0
    for n in names:
        if not n.endswith(".json"):
            problems.append(f"{n}: not a .json file")
            continue
        info = check_file(os.path.join(sdir, n), problems)
        if info:
            scenario, kind, reg, nlines = info
            seen.setdefault(scenario, set()).add(kind)
            total_lines += nlines
            if isinstance(reg, str):
                registers.setdefault(reg.strip().lower(), []).append(n)
    for s in sorted(SCENARIOS):
        for k in sorted(KINDS):
            if k not in seen.get(s, set()):
                problems.append(f"coverage: no {k} script for {s}")
    for reg, files in registers.items():
        if len(files) > 1:
            problems.append(f"register repeated in {files}")
    for p in problems:
        print(p)
    print(f"{len(names)} files, {total_lines} lines, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
