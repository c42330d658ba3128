"""Building the trainers' report from scored sessions: per participant, per scenario, across the room."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import datetime, timezone

from coach.core.scorecard import Evidence, Scorecard
from coach.core.session import Session
from coach.workshop.pseudonyms import normalize, pseudonym, redactor, session_alias
from coach.workshop.report_inputs import Entry
from coach.workshop.report_model import (
    NO_NAME,
    CriterionStat,
    FlagStat,
    ParticipantSummary,
    Quote,
    Report,
    RoomSummary,
    ScenarioSummary,
    SessionRow,
    SkippedFile,
)
from coach.workshop.report_stats import criterion_stats, flag_stats, hardest, mean
from coach.workshop.report_titles import Titles, resolve

QUOTES_PER_ITEM = 2  # lines per criterion (or flag), each from a different participant


def verbatim(session: Session, evidence: Evidence) -> Evidence | None:
    """The quote with its real turn number, only if it is the learner's own words in this session."""
    quote = evidence.quote.strip()
    if not quote:
        return None
    lines = session.learner_turns
    preferred = [(n, t) for n, t in lines if n == evidence.turn] + lines
    for number, turn in preferred:
        if quote in turn.text:
            return Evidence(quote=quote, turn=number)
    return None


def scenario_id(e: Entry) -> str:
    return e.session.scenario_id or e.card.scenario_id or "(unknown)"


class _Names:
    """Display names for participants and sessions (real or pseudonymous, with quote redaction), and what
    people read for criterion, flag and scenario ids."""

    def __init__(self, entries: list[Entry], anonymize: bool, key: bytes, titles: Titles):
        self.anonymize, self.key = anonymize, key
        cards = [e.card for e in entries]
        self.criteria = resolve(titles.criteria, [(c.id, c.name) for card in cards for c in card.criteria]
                                + [(f.id, f.name) for card in cards for f in card.flag_details]
                                + [(f, "") for card in cards for f in card.flags])
        played = [(e.session.provenance.scenario_title if e.session.provenance else "") or e.card.scenario_title
                  for e in entries]
        self.scenarios = resolve(titles.scenarios, [(scenario_id(e), title) for e, title in zip(entries, played)])
        spellings: dict[str, Counter[str]] = defaultdict(Counter)
        for e in entries:
            raw = " ".join((e.session.participant or "").split())
            if raw:
                spellings[normalize(raw)][raw] += 1
        # The most common spelling; on a tie, a Title Case one, then the first alphabetically.
        self.labels = {k: min(c, key=lambda s: (-c[s], s != s.title(), s)) for k, c in spellings.items()}
        everyone = [name for c in spellings.values() for name in c]
        self.redact: Callable[[str], str] = redactor(everyone) if anonymize else (lambda text: text)

    def participant(self, session: Session) -> str:
        key = normalize(session.participant or "")
        if not key:
            return NO_NAME
        return pseudonym(key, self.key) if self.anonymize else self.labels[key]

    def session_id(self, session: Session) -> str:
        return session_alias(session.id, self.key) if self.anonymize else session.id


def _row(e: Entry, names: _Names) -> SessionRow:
    s, card, prov = e.session, e.card, e.session.provenance
    flags = list(dict.fromkeys([*card.flags, *(f.id for f in card.flag_details)]))
    return SessionRow(
        session_id=names.session_id(s),
        created_at=s.created_at,
        participant=names.participant(s),
        scenario_id=scenario_id(e),
        scenario_title=names.scenarios[scenario_id(e)],
        difficulty=(prov.difficulty if prov else None) or card.difficulty or "",
        outcome=s.outcome,
        engine=prov.engine if prov else "",
        judge=card.judge,
        scored_now=e.scored_now,
        total=card.total,
        criteria={c.id: c.score for c in card.criteria},
        flags=flags,
        flag_names=[names.criteria[f] for f in flags],
    )


def _group_fields(pairs: list[tuple[SessionRow, Scorecard]], order: list[str], names: _Names) -> dict:
    totals = [row.total for row, _ in pairs]
    cards = [card for _, card in pairs]
    return {
        "sessions": len(pairs),
        "mean_total": mean(totals),
        "best_total": max(totals),
        "lowest_total": min(totals),
        "outcomes": dict(Counter(row.outcome for row, _ in pairs).most_common()),
        "criteria": criterion_stats(cards, names.criteria, order),
        "flags": flag_stats(cards, names.criteria),
    }


def _participants(pairs: list[tuple[SessionRow, Scorecard]], order: list[str], names: _Names) -> list[ParticipantSummary]:
    groups: dict[str, list[tuple[SessionRow, Scorecard]]] = defaultdict(list)
    for row, card in pairs:
        groups[row.participant].append((row, card))
    out = []
    for label, group in groups.items():
        ids = sorted({r.scenario_id for r, _ in group}, key=lambda sid: (names.scenarios[sid].casefold(), sid))
        out.append(ParticipantSummary(label=label, scenarios=ids, scenario_titles=[names.scenarios[sid] for sid in ids],
                                      **_group_fields(group, order, names)))
    return sorted(out, key=lambda p: (p.label == NO_NAME, p.label.casefold()))


