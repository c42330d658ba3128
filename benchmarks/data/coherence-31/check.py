#!/usr/bin/env python3
"""Standard-library format checker for coherence set 31.

Usage: python3 check.py [scripts_dir]   (default: scripts/ next to this file)
Exits 0 when every file passes, 1 otherwise, printing one line per problem.
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
MOVES = {"impact-evidence", "business-value", "specific-ask", "phased-plan", "success-metrics",
         "explores-constraints", "collaborative-options", "next-steps", "recover-from-no"}
MANAGER_MOVES = {"specific-observation", "invites-perspective", "offers-support"}
TOPICS = {"constraint", "decision", "timing", "help", "feelings", "personal", "choice", "other"}
OFFTOPIC = {"hazard", "joke", "complaint", "apology", "vulnerability", "small-talk", "rude"}
WRITTEN = "2026-12-06"
TOP_KEYS = {"scenario_id", "kind", "written", "register", "lines"}
LINE_KEYS = {"text", "moves", "question", "terms", "offtopic", "preempts"}
NAME_RE = re.compile(r"^(?P<sid>[a-z-]+?)--(?P<kind>skilled|mediocre|off-script)(?P<extra>-2)?\.json$")

EXPECTED_FILES = 30
EXPECTED_EXTRAS = 6
HAZARD_SCRIPTS = 5


def check_file(path, errors):
    name = os.path.basename(path)
    where = name
    m = NAME_RE.match(name)
    if not m:
        errors.append(f"{where}: file name is not <scenario_id>--<kind>[-2].json")
        return None
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError) as exc:
        errors.append(f"{where}: cannot read JSON: {exc}")
        return None
    if not isinstance(data, dict) or set(data) != TOP_KEYS:
        errors.append(f"{where}: top-level keys must be exactly {sorted(TOP_KEYS)}")
        return None
    sid, kind = data["scenario_id"], data["kind"]
    if sid not in SCENARIOS:
        errors.append(f"{where}: unknown scenario_id {sid!r}")
    if kind not in KINDS:
        errors.append(f"{where}: kind must be one of {KINDS}, got {kind!r}")
    if sid != m.group("sid") or kind != m.group("kind"):
        errors.append(f"{where}: scenario_id/kind do not match the file name")
    if data["written"] != WRITTEN:
        errors.append(f"{where}: written must be {WRITTEN!r}")
    if not isinstance(data["register"], str) or not data["register"].strip():
        errors.append(f"{where}: register must be a non-empty string")
    lines = data["lines"]
    if not isinstance(lines, list) or not 8 <= len(lines) <= 9:
        errors.append(f"{where}: must have 8 or 9 lines")
        return data
    allowed_moves = MOVES | (MANAGER_MOVES if sid == MANAGER_SCENARIO else set())
    for i, line in enumerate(lines, 1):
        lw = f"{where} line {i}"
        if not isinstance(line, dict) or set(line) != LINE_KEYS:
            errors.append(f"{lw}: keys must be exactly {sorted(LINE_KEYS)}")
            continue
        text = line["text"]
        if not isinstance(text, str) or not text.strip():
            errors.append(f"{lw}: text must be a non-empty string")
            continue
        if "hazard" in text.lower():
            errors.append(f"{lw}: text must not use the word 'hazard'")
        moves = line["moves"]
        if not isinstance(moves, list) or len(set(moves)) != len(moves):
            errors.append(f"{lw}: moves must be a list without repeats")
        else:
            for mv in moves:
                if mv not in allowed_moves:
                    errors.append(f"{lw}: move {mv!r} not allowed in {sid}")
        q = line["question"]
        if q is not None:
            if not isinstance(q, dict) or set(q) != {"topic"} or q["topic"] not in TOPICS:
                errors.append(f"{lw}: question must be null or {{'topic': one of {sorted(TOPICS)}}}")
        terms = line["terms"]
        if not isinstance(terms, list) or len(set(terms)) != len(terms):
            errors.append(f"{lw}: terms must be a list without repeats")
        else:
            for t in terms:
                if not isinstance(t, str) or not t or t not in text:
                    errors.append(f"{lw}: term {t!r} is not an exact substring of text")
        off = line["offtopic"]
        if off is not None and off not in OFFTOPIC:
            errors.append(f"{lw}: offtopic {off!r} not one of {sorted(OFFTOPIC)}")
        pre = line["preempts"]
        if pre is not None and (not isinstance(pre, str) or not pre.strip()):
            errors.append(f"{lw}: preempts must be null or a non-empty string")
    hz = sum(1 for ln in lines if isinstance(ln, dict) and ln.get("offtopic") == "hazard")
    if hz == 1:
        errors.append(f"{where}: a safety problem needs its one follow-up line (found 1 hazard line)")
    if hz > 2:
        errors.append(f"{where}: more than one follow-up to a safety problem ({hz} hazard lines)")
    return data


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    folder = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "scripts")
    errors = []
    names = sorted(n for n in os.listdir(folder) if n.endswith(".json"))
    datas = {}
    for n in names:
        d = check_file(os.path.join(folder, n), errors)
        if d is not None:
            datas[n] = d
    # set-level checks
    if len(names) != EXPECTED_FILES:
        errors.append(f"set: expected {EXPECTED_FILES} scripts, found {len(names)}")
    extras = [n for n in names if n.endswith("-2.json")]
    if len(extras) != EXPECTED_EXTRAS:
        errors.append(f"set: expected {EXPECTED_EXTRAS} extras, found {len(extras)}")
    for sid in sorted(SCENARIOS):
        for kind in KINDS:
            if f"{sid}--{kind}.json" not in names:
                errors.append(f"set: missing {sid}--{kind}.json")
    for n in extras:
        if n.replace("-2.json", ".json") not in names:
            errors.append(f"set: extra {n} has no base script")
    regs = Counter(d["register"] for d in datas.values() if isinstance(d.get("register"), str))
    for r, c in regs.items():
        if c > 1:
            errors.append(f"set: register used {c} times: {r!r}")
    hazard_scripts = [n for n, d in datas.items()
                      if any(isinstance(l, dict) and l.get("offtopic") == "hazard" for l in d.get("lines", []))]
    if len(hazard_scripts) != HAZARD_SCRIPTS:
        errors.append(f"set: expected {HAZARD_SCRIPTS} scripts with a safety problem, found {len(hazard_scripts)}")
    for e in errors:
        print(e)
    # summary
    kinds = Counter(d["kind"] for d in datas.values())
    nlines = sum(len(d["lines"]) for d in datas.values())
    print(f"{len(names)} scripts, {nlines} lines, kinds {dict(sorted(kinds.items()))}, "
          f"{len(hazard_scripts)} with a safety problem; {'OK' if not errors else f'{len(errors)} problem(s)'}")
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
