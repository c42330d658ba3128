#!/usr/bin/env python3
"""Format checker for coherence set 23 (standard library only).

Usage: python3 check.py [--partial] [scripts_dir]
Exits 0 when every script file passes; with --partial the whole-set
counts (30 files, 6 extras, each scenario x kind) are not enforced.
"""
import json
import os
import re
import sys
from collections import Counter

SCENARIOS = {
    "compassionate-performance-conversation", "flexible-work-trial",
    "hand-off-responsibility", "lateral-move", "promotion-after-win",
    "promotion-follow-up", "raise-during-budget-freeze", "workload-boundary",
}
KINDS = {"skilled", "mediocre", "off-script"}
MOVES = {"impact-evidence", "business-value", "specific-ask", "phased-plan",
         "success-metrics", "explores-constraints", "collaborative-options",
         "next-steps", "recover-from-no"}
MANAGER_MOVES = {"specific-observation", "invites-perspective", "offers-support"}
MANAGER_SCENARIO = "compassionate-performance-conversation"
TOPICS = {"constraint", "decision", "timing", "help", "feelings", "personal",
          "choice", "other"}
OFFTOPIC = {"hazard", "joke", "complaint", "apology", "vulnerability",
            "small-talk", "rude"}
WRITTEN = "2026-12-06"
TOP_KEYS = {"scenario_id", "kind", "written", "register", "lines"}
LINE_KEYS = {"text", "moves", "question", "terms", "offtopic", "preempts"}
# proper nouns of firms, places and pieces of work from the briefings: not reused
FORBIDDEN = ["aire valley", "wakefield", "hollins park", "marlow mutual",
             "calder & finch", "calder and finch", "brightwater", "kestrel",
             "brennan packaging", "brightline", "harlow", "st aldhelm",
             "checkout migration"]
NAME_RE = re.compile(r"^(?P<sid>[a-z-]+?)--(?P<kind>skilled|mediocre|off-script)(?P<extra>-2)?\.json$")


def check_file(path, errors):
    name = os.path.basename(path)
    m = NAME_RE.match(name)
    where = name
    if not m:
        errors.append(f"{where}: bad file name")
        return None
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except Exception as exc:  # noqa: BLE001
        errors.append(f"{where}: not valid JSON ({exc})")
        return None
    if not isinstance(data, dict) or set(data) != TOP_KEYS:
        errors.append(f"{where}: top-level keys must be exactly {sorted(TOP_KEYS)}")
        return None
    sid, kind = data["scenario_id"], data["kind"]
    if sid not in SCENARIOS:
        errors.append(f"{where}: unknown scenario_id {sid!r}")
    if sid != m.group("sid"):
        errors.append(f"{where}: scenario_id does not match file name")
    if kind not in KINDS or kind != m.group("kind"):
        errors.append(f"{where}: kind {kind!r} does not match file name (no -2 in kind)")
    if data["written"] != WRITTEN:
        errors.append(f"{where}: written must be {WRITTEN}")
    if not isinstance(data["register"], str) or not data["register"].strip():
        errors.append(f"{where}: register must be a non-empty string")
    lines = data["lines"]
    if not isinstance(lines, list) or len(lines) not in (8, 9):
        errors.append(f"{where}: must have 8 or 9 lines")
        lines = lines if isinstance(lines, list) else []
    hazard_lines = 0
    for i, ln in enumerate(lines, 1):
        w = f"{where} line {i}"
        if not isinstance(ln, dict) or set(ln) != LINE_KEYS:
            errors.append(f"{w}: keys must be exactly {sorted(LINE_KEYS)}")
            continue
        text = ln["text"]
        if not isinstance(text, str) or not text.strip():
            errors.append(f"{w}: empty text")
            continue
        if "hazard" in text.lower():
            errors.append(f"{w}: the word 'hazard' must not appear in a line")
        for bad in FORBIDDEN:
            if bad in text.lower():
                errors.append(f"{w}: uses briefing name {bad!r}")
        mv = ln["moves"]
        if not isinstance(mv, list) or len(set(mv)) != len(mv):
            errors.append(f"{w}: moves must be a list without repeats")
            mv = []
        for x in mv:
            if x in MANAGER_MOVES:
                if sid != MANAGER_SCENARIO:
                    errors.append(f"{w}: manager-move {x} outside {MANAGER_SCENARIO}")
            elif x not in MOVES:
                errors.append(f"{w}: unknown move {x!r}")
        q = ln["question"]
        if q is not None:
            if not isinstance(q, dict) or set(q) != {"topic"} or q["topic"] not in TOPICS:
                errors.append(f"{w}: question must be null or {{'topic': one of {sorted(TOPICS)}}}")
        terms = ln["terms"]
        if not isinstance(terms, list) or len(set(terms)) != len(terms):
            errors.append(f"{w}: terms must be a list without repeats")
            terms = []
        for t in terms:
            if not isinstance(t, str) or not t or t not in text:
                errors.append(f"{w}: term {t!r} is not an exact substring of text")
        off = ln["offtopic"]
        if off is not None and off not in OFFTOPIC:
            errors.append(f"{w}: bad offtopic {off!r}")
        if off == "hazard":
            hazard_lines += 1
        p = ln["preempts"]
        if p is not None and (not isinstance(p, str) or not p.strip()):
            errors.append(f"{w}: preempts must be null or a non-empty phrase")
    if hazard_lines not in (0, 2):
        errors.append(f"{where}: a script with a safety problem has it plus exactly one follow-up ({hazard_lines} hazard lines)")
    return {"name": name, "sid": sid, "kind": kind, "extra": bool(m.group("extra")),
            "register": data["register"], "hazard": hazard_lines > 0}


def main(argv):
    partial = "--partial" in argv
    args = [a for a in argv if a != "--partial"]
    folder = args[0] if args else os.path.join(os.path.dirname(os.path.abspath(__file__)), "scripts")
    errors = []
    files = sorted(f for f in os.listdir(folder) if f.endswith(".json"))
    infos = [i for i in (check_file(os.path.join(folder, f), errors) for f in files) if i]
    regs = Counter(i["register"].strip().lower() for i in infos)
    for r, n in regs.items():
        if n > 1:
            errors.append(f"register used {n} times: {r!r}")
    if not partial:
        if len(files) != 30:
            errors.append(f"expected 30 scripts, found {len(files)}")
        base = {(i["sid"], i["kind"]) for i in infos if not i["extra"]}
        for s in SCENARIOS:
            for k in KINDS:
                if (s, k) not in base:
                    errors.append(f"missing {s}--{k}.json")
        if sum(i["extra"] for i in infos) != 6:
            errors.append("expected exactly 6 extras (-2 files)")
        if sum(i["hazard"] for i in infos) != 5:
            errors.append("expected physical safety problems in exactly 5 scripts")
    for e in errors:
        print("ERROR:", e)
    print(f"{len(files)} files checked, {len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