def _scenarios(pairs: list[tuple[SessionRow, Scorecard]], order: list[str], names: _Names) -> list[ScenarioSummary]:
    groups: dict[str, list[tuple[SessionRow, Scorecard]]] = defaultdict(list)
    for row, card in pairs:
        groups[row.scenario_id].append((row, card))
    out = []
    for sid, group in groups.items():
        out.append(ScenarioSummary(
            id=sid,
            label=names.scenarios[sid],
            participants=len({r.participant for r, _ in group}),
            difficulties=dict(Counter(r.difficulty for r, _ in group if r.difficulty).most_common()),
            **_group_fields(group, order, names),
        ))
    return sorted(out, key=lambda s: s.label.casefold())


def _quotes(entries: list[Entry], rows: list[SessionRow], room: list[CriterionStat], flags: list[FlagStat], names: _Names) -> list[Quote]:
    """The strongest line per criterion (hardest criteria first), then lines that raised each flag."""
    out: list[Quote] = []
    used: set[str] = set()

    def pick(kind: str, item_id: str, item_name: str, candidates: list[tuple[tuple, int | None, SessionRow, Evidence]]) -> None:
        people: set[str] = set()
        for _, score, row, ev in sorted(candidates, key=lambda c: c[0]):
            text = names.redact(ev.quote)
            if row.participant in people or text in used:
                continue
            people.add(row.participant)
            used.add(text)
            out.append(Quote(kind=kind, criterion_id=item_id, criterion_name=item_name, score=score, participant=row.participant,
                             scenario_id=row.scenario_id, scenario_title=row.scenario_title, session_id=row.session_id,
                             turn=ev.turn, text=text))
            if len(people) == QUOTES_PER_ITEM:
                return

    for stat in room:
        candidates = []
        for e, row in zip(entries, rows):
            for c in e.card.criteria:
                if c.id == stat.id and c.score > 0:
                    for ev in filter(None, (verbatim(e.session, x) for x in c.evidence)):
                        candidates.append(((-c.score, -len(ev.quote), e.session.created_at, ev.turn), c.score, row, ev))
        pick("strength", stat.id, stat.name, candidates)
    for flag in flags:
        candidates = []
        for e, row in zip(entries, rows):
            for f in e.card.flag_details:
                if f.id == flag.id:
                    for ev in filter(None, (verbatim(e.session, x) for x in f.evidence)):
                        candidates.append(((e.session.created_at, ev.turn), None, row, ev))
        pick("flag", flag.id, flag.name, candidates)
    return out


def _notes(rows: list[SessionRow], anonymize: bool, quotes: bool, skipped: int) -> list[str]:
    notes = []
    scored_now = sum(r.scored_now for r in rows)
    if scored_now:
        notes.append(f"{scored_now} of {len(rows)} session(s) had no stored scorecard and were scored now by the "
                     "offline detector (marked * in the sessions table).")
    judges = {r.judge for r in rows}
    if len(judges) > 1:
        notes.append(f"Scores come from different judges ({', '.join(sorted(judges))}); compare them with care.")
    if anonymize:
        notes.append("Names are replaced by pseudonyms" + (
            "; quotes may still hold other details that identify someone." if quotes else "."))
    if not quotes:
        notes.append("Quotes are left out of this report.")
    if skipped:
        notes.append(f"{skipped} file(s) could not be used and were skipped.")
    return notes


def build_report(
    entries: list[Entry],
    skipped: list[SkippedFile],
    *,
    anonymize: bool = False,
    quotes: bool = True,
    key: bytes = b"",
    title: str = "Workshop report",
    generated_at: datetime | None = None,
    titles: Titles | None = None,
) -> Report:
    names = _Names(entries, anonymize, key, titles or Titles())
    # Ordered by the name shown (a pseudonym when anonymised, so the order gives nothing away).
    pairs_in_order = sorted(((_row(e, names), e) for e in entries), key=lambda p: (
        p[0].participant == NO_NAME, p[0].participant.casefold(), p[0].created_at, p[0].session_id))
    rows, entries = [row for row, _ in pairs_in_order], [e for _, e in pairs_in_order]
    pairs = [(row, e.card) for row, e in zip(rows, entries)]
    room = criterion_stats([e.card for e in entries], names.criteria)
    order = [c.id for c in room]
    flags = flag_stats([e.card for e in entries], names.criteria)
    participants = _participants(pairs, order, names)
    scenarios = _scenarios(pairs, order, names)
    return Report(
        title=title,
        generated_at=generated_at or datetime.now(timezone.utc).replace(microsecond=0),
        anonymized=anonymize,
        quotes_included=quotes,
        room=RoomSummary(
            sessions=len(rows),
            participants=len(participants),
            scenarios=len(scenarios),
            mean_total=mean([r.total for r in rows]),
            scored_now=sum(r.scored_now for r in rows),
        ),
        criteria=room,
        hardest=hardest(room),
        flags=flags,
        participants=participants,
        scenarios=scenarios,
        sessions=rows,
        quotes=_quotes(entries, rows, room, flags, names) if quotes else [],
        notes=_notes(rows, anonymize, quotes, len(skipped)),
        skipped=[] if anonymize else skipped,
        skipped_count=len(skipped),
    )
