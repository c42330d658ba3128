#!/usr/bin/env python3
"""Format checker for coherence set 20 (standard library only).

Usage: python3 check.py [scripts_dir]
Default scripts_dir is ./scripts next to this file. Exits 0 when every file
passes, 1 otherwise. Notes (not errors) are printed for moves that are valid
criteria ids but not in the scenario's rubric list.
"""
import json
import os
import re
import sys
from collections import Counter

SCENARIOS = {
    "compassionate-performance-conversation": [
        "specific-observation", "invites-perspective", "offers-support", "success-metrics",
        "collaborative-options", "next-steps", "explores-constraints", "phased-plan"],
    "flexible-work-trial": [
        "specific-ask", "phased-plan", "success-metrics", "business-value",
        "explores-constraints", "collaborative-options", "next-steps"],
    "hand-off-responsibility": [
        "specific-ask", "phased-plan", "business-value", "explores-constraints",
        "collaborative-options", "success-metrics", "next-steps"],
    "lateral-move": [
        "business-value", "phased-plan", "specific-ask", "collaborative-options",
        "explores-constraints", "next-steps", "impact-evidence"],
    "promotion-after-win": [
        "impact-evidence", "business-value", "specific-ask", "phased-plan",
        "explores-constraints", "next-steps", "success-metrics"],
    "promotion-follow-up": [
        "recover-from-no", "phased-plan", "success-metrics", "next-steps",
        "explores-constraints", "specific-ask", "impact-evidence"],
    "raise-during-budget-freeze": [
        "explores-constraints", "impact-evidence", "collaborative-options", "specific-ask",
        "business-value", "next-steps", "phased-plan", "success-metrics"],
    "workload-boundary": [
        "specific-ask", "collaborative-options", "impact-evidence", "explores-constraints",
        "business-value", "next-steps", "phased-plan", "success-metrics"],
}
MANAGER_SCENARIO = "compassionate-performance-conversation"
MOVES = {"impact-evidence", "business-value", "specific-ask", "phased-plan", "success-metrics",
         "explores-constraints", "collaborative-options", "next-steps", "recover-from-no"}
MANAGER_MOVES = {"specific-observation", "invites-perspective", "offers-support"}
KINDS = ("skilled", "mediocre", "off-script")
TOPICS = {"constraint", "decision", "timing", "help", "feelings", "personal", "choice", "other"}
OFFTOPIC = {"hazard", "joke", "complaint", "apology", "vulnerability", "small-talk", "rude"}
TOP_KEYS = {"scenario_id", "kind", "written", "register", "lines"}
LINE_KEYS = {"text", "moves", "question", "terms", "offtopic", "preempts"}
NAME_RE = re.compile(r"^(?P<sid>[a-z-]+?)--(?P<kind>skilled|mediocre|off-script)(?P<extra>-2)?\.json$")

