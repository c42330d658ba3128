#!/usr/bin/env python3
"""Format checker for coherence set 55 (standard library only).

Usage: python3 check.py [scripts_dir]
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
WRITTEN = "2026-12-06"
TOP_KEYS = {"scenario_id", "kind", "written", "register", "lines"}
LINE_KEYS = {"text", "moves", "question", "terms", "offtopic", "preempts"}
NAME_RE = re.compile(r"^(?P<sid>[a-z-]+?)--(?P<kind>skilled|mediocre|off-script)(?P<extra>-2)?\.json$")


def check_file(path, errors):
    name = os.path.basename(path)
    def err(msg):
        errors.append(f"{name}: {msg}")
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except Exception as exc:  # noqa: BLE001
        err(f"not valid JSON: {exc}")
        return None
    if not isinstance(data, dict):
        err("top level is not an object")
        return None
    if set(data) != TOP_KEYS:
        err(f"top-level keys {sorted(data)} != {sorted(TOP_KEYS)}")
    m = NAME_RE.match(name)
    if not m:
        err("file name is not <scenario_id>--<kind>[-2].json")
        return None
    sid, kind, extra = m.group("sid"), m.group("kind"), bool(m.group("extra"))
    if data.get("scenario_id") != sid or sid not in SCENARIOS:
        err(f"scenario_id {data.get('scenario_id')!r} does not match file name / known scenarios")
    if data.get("kind") != kind or kind not in KINDS:
        err(f"kind {data.get('kind')!r} does not match file name")
    if data.get("written") != WRITTEN:
        err(f"written {data.get('written')!r} != {WRITTEN}")
    reg = data.get("register")
    if not isinstance(reg, str) or not reg.strip():
        err("register missing or empty")
    lines = data.get("lines")
    if not isinstance(lines, list) or not 8 <= len(lines) <= 9:
        err(f"needs 8 or 9 lines, has {len(lines) if isinstance(lines, list) else 'none'}")
        return data, sid, kind, extra
    texts = set()
    for i, line in enumerate(lines, 1):
        where = f"line {i}"
        if not isinstance(line, dict) or set(line) != LINE_KEYS:
            err(f"{where}: keys {sorted(line) if isinstance(line, dict) else line!r} != {sorted(LINE_KEYS)}")
            continue
        text = line["text"]
        if not isinstance(text, str) or not text.strip():
            err(f"{where}: empty text")
            continue
        if text != text.strip():
            err(f"{where}: leading/trailing whitespace in text")
        if text in texts:
            err(f"{where}: duplicate text")
        texts.add(text)
        if "hazard" in text.lower():
            err(f"{where}: text uses the word 'hazard'")
        moves = line["moves"]
        if not isinstance(moves, list) or len(set(moves)) != len(moves):
            err(f"{where}: moves must be a list without duplicates")
        else:
            allowed = MOVES | (MANAGER_MOVES if sid == MANAGER_SCENARIO else set())
            for mv in moves:
                if mv not in allowed:
                    err(f"{where}: move {mv!r} not allowed in {sid}")
        q = line["question"]
        if q is not None:
            if not isinstance(q, dict) or set(q) != {"topic"} or q.get("topic") not in TOPICS:
                err(f"{where}: bad question {q!r}")
        terms = line["terms"]
        if not isinstance(terms, list):
            err(f"{where}: terms must be a list")
        else:
            if len(set(terms)) != len(terms):
                err(f"{where}: duplicate terms")
            for t in terms:
                if not isinstance(t, str) or not t or t not in text:
                    err(f"{where}: term {t!r} is not an exact substring of the text")
        off = line["offtopic"]
        if off is not None and off not in OFFTOPIC:
            err(f"{where}: bad offtopic {off!r}")
        pre = line["preempts"]
        if pre is not None and (not isinstance(pre, str) or not pre.strip()):
            err(f"{where}: preempts must be null or a non-empty string")
    return data, sid, kind, extra


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    sdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "scripts")
    errors = []
    files = sorted(f for f in os.listdir(sdir) if f.endswith(".json"))
    results = []
    for f in files:
        r = check_file(os.path.join(sdir, f), errors)
        if r:
            results.append(r)
    # set-level checks
    final = len(sys.argv) <= 2 or sys.argv[2] != "--partial"
    regs = Counter(r[0].get("register") for r in results)
    for reg, n in regs.items():
        if n > 1:
            errors.append(f"register used {n} times: {reg!r}")
    hazard_scripts = []
    for data, sid, kind, extra in results:
        n_haz = sum(1 for ln in data.get("lines", []) if isinstance(ln, dict) and ln.get("offtopic") == "hazard")
        if n_haz:
            hazard_scripts.append(sid + "--" + kind + ("-2" if extra else ""))
            if n_haz != 2:
                errors.append(f"{sid}--{kind}: hazard scripts need a safety line and one follow-up (2 hazard lines), has {n_haz}")
    if final:
        if len(results) != 30:
            errors.append(f"expected 30 scripts, found {len(results)}")
        base = Counter((sid, kind) for _, sid, kind, extra in results if not extra)
        for sid in SCENARIOS:
            for kind in KINDS:
                if base[(sid, kind)] != 1:
                    errors.append(f"missing base script {sid}--{kind}")
        if sum(1 for r in results if r[3]) != 6:
            errors.append("expected 6 extras (-2)")
        if len(hazard_scripts) != 3:
            errors.append(f"expected 3 scripts with a physical safety problem, found {hazard_scripts}")
    for e in errors:
        print("ERROR", e)
    n_lines = sum(len(r[0].get("lines", [])) for r in results)
    print(f"{len(results)} scripts, {n_lines} lines, {len(errors)} errors")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
