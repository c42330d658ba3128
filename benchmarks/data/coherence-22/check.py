#!/usr/bin/env python3
"""Format checker for coherence set 22 (standard library only).

Usage: python3 check.py [--partial] [scripts_dir]

Checks every scripts/*.json against the coherence file format:
fields, kinds, written date, register, 8-9 lines, per-line moves / question /
terms / offtopic / preempts, and (unless --partial) the set-level counts:
30 scripts, skilled + mediocre + off-script for each of the 8 scenarios,
6 extras named <scenario_id>--<kind>-2.json, all registers different,
and 5 scripts with a physical-safety line plus exactly one follow-up.
Exits 0 when everything passes, 1 otherwise.
"""
import json
import os
import re
import sys

WRITTEN = "2026-12-06"
KINDS = ("skilled", "mediocre", "off-script")
TOPICS = {"constraint", "decision", "timing", "help", "feelings", "personal", "choice", "other"}
OFFTOPIC = {"hazard", "joke", "complaint", "apology", "vulnerability", "small-talk", "rude"}

MOVES = {"impact-evidence", "business-value", "specific-ask", "phased-plan", "success-metrics",
         "explores-constraints", "collaborative-options", "next-steps", "recover-from-no"}
MANAGER_MOVES = {"specific-observation", "invites-perspective", "offers-support"}
MANAGER_SCENARIO = "compassionate-performance-conversation"

RUBRIC = {
    "compassionate-performance-conversation": ["specific-observation", "invites-perspective", "offers-support",
                                               "success-metrics", "collaborative-options", "next-steps",
                                               "explores-constraints", "phased-plan"],
    "flexible-work-trial": ["specific-ask", "phased-plan", "success-metrics", "business-value",
                            "explores-constraints", "collaborative-options", "next-steps"],
    "hand-off-responsibility": ["specific-ask", "phased-plan", "business-value", "explores-constraints",
                                "collaborative-options", "success-metrics", "next-steps"],
    "lateral-move": ["business-value", "phased-plan", "specific-ask", "collaborative-options",
                     "explores-constraints", "next-steps", "impact-evidence"],
    "promotion-after-win": ["impact-evidence", "business-value", "specific-ask", "phased-plan",
                            "explores-constraints", "next-steps", "success-metrics"],
    "promotion-follow-up": ["recover-from-no", "phased-plan", "success-metrics", "next-steps",
                            "explores-constraints", "specific-ask", "impact-evidence"],
    "raise-during-budget-freeze": ["explores-constraints", "impact-evidence", "collaborative-options",
                                   "specific-ask", "business-value", "next-steps", "phased-plan",
                                   "success-metrics"],
    "workload-boundary": ["specific-ask", "collaborative-options", "impact-evidence", "explores-constraints",
                          "business-value", "next-steps", "phased-plan", "success-metrics"],
}
TOP_FIELDS = {"scenario_id", "kind", "written", "register", "lines"}
LINE_FIELDS = {"text", "moves", "question", "terms", "offtopic", "preempts"}
NAME_RE = re.compile(r"^(?P<sid>[a-z0-9-]+?)--(?P<kind>skilled|mediocre|off-script)(?P<extra>-2)?\.json$")


def allowed_moves(sid):
    if sid == MANAGER_SCENARIO:
        return set(RUBRIC[sid])
    return set(MOVES)


