#!/usr/bin/env python3
"""Standalone format check for scorecard evaluation set 12 (set l). No coach import.

Checks: every session parses; turns alternate partner/learner starting with the partner and the scenario's
opening_line; 5 to 8 learner turns; ids are eval12-NN matching the file name; every session has a scores
record whose kind/scenario/learner_turns match; exactly the scenario's rubric criteria are scored, 0-4;
cited turns (criteria and flags) are learner turns; a score is 0 exactly when its turn list is empty; flag
counts match flag_turns; totals are 0-100.
"""
import json, pathlib, re, sys, tomllib

HERE = pathlib.Path(__file__).resolve().parent
SCEN = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else pathlib.Path("/work/main/scenarios")
errors = []
def err(msg): errors.append(msg)

scores = json.loads((HERE / "expert-scores-2026-12-05-l.json").read_text())
for key in ("scored_by", "date", "method", "sessions"):
    if key not in scores: err(f"scores file lacks {key!r}")
records = scores.get("sessions", {})
files = sorted((HERE / "sessions").glob("*.json"))
if len(files) != 16: err(f"expected 16 sessions, found {len(files)}")
if set(records) != {f.name for f in files}: err(f"scores/sessions mismatch: {set(records) ^ {f.name for f in files}}")

for f in files:
    m = re.fullmatch(r"(\d\d)-(.+)-([a-z]+)\.json", f.name)
    if not m: err(f"{f.name}: bad file name"); continue
    try:
        s = json.loads(f.read_text())
    except Exception as e:
        err(f"{f.name}: does not parse: {e}"); continue
    sid = s.get("scenario_id")
    if sid != m.group(2): err(f"{f.name}: scenario_id {sid!r} does not match file name")
    if s.get("id") != f"eval12-{m.group(1)}": err(f"{f.name}: id {s.get('id')!r}")
    try:
        sc = tomllib.loads((SCEN / f"{sid}.toml").read_text())
    except Exception as e:
        err(f"{f.name}: scenario {sid!r} not loadable: {e}"); continue
    turns = s.get("turns", [])
    for i, t in enumerate(turns):
        want = "partner" if i % 2 == 0 else "learner"
        if t.get("speaker") != want: err(f"{f.name}: turn {i+1} speaker {t.get('speaker')!r}, want {want}")
        if not isinstance(t.get("text"), str) or not t["text"].strip(): err(f"{f.name}: turn {i+1} empty text")
    if not turns or turns[0].get("text") != sc["counterpart"]["opening_line"]:
        err(f"{f.name}: first turn is not the opening line")
    learner = {i + 1 for i, t in enumerate(turns) if t.get("speaker") == "learner"}
    if not 5 <= len(learner) <= 8: err(f"{f.name}: {len(learner)} learner turns")
    r = records.get(f.name)
    if r is None: continue
    if r.get("kind") != m.group(3): err(f"{f.name}: kind {r.get('kind')!r}")
    if r.get("scenario_id") != sid: err(f"{f.name}: record scenario_id {r.get('scenario_id')!r}")
    if r.get("learner_turns") != len(learner): err(f"{f.name}: learner_turns {r.get('learner_turns')} != {len(learner)}")
    if not (isinstance(r.get("total"), int) and 0 <= r["total"] <= 100): err(f"{f.name}: total {r.get('total')!r}")
    for flag in ("aggression", "hedging"):
        ft = r.get("flag_turns", {}).get(flag)
        if not isinstance(ft, list): err(f"{f.name}: flag_turns.{flag} missing"); continue
        if r.get("flags", {}).get(flag) != len(ft): err(f"{f.name}: flags.{flag} != len(flag_turns)")
        if not set(ft) <= learner: err(f"{f.name}: flag {flag} cites non-learner turns {sorted(set(ft) - learner)}")
    rubric = [c["id"] for c in sc["rubric"]["criteria"]]
    crit = r.get("criteria", {})
    if set(crit) != set(rubric): err(f"{f.name}: criteria {sorted(set(crit) ^ set(rubric))} differ from rubric")
    for cid, v in crit.items():
        sc_, tl = v.get("score"), v.get("turns")
        if sc_ not in (0, 1, 2, 3, 4): err(f"{f.name}: {cid} score {sc_!r}")
        if not isinstance(tl, list): err(f"{f.name}: {cid} turns not a list"); continue
        if (sc_ == 0) != (len(tl) == 0): err(f"{f.name}: {cid} score 0 must match empty turns")
        if not set(tl) <= learner: err(f"{f.name}: {cid} cites non-learner turns {sorted(set(tl) - learner)}")
        if not isinstance(v.get("why"), str) or not v["why"].strip(): err(f"{f.name}: {cid} lacks why")

if errors:
    print("\n".join(errors)); print(f"FAIL: {len(errors)} problem(s)"); sys.exit(1)
print(f"OK: {len(files)} sessions, {sum(len(r['criteria']) for r in records.values())} criterion scores")