EXPECTED_FILES = 30
EXPECTED_EXTRAS = 6
EXPECTED_HAZARD_SCRIPTS = 5


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    sdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "scripts")
    errors, notes = [], []

    def err(f, msg):
        errors.append(f"{f}: {msg}")

    files = sorted(f for f in os.listdir(sdir) if f.endswith(".json"))
    registers = Counter()
    slots = Counter()
    extras = 0
    hazard_scripts = 0
    stats = Counter()
    for f in files:
        m = NAME_RE.match(f)
        if not m:
            err(f, "file name is not <scenario_id>--<kind>[-2].json")
            continue
        try:
            with open(os.path.join(sdir, f), encoding="utf-8") as fh:
                d = json.load(fh)
        except Exception as e:  # noqa: BLE001
            err(f, f"not valid JSON: {e}")
            continue
        if not isinstance(d, dict) or set(d) != TOP_KEYS:
            err(f, f"top-level keys must be exactly {sorted(TOP_KEYS)}")
            continue
        sid, kind = d["scenario_id"], d["kind"]
        if sid not in SCENARIOS:
            err(f, f"unknown scenario_id {sid!r}")
            continue
        if sid != m.group("sid"):
            err(f, "scenario_id does not match the file name")
        if kind not in KINDS or kind != m.group("kind"):
            err(f, f"kind {kind!r} invalid or does not match the file name")
        if m.group("extra"):
            extras += 1
        slots[(sid, kind)] += 1
        if d["written"] != "2026-12-05":
            err(f, "written must be 2026-12-05")
        reg = d["register"]
        if not isinstance(reg, str) or not reg.strip():
            err(f, "register must be a non-empty string")
        registers[reg] += 1
        lines = d["lines"]
        if not isinstance(lines, list) or not 8 <= len(lines) <= 9:
            err(f, "lines must be a list of 8 or 9 lines")
            continue
        n_haz = 0
        for i, ln in enumerate(lines, 1):
            where = f"line {i}"
            if not isinstance(ln, dict) or set(ln) != LINE_KEYS:
                err(f, f"{where}: keys must be exactly {sorted(LINE_KEYS)}")
                continue
            text = ln["text"]
            if not isinstance(text, str) or not text.strip():
                err(f, f"{where}: text must be a non-empty string")
                continue
            if "hazard" in text.lower():
                err(f, f"{where}: text uses the word 'hazard'")
            mv = ln["moves"]
            if not isinstance(mv, list) or len(set(mv)) != len(mv):
                err(f, f"{where}: moves must be a list without repeats")
            else:
                for x in mv:
                    if x in MANAGER_MOVES:
                        if sid != MANAGER_SCENARIO:
                            err(f, f"{where}: manager-move {x!r} outside {MANAGER_SCENARIO}")
                    elif x not in MOVES:
                        err(f, f"{where}: unknown move {x!r}")
                    if x in MOVES | MANAGER_MOVES and x not in SCENARIOS[sid]:
                        notes.append(f"{f}: {where}: move {x!r} is not in this scenario's rubric")
                    stats["move:" + x] += 1
            q = ln["question"]
            if q is not None:
                if not isinstance(q, dict) or set(q) != {"topic"} or q["topic"] not in TOPICS:
                    err(f, f"{where}: question must be null or {{'topic': one of {sorted(TOPICS)}}}")
                else:
                    stats["q:" + q["topic"]] += 1
            terms = ln["terms"]
            if not isinstance(terms, list) or len(set(terms)) != len(terms):
                err(f, f"{where}: terms must be a list without repeats")
            else:
                for t in terms:
                    if not isinstance(t, str) or not t.strip() or t not in text:
                        err(f, f"{where}: term {t!r} is not an exact substring of text")
                stats["terms"] += len(terms)
            o = ln["offtopic"]
            if o is not None and o not in OFFTOPIC:
                err(f, f"{where}: offtopic {o!r} invalid")
            if o:
                stats["off:" + o] += 1
            if o == "hazard":
                n_haz += 1
            p = ln["preempts"]
            if p is not None and (not isinstance(p, str) or not p.strip()):
                err(f, f"{where}: preempts must be null or a non-empty string")
            if p:
                stats["preempts"] += 1
            stats["lines"] += 1
        if n_haz:
            hazard_scripts += 1
            if n_haz != 2:
                err(f, f"a physical-safety script needs the problem line plus one follow-up (found {n_haz})")

    final = len(sys.argv) <= 2 or sys.argv[2] != "--partial"
    if final:
        if len(files) != EXPECTED_FILES:
            errors.append(f"expected {EXPECTED_FILES} files, found {len(files)}")
        if extras != EXPECTED_EXTRAS:
            errors.append(f"expected {EXPECTED_EXTRAS} extras (-2), found {extras}")
        for sid in SCENARIOS:
            for k in KINDS:
                if slots[(sid, k)] < 1:
                    errors.append(f"missing {sid}--{k}.json")
        if hazard_scripts != EXPECTED_HAZARD_SCRIPTS:
            errors.append(f"expected {EXPECTED_HAZARD_SCRIPTS} scripts with a physical-safety problem, found {hazard_scripts}")
    for r, c in registers.items():
        if c > 1:
            errors.append(f"register used {c} times: {r!r}")

    for n in notes:
        print("note:", n)
    print(f"files {len(files)}, extras {extras}, lines {stats['lines']}, safety scripts {hazard_scripts}")
    print("moves:", {k[5:]: v for k, v in sorted(stats.items()) if k.startswith("move:")})
    print("questions:", {k[2:]: v for k, v in sorted(stats.items()) if k.startswith("q:")})
    print("offtopic:", {k[4:]: v for k, v in sorted(stats.items()) if k.startswith("off:")})
    print(f"terms {stats['terms']}, preempts {stats['preempts']}")
    if errors:
        for e in errors:
            print("ERROR:", e)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
