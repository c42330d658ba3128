"""Start-up and the speed that follows from coach's structure, each figure beside a baseline from the same run.

    python benchmarks/startup.py              # everything (about two minutes)
    python benchmarks/startup.py --runs 15    # more runs of each start-up
    python benchmarks/startup.py --part commands|report|stall|progress

What is measured, and how:

1. Start-ups, run in turns (one run of each, then the next round), the median of N: `python -c "import
   textual"`, `coach --help`, `coach list`, `coach score` on a transcript of 10 learner turns (offline: no model
   set up), and the first frame of a trivial Textual app and of coach (each spawned in an 80x24 pty and timed
   until its text is on the screen, as benchmarks/tui_bench.py does). Coach's first frame is the library
   (its filter box); the settings and the catalog load just after it, so the time until the
   scenarios are listed ("N of N scenarios" in the header) is printed too. Commands are timed from spawning
   the process until it exits, with empty data and config folders.
   Goals: `coach score` at most 1.5x `coach list`; coach's first frame at most 1.6x the trivial app's.
   Last measured (see ARCHITECTURE.md): first frame 1.34x; `coach score` 1.44x `coach list` (a few turns are
   read without numpy; the model lines' readings come from the cache folder, filled by the warm-up run).
2. `coach report` on 500 sessions without a stored scorecard (so each is scored offline), made from the
   24 expert-written transcripts in benchmarks/data/scorecard/sessions: each session takes each learner
   line from one of its scenario's transcripts, with one of several openings, so few lines repeat.
   Goal: under 10 s.
3. The event loop during the first model reply: the app in-process (headless) in a fresh process, the model
   counterpart talking to tests/fakeserver.py on 127.0.0.1; a ticker task sleeps 5 ms at a time and the
   longest lateness is the longest stall. Timed while the rehearsal opens and while the first reply
   arrives (Enter to the reply on screen); the median of 3 processes. Goal: no stall over 50 ms during the
   first reply.
4. The Progress screen opened on 33 finished sessions without a scorecard (it scores them), in a fresh
   process: the longest stall of the event loop from opening it to every session scored and listed. Goal:
   none over 50 ms (the app does not freeze; the issue measured 4.2 s).

Ratios are taken within one run, so a busy machine slows both sides of each; the absolute times are not.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import tui_bench  # noqa: E402 - the pty start-up timing is shared

TRANSCRIPTS = HERE / "data" / "scorecard" / "sessions"
TRIVIAL_APP = """
from textual.app import App
from textual.widgets import Static

class Trivial(App):
    def compose(self):
        yield Static("A trivial Textual app")

Trivial().run()
"""
OPENINGS = ("", "Okay. ", "Right, ", "Look, ", "Honestly, ", "So, ", "Fair point. ", "Thanks. ", "I see. ",
            "Sure. ", "Well, ", "Understood. ")
NAMES = ("Ana", "Joel", "Priya", "Sam", "Mia", "Tomasz", "Lena", "Omar", "Grace", "Kwame", "Sofia", "Ravi",
         "Hana", "Luis", "Ines", "Noah", "Aiko", "Femi", "Zoe", "Ben")


def quiet_env(home: Path) -> dict[str, str]:
    """Empty data and config folders, no model set up: what a new user's offline coach sees."""
    env = {**os.environ, "COACH_DATA_DIR": str(home / "data"), "COACH_CONFIG_DIR": str(home / "config"),
           "COACH_CACHE_DIR": str(home / "cache"), "COACH_TIKTOKEN_TIMEOUT": "0"}
    # .pyc files are written (on the warm-up run), as an installed coach has them.
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "COACH_MODEL", "COACH_ENGINE", "COACH_SCENARIOS",
                "PYTHONDONTWRITEBYTECODE"):
        env.pop(var, None)
    return env


def load_transcripts() -> dict[str, list[dict]]:
    by_scenario: dict[str, list[dict]] = {}
    for path in sorted(TRANSCRIPTS.glob("*.json")):
        data = json.loads(path.read_text())
        by_scenario.setdefault(data["scenario_id"], []).append(data)
    return by_scenario


def pairs(transcript: dict) -> tuple[str, list[tuple[str, str]]]:
    """The opening line and the (learner line, reply) pairs after it."""
    turns = transcript["turns"]
    opening = turns[0]["text"] if turns[0]["speaker"] == "partner" else ""
    out, learner = [], None
    for turn in turns[1:] if opening else turns:
        if turn["speaker"] == "learner":
            learner = turn["text"]
        elif learner is not None:
            out.append((learner, turn["text"]))
            learner = None
    return opening, out


