"""The application's front door: the one place the CLI and the app start, resume and score rehearsals.

It ties the catalog, the settings, the session store and the engines together, so neither the CLI nor
the Textual app repeats that wiring.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from coach.core.config import Settings, load_settings
from coach.core.errors import DuplicateSession, SessionBusy, TranscriptError
from coach.core.session import Session
from coach.rehearsal.store import SessionStore
from coach.scenario import Catalog, load_catalog
from coach.scenario.loader import ScenarioFile

if TYPE_CHECKING:  # imported where used, so the app's first frame does not wait for them
    from coach.core.scorecard import Scorecard
    from coach.moves.detector import Detector
    from coach.rehearsal.rehearsal import Rehearsal


class CoachError(Exception):
    """Something the user asked for cannot be done; the message says why and what to do."""


@dataclass
class Coach:
    settings: Settings = field(default_factory=load_settings)
    extra_dirs: Sequence[Path | str] = ()
    store: SessionStore = field(default_factory=SessionStore.default)
    participant: str | None = None
    workshop: bool = False  # a shared machine: nothing is started or shown until a participant is named
    skipped: list[str] = field(default_factory=list)  # why files were left out of the last sessions()

    @cached_property
    def catalog(self) -> Catalog:
        return load_catalog(self.extra_dirs)

    def reload(self) -> Catalog:
        self.__dict__.pop("catalog", None)
        return self.catalog

    def scenario(self, key: str) -> ScenarioFile:
        """A scenario by id, or by the path of a .toml file (loaded on its own if it is in no folder)."""
        try:
            return self.catalog.get(key)
        except KeyError as exc:
            path = Path(key).expanduser()
            if path.suffix != ".toml" or not path.is_file():
                raise CoachError(exc.args[0]) from None
        from coach.scenario.loader import load_scenario

        item, problems = load_scenario(path, self.catalog.library, str(path))
        if item is None:
            raise CoachError(f"{path} is not a valid scenario:\n" + "\n".join(map(str, problems)))
        return item

    def detector_for(self, item: ScenarioFile | None) -> Detector:
        from coach.moves.detector import Detector

        return Detector(self.catalog.library, item.scenario.rubric.custom if item else ())

    def engine(self, seed: int = 0, pace: float = 0.0, settings: Settings | None = None):
        from coach.core.errors import EngineError
        from coach.rehearsal.factory import make_engine

        try:
            return make_engine(settings or self.settings, seed=seed, pace=pace)
        except EngineError as exc:
            raise CoachError(exc.message) from None

    def start(
        self,
        scenario_id: str,
        difficulty: str | None = None,
        *,
        seed: int = 0,
        pace: float = 0.0,
        copy_to: Path | None = None,
    ) -> Rehearsal:
        if self.workshop and not self.participant:
            raise CoachError("enter your name first, so your trainer can find your session")
        item = self.scenario(scenario_id)
        engine = self.engine(seed, pace)
        from coach.rehearsal.rehearsal import Rehearsal

        return Rehearsal.begin(
            item,
            difficulty or item.scenario.difficulty,
            engine,
            self.detector_for(item),
            self.store,
            seed=seed,
            participant=self.participant,
            base_url=self._shown_url(),
            token_counting=getattr(engine, "token_counting", ""),
            copy_to=copy_to,
        )

    def _shown_url(self) -> str | None:
        """The server as a transcript may record it: never a user:password@ or a query string."""
        if self.settings.resolved_engine != "openai" or not self.settings.base_url:
            return None
        from coach.llm.client import display_url

        return display_url(self.settings)

    def load_session(self, key: str | Path) -> Session:
        try:
            return self.store.load(key)
        except TranscriptError as exc:
            raise CoachError(str(exc)) from None

    def resume(
        self, key: str | Path, *, pace: float = 0.0, keep_engine: bool = True, copy_to: Path | None = None
    ) -> tuple[Rehearsal, list[str]]:
        """Continue a saved session; returns it with notes for the user (e.g. the scenario changed)."""
        session = self.load_session(key)
        try:
            lock = self.store.hold(session.id)
        except SessionBusy as exc:
            raise CoachError(str(exc)) from None
        try:
            # Read again under the lock: another process may have saved a turn since the first read.
            session = self.load_session(key)
            return self._resume(session, pace=pace, keep_engine=keep_engine, copy_to=copy_to)
        finally:
            lock.release()  # the rehearsal holds its own

    def _resume(
        self, session: Session, *, pace: float, keep_engine: bool, copy_to: Path | None
    ) -> tuple[Rehearsal, list[str]]:
        if session.ended:
            raise CoachError(f"session {session.id} has ended ({session.outcome}); start a new one instead")
        item = self.scenario(session.scenario_id or "")
        notes = []
        prov = session.provenance
        if prov and prov.scenario_digest and prov.scenario_digest != item.digest:
            notes.append(f"{item.path.name} has changed since this session started")
        from coach.rehearsal.factory import record_engine, resume_settings

        settings = resume_settings(self.settings, prov) if keep_engine else self.settings
        engine = self.engine(prov.seed if prov else 0, pace, settings)
        changed = record_engine(session, engine, settings)
        if changed:
            notes.append(changed)
        if session.outcome == "paused" and not (session.turns and session.turns[-1].speaker == "care"):
            session.outcome = "in-progress"
        from coach.rehearsal.rehearsal import Rehearsal

        return Rehearsal(item, session, engine, self.detector_for(item), self.store, copy_to), notes

    def sessions(self) -> list[Session]:
        """Saved sessions with at least one learner line, newest start first; in workshop mode only this
        participant's (none until named).
        Case and spacing do not make another person, as in the trainers' report."""
        if self.workshop and not self.participant:
            return []
        # A start left before the first line holds nothing to read or resume.
        found, self.skipped = [], []
        for _, item in self.store.sessions():
            if isinstance(item, DuplicateSession):
                self.skipped.append(str(item))
            elif isinstance(item, Session) and item.learner_turns:
                found.append(item)
        if self.participant is not None:
            from coach.workshop.pseudonyms import normalize

            me = normalize(self.participant)
            found = [s for s in found if normalize(s.participant or "") == me]
        return sorted(found, key=lambda s: s.created_at.timestamp(), reverse=True)  # naive or aware

    def judge_kind(self, requested: str | None = None) -> str:
        if requested:
            return requested
        if self.settings.judge != "auto":
            return self.settings.judge
        return "llm" if self.settings.model else "offline"

    async def score(self, session: Session, judge: str | None = None, all_criteria: bool = False) -> Scorecard:
        scenario = None
        if session.scenario_id:
            try:
                scenario = self.catalog.get(session.scenario_id).scenario
            except KeyError:
                if not all_criteria:
                    raise CoachError(f"no scenario '{session.scenario_id}' to score against; use all criteria") from None
        if self.judge_kind(judge) == "llm" and self.settings.model:
            from coach.scoring.llm_judge import score_llm

            return await score_llm(session, scenario, self.catalog.library, self.settings, all_criteria=all_criteria)
        from coach.scoring.score import score_offline

        return score_offline(session, scenario, self.catalog.library, all_criteria=all_criteria)
