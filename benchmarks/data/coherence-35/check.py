#!/usr/bin/env python3
"""Format checker for coherence set 35 (standard library only).

Usage: python3 check.py [scripts_dir]   (default: scripts/ next to this file)
Exits 0 when every file passes, 1 otherwise, and prints a summary.
"""
import collections, json, os, re, sys

SCENARIOS = {
    "compassionate-performance-conversation", "flexible-work-trial", "hand-off-responsibility",
    "lateral-move", "promotion-after-win", "promotion-follow-up", "raise-during-budget-freeze",
    "workload-boundary",
}
KINDS = {"skilled", "mediocre", "off-script"}
MOVES = {"impact-evidence", "business-value", "specific-ask", "phased-plan", "success-metrics",
         "explores-constraints", "collaborative-options", "next-steps", "recover-from-no"}
MANAGER_MOVES = {"specific-observation", "invites-perspective", "offers-support"}
MANAGER_SCENARIO = "compassionate-performance-conversation"
TOPICS = {"constraint", "decision", "timing", "help", "feelings", "personal", "choice", "other"}
OFFTOPIC = {"hazard", "joke", "complaint", "apology", "vulnerability", "small-talk", "rude"}
TOP_KEYS = {"scenario_id", "kind", "written", "register", "lines"}
LINE_KEYS = {"text", "moves", "question", "terms", "offtopic", "preempts"}
WRITTEN = "2026-12-06"
NAME_RE = re.compile(r"^(?P<sid>[a-z0-9-]+?)--(?P<kind>skilled|mediocre|off-script)(?P<extra>-2)?\.json$")
EXPECTED_FILES, EXPECTED_EXTRAS = 30, 6


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    d = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "scripts")
    errs = []
    files = sorted(f for f in os.listdir(d) if f.endswith(".json"))
    others = sorted(f for f in os.listdir(d) if not f.endswith(".json"))
    if others:
        errs.append(f"non-json files in {d}: {others}")
    if len(files) != EXPECTED_FILES:
        errs.append(f"expected {EXPECTED_FILES} scripts, found {len(files)}")
    registers = collections.Counter()
    per = collections.defaultdict(set)
    extras = 0
    stats = dict(lines=0, moves=collections.Counter(), topics=collections.Counter(),
                 off=collections.Counter(), preempts=0, terms=0)
    for fn in files:
        where = fn
        m = NAME_RE.match(fn)
        if not m:
            errs.append(f"{where}: bad file name"); continue
        try:
            with open(os.path.join(d, fn), encoding="utf-8") as fh:
                obj = json.load(fh)
        except Exception as e:  # noqa
            errs.append(f"{where}: not valid JSON ({e})"); continue
        if not isinstance(obj, dict) or set(obj) != TOP_KEYS:
            errs.append(f"{where}: top-level keys must be exactly {sorted(TOP_KEYS)}"); continue
        sid, kind = obj["scenario_id"], obj["kind"]
        if sid not in SCENARIOS:
            errs.append(f"{where}: unknown scenario_id {sid!r}")
        if kind not in KINDS:
            errs.append(f"{where}: bad kind {kind!r}")
        if sid != m.group("sid") or kind != m.group("kind"):
            errs.append(f"{where}: scenario_id/kind do not match the file name")
        if m.group("extra"):
            extras += 1
        elif kind in KINDS:
            per[sid].add(kind)
        if obj["written"] != WRITTEN:
            errs.append(f"{where}: written must be {WRITTEN!r}")
        reg = obj["register"]
        if not isinstance(reg, str) or not reg.strip():
            errs.append(f"{where}: empty register")
        else:
            registers[reg.strip().lower()] += 1
        lines = obj["lines"]
        if not isinstance(lines, list) or not 8 <= len(lines) <= 9:
            errs.append(f"{where}: needs 8 or 9 lines"); continue
        allowed = MOVES | (MANAGER_MOVES if sid == MANAGER_SCENARIO else set())
        for i, ln in enumerate(lines, 1):
            w = f"{where} line {i}"
            if not isinstance(ln, dict) or set(ln) != LINE_KEYS:
                errs.append(f"{w}: keys must be exactly {sorted(LINE_KEYS)}"); continue
            stats["lines"] += 1
            text = ln["text"]
            if not isinstance(text, str) or not text.strip():
                errs.append(f"{w}: empty text"); continue
            if "hazard" in text.lower():
                errs.append(f"{w}: text uses the word 'hazard'")
            mv = ln["moves"]
            if not isinstance(mv, list) or len(set(mv)) != len(mv):
                errs.append(f"{w}: moves must be a list without duplicates")
            else:
                for x in mv:
                    if x not in allowed:
                        errs.append(f"{w}: move {x!r} not allowed here")
                    stats["moves"][x] += 1
            q = ln["question"]
            if q is not None:
                if not isinstance(q, dict) or set(q) != {"topic"} or q["topic"] not in TOPICS:
                    errs.append(f"{w}: question must be null or {{'topic': one of {sorted(TOPICS)}}}")
                else:
                    stats["topics"][q["topic"]] += 1
            t = ln["terms"]
            if not isinstance(t, list) or len(set(t)) != len(t):
                errs.append(f"{w}: terms must be a list without duplicates")
            else:
                for x in t:
                    if not isinstance(x, str) or not x or x not in text:
                        errs.append(f"{w}: term {x!r} is not an exact substring of text")
                stats["terms"] += len(t)
            o = ln["offtopic"]
            if o is not None and o not in OFFTOPIC:
                errs.append(f"{w}: bad offtopic {o!r}")
            if o:
                stats["off"][o] += 1
            p = ln["preempts"]
            if p is not None and (not isinstance(p, str) or not p.strip()):
                errs.append(f"{w}: preempts must be null or a non-empty phrase")
            if p:
                stats["preempts"] += 1
    for sid in sorted(SCENARIOS):
        missing = KINDS - per[sid]
        if missing:
            errs.append(f"{sid}: missing base kinds {sorted(missing)}")
    if extras != EXPECTED_EXTRAS:
        errs.append(f"expected {EXPECTED_EXTRAS} extras (-2 files), found {extras}")
    dup = [r for r, c in registers.items() if c > 1]
    if dup:
        errs.append(f"registers used more than once: {dup}")
    print(f"files {len(files)}, extras {extras}, lines {stats['lines']}, terms {stats['terms']}, preempts {stats['preempts']}")
    print("moves:", dict(sorted(stats["moves"].items())))
    print("question topics:", dict(sorted(stats["topics"].items())))
    print("offtopic:", dict(sorted(stats["off"].items())))
    if errs:
        print(f"\n{len(errs)} problem(s):")
        for e in errs:
            print(" -", e)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
