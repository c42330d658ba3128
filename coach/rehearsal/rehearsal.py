"""A rehearsal in progress: the one place that turns learner lines into saved turns and replies.

The TUI and `coach rehearse` both drive this class and render its events; neither owns any of the
rules here (care pauses, saving after every turn, errors that keep the learner's words, rewinds).
"""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import AsyncIterator
from contextlib import aclosing
from pathlib import Path

from coach import __version__
from coach.core import paths, prompts
from coach.core.counterpart import Counterpart, Notice, ReplyEnd, TurnContext
from coach.core.detection import Detection
from coach.core.errors import EngineError, SaveError, SessionEnded
from coach.core.events import CarePause, Chunk, Event, ReplyDone, ReplyFailed
from coach.core.files import write_private
from coach.core.session import Branch, Provenance, Session, Turn
from coach.core.text_safety import StreamCleaner
from coach.moves.detector import Detector
from coach.rehearsal.store import SessionStore
from coach.scenario.loader import ScenarioFile


class Rehearsal:
    def __init__(
        self,
        scenario: ScenarioFile,
        session: Session,
        engine: Counterpart,
        detector: Detector,
        store: SessionStore | None = None,
        copy_to: Path | None = None,
    ):
        self.scenario_file = scenario
        self.scenario = scenario.scenario
        self.session = session
        self.engine = engine
        self.detector = detector
        self.store = store
        self.copy_to = copy_to
        # Held while the rehearsal is open: a second process on this session is refused (SessionBusy)
        # instead of each overwriting the other's turns. close() gives it back; so does the process ending.
        self._lock = store.hold(session.id) if store is not None else None

    def close(self) -> None:
        """Let other processes open this session again (the rehearsal can still be read, not saved)."""
        if self._lock is not None:
            self._lock.release()

    # -- starting and resuming ---------------------------------------------------------------------

    @classmethod
    def begin(
        cls,
        scenario: ScenarioFile,
        difficulty: str,
        engine: Counterpart,
        detector: Detector,
        store: SessionStore | None = None,
        *,
        seed: int = 0,
        participant: str | None = None,
        base_url: str | None = None,
        token_counting: str = "",
        copy_to: Path | None = None,
    ) -> Rehearsal:
        s = scenario.scenario
        session = Session(
            scenario_id=s.id,
            participant=participant,
            provenance=Provenance(
                scenario_id=s.id,
                scenario_title=s.title,
                scenario_digest=scenario.digest,
                difficulty=difficulty,
                engine=engine.kind,
                model=engine.model,
                base_url=base_url if engine.kind == "openai" else None,
                seed=seed,
                prompt_versions={**engine.prompt_versions(), "care": prompts.version("care")},
                coach_version=__version__,
                token_counting=token_counting,
            ),
        )
        session.turns.append(
            Turn(speaker="partner", text=s.counterpart.opening_line, state=engine.initial_state(s, difficulty))
        )
        rehearsal = cls(scenario, session, engine, detector, store, copy_to)
        rehearsal.save()
        return rehearsal

    @property
    def difficulty(self) -> str:
        return self.session.provenance.difficulty if self.session.provenance else self.scenario.difficulty

    @property
    def ended(self) -> bool:
        return self.session.ended

    @property
    def paused_for_care(self) -> bool:
        return bool(self.session.turns) and self.session.turns[-1].speaker == "care"

    @property
    def learner_turn_count(self) -> int:
        return sum(1 for t in self.session.dialogue() if t.speaker == "learner")

    # -- where the conversation stands: the shells show it, they never work it out from the turns ----

    @property
    def unanswered_line(self) -> str | None:
        """The learner's last line while it waits for a reply (after an error, a crash, or a stop before
        the reply began): Enter or retry sends it again."""
        last = self.session.turns[-1] if self.session.turns else None
        return last.text if last and last.speaker == "learner" and last.status == "unanswered" else None

    @property
    def cut_off_line(self) -> str | None:
        """The learner's line whose reply was interrupted or stopped part-way: retry asks again."""
        turns = self.session.turns
        if (len(turns) >= 2 and turns[-1].speaker == "partner" and turns[-1].status in ("interrupted", "cancelled")
                and turns[-2].speaker == "learner"):
            return turns[-2].text
        return None

    @property
    def retry_line(self) -> str | None:
        """The line `retry()` would ask a reply for, or None when nothing is waiting."""
        return self.unanswered_line or self.cut_off_line

    @property
    def rewind_choices(self) -> list[tuple[int, str]]:
        """The learner's lines `rewind` can take back, as (turn number, text), oldest first: every line on
        the live line but one that paused the session for care (it was never said to the counterpart)."""
        return [(n, t.text) for n, t in self.session.learner_turns if t.status != "withheld"]

    @property
    def care_message(self) -> str | None:
        """The care message the rehearsal is paused on, if it is."""
        return self.session.turns[-1].text if self.paused_for_care else None

    @property
    def next_turn_number(self) -> int:
        """The number the learner's next line will have (it replaces a line that got no reply)."""
        return len(self.session.turns) + (0 if self.unanswered_line is not None else 1)

    def is_resend(self, text: str) -> bool:
        """The same line again after a reply was cut off: ask again (retry), do not say it twice."""
        line = self.cut_off_line
        return line is not None and text.strip() == line.strip()

    def listen(self, notice: Notice | None) -> None:
        """Where waits and retries are told while a reply is delayed ("rate limited; waiting 5 s")."""
        self.engine.notice = notice

    def save(self) -> None:
        """Save after every change; SaveError when the disk refuses (the session in memory is intact, so a
        front end can keep the learner's words: see recover())."""
        if self.store is not None:
            self.store.save(self.session)
        if self.copy_to is not None:
            try:
                write_private(self.copy_to, self.session.model_dump_json(indent=2))
            except OSError as exc:
                raise SaveError(str(self.copy_to), exc) from None

    def recover(self) -> Path | None:
        """After a SaveError: the session as it is in memory (the learner's new line in it), written where
        it can be (the temporary folder, else the home folder), readable only by the user, to resume
        from once the disk is fixed. None when nowhere will take it."""
        name = f"coach-recovery-{self.session.id}.json"
        for folder in (Path(tempfile.gettempdir()), Path.home()):
            try:
                path = paths.inside(folder, name)
                write_private(path, self.session.model_dump_json(indent=2))
                return path
            except (OSError, ValueError):
                continue
        return None

    # -- the conversation --------------------------------------------------------------------------

    async def send(self, text: str) -> AsyncIterator[Event]:
        """Add the learner's line, then stream the counterpart's reply as events."""
        text = text.strip()
        if not text:
            raise ValueError("nothing to send")
        if self.session.ended:
            raise SessionEnded("the conversation has ended; rewind to try a line again")
        self._drop_unanswered()
        if self.paused_for_care:
            self.continue_after_care()
        if self.detector.is_distress(text) and not self._sent_again_after_care(text):
            self.session.turns.append(Turn(speaker="learner", text=text, status="withheld"))
            yield self._care_pause()
            return
        detection = self.detector.detect(text, previous=self.session.last_partner_text())
        self.session.turns.append(
            Turn(
                speaker="learner",
                text=text,
                status="unanswered",  # until a reply arrives: a crash now leaves the line ready to re-send
                moves=sorted(detection.move_ids),
                flags=sorted(detection.flag_ids),
            )
        )
        self.save()
        # aclosing: when the consumer stops early (Esc in the app), the reply is closed and saved now,
        # not whenever the garbage collector gets to it.
        async with aclosing(self._reply(detection)) as events:
            async for event in events:
                yield event

    async def retry(self) -> AsyncIterator[Event]:
        """Ask again for a reply to the last learner line (after an error, a drop or a cancel)."""
        turns = self.session.turns
        if self.cut_off_line is not None:
            self.session.branches.append(Branch(from_turn=len(turns), turns=[turns.pop()]))
            turns[-1].status = "unanswered"
        if self.unanswered_line is None:
            raise ValueError("there is no line of yours waiting for a reply")
        previous = next((t.text for t in reversed(turns[:-1]) if t.speaker == "partner"), None)
        detection = self.detector.detect(turns[-1].text, previous=previous)
        # aclosing: when the consumer stops early (Esc in the app), the reply is closed and saved now,
        # not whenever the garbage collector gets to it.
        async with aclosing(self._reply(detection)) as events:
            async for event in events:
                yield event

    def continue_after_care(self) -> None:
        """The learner chose to carry on after a care pause."""
        if self.session.outcome in ("paused", "care-pause"):
            self.session.outcome = "in-progress"
        self.save()

    def pause(self) -> None:
        """The learner left mid-conversation; the session can be resumed."""
        if not self.session.ended and self.session.outcome == "in-progress":
            self.session.outcome = "paused"
            self.save()

    def finish(self) -> None:
        """The learner finished before the conversation's end (to see the scorecard): ended early."""
        if not self.session.ended and self.session.outcome in ("in-progress", "paused"):
            self.session.outcome = "ended-early"
            self.save()

    def rewind(self, turn_number: int) -> str:
        """Go back to just before learner turn `turn_number` (1-based over all turns); return its text
        so it can be edited and sent again. The rewound turns are kept in a branch."""
        removed = self.session.rewind(turn_number)
        self.save()
        return removed.text

    def rewind_last(self) -> str:
        learner = self.session.learner_turns
        if not learner:
            raise ValueError("there is no line of yours to retry yet")
        return self.rewind(learner[-1][0])

    # -- internals ---------------------------------------------------------------------------------

    def _sent_again_after_care(self, text: str) -> bool:
        """The line a care pause held back, sent again as it was: they have read the support message and chosen to
        go on with it, so it is answered. An ordinary line the check misread ("…it is also for my life") would
        otherwise be held back every time it is sent."""
        held = next((t for t in reversed(self.session.turns) if t.speaker == "learner"), None)
        return held is not None and held.status == "withheld" and held.text.split() == text.split()

    def _care_pause(self) -> CarePause:
        """Step out of the role-play: a kind message, the session paused until the learner chooses."""
        message = prompts.text("care").strip()
        self.session.turns.append(Turn(speaker="care", text=message))
        self.session.outcome = "care-pause"
        self.save()
        return CarePause(message)

    def _drop_unanswered(self) -> None:
        """A line that never got a reply is replaced by the new one (kept in a branch for the record)."""
        if self.unanswered_line is not None:
            turns = self.session.turns
            self.session.branches.append(Branch(from_turn=len(turns), turns=[turns.pop()]))

    async def _reply(self, detection: Detection) -> AsyncIterator[Event]:
        learner_turn = self.session.turns[-1]
        ctx = TurnContext(self.scenario, self.difficulty, self.session, detection)
        parts: list[str] = []
        end = ReplyEnd()
        # A reply is text from outside: escape sequences in it are taken out before anything shows or
        # saves it, whole even when a chunk boundary splits one.
        cleaner = StreamCleaner()
        try:
            async with aclosing(self.engine.stream(ctx)) as stream:
                async for item in stream:
                    if isinstance(item, str):
                        item = cleaner.feed(item)
                        if item:
                            parts.append(item)
                            yield Chunk(item)
                    else:
                        end = item
            rest = cleaner.finish()
            if rest:
                parts.append(rest)
                yield Chunk(rest)
            text = "".join(parts).strip()
            if not text and not end.care:
                raise EngineError("empty", "The counterpart sent an empty reply. Try again.")
        except EngineError as error:
            partial = "".join(parts).strip()
            if partial:
                learner_turn.status = "complete"
                self.session.turns.append(Turn(speaker="partner", text=partial, status="interrupted"))
            self.save()
            yield ReplyFailed(error, partial)
            return
        except (asyncio.CancelledError, GeneratorExit):
            partial = "".join(parts).strip()
            if partial:
                learner_turn.status = "complete"
                self.session.turns.append(Turn(speaker="partner", text=partial, status="cancelled"))
            self.save()
            raise
        if end.care:  # the model heard distress the detector missed: the line is withheld, not answered
            learner_turn.status = "withheld"
            yield self._care_pause()
            return
        learner_turn.status = "complete"
        turn = Turn(speaker="partner", text=text, state=end.state, usage=end.usage, note="; ".join(end.notes) or None)
        self.session.turns.append(turn)
        if end.usage is not None:
            self.session.cost_usd = self.engine.cost(self.session.usage_totals())
        if end.agreed:
            self.session.outcome = "agreed"
        level = self.scenario.level(self.difficulty)
        if end.closed or self.learner_turn_count >= level.max_turns + 1:
            self.session.ended = True
            if self.session.outcome != "agreed":  # the learner said goodbye first: ended early, as with /end
                self.session.outcome = "ended-early" if end.left else "no-agreement"
        self.save()
        yield ReplyDone(turn)
