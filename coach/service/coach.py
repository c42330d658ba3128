"""The application's front door: the one place the CLI and the app start, resume and score rehearsals.

It ties the catalog, the settings, the session store and the engines together, so neither the CLI nor
the Textual app repeats that wiring.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach.core.config import Settings, load_settings
from coach.core.counterpart import Counterpart, Notice
from coach.core.errors import DuplicateSession, SaveError, SessionBusy, TranscriptError
from coach.core.session import Session
from coach.rehearsal.store import SessionStore
from coach.scenario import Catalog, load_catalog
from coach.scenario.loader import ScenarioFile

if TYPE_CHECKING:  # imported where used, so the app's first frame does not wait for them
    from coach.core.scorecard import Scorecard
    from coach.llm.doctor import Report
    from coach.moves.detector import Detector
    from coach.rehearsal.rehearsal import Rehearsal
    from coach.scenario.model import Scenario


class CoachError(Exception):
    """Something the user asked for cannot be done; the message says why and what to do."""


EngineFactory = Callable[[Settings, int, float], Counterpart]  # (settings, seed, pace) -> a counterpart


def _default_engine(settings: Settings, seed: int, pace: float) -> Counterpart:
    from coach.rehearsal.factory import make_engine

    return make_engine(settings, seed=seed, pace=pace)


@dataclass
class Coach:
    settings: Settings = field(default_factory=load_settings)
    extra_dirs: Sequence[Path | str] = ()
    store: SessionStore = field(default_factory=SessionStore.default)
    participant: str | None = None
    workshop: bool = False  # a shared machine: nothing is started or shown until a participant is named
    skipped: list[str] = field(default_factory=list)  # why files were left out of the last sessions()
    # Injection points (tests, embedding): a ready catalog instead of the folders, another engine maker.
    catalog_loader: Callable[[], Catalog] | None = None
    make_engine: EngineFactory = _default_engine
    # Where model servers are looked for on this machine (None: the usual ports); tests give their own.
    local_ports: Sequence[Any] | None = None
    local_look_seconds: float | None = None  # how long a look may take (None: discover's short default)
    local_found: list[Any] = field(default_factory=list)  # what the last look found

    @cached_property
    def catalog(self) -> Catalog:
        return self.catalog_loader() if self.catalog_loader else load_catalog(self.extra_dirs)

    @cached_property
    def _detectors(self) -> dict[str, Detector]:
        return {}

    def reload(self) -> Catalog:
        self.__dict__.pop("catalog", None)
        self.__dict__.pop("_detectors", None)
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
        """One detector per scenario file as it is now (its own criteria read once), kept until reload()."""
        key = item.digest if item else ""
        if key not in self._detectors:
            from coach.moves.detector import Detector
            from coach.service import example_cache

            detector = Detector(self.catalog.library, item.scenario.rubric.custom if item else ())
            example_cache.recall(detector)  # its model lines as read by an earlier run
            self._detectors[key] = detector
        return self._detectors[key]

    def engine(self, seed: int = 0, pace: float = 0.0, settings: Settings | None = None) -> Counterpart:
        from coach.core.errors import EngineError

        try:
            return self.make_engine(settings or self.settings, seed, pace)
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
        from coach.rehearsal.factory import shown_url
        from coach.rehearsal.rehearsal import Rehearsal

        return Rehearsal.begin(
            item,
            difficulty or item.scenario.difficulty,
            engine,
            self.detector_for(item),
            self.store,
            seed=seed,
            participant=self.participant,
            base_url=shown_url(self.settings),
            token_counting=engine.token_counting,
            copy_to=copy_to,
        )

    def load_session(self, key: str | Path) -> Session:
        try:
            return self.store.load(key)
        except TranscriptError as exc:
            raise CoachError(str(exc)) from None

    def resume(
        self,
        key: str | Path,
        *,
        pace: float = 0.0,
        engine: str | None = None,
        model: str | None = None,
        base_url: str | None = None,
        copy_to: Path | None = None,
    ) -> tuple[Rehearsal, list[str]]:
        """Carry on a saved session with the engine, model and server it recorded, unless `engine`, `model`
        or `base_url` asks for another; returns it with notes for the user (the scenario changed, the
        engine changed)."""
        session = self.load_session(key)
        try:
            lock = self.store.hold(session.id)
        except (SessionBusy, SaveError) as exc:
            raise CoachError(str(exc)) from None
        try:  # read again under the lock: another process may have saved a turn since the first read
            session = self.load_session(key)
            return self._resume(session, pace, {"engine": engine, "model": model, "base_url": base_url}, copy_to)
        finally:
            lock.release()  # the rehearsal holds its own

    def _resume(self, session: Session, pace: float, overrides: dict, copy_to: Path | None) -> tuple[Rehearsal, list[str]]:
        from coach.rehearsal.factory import record_engine, resume_settings
        from coach.rehearsal.rehearsal import Rehearsal

        if session.ended:
            raise CoachError(f"session {session.id} has ended ({session.outcome}); start a new one instead")
        item, prov = self.scenario(session.scenario_id or ""), session.provenance
        settings = resume_settings(self.settings, prov, **overrides)
        engine = self.engine(prov.seed if prov else 0, pace, settings)
        notes = [f"{item.path.name} has changed since this session started"] if prov and prov.scenario_digest not in ("", item.digest) else []
        changed = record_engine(session, engine, settings)
        session.reopen()
        rehearsal = Rehearsal(item, session, engine, self.detector_for(item), self.store, copy_to)
        if changed:
            notes.append(changed)
            rehearsal.save()  # the engine it now carries on with is on the record
        return rehearsal, notes

    def rewind_and_resume(self, session: Session, turn_number: int, *, pace: float = 0.0) -> tuple[Rehearsal, str]:
        """Take a saved session back to just before learner turn `turn_number` and carry on from there;
        returns the rehearsal and the line that was taken back, to edit and send again."""
        try:
            text = session.rewind(turn_number).text
            self.store.save(session)
        except ValueError as exc:
            raise CoachError(str(exc)) from None
        except (SessionBusy, SaveError) as exc:
            raise CoachError(str(exc)) from None
        rehearsal, _ = self.resume(session.id, pace=pace)
        return rehearsal, text

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

    @property
    def offers_local(self) -> bool:
        """Whether to offer model servers found on this machine: no model is set up, offline was not
        chosen, and this is not a shared workshop machine (its settings are locked)."""
        return not self.workshop and not self.settings.model and self.settings.engine == "auto"

    async def find_local_servers(self) -> list[Any]:
        from coach.service.doctor import find_local

        self.local_found = await find_local(self.local_ports, self.local_look_seconds)
        return self.local_found

    async def doctor(self, settings: Settings | None = None) -> Report:
        """The model server of `settings` (these settings by default) checked end to end."""
        from coach.service.doctor import examine

        report = await examine(settings or self.settings, self.local_ports, self.local_look_seconds)
        if report.found:
            self.local_found = report.found
        return report

    def judge_kind(self, requested: str | None = None) -> str:
        if requested:
            return requested
        if self.settings.judge != "auto":
            return self.settings.judge
        return "llm" if self.settings.model else "offline"

    def model_judges(self, judge: str | None) -> bool:
        """A model scores (else the offline judge): asked for, or the settings' choice, and a model is set up."""
        return self.judge_kind(judge) == "llm" and bool(self.settings.model)

    def _scored_against(self, session: Session, all_criteria: bool) -> ScenarioFile | None:
        if not session.scenario_id:
            return None
        try:
            return self.catalog.get(session.scenario_id)
        except KeyError:
            if not all_criteria:
                raise CoachError(f"no scenario '{session.scenario_id}' to score against; use all criteria") from None
        return None

    def score_offline(self, session: Session, all_criteria: bool = False, scenario: Scenario | None = None,
                      detector: Detector | None = None) -> Scorecard:
        """The offline judge's card, against `scenario` (else the library's scenario of the session's id) with
        its detector (built once). No I/O and no event loop: a caller with a loop to keep running may call it
        in a thread."""
        from coach.scoring.score import score_offline

        if scenario is None:
            item = self._scored_against(session, all_criteria)
            scenario, detector = (item.scenario if item else None), self.detector_for(item)
        return score_offline(session, scenario, self.catalog.library, all_criteria, detector)

    async def score(self, session: Session, judge: str | None = None, all_criteria: bool = False,
                    notice: Notice | None = None, scenario: Scenario | None = None,
                    detector: Detector | None = None) -> Scorecard:
        """The session's scorecard from the judge asked for (the settings' by default), against `scenario`
        or else the library's scenario of that id. The model judge falls back to the offline one per
        criterion, and as a whole if it fails outright (said in the card's notes)."""
        if scenario is None:
            item = self._scored_against(session, all_criteria)
            scenario, detector = (item.scenario if item else None), self.detector_for(item)
        if self.model_judges(judge):
            from coach.scoring.llm_judge import score_llm

            try:
                return await score_llm(session, scenario, self.catalog.library, self.settings,
                                       all_criteria=all_criteria, notice=notice, detector=detector)
            except Exception as exc:  # noqa: BLE001 - a failing model judge must still leave a scorecard
                card = self.score_offline(session, all_criteria, scenario, detector)
                card.notes.insert(0, f"The model judge failed ({type(exc).__name__}: {exc}); scored by the offline judge instead.")
                return card
        return self.score_offline(session, all_criteria, scenario, detector)

    def score_now(self, session: Session, judge: str | None = None, all_criteria: bool = False,
                  notice: Notice | None = None) -> Scorecard:
        """`score` for a caller with no event loop (the CLI): the offline judge starts none (asyncio and a loop
        cost an offline `coach score` about 15-30 ms), a model judge runs on one of its own."""
        if not self.model_judges(judge):
            from coach.service import example_cache

            card = self.score_offline(session, all_criteria)
            for detector in self._detectors.values():  # a command that scores once: keep what it read for the next
                example_cache.keep(detector)
            return card
        import asyncio

        return asyncio.run(self.score(session, judge, all_criteria=all_criteria, notice=notice))

    async def score_and_save(self, session: Session, judge: str | None = None) -> tuple[Scorecard, str | None]:
        """Score the session, store the card in it and save it; returns the card and, when it could not be
        saved (another process has the session, a full disk), why: the card is good all the same."""
        card = await self.score(session, judge)
        return card, self._keep(session, card)

    def _keep(self, session: Session, card: Scorecard) -> str | None:
        session.scorecard = card
        try:
            self.store.save(session)
        except (SessionBusy, SaveError) as exc:
            return f"The scorecard is not saved: {exc}"
        return None

    async def score_rehearsal(self, rehearsal: Rehearsal, judge: str | None = None,
                              notice: Notice | None = None) -> tuple[Scorecard, str | None]:
        """score_and_save for a rehearsal still open (the end of `coach rehearse`): scored against the
        scenario it was played on (a file outside the library too), the card saved in its session file and
        in its --transcript copy. Returns the card and, when it could not be saved, why."""
        card = await self.score(rehearsal.session, judge, notice=notice, scenario=rehearsal.scenario,
                                detector=rehearsal.detector)
        rehearsal.session.scorecard = card
        try:
            rehearsal.save()
        except (SessionBusy, SaveError) as exc:
            return card, f"The scorecard is not saved: {exc}"
        return card, None

    @staticmethod
    def unscored(sessions: Iterable[Session]) -> list[Session]:
        """Finished sessions that never got a scorecard (left before one was asked for)."""
        return [s for s in sessions if s.scorecard is None and s.ended and s.learner_turns]

    async def score_in_thread(self, session: Session) -> str | None:
        """Score a session offline and save it, in a thread: scoring takes milliseconds of CPU and saving
        an fsync, and a caller scoring many must keep its event loop (the app's screen) running. Returns
        why the card is not saved, if so; a session that cannot be scored (its scenario is gone) is left
        as it was."""
        def work() -> str | None:
            try:
                card = self.score_offline(session)
            except Exception:  # noqa: BLE001 - listed all the same, just unscored
                return None
            return self._keep(session, card)

        import asyncio  # only here: offline commands that never wait start without it

        return await asyncio.to_thread(work)
