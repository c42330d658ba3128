"""Shared pieces for the app's tests: an app over a fixed scenario catalog, fake counterparts, and helpers
that wait for the app instead of sleeping.

The app's tests use the scenarios in tests/tui/scenarios (not the bundled pack), so they and the
snapshots do not change when the pack does. The tests/conftest.py fixture already gives every test its
own COACH_DATA_DIR and COACH_CONFIG_DIR.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import time
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from coach.core.config import Settings
from coach.core.counterpart import ReplyEnd, TurnContext
from coach.core.errors import EngineError
from coach.core.session import Usage
from coach.rehearsal.store import SessionStore
from coach.scenario import load_catalog
from coach.service.coach import Coach
from coach.tui.app import CoachApp

HERE = Path(__file__).resolve().parent
SCENARIOS = HERE / "scenarios"  # two valid scenarios: promotion-after-win (career) and missed-deadlines (management)
BROKEN = HERE / "broken"  # one scenario file with several problems
PROMOTION = "promotion-after-win"
DEADLINES = "missed-deadlines"


def make_coach(
    extra: Sequence[Path] = (),
    *,
    settings: Settings | None = None,
    store: SessionStore | None = None,
    participant: str | None = None,
    engine: Any = None,
    local_ports: Sequence[Any] = (),
) -> Coach:
    dirs = [SCENARIOS, *extra]
    injected = {"make_engine": lambda settings, seed, pace: engine} if engine is not None else {}  # every start and resume
    # No look at this machine's real ports (11434, 8080, ...): what runs there must not change a test. The
    # look at a test's own server gets seconds, not the app's 0.3 s: a busy CI machine can take longer.
    return Coach(settings or Settings(), dirs, store=store or SessionStore.default(), participant=participant,
                 catalog_loader=lambda: load_catalog(dirs, include_bundled=False), local_ports=local_ports,
                 local_look_seconds=10.0,
                 **injected)  # the fixtures only


def make_app(*, workshop: bool = False, **kwargs: Any) -> CoachApp:
    return CoachApp(make_coach(**kwargs), workshop=workshop, pace=0.0)


async def until(pilot, condition: Callable[[], bool], what: str = "the app", timeout: float = 15.0) -> None:
    """Let the app run until `condition()` holds (a generous limit only so a broken test fails, not hangs)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await pilot.pause(0.01)


