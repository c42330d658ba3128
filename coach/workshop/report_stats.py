"""Per-criterion and per-flag numbers over a set of scorecards, and which criteria the room found hardest."""

from __future__ import annotations

from collections import Counter, defaultdict

from coach.core.scorecard import Scorecard
from coach.workshop.report_model import WELL, CriterionStat, FlagStat


def mean(values: list[float], digits: int = 1) -> float:
    return round(sum(values) / len(values), digits) if values else 0.0


def criterion_stats(cards: list[Scorecard], names: dict[str, str], order: list[str] | None = None) -> list[CriterionStat]:
    """Per criterion over these scorecards (only those that scored it); lowest mean first unless an `order` of
    ids is given."""
    scores: dict[str, list[int]] = defaultdict(list)
    for card in cards:
        for c in card.criteria:
            scores[c.id].append(c.score)
    stats = [
        CriterionStat(
            id=cid,
            name=names.get(cid, cid),
            sessions=len(values),
            mean=mean(values, 2),
            percent=round(100 * sum(values) / (4 * len(values)), 1),
            zeros=values.count(0),
            scored_well=sum(v >= WELL for v in values),
        )
        for cid, values in scores.items()
    ]
    if order is not None:
        rank = {cid: i for i, cid in enumerate(order)}
        return sorted(stats, key=lambda s: rank.get(s.id, len(rank)))
    return sorted(stats, key=lambda s: (s.mean, -s.zeros, -s.sessions, s.name.casefold()))


def hardest(stats: list[CriterionStat]) -> list[str]:
    """Ids of the criteria the room found hard, in the stats' (lowest mean first) order.

    A low mean can hide a room that mostly did well (three 4s and two 0s average 2.4), so a criterion most of
    its sessions scored well is never called hard, nor one whose mean reaches the rubric's "done well" level.
    """
    return [s.id for s in stats if s.mean < WELL and 2 * s.scored_well <= s.sessions]


def flag_stats(cards: list[Scorecard], names: dict[str, str]) -> list[FlagStat]:
    sessions: Counter[str] = Counter()
    turns: Counter[str] = Counter()
    for card in cards:
        details = {f.id: f for f in card.flag_details}
        for fid in dict.fromkeys([*card.flags, *details]):
            sessions[fid] += 1
            turns[fid] += details[fid].count if fid in details else 1
    stats = [FlagStat(id=f, name=names.get(f, f), sessions=n, turns=turns[f]) for f, n in sessions.items()]
    return sorted(stats, key=lambda s: (-s.sessions, -s.turns, s.name.casefold()))