def check_file(path, errors, notes):
    name = os.path.basename(path)
    def err(msg):
        errors.append(f"{name}: {msg}")
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError) as exc:
        err(f"cannot read JSON: {exc}")
        return None
    if not isinstance(data, dict):
        err("top level is not an object")
        return None
    if set(data) != TOP_FIELDS:
        err(f"top-level fields {sorted(data)} != {sorted(TOP_FIELDS)}")
    m = NAME_RE.match(name)
    sid = data.get("scenario_id")
    kind = data.get("kind")
    if sid not in RUBRIC:
        err(f"unknown scenario_id {sid!r}")
    if kind not in KINDS:
        err(f"bad kind {kind!r}")
    if not m:
        err("file name is not <scenario_id>--<kind>[-2].json")
    else:
        if m.group("sid") != sid:
            err(f"file name scenario {m.group('sid')!r} != scenario_id {sid!r}")
        if m.group("kind") != kind:
            err(f"file name kind {m.group('kind')!r} != kind {kind!r}")
    if data.get("written") != WRITTEN:
        err(f"written {data.get('written')!r} != {WRITTEN!r}")
    reg = data.get("register")
    if not isinstance(reg, str) or not reg.strip():
        err("register missing or empty")
    lines = data.get("lines")
    if not isinstance(lines, list) or not 8 <= len(lines) <= 9:
        err(f"need 8 or 9 lines, got {len(lines) if isinstance(lines, list) else lines!r}")
        lines = lines if isinstance(lines, list) else []
    allowed = allowed_moves(sid)
    rubric = set(RUBRIC.get(sid, []))
    hazard_lines = 0
    for i, line in enumerate(lines, 1):
        where = f"line {i}"
        if not isinstance(line, dict):
            err(f"{where}: not an object")
            continue
        if set(line) != LINE_FIELDS:
            err(f"{where}: fields {sorted(line)} != {sorted(LINE_FIELDS)}")
        text = line.get("text")
        if not isinstance(text, str) or not text.strip():
            err(f"{where}: empty text")
            text = ""
        if "hazard" in text.lower():
            err(f"{where}: text uses the word 'hazard'")
        moves = line.get("moves")
        if not isinstance(moves, list) or len(set(moves)) != len(moves):
            err(f"{where}: moves must be a list without repeats")
            moves = []
        for mv in moves:
            if mv not in allowed:
                err(f"{where}: move {mv!r} not allowed in {sid}")
            elif mv not in rubric:
                notes.append(f"{name} {where}: move {mv!r} is outside this scenario's rubric list")
        if sid != MANAGER_SCENARIO and set(moves) & MANAGER_MOVES:
            err(f"{where}: manager-moves only apply in {MANAGER_SCENARIO}")
        q = line.get("question")
        if q is not None:
            if not isinstance(q, dict) or set(q) != {"topic"} or q.get("topic") not in TOPICS:
                err(f"{where}: question must be null or {{'topic': one of {sorted(TOPICS)}}}")
        terms = line.get("terms")
        if not isinstance(terms, list):
            err(f"{where}: terms must be a list")
            terms = []
        if len(set(terms)) != len(terms):
            err(f"{where}: repeated term")
        for t in terms:
            if not isinstance(t, str) or not t.strip():
                err(f"{where}: empty term")
            elif t not in text:
                err(f"{where}: term {t!r} is not an exact substring of the text")
        off = line.get("offtopic")
        if off is not None and off not in OFFTOPIC:
            err(f"{where}: bad offtopic {off!r}")
        if off == "hazard":
            hazard_lines += 1
        pre = line.get("preempts")
        if pre is not None and (not isinstance(pre, str) or not pre.strip()):
            err(f"{where}: preempts must be null or a non-empty string")
    return {"name": name, "sid": sid, "kind": kind, "extra": bool(m and m.group("extra")),
            "register": reg, "hazard_lines": hazard_lines, "lines": lines}


def main(argv):
    partial = "--partial" in argv
    args = [a for a in argv if not a.startswith("--")]
    here = os.path.dirname(os.path.abspath(__file__))
    sdir = args[0] if args else os.path.join(here, "scripts")
    errors, notes = [], []
    files = sorted(f for f in os.listdir(sdir) if f.endswith(".json"))
    infos = [i for i in (check_file(os.path.join(sdir, f), errors, notes) for f in files) if i]

    regs = {}
    for i in infos:
        regs.setdefault((i["register"] or "").strip().lower(), []).append(i["name"])
    for reg, names in regs.items():
        if len(names) > 1:
            errors.append(f"register used more than once: {reg!r} in {names}")
    for i in infos:
        if i["hazard_lines"] not in (0, 2):
            errors.append(f"{i['name']}: {i['hazard_lines']} hazard lines (want 0, or 2 = mention + one follow-up)")

    if not partial:
        if len(infos) != 30:
            errors.append(f"want 30 scripts, got {len(infos)}")
        for sid in RUBRIC:
            for kind in KINDS:
                if not any(i["sid"] == sid and i["kind"] == kind and not i["extra"] for i in infos):
                    errors.append(f"missing {sid}--{kind}.json")
        extras = [i for i in infos if i["extra"]]
        if len(extras) != 6:
            errors.append(f"want 6 extras, got {len(extras)}")
        hz = [i["name"] for i in infos if i["hazard_lines"]]
        if len(hz) != 5:
            errors.append(f"want 5 scripts with a physical-safety problem, got {len(hz)}: {hz}")

    # summary
    nlines = sum(len(i["lines"]) for i in infos)
    print(f"{len(infos)} scripts, {nlines} lines")
    for n in notes:
        print("note:", n)
    for e in errors:
        print("ERROR:", e)
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
