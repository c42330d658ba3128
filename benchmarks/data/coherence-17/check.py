#!/usr/bin/env python3
"""Format checker for coherence set 17 (standard library only).

Usage: python3 check.py [scripts_dir]
Default scripts_dir is the `scripts` folder next to this file.
Exits 0 when every script passes, 1 otherwise.
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
TOPICS = {"constraint", "decision", "timing", "help", "feelings", "personal",
          "choice", "other"}
OFFTOPIC = {"hazard", "joke", "complaint", "apology", "vulnerability",
            "small-talk", "rude"}
WRITTEN = "2026-12-05"
TOP_KEYS = {"scenario_id", "kind", "written", "register", "lines"}
LINE_KEYS = {"text", "moves", "question", "terms", "offtopic", "preempts"}
NAME_RE = re.compile(r"^(?P<scen>[a-z-]+?)--(?P<kind>skilled|mediocre|off-script)(?P<extra>-2)?\.json$")

EXPECTED_TOTAL = 30
EXPECTED_EXTRAS = 6
HAZARD_SCRIPTS = 5


def check_file(path, errors):
    name = os.path.basename(path)
    m = NAME_RE.match(name)
    if not m:
        errors.append(f"{name}: bad file name")
        return None
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError) as exc:
        errors.append(f"{name}: not valid JSON ({exc})")
        return None
    if not isinstance(data, dict):
        errors.append(f"{name}: top level is not an object")
        return None
    if set(data) != TOP_KEYS:
        errors.append(f"{name}: keys {sorted(data)} != {sorted(TOP_KEYS)}")
    scen = data.get("scenario_id")
    kind = data.get("kind")
    if scen not in SCENARIOS:
        errors.append(f"{name}: unknown scenario_id {scen!r}")
    if scen != m.group("scen"):
        errors.append(f"{name}: scenario_id does not match file name")
    if kind not in KINDS:
        errors.append(f"{name}: bad kind {kind!r}")
    if kind != m.group("kind"):
        errors.append(f"{name}: kind does not match file name")
    if data.get("written") != WRITTEN:
        errors.append(f"{name}: written must be {WRITTEN}")
    reg = data.get("register")
    if not isinstance(reg, str) or not reg.strip():
        errors.append(f"{name}: register must be a non-empty string")
    lines = data.get("lines")
    if not isinstance(lines, list) or not 8 <= len(lines) <= 9:
        errors.append(f"{name}: needs 8 or 9 lines")
        lines = lines if isinstance(lines, list) else []
    allowed_moves = set(MOVES)
    if scen == MANAGER_SCENARIO:
        allowed_moves |= MANAGER_MOVES
    hazard_lines = 0
    for i, line in enumerate(lines, 1):
        where = f"{name} line {i}"
        if not isinstance(line, dict):
            errors.append(f"{where}: not an object")
            continue
        if set(line) != LINE_KEYS:
            errors.append(f"{where}: keys {sorted(line)} != {sorted(LINE_KEYS)}")
        text = line.get("text")
        if not isinstance(text, str) or not text.strip():
            errors.append(f"{where}: empty text")
            text = ""
        if "hazard" in text.lower():
            errors.append(f"{where}: text uses the word 'hazard'")
        moves = line.get("moves")
        if not isinstance(moves, list):
            errors.append(f"{where}: moves must be a list")
            moves = []
        for mv in moves:
            if mv not in allowed_moves:
                errors.append(f"{where}: move {mv!r} not allowed here")
        if len(set(moves)) != len(moves):
            errors.append(f"{where}: duplicate moves")
        q = line.get("question")
        if q is not None:
            if not isinstance(q, dict) or set(q) != {"topic"} or q.get("topic") not in TOPICS:
                errors.append(f"{where}: bad question {q!r}")
            elif "?" not in text:
                errors.append(f"{where}: question tagged but no '?' in text")
        terms = line.get("terms")
        if not isinstance(terms, list):
            errors.append(f"{where}: terms must be a list")
            terms = []
        for t in terms:
            if not isinstance(t, str) or not t or t not in text:
                errors.append(f"{where}: term {t!r} is not an exact substring")
        if len(set(terms)) != len(terms):
            errors.append(f"{where}: duplicate terms")
        off = line.get("offtopic")
        if off is not None and off not in OFFTOPIC:
            errors.append(f"{where}: bad offtopic {off!r}")
        if off == "hazard":
            hazard_lines += 1
        pre = line.get("preempts")
        if pre is not None and (not isinstance(pre, str) or not pre.strip()):
            errors.append(f"{where}: preempts must be null or a short phrase")
    return {"scen": scen, "kind": kind, "extra": bool(m.group("extra")),
            "register": reg, "hazard_lines": hazard_lines, "name": name}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    sdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "scripts")
    errors = []
    files = sorted(f for f in os.listdir(sdir) if f.endswith(".json"))
    infos = [i for i in (check_file(os.path.join(sdir, f), errors) for f in files) if i]
    # set-level checks
    if len(files) != EXPECTED_TOTAL:
        errors.append(f"expected {EXPECTED_TOTAL} scripts, found {len(files)}")
    extras = [i for i in infos if i["extra"]]
    if len(extras) != EXPECTED_EXTRAS:
        errors.append(f"expected {EXPECTED_EXTRAS} extras, found {len(extras)}")
    for scen in SCENARIOS:
        for kind in KINDS:
            if not any(i["scen"] == scen and i["kind"] == kind and not i["extra"] for i in infos):
                errors.append(f"missing {scen}--{kind}.json")
    regs = Counter(i["register"] for i in infos)
    for reg, n in regs.items():
        if n > 1:
            errors.append(f"register used {n} times: {reg!r}")
    haz = [i["name"] for i in infos if i["hazard_lines"]]
    if len(haz) != HAZARD_SCRIPTS:
        errors.append(f"expected {HAZARD_SCRIPTS} scripts with hazard lines, found {len(haz)}: {haz}")
    for i in infos:
        if i["hazard_lines"] and i["hazard_lines"] != 2:
            errors.append(f"{i['name']}: safety problem should have exactly one follow-up line "
                          f"(2 hazard lines), found {i['hazard_lines']}")
    for e in errors:
        print("ERROR:", e)
    print(f"{len(files)} scripts checked, {len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
