#!/usr/bin/env python3
"""Standalone format check for scorecard evaluation set g (no `coach` import).

Checks: every session parses; turns alternate starting with the partner and the scenario's opening line;
5 to 8 learner turns; the scores file scores exactly the scenario's rubric criteria; scores are 0-4;
cited turns (criteria and flags) are learner turns; a score is 0 exactly when its turn list is empty;
the record's learner_turns, scenario_id and flag counts match the session.

Usage: python3 check_format.py [--scenarios DIR]   (default DIR: /work/main/scenarios)
"""
import json, os, sys, tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
SCEN = sys.argv[sys.argv.index('--scenarios') + 1] if '--scenarios' in sys.argv else '/work/main/scenarios'
SCORES = os.path.join(HERE, 'expert-scores-2026-12-05-g.json')

def main():
    errors = []
    err = errors.append
    scen = {}
    for f in os.listdir(SCEN):
        if f.endswith('.toml') and f != 'criteria.toml':
            d = tomllib.load(open(os.path.join(SCEN, f), 'rb'))
            scen[d['id']] = d
    try:
        doc = json.load(open(SCORES))
    except Exception as e:
        print('FAIL: scores file does not parse:', e); return 1
    for key in ('scored_by', 'date', 'method', 'sessions'):
        if key not in doc:
            err(f'scores: missing top-level field {key!r}')
    recs = doc.get('sessions', {})
    files = sorted(f for f in os.listdir(os.path.join(HERE, 'sessions')) if f.endswith('.json'))
    if set(files) != set(recs):
        err(f'session files and score records differ: {sorted(set(files) ^ set(recs))}')
    per_scenario = {}
    for fn in files:
        path = os.path.join(HERE, 'sessions', fn)
        try:
            s = json.load(open(path))
        except Exception as e:
            err(f'{fn}: does not parse: {e}'); continue
        num = fn.split('-')[0]
        sid = s.get('scenario_id')
        if sid not in scen:
            err(f'{fn}: unknown scenario_id {sid!r}'); continue
        per_scenario[sid] = per_scenario.get(sid, 0) + 1
        if not fn.startswith(f'{num}-{sid}-'):
            err(f'{fn}: file name does not match scenario_id {sid}')
        if s.get('id') != f'eval7-{num}':
            err(f'{fn}: id {s.get("id")!r} != eval7-{num}')
        turns = s.get('turns', [])
        for i, t in enumerate(turns):
            want = 'partner' if i % 2 == 0 else 'learner'
            if t.get('speaker') != want:
                err(f'{fn}: turn {i+1} speaker {t.get("speaker")!r}, expected {want}')
            if not isinstance(t.get('text'), str) or not t['text'].strip():
                err(f'{fn}: turn {i+1} has empty text')
        if not turns or turns[0].get('text') != scen[sid]['counterpart']['opening_line']:
            err(f'{fn}: first turn is not the opening line')
        learner = {i + 1 for i, t in enumerate(turns) if t.get('speaker') == 'learner'}
        if not 5 <= len(learner) <= 8:
            err(f'{fn}: {len(learner)} learner turns (want 5-8)')
        r = recs.get(fn)
        if r is None:
            continue
        kind = fn[len(f'{num}-{sid}-'):-5]
        if r.get('kind') != kind:
            err(f'{fn}: record kind {r.get("kind")!r} != {kind!r}')
        if r.get('scenario_id') != sid:
            err(f'{fn}: record scenario_id mismatch')
        if r.get('learner_turns') != len(learner):
            err(f'{fn}: learner_turns {r.get("learner_turns")} != {len(learner)}')
        if not isinstance(r.get('total'), (int, float)) or not 0 <= r['total'] <= 100:
            err(f'{fn}: total missing or out of 0-100')
        rubric = [c['id'] for c in scen[sid]['rubric']['criteria']]
        crit = r.get('criteria', {})
        if set(crit) != set(rubric):
            err(f'{fn}: scored criteria differ from rubric: missing {sorted(set(rubric) - set(crit))}, extra {sorted(set(crit) - set(rubric))}')
        for cid, c in crit.items():
            sc, tt = c.get('score'), c.get('turns')
            if sc not in (0, 1, 2, 3, 4):
                err(f'{fn}: {cid} score {sc!r} not in 0-4')
            if not isinstance(tt, list):
                err(f'{fn}: {cid} turns not a list'); continue
            if (sc == 0) != (len(tt) == 0):
                err(f'{fn}: {cid} score {sc} with turns {tt}')
            for n in tt:
                if n not in learner:
                    err(f'{fn}: {cid} cites turn {n}, not a learner turn')
            if not isinstance(c.get('why'), str) or not c['why'].strip():
                err(f'{fn}: {cid} has no why')
        for flag in ('aggression', 'hedging'):
            ft = r.get('flag_turns', {}).get(flag)
            if not isinstance(ft, list):
                err(f'{fn}: flag_turns.{flag} missing'); continue
            if r.get('flags', {}).get(flag) != len(ft):
                err(f'{fn}: flags.{flag} != len(flag_turns.{flag})')
            if len(set(ft)) != len(ft):
                err(f'{fn}: flag_turns.{flag} has duplicates')
            for n in ft:
                if n not in learner:
                    err(f'{fn}: {flag} flag cites turn {n}, not a learner turn')
    for sid in scen:
        if per_scenario.get(sid, 0) != 2:
            err(f'scenario {sid}: {per_scenario.get(sid, 0)} sessions (want 2)')
    if errors:
        print('\n'.join('FAIL: ' + e for e in errors)); return 1
    print(f'OK: {len(files)} sessions, {sum(len(r["criteria"]) for r in recs.values())} criterion scores, format valid')
    return 0

if __name__ == '__main__':
    sys.exit(main())
