"""Standalone format check for the coherence-2 scripts (does not import coach)."""
import glob, json, os, sys, tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
crit = tomllib.load(open(os.path.join(ROOT, "scenarios", "criteria.toml"), "rb"))
MOVES = {c["id"] for c in crit["criterion"] if c["kind"] in ("move", "manager-move")}
SCEN = set()
for f in glob.glob(os.path.join(ROOT, "scenarios", "*.toml")):
    d = tomllib.load(open(f, "rb"))
    if "id" in d and "counterpart" in d:
        SCEN.add(d["id"])
TOPICS = {"constraint", "decision", "timing", "help", "feelings", "personal", "choice", "other"}
OFF = {None, "hazard", "joke", "complaint", "apology", "vulnerability", "small-talk", "rude"}
KINDS = {"skilled", "mediocre", "off-script"}
LINE_KEYS = {"text", "moves", "question", "terms", "offtopic", "preempts"}

errors, nlines, seen = [], 0, set()
files = sorted(glob.glob(os.path.join(HERE, "scripts", "*.json")))
for f in files:
    name = os.path.basename(f)[:-5]
    try:
        d = json.load(open(f))
    except Exception as e:
        errors.append(f"{name}: bad JSON: {e}"); continue
    if set(d) != {"scenario_id", "kind", "written", "register", "lines"}:
        errors.append(f"{name}: top-level keys {sorted(d)}")
    if d.get("scenario_id") not in SCEN or not name.startswith(d.get("scenario_id", "") + "--"):
        errors.append(f"{name}: scenario_id {d.get('scenario_id')!r}")
    if d.get("kind") not in KINDS: errors.append(f"{name}: kind {d.get('kind')!r}")
    if d.get("written") != "2026-12-04": errors.append(f"{name}: written")
    if not isinstance(d.get("register"), str) or not d["register"]: errors.append(f"{name}: register")
    seen.add(d.get("scenario_id"))
    lines = d.get("lines", [])
    if not 6 <= len(lines) <= 10: errors.append(f"{name}: {len(lines)} lines")
    for i, ln in enumerate(lines, 1):
        nlines += 1
        where = f"{name}#{i}"
        if set(ln) != LINE_KEYS: errors.append(f"{where}: keys {sorted(ln)}")
        text = ln.get("text", "")
        if not isinstance(text, str) or not text.strip(): errors.append(f"{where}: empty text")
        for m in ln.get("moves", []):
            if m not in MOVES: errors.append(f"{where}: unknown move {m!r}")
        if len(set(ln.get("moves", []))) != len(ln.get("moves", [])): errors.append(f"{where}: duplicate move")
        q = ln.get("question")
        if q is not None and (not isinstance(q, dict) or set(q) != {"topic"} or q["topic"] not in TOPICS):
            errors.append(f"{where}: question {q!r}")
        for t in ln.get("terms", []):
            if not isinstance(t, str) or not t or t not in text:
                errors.append(f"{where}: term {t!r} not a substring of text")
        if ln.get("offtopic") not in OFF: errors.append(f"{where}: offtopic {ln.get('offtopic')!r}")
        p = ln.get("preempts")
        if p is not None and (not isinstance(p, str) or not p): errors.append(f"{where}: preempts {p!r}")
missing = SCEN - seen
if missing: errors.append(f"scenarios without scripts: {sorted(missing)}")
for e in errors: print("ERROR", e)
print(f"{len(files)} scripts, {nlines} lines, {len(SCEN)} scenarios, {len(errors)} errors")
sys.exit(1 if errors else 0)
