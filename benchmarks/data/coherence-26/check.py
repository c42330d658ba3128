#!/usr/bin/env python3
"""Standard-library format checker for coherence set 26.

Usage: python3 check.py [scripts_dir]   (default: the scripts/ folder next to this file)

Checks every script against the file format and annotation rules (coh-FORMAT.md) and the
set brief (30 scripts, 8 scenarios x skilled/mediocre/off-script plus 6 extras, 8 or 9 lines,
one distinct register per script, five scripts with a physical safety problem plus one
follow-up line each). Prints a summary and exits 0 only if there are no errors.
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
    "impact-evidence", "business-value", "specific-ask", "phased-plan", "success-metrics",
    "explores-constraints", "collaborative-options", "next-steps", "recover-from-no",
}
MANAGER_MOVES = {"specific-observation", "invites-perspective", "offers-support"}
MANAGER_SCENARIO = "compassionate-performance-conversation"
TOPICS = {"constraint", "decision", "timing", "help", "feelings", "personal", "choice", "other"}
OFFTOPIC = {"hazard", "joke", "complaint", "apology", "vulnerability", "small-talk", "rude"}
LINE_KEYS = {"text", "moves", "question", "terms", "offtopic", "preempts"}
TOP_KEYS = {"scenario_id", "kind", "written", "register", "lines"}
WRITTEN = "2026-12-06"
N_SCRIPTS = 30
N_EXTRAS = 6
N_HAZARD_SCRIPTS = 5
NAME_RE = re.compile(r"^(?P<sc>[a-z-]+?)--(?P<kind>skilled|mediocre|off-script)(?P<extra>-2)?\.json$")


def check_script(path, name, errors):
    def err(msg):
        errors.append(f"{name}: {msg}")

    m = NAME_RE.match(name)
    if not m:
        err("file name is not <scenario_id>--<kind>[-2].json")
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
    sc, kind = data.get("scenario_id"), data.get("kind")
    if sc not in SCENARIOS:
        err(f"unknown scenario_id {sc!r}")
    if sc != m.group("sc"):
        err(f"scenario_id {sc!r} does not match file name")
    if kind not in KINDS:
        err(f"kind {kind!r} not one of {KINDS}")
    if kind != m.group("kind"):
        err(f"kind {kind!r} does not match file name")
    if data.get("written") != WRITTEN:
        err(f"written {data.get('written')!r} != {WRITTEN!r}")
    reg = data.get("register")
    if not isinstance(reg, str) or not reg.strip():
        err("register missing or empty")
    lines = data.get("lines")
    if not isinstance(lines, list) or not (8 <= len(lines) <= 9):
        err(f"lines must be a list of 8 or 9 (got {len(lines) if isinstance(lines, list) else type(lines).__name__})")
        return None
    allowed = MOVES | (MANAGER_MOVES if sc == MANAGER_SCENARIO else set())
    stats = Counter()
    for i, ln in enumerate(lines, 1):
        where = f"line {i}"
        if not isinstance(ln, dict):
            err(f"{where}: not an object")
            continue
        if set(ln) != LINE_KEYS:
            err(f"{where}: keys {sorted(ln)} != {sorted(LINE_KEYS)}")
            continue
        text = ln["text"]
        if not isinstance(text, str) or not text.strip():
            err(f"{where}: empty text")
            continue
        if "hazard" in text.lower():
            err(f"{where}: text uses the word 'hazard'")
        mv = ln["moves"]
        if not isinstance(mv, list) or len(set(mv)) != len(mv):
            err(f"{where}: moves must be a list without duplicates")
        else:
            for x in mv:
                if x not in allowed:
                    err(f"{where}: move {x!r} not allowed here")
                else:
                    stats["move:" + x] += 1
        q = ln["question"]
        if q is not None:
            if not isinstance(q, dict) or set(q) != {"topic"} or q.get("topic") not in TOPICS:
                err(f"{where}: question must be null or {{'topic': one of {sorted(TOPICS)}}}")
            else:
                stats["q:" + q["topic"]] += 1
        terms = ln["terms"]
        if not isinstance(terms, list):
            err(f"{where}: terms must be a list")
        else:
            if len(set(terms)) != len(terms):
                err(f"{where}: duplicate terms")
            for t in terms:
                if not isinstance(t, str) or not t.strip():
                    err(f"{where}: empty term")
                elif t not in text:
                    err(f"{where}: term {t!r} is not an exact substring of text")
            stats["terms"] += len(terms)
        off = ln["offtopic"]
        if off is not None and off not in OFFTOPIC:
            err(f"{where}: offtopic {off!r} not one of {sorted(OFFTOPIC)}")
        elif off is not None:
            stats["off:" + off] += 1
        pre = ln["preempts"]
        if pre is not None and (not isinstance(pre, str) or not pre.strip()):
            err(f"{where}: preempts must be null or a non-empty phrase")
        elif pre is not None:
            stats["preempts"] += 1
    stats["lines"] = len(lines)
    return {"scenario": sc, "kind": kind, "extra": bool(m.group("extra")), "register": reg, "stats": stats}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    d = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "scripts")
    errors = []
    names = sorted(n for n in os.listdir(d) if n.endswith(".json"))
    results = {}
    for n in names:
        r = check_script(os.path.join(d, n), n, errors)
        if r:
            results[n] = r
    # set-level checks
    if len(names) != N_SCRIPTS:
        errors.append(f"set: {len(names)} scripts, expected {N_SCRIPTS}")
    for sc in SCENARIOS:
        for k in KINDS:
            if f"{sc}--{k}.json" not in names:
                errors.append(f"set: missing {sc}--{k}.json")
    extras = [n for n, r in results.items() if r["extra"]]
    if len(extras) != N_EXTRAS:
        errors.append(f"set: {len(extras)} extras, expected {N_EXTRAS}")
    for n in extras:
        base = n.replace("-2.json", ".json")
        if base not in names:
            errors.append(f"set: extra {n} has no base script {base}")
    regs = Counter(r["register"].strip().lower() for r in results.values())
    for reg, c in regs.items():
        if c > 1:
            errors.append(f"set: register used {c} times: {reg!r}")
    haz = {n: r["stats"]["off:hazard"] for n, r in results.items() if r["stats"]["off:hazard"]}
    if len(haz) != N_HAZARD_SCRIPTS:
        errors.append(f"set: {len(haz)} scripts with physical safety lines, expected {N_HAZARD_SCRIPTS}")
    for n, c in haz.items():
        if c != 2:
            errors.append(f"set: {n} has {c} safety lines, expected 2 (mention + one follow-up)")

    # summary
    tot = Counter()
    for r in results.values():
        tot.update(r["stats"])
    print(f"scripts: {len(results)}  lines: {tot['lines']}  terms: {tot['terms']}  preempts: {tot['preempts']}")
    print("per scenario:")
    for sc in SCENARIOS:
        ks = Counter(r["kind"] for r in results.values() if r["scenario"] == sc)
        print(f"  {sc}: " + ", ".join(f"{k} {ks[k]}" for k in KINDS))
    print("kinds: " + ", ".join(f"{k} {sum(1 for r in results.values() if r['kind'] == k)}" for k in KINDS))
    for pre in ("move:", "q:", "off:"):
        items = sorted((k[len(pre):], v) for k, v in tot.items() if k.startswith(pre))
        print(pre[:-1] + ": " + ", ".join(f"{k} {v}" for k, v in items))
    print("safety scripts: " + ", ".join(sorted(haz)))
    if errors:
        print(f"\n{len(errors)} error(s):")
        for e in errors:
            print("  " + e)
        return 1
    print("\nOK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
