"""How close is the offline scorecard to a coach's careful reading? Compares the app's scores with expert scores
recorded (with the date) before the scorer was ever run on the sessions.

    python benchmarks/scorecard_eval.py              # the first blind set: benchmarks/data/scorecard/
    python benchmarks/scorecard_eval.py --set blind12 # set N: benchmarks/data/scorecard-N, written after N-1 was read
    python benchmarks/scorecard_eval.py --set dev    # the development set (tune on this one only)
    python benchmarks/scorecard_eval.py --details    # per session and criterion (never for the blind set while tuning)
    python benchmarks/scorecard_eval.py --set dev --first 17  # only sessions numbered 17 and up (or --last 16)

Figures: per-criterion exact and within ±1; false absences (expert 2 or more, app 0) as a share of clearly
present moves; false "never came up" claims; quotes filed under a criterion at a turn the expert named for it;
better lines that show another criterion or come from another scenario's world, or name someone the learner was
never told about; and the Spearman correlation of session totals.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.scorecard_sets import expert_scores, sets  # noqa: E402
from coach.core.session_file import read_session  # noqa: E402
from coach.moves.detector import Detector  # noqa: E402
from coach.scenario import load_catalog  # noqa: E402
from coach.scoring.score import score_offline  # noqa: E402

SETS = sets()
_NAME = re.compile(r"\b[A-Z][a-z]{2,}\b")
_CALENDAR = set("January February March April May June July August September October November December Monday Tuesday "
                "Wednesday Thursday Friday Saturday Sunday Christmas Easter".split())


def names(text: str) -> set[str]:
    """Capitalised words not opening a sentence, minus calendar words: the people and firms a text mentions."""
    return {m.group() for m in _NAME.finditer(text)
            if text[: m.start()].rstrip()[-1:] not in ("", ".", "!", "?", ":", ";", '"', "“") and m.group() not in _CALENDAR}


def spearman(a: list[float], b: list[float]) -> float:
    ra, rb = (np.argsort(np.argsort(x)).astype(float) for x in (a, b))
    # average ranks for ties
    for values, ranks in ((a, ra), (b, rb)):
        for v in set(values):
            idx = [i for i, x in enumerate(values) if x == v]
            ranks[idx] = ranks[idx].mean()
    return float(np.corrcoef(ra, rb)[0, 1])


def visible_text(scenario, session) -> str:
    """What the learner has been told or has heard: the briefing, the counterpart's lines, their own lines."""
    s = scenario
    parts = [s.title, s.summary, s.learner.role, s.learner.situation, s.learner.goal, s.learner.good_outcome,
             s.counterpart.name, s.counterpart.role, s.counterpart.relationship]
    return " ".join(parts + [t.text for t in session.turns])


def _number(name: str) -> int:
    """The number a session file starts with ("07-workload-....json" is 7); 0 when it has none."""
    m = re.match(r"\d+", name)
    return int(m.group()) if m else 0


def confusion(rows: list[tuple[str, str, int, int]]) -> list[str]:
    """Expert level (rows) against app level (columns): a systematic off-by-one shows as a shifted diagonal."""
    grid = np.zeros((5, 5), dtype=int)
    for _, _, e, a in rows:
        grid[e, a] += 1
    lines = ["    expert\\app   " + " ".join(f"{a:>4}" for a in range(5)) + "   mean app"]
    for e in range(5):
        got = [a for _, _, x, a in rows if x == e]
        mean = f"{sum(got) / len(got):.2f}" if got else "  -"
        lines.append(f"    {e:>10}   " + " ".join(f"{grid[e, a]:>4}" for a in range(5)) + f"   {mean}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=SETS, default="blind", metavar="NAME",
                        help=f"blind (the first set), blind2 … blind{len(SETS) - 2}, or dev")
    parser.add_argument("--details", action="store_true")
    parser.add_argument("--first", type=int, default=0, help="only sessions whose number is at least this")
    parser.add_argument("--last", type=int, default=10**6, help="only sessions whose number is at most this")
    args = parser.parse_args()
    folder = SETS[args.set]
    expert = {name: entry for name, entry in expert_scores(folder).sessions.items()
              if args.first <= _number(name) <= args.last}
    catalog = load_catalog()
    library = catalog.library
    other_worlds = {}
    for sid, item in catalog.scenarios.items():
        other_worlds[sid] = {l for other, it in catalog.scenarios.items() if other != sid for l in it.scenario.debrief.model_lines}
    generic = {c.example for c in library.criterion}
    n = exact = within = present = false_absent = never_claims = false_never = 0
    quotes = quotes_right = better = better_other = better_world = hidden = 0
    app_totals, expert_totals, rows = [], [], []
    for name, entry in sorted(expert.items()):
        session = read_session(folder / "sessions" / name)
        item = catalog.get(session.scenario_id)
        card = score_offline(session, item.scenario, library)
        detector = Detector(library, item.scenario.rubric.custom)
        seen = visible_text(item.scenario, session)
        cp = item.scenario.counterpart
        secret = names(" ".join([cp.private_goal, cp.personality, cp.style, *cp.hidden_constraints]))
        app_totals.append(card.total)
        expert_totals.append(float(entry.total))
        for c in card.criteria:
            want = entry.criteria.get(c.id)
            if want is None:
                continue
            e = want.score
            n += 1
            exact += c.score == e
            within += abs(c.score - e) <= 1
            if e >= 2:
                present += 1
                false_absent += c.score == 0
            claims_never = c.score == 0 and any(c.name in ch and "never came up" in ch for ch in card.top_changes)
            never_claims += claims_never
            false_never += claims_never and e >= 2
            for ev in c.evidence:
                quotes += 1
                quotes_right += ev.turn in want.turns
            if c.better_line:
                better += 1
                shown = detector.example_moves(c.better_line)
                better_other += bool(shown) and c.id not in shown
                better_world += c.better_line in other_worlds[item.scenario.id] or c.better_line in generic
                hidden += any(w not in seen for w in names(c.better_line) & secret)
            rows.append((name, c.id, e, c.score))
    print(f"{len(expert)} sessions ({args.set}), {n} criterion scores")
    print(f"  exact                       {exact / n:.0%}")
    print(f"  within ±1                   {within / n:.0%}   (goal 90%)")
    print(f"  false absences              {false_absent}/{present} clearly present moves = {false_absent / max(present, 1):.0%}   (goal 5%)")
    print(f"  false 'never came up'       {false_never}/{never_claims} claims")
    print(f"  quotes at an expert's turn  {quotes_right}/{quotes} = {quotes_right / max(quotes, 1):.0%}")
    print(f"  better lines                {better}: another criterion's {better_other}, another world's {better_world}, "
          f"naming a hidden name {hidden}   (goal 0, 0, 0)")
    print(f"  totals Spearman             {spearman(app_totals, expert_totals):.2f}   (goal 0.85)")
    if args.details:
        print("\n".join(confusion(rows)))
        for name, cid, e, a in rows:
            if abs(e - a) > 1:
                print(f"    {name:<55} {cid:<22} expert {e} app {a}")
        for name, a, e in zip(sorted(expert), app_totals, expert_totals):
            print(f"    total {name:<55} expert {e:5.1f} app {a:5.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
