"""Checks that need more than one field: criterion ids that exist, levels that can be won."""

from __future__ import annotations

from collections.abc import Iterator

from coach.scenario.criteria import LIBRARY_IDS, CriteriaLibrary
from coach.scenario.locate import Loc
from coach.scenario.model import Scenario


def check_references(scenario: Scenario, library: CriteriaLibrary) -> list[tuple[Loc, str]]:
    return list(_problems(scenario, library))


def _problems(s: Scenario, library: CriteriaLibrary) -> Iterator[tuple[Loc, str]]:
    known = {**library.by_id, **s.custom_criteria}
    flags = {c.id for c in known.values() if c.kind == "flag"}
    # The move model reads the library's criteria; an author's own criterion needs examples (or signals).
    detectable = {c.id for c in known.values() if c.id in LIBRARY_IDS or c.examples or c.signals is not None}

    def unknown(cid: str) -> str:
        return f"unknown criterion '{cid}' (not in the criteria library or [[rubric.custom]])"

    for i, custom in enumerate(s.rubric.custom):
        if custom.id in library.by_id:
            yield ("rubric", "custom", i, "id"), f"'{custom.id}' is already a library criterion; pick a new id"
    for i, item in enumerate(s.rubric.criteria):
        if item.id not in known:
            yield ("rubric", "criteria", i, "id"), unknown(item.id)
        elif item.id in flags:
            yield ("rubric", "criteria", i, "id"), f"'{item.id}' is a flag; flags are reported on every scorecard"

    for i, objection in enumerate(s.counterpart.objections):
        for j, cid in enumerate(objection.answered_by):
            if cid not in known:
                yield ("counterpart", "objections", i, "answered_by", j), unknown(cid)
            elif cid in flags:
                yield ("counterpart", "objections", i, "answered_by", j), f"'{cid}' is a flag, not a move that answers anything"
        if not any(cid in detectable for cid in objection.answered_by):
            yield (
                ("counterpart", "objections", i, "answered_by"),
                "none of these moves can be recognised offline (a criterion of your own needs `examples`), so the offline "
                "counterpart could never see it answered",
            )
    ids = [o.id for o in s.counterpart.objections]
    for i, oid in enumerate(ids):
        if oid in ids[:i]:
            yield ("counterpart", "objections", i, "id"), f"objection id '{oid}' is used twice"

    concession = s.counterpart.concession
    for name in ("requires", "supporting"):
        for j, cid in enumerate(getattr(concession, name)):
            if cid not in known:
                yield ("counterpart", "concession", name, j), unknown(cid)
            elif cid in flags:
                yield ("counterpart", "concession", name, j), f"'{cid}' is a flag, not a move that earns anything"
            elif cid not in detectable:
                yield (
                    ("counterpart", "concession", name, j),
                    f"'{cid}' cannot be recognised offline (give it `examples`), so the offline counterpart could never concede",
                )

    for name, level in s.levels.items():
        if level.objections > len(s.counterpart.objections):
            yield (
                ("levels", name, "objections"),
                f"asks for {level.objections} objections but the counterpart has {len(s.counterpart.objections)}",
            )
        if level.evidence_needed > len(set(concession.supporting)):
            yield (
                ("levels", name, "evidence_needed"),
                f"needs {level.evidence_needed} supporting moves but concession.supporting lists "
                f"{len(set(concession.supporting))}, so the concession could never be earned",
            )

    for table in ("reactions", "asks"):
        for key in getattr(s.offline, table):
            if key not in known:
                yield ("offline", table, key), f"offline reply names an unknown move: {unknown(key)}"
            elif key in flags:
                yield (
                    ("offline", table, key),
                    f"'{key}' is a flag; its replies go in the [offline] list `{key} = [...]`, not in {table}",
                )