async def settle(pilot) -> None:
    """Wait for every worker (replies, scoring, loading) to finish and the screen to update."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_rehearsal(pilot, scenario_id: str = PROMOTION, difficulty: str | None = None):
    """From the library: open the briefing, pick a difficulty, start. Returns the rehearsal screen."""
    from coach.tui.screens.briefing import BriefingScreen
    from coach.tui.screens.rehearsal import RehearsalScreen

    pilot.app.open_briefing(scenario_id)
    await until(pilot, lambda: isinstance(pilot.app.screen, BriefingScreen), "the briefing")
    await pilot.pause()
    if difficulty is not None:
        from textual.widgets import RadioButton

        button = next(b for b in pilot.app.screen.query(RadioButton) if b.name == difficulty)
        button.value = True
        await pilot.pause()
    await pilot.press("ctrl+s")
    await until(pilot, lambda: isinstance(pilot.app.screen, RehearsalScreen), "the rehearsal")
    await settle(pilot)
    return pilot.app.screen


async def say(pilot, text: str) -> None:
    """Put a line in the composer, press Enter, and wait for the reply to finish."""
    from coach.tui.widgets.composer import Composer

    composer = pilot.app.screen.query_one(Composer)
    composer.focus()
    composer.text = text
    await pilot.press("enter")
    await settle(pilot)


def texts(screen) -> list[str]:
    """The conversation as shown: one (heading, text) string per message."""
    from coach.tui.widgets.message import MessageView

    return [f"{m.who}: {m.text}" for m in screen.query(MessageView) if m.display]


# -- fake counterparts -----------------------------------------------------------------------------


class ScriptedEngine:
    """A model-like counterpart: fails the first `fail` calls with an EngineError, then streams `reply`
    (or the next of `replies`, in turn)."""

    kind = "openai"
    model = "fake-model"
    token_counting = "fake"
    notice = None

    def cost(self, usage) -> float | None:
        from coach.llm.pricing import (
            estimate_cost,  # as the model counterpart does: None for an unknown model
        )

        return estimate_cost(self.model, usage, None)

    def __init__(
        self, reply: str = "Fine. Tell me more about the numbers.", fail: int = 0, closes_after: int | None = None,
        replies: Sequence[str] = (), agrees_after: int | None = None, usage: tuple[int, int] | None = None,
    ):
        self.reply = reply
        self.usage = usage  # (prompt, completion) tokens reported with each reply
        self.agrees_after = agrees_after
        self.replies = list(replies)
        self.fail = fail
        self.closes_after = closes_after
        self.calls = 0

    def prompt_versions(self) -> dict[str, str]:
        return {"fake": "1"}

    def initial_state(self, scenario, difficulty):
        return None

    async def stream(self, ctx: TurnContext) -> AsyncIterator[str | ReplyEnd]:
        self.calls += 1
        if self.calls <= self.fail:
            raise EngineError("rate-limit", "The model server is busy (HTTP 429). Wait a moment, then retry.")
        reply = self.replies.pop(0) if self.replies else self.reply
        for word in reply.split(" "):
            yield word + " "
        agreed = self.agrees_after is not None and self.calls >= self.agrees_after
        closed = agreed or (self.closes_after is not None and self.calls >= self.closes_after)
        usage = Usage(prompt_tokens=self.usage[0], completion_tokens=self.usage[1]) if self.usage else None
        yield ReplyEnd(agreed=agreed, closed=closed, usage=usage)


class ScriptedOffline(ScriptedEngine):
    """The same, shown as the offline engine: for snapshots that must not move when the offline engine's
    wording or the detector changes."""

    kind = "offline"
    model = None


class SlowEngine(ScriptedEngine):
    """Streams a long reply slowly, so a test can stop it half-way with Esc."""

    def __init__(self, words: int = 400, delay: float = 0.02):
        super().__init__()
        self.words = words
        self.delay = delay
        self.sent = 0

    async def stream(self, ctx: TurnContext) -> AsyncIterator[str | ReplyEnd]:
        self.calls += 1
        for i in range(self.words):
            await asyncio.sleep(self.delay)
            self.sent += 1
            yield f"word{i} "
        yield ReplyEnd()


class BrokenEngine(ScriptedEngine):
    """Fails with an unexpected exception (a bug, not an EngineError)."""

    async def stream(self, ctx: TurnContext) -> AsyncIterator[str | ReplyEnd]:
        self.calls += 1
        if self.calls == 1:
            raise RuntimeError("socket exploded")
        async for item in super().stream(ctx):
            yield item


# -- fixed sessions for progress and snapshots ------------------------------------------------------


@pytest.fixture
def utc(monkeypatch):
    """Show times in UTC, so dates on screen do not depend on the machine's time zone."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def run_sync(coro) -> Any:
    """Run a coroutine to the end, also from inside a running event loop (an async test)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


def play_session(
    scenario_id: str, lines: Sequence[str], *, session_id: str, when: datetime, difficulty: str | None = None,
    score: bool = True, store: SessionStore | None = None, card: Any = None, participant: str | None = None,
    engine: Any = None,
):
    """A session played with the offline counterpart, with a fixed id and date, then (if `score`) scored
    with the offline judge, or given `card`, and saved. With score=False and no card it is left
    unfinished ("paused"), ready to resume."""
    from coach.scoring.score import score_offline

    coach = make_coach(store=store, participant=participant, engine=engine)
    item = coach.scenario(scenario_id)
    rehearsal = coach.start(scenario_id, difficulty)
    for line in lines:
        if rehearsal.ended:
            break

        async def one(text: str = line) -> None:
            async for _ in rehearsal.send(text):
                pass

        run_sync(one())
    session = rehearsal.session
    old = coach.store.path_for(session.id)
    session.id = session_id
    session.created_at = when
    for turn in session.turns:
        turn.at = when
    if card is not None:
        session.scorecard = card
    elif score:
        session.scorecard = score_offline(session, item.scenario, coach.catalog.library)
    if not session.ended and session.scorecard is None:
        session.outcome = "paused"  # left half-way, as the app leaves it
    path = coach.store.save(session)
    old.unlink(missing_ok=True)
    stamp = when.timestamp()
    os.utime(path, (stamp, stamp))  # the store lists newest first by file time
    return session


WEAK = ["Hi. So, um, I wanted to talk about some stuff.", "I guess I'd like more, sort of.", "I'm not sure. Whatever you think."]
CASE = [
    "I'd like you to nominate me for Senior in the March calibration.",
    "Since June I've cut our on-call pages by a third and mentored two new hires to their first on-call shift.",
    "What would make this hard to take to calibration this year?",
]


def at(day: int, hour: int = 10) -> datetime:
    return datetime(2025, 3, day, hour, 0, tzinfo=timezone.utc)


def sample_card(
    total: float = 62.5, scores: Sequence[int] = (3, 2, 1, 4), session_id: str = "s-case", outcome: str = "no-agreement"
):
    """A fixed scorecard for the promotion scenario, so screens can be checked apart from the judges."""
    from coach.core.scorecard import (
        CriterionScore,
        DebriefView,
        Evidence,
        FlagDetail,
        Scorecard,
    )

    specs = [
        ("specific-ask", "A clear, specific ask", 3.0, "I'd like you to nominate me for Senior in the March calibration.", 2),
        ("impact-evidence", "Evidence of impact", 3.0, "I cut our on-call pages by a third since June.", 4),
        ("explores-constraints", "Explores the other side's constraints", 2.0, "", 0),
        ("next-steps", "Explicit next steps", 2.0, "Can we look at it again on the 14th?", 6),
    ]
    criteria = [
        CriterionScore(
            id=cid, name=name, score=score, weight=weight, judge="offline",
            level=["Not shown.", "Shown once, in general terms.", "Shown in several turns, still general.",
                   "Shown with concrete detail.", "Concrete detail in two or more turns."][score],
            evidence=[Evidence(quote=quote, turn=turn)] if quote else [],
            better_line="" if score == 4 else "What would make this hard to take to calibration this year?",
            note=None if quote else "not evidenced",
        )
        for (cid, name, weight, quote, turn), score in zip(specs, scores, strict=True)
    ]
    return Scorecard(
        session_id=session_id, scenario_id=PROMOTION, scenario_title="Ask for a promotion after a visible win",
        difficulty="realistic", outcome=outcome, judge="offline", total=total, criteria=criteria,
        flags=["hedging"],
        flag_details=[
            FlagDetail(id="hedging", name="Hedging", count=1, evidence=[Evidence(quote="I guess maybe I could, sort of", turn=8)])
        ],
        top_changes=[
            "Ask about the budget before pushing harder: “What would make this hard to take to calibration?”",
            "Close with a date: “Can we review the written case on the 14th?”",
        ],
        debrief=DebriefView(
            concession="Priya agrees to nominate you for Senior in March.",
            expert_approach="Open with the ask and a one-page case, then ask what makes this cycle hard.",
            key_moves=["Ask for something specific.", "Show a pattern, not one project."],
            model_lines=["I'd like you to nominate me for Senior in the March calibration."],
        ),
    )


@asynccontextmanager
async def rehearsing(**kwargs: Any):
    """The app (made with `make_app(**kwargs)`) running headless, on a rehearsal of the default scenario:
    yields (app, pilot, screen), the preamble most app tests share."""
    app = make_app(**kwargs)
    async with app.run_test() as pilot:
        await pilot.pause()
        screen = await open_rehearsal(pilot)
        yield app, pilot, screen