def session_file(number: int, scenario_id: str, opening: str, exchanges: list[tuple[str, str]]) -> dict:
    """A session as `coach rehearse` saves it, ended, with no scorecard."""
    day = 1 + number % 28
    turns = [{"speaker": "partner", "text": opening}]
    for learner, reply in exchanges:
        turns += [{"speaker": "learner", "text": learner}, {"speaker": "partner", "text": reply}]
    return {
        "schema_version": 2, "id": f"bench-{number:04d}", "scenario_id": scenario_id,
        "created_at": f"2026-11-{day:02d}T10:{number % 60:02d}:00Z",
        "updated_at": f"2026-11-{day:02d}T10:{number % 60:02d}:30Z",
        "participant": NAMES[number % len(NAMES)], "outcome": "no-agreement", "ended": True,
        "provenance": {"scenario_id": scenario_id, "difficulty": "realistic", "engine": "offline", "seed": number},
        "turns": turns,
    }


def make_sessions(folder: Path, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    by_scenario = load_transcripts()
    scenarios = sorted(by_scenario)
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        sid = scenarios[n % len(scenarios)]
        played = [pairs(t) for t in by_scenario[sid]]
        opening = played[0][0]
        length = max(len(p) for _, p in played)
        exchanges = []
        for i in range(length):
            learner, reply = rng.choice([p[i] for _, p in played if i < len(p)])
            exchanges.append((rng.choice(OPENINGS) + learner, reply))
        (folder / f"bench-{n:04d}.json").write_text(json.dumps(session_file(n, sid, opening, exchanges)))


def ten_turn_transcript(path: Path) -> None:
    """Two transcripts of one scenario back to back, cut at 10 learner turns."""
    first, second = load_transcripts()["promotion-after-win"][:2]
    opening, a = pairs(first)
    _, b = pairs(second)
    path.write_text(json.dumps(session_file(0, "promotion-after-win", opening, (a + b)[:10])))


# -- 1. start-ups ------------------------------------------------------------------------------------


def timed_run(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def listed_marker() -> bytes:
    """The library's header once every bundled scenario is listed: "8 of 8 scenarios"."""
    from coach.scenario import load_catalog

    count = len(load_catalog().scenarios)
    return f"{count} of {count} scenarios".encode()


def bench_commands(runs: int) -> dict[str, float]:
    python, coach = sys.executable, tui_bench.coach_command()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        env = quiet_env(home)
        transcript = home / "ten-turns.json"
        ten_turn_transcript(transcript)
        trivial = home / "trivial_app.py"
        trivial.write_text(TRIVIAL_APP)
        listed = listed_marker()
        items = {
            "python -c 'import textual'": lambda: timed_run([python, "-c", "import textual"], env),
            "trivial Textual app, first frame": lambda: tui_bench.startup_once(
                b"A trivial Textual app", command=[python, str(trivial)], env=env),
            "coach --help": lambda: timed_run([*coach, "--help"], env),
            "coach list": lambda: timed_run([*coach, "list"], env),
            "coach score (offline, 10 turns)": lambda: timed_run([*coach, "score", str(transcript)], env),
            "coach, first frame": lambda: tui_bench.startup_once(env=env),
            "coach, scenarios listed": lambda: tui_bench.startup_once(listed, env=env),
        }
        for measure in items.values():  # warm the file cache and the .pyc files, as for any later start
            measure()
        times: dict[str, list[float]] = {name: [] for name in items}
        for _ in range(runs):  # in turns, so a slow moment of the machine touches every item alike
            for name, measure in items.items():
                times[name].append(measure())
    medians = {name: statistics.median(t) for name, t in times.items()}
    print(f"start-ups: median of {runs} runs, in turns")
    for name, t in times.items():
        print(f"  {name:<36} {medians[name] * 1000:6.0f} ms   (best {min(t) * 1000:.0f}, worst {max(t) * 1000:.0f})")
    return medians


# -- 2. coach report on unscored sessions -----------------------------------------------------------


def bench_report(count: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        make_sessions(home / "sessions", count)
        out = home / "report.md"
        start = time.perf_counter()
        done = subprocess.run([*tui_bench.coach_command(), "report", str(home / "sessions"), "-o", str(out)],
                              env=quiet_env(home), capture_output=True, text=True, check=True)
        elapsed = time.perf_counter() - start
        assert f"{count} session(s)" in done.stderr, done.stderr
    print(f"coach report: {count} sessions without a stored scorecard (each scored offline): {elapsed:.2f} s")
    return elapsed


# -- 3. the event loop during the first model reply ------------------------------------------------


class Ticker:
    """How late a 5 ms sleep wakes: the event loop's stalls, with when they ended."""

    def __init__(self, period: float = 0.005):
        self.period = period
        self.lags: list[tuple[float, float]] = []  # (woke at, seconds late)

    async def run(self) -> None:
        while True:
            start = time.perf_counter()
            await asyncio.sleep(self.period)
            now = time.perf_counter()
            self.lags.append((now, now - start - self.period))

    def worst(self, since: float, until: float) -> float:
        return max((lag for at, lag in self.lags if since < at <= until + self.period), default=0.0)


async def first_reply_stalls() -> tuple[float, float, float]:
    """Longest stalls while a model rehearsal opens and during its first reply, and the reply's time."""
    from coach.core.config import Settings
    from coach.service.coach import Coach
    from coach.tui.app import CoachApp
    from coach.tui.screens.rehearsal import RehearsalScreen
    from coach.tui.widgets.composer import Composer
    from tests.fakeserver import FakeChatServer, split_words

    reply = split_words("I hear you, and the migration was strong work. But one project is not a promotion case "
                        "on its own. What else would calibration see from you, in writing, by March?")
    with FakeChatServer(reply=reply) as server:
        settings = Settings(engine="openai", model="gpt-4o-mini", base_url=server.url, api_key="sk-fake-benchmark",
                            max_retries=0)
        app = CoachApp(Coach(settings), pace=0.0, freeze_gc=True)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            ticker = Ticker()
            task = asyncio.create_task(ticker.run())
            await asyncio.sleep(0.05)
            opened = time.perf_counter()
            screen = RehearsalScreen(starter=lambda: (app.coach.start("promotion-after-win", pace=0.0), []))
            app.push_screen(screen)
            while not screen.ready:
                await asyncio.sleep(0.005)
            await app.workers.wait_for_complete()
            await pilot.pause()
            ready = time.perf_counter()
            await asyncio.sleep(0.05)
            composer = screen.query_one(Composer)
            composer.text = "I'd like you to nominate me for Senior Engineer in the March calibration."
            sent = time.perf_counter()
            composer.post_message(Composer.Submitted(composer, composer.text))
            deadline = sent + 30
            while screen.streaming or len(screen.rehearsal.session.turns) < 3:
                if time.perf_counter() > deadline:
                    raise RuntimeError("the first reply never came; is tests/fakeserver.py working?")
                await asyncio.sleep(0.005)
            await app.workers.wait_for_complete()
            await pilot.pause()
            done = time.perf_counter()
            await asyncio.sleep(0.02)
            task.cancel()
    assert screen.rehearsal.session.turns[-1].speaker == "partner", "the reply did not arrive"
    return ticker.worst(opened, ready), ticker.worst(sent, done), done - sent


def bench_stall(runs: int) -> float:
    """Each run in a fresh process, so the model client loads for the first time, as in a real first reply."""
    found = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            result = subprocess.run([sys.executable, __file__, "--part", "stall-child"], env=quiet_env(Path(tmp)),
                                    capture_output=True, text=True, check=True)
        found.append(json.loads(result.stdout.strip().splitlines()[-1]))
    opening, reply, took = (statistics.median(x) for x in zip(*found))
    print(f"first model reply (tests/fakeserver.py on 127.0.0.1, app headless, fresh process), median of {runs}:")
    print(f"  longest event-loop stall while the rehearsal opens: {opening * 1000:.0f} ms")
    print(f"  longest event-loop stall during the first reply: {reply * 1000:.0f} ms "
          f"(worst run {max(r for _, r, _ in found) * 1000:.0f} ms; Enter to the reply on screen: {took * 1000:.0f} ms)")
    return reply


async def progress_stalls(count: int) -> tuple[float, float, float]:
    """Longest event-loop stalls from opening the Progress screen to its first "Scoring 1 of ..." and from
    opening it to the last of `count` unscored sessions scored and listed, and how long that took."""
    from textual.widgets import Static

    from coach.core import paths
    from coach.service.coach import Coach
    from coach.tui.app import CoachApp
    from coach.tui.screens.progress import ProgressScreen

    make_sessions(paths.sessions_dir(), count)
    app = CoachApp(Coach(), pace=0.0, freeze_gc=True)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        ticker = Ticker()
        task = asyncio.create_task(ticker.run())
        await asyncio.sleep(0.05)
        opened = time.perf_counter()
        screen = ProgressScreen()
        app.push_screen(screen)
        label = lambda: str(screen.query_one("#trends", Static).render()) if screen.is_mounted else ""  # noqa: E731
        while "Scoring" not in label() and time.perf_counter() - opened < 2:  # a screen that says nothing: 2 s
            await asyncio.sleep(0.001)
        scoring = time.perf_counter()
        await app.workers.wait_for_complete()
        await pilot.pause()
        done = time.perf_counter()
        task.cancel()
        scored = sum(s.scorecard is not None for s in screen.sessions)
    assert scored == count, f"{scored} of {count} sessions were scored"
    return ticker.worst(opened, scoring), ticker.worst(opened, done), done - opened


def bench_progress(count: int) -> float:
    """In a fresh process, as when the app has just started: the move model loads with the first session."""
    with tempfile.TemporaryDirectory() as tmp:
        result = subprocess.run([sys.executable, __file__, "--part", "progress-child", "--progress-sessions",
                                 str(count)], env=quiet_env(Path(tmp)), capture_output=True, text=True, check=True)
    opening, stall, took = json.loads(result.stdout.strip().splitlines()[-1])
    print(f"Progress screen with {count} unscored sessions (app headless, fresh process):")
    print(f"  longest event-loop stall until it shows it is scoring: {opening * 1000:.0f} ms")
    print(f"  longest event-loop stall from opening it to every session scored and listed: {stall * 1000:.0f} ms "
          f"({took:.2f} s)")
    return stall


# -- the table ----------------------------------------------------------------------------------------


def goals(medians: dict[str, float] | None, report: float | None, stall: float | None,
          progress: float | None = None) -> None:
    rows = []
    if medians:
        score, listing = medians["coach score (offline, 10 turns)"], medians["coach list"]
        frame, trivial = medians["coach, first frame"], medians["trivial Textual app, first frame"]
        rows += [("coach score offline <= 1.5x coach list", f"{score / listing:.2f}x", score / listing <= 1.5),
                 ("first frame <= 1.6x the trivial app", f"{frame / trivial:.2f}x", frame / trivial <= 1.6)]
    if report is not None:
        rows.append(("coach report, 500 unscored sessions < 10 s", f"{report:.2f} s", report < 10))
    if stall is not None:
        rows.append(("first model reply: no loop stall over 50 ms", f"{stall * 1000:.0f} ms", stall <= 0.05))
    if progress is not None:
        rows.append(("Progress scoring 33: no loop stall over 50 ms", f"{progress * 1000:.0f} ms", progress <= 0.05))
    print("\ngoal                                          measured   met")
    for goal, value, met in rows:
        print(f"  {goal:<44}{value:>9}   {'yes' if met else 'NO'}")
    if medians:
        listed = medians["coach, scenarios listed"] / medians["trivial Textual app, first frame"]
        print(f"  (no goal) scenarios listed, x the trivial app {listed:>9.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9, help="runs of each start-up (default 9)")
    parser.add_argument("--sessions", type=int, default=500, help="sessions for `coach report` (default 500)")
    parser.add_argument("--stall-runs", type=int, default=3, help="fresh processes for the first reply (default 3)")
    parser.add_argument("--progress-sessions", type=int, default=33,
                        help="unscored sessions for the Progress screen (default 33)")
    parser.add_argument("--part", choices=["commands", "report", "stall", "progress", "stall-child", "progress-child"],
                        help="one part only")
    args = parser.parse_args()
    if args.part == "stall-child":
        print(json.dumps(asyncio.run(first_reply_stalls())))
        return
    if args.part == "progress-child":
        print(json.dumps(asyncio.run(progress_stalls(args.progress_sessions))))
        return
    medians = bench_commands(args.runs) if args.part in (None, "commands") else None
    report = bench_report(args.sessions) if args.part in (None, "report") else None
    stall = bench_stall(args.stall_runs) if args.part in (None, "stall") else None
    progress = bench_progress(args.progress_sessions) if args.part in (None, "progress") else None
    goals(medians, report, stall, progress)


if __name__ == "__main__":
    main()
