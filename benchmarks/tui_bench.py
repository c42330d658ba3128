"""The Textual app's responsiveness: startup, streaming, keys during a stream, a long session, memory.

    python benchmarks/tui_bench.py            # all of it (about half a minute)
    python benchmarks/tui_bench.py --runs 10  # more startup runs

What is measured, and how:

1. Startup: the real `coach` command started in a pseudo-terminal (80x24) with empty data and config
   folders, timed from just before the process is spawned until the library's text has been written to
   the terminal (the bytes are read from the pty and searched, escape codes removed). This includes the
   Python interpreter starting, imports, loading the scenario catalog and Textual's first frame.
   Target: under 0.6 s.
2. Streaming: the app in-process (Textual's headless driver; frames are composed but not encoded to
   bytes) with the model counterpart talking to tests/fakeserver.py on 127.0.0.1, which streams a
   2,000-token reply (one SSE event per token, each its own socket write) as fast as the socket takes it.
   "Rendered" tokens per second: 2,000 / (time from the first chunk reaching the app to the first frame
   after the whole reply is in the widget). "Lag": from the last chunk reaching the app to that frame.
   Keys: while the reply streams, an F2 key event is posted to the app every 10 ms, the way the
   terminal driver posts keys; its latency is until the hint action runs.
   Targets: at least 1,000 tokens/s, lag under 100 ms, keys answered throughout.
3. A 50-turn session with a fast local counterpart (about 70 words per reply, plain speech as the
   counterpart is asked for, and again with a Markdown list in every reply as the worst case): the time from
   Enter to the reply being complete on screen at turns 1, 10, 25 and 50, and the process's RSS after
   turn 50 (VmRSS from /proc; Linux only). Target: turn 50 about as fast as turn 1; RSS under 150 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import select
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("COACH_TIKTOKEN_TIMEOUT", "0")  # never download an encoding while measuring

FREEZE = True  # as `coach` runs the app (coach/cli/app_command.py): startup objects frozen out of the GC

ANSI = re.compile(rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[P^_][^\x1b]*\x1b\\|.)")


# -- 1. startup ------------------------------------------------------------------------------------


def coach_command() -> list[str]:
    script = Path(sys.executable).with_name("coach")
    return [str(script)] if script.exists() else [sys.executable, "-m", "coach"]


def startup_once(marker: bytes = b"Type to filter scenarios", timeout: float = 20.0, command: list[str] | None = None,
                 env: dict[str, str] | None = None) -> float:
    """Seconds from spawning `command` (default: `coach`) in an 80x24 pty until `marker` is on its screen."""
    import fcntl
    import pty
    import struct
    import termios

    with tempfile.TemporaryDirectory() as home:
        env = {**(env or os.environ), "COACH_DATA_DIR": f"{home}/data", "COACH_CONFIG_DIR": f"{home}/config",
               "TERM": "xterm-256color", "COLORTERM": "truecolor", "COLUMNS": "80", "LINES": "24"}
        for var in ("OPENAI_API_KEY", "COACH_MODEL", "COACH_ENGINE", "COACH_SCENARIOS"):
            env.pop(var, None)
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        start = time.perf_counter()
        proc = subprocess.Popen(command or coach_command(), stdin=slave, stdout=slave, stderr=slave, env=env,
                                close_fds=True, start_new_session=True)
        os.close(slave)
        seen = b""
        elapsed = None
        try:
            while time.perf_counter() - start < timeout:
                ready, _, _ = select.select([master], [], [], 0.05)
                if not ready:
                    continue
                try:
                    data = os.read(master, 65536)
                except OSError:
                    break
                if not data:
                    break
                seen += data
                if b"\x1b[c" in data or b"\x1b[>c" in data:  # answer terminal queries like a terminal would
                    os.write(master, b"\x1b[?62;c")
                if marker in ANSI.sub(b"", seen):
                    elapsed = time.perf_counter() - start
                    break
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            os.close(master)
        if elapsed is None:
            tail = ANSI.sub(b"", seen)[-2000:].decode(errors="replace")
            raise RuntimeError(f"{marker.decode()!r} never appeared; last output:\n{tail}")
        return elapsed


def bench_startup(runs: int) -> None:
    startup_once()  # warm the file cache and .pyc files, as for any later start
    times = sorted(startup_once() for _ in range(runs))
    print(f"startup: `{' '.join(Path(c).name for c in coach_command())}` to the library's first frame in a pty, {runs} runs")
    print(f"  median {statistics.median(times) * 1000:.0f} ms · best {times[0] * 1000:.0f} ms · worst {times[-1] * 1000:.0f} ms"
          "   (target < 600 ms)")


# -- shared: the app in-process, with hooks that time frames ---------------------------------------


def instrument(app) -> list[float]:
    """Record when the app composes a frame for the terminal (headless: composed, not written)."""
    frames: list[float] = []
    original = app._display

    def display(screen, renderable):
        if renderable is not None and not app._batch_count:
            frames.append(time.perf_counter())
        return original(screen, renderable)

    app._display = display
    return frames


class Timed:
    """Wraps a counterpart: records when each chunk reaches the app."""

    def __init__(self, inner):
        self.inner = inner
        self.stamps: list[float] = []

    def __getattr__(self, name):
        return getattr(self.inner, name)

    async def stream(self, ctx) -> AsyncIterator:
        async for item in self.inner.stream(ctx):
            if isinstance(item, str):
                self.stamps.append(time.perf_counter())
            yield item


async def start_rehearsal(app, pilot, scenario_id: str):
    from coach.tui.screens.rehearsal import RehearsalScreen

    app.push_screen(RehearsalScreen(app.coach.start(scenario_id, pace=0.0)))
    while not isinstance(app.screen, RehearsalScreen):
        await pilot.pause(0.01)
    await app.workers.wait_for_complete()
    await pilot.pause()
    return app.screen


# -- 2. streaming from a local server ----------------------------------------------------------------


async def bench_streaming(tokens: int = 2000) -> None:
    from textual import events

    from coach.core.config import Settings
    from coach.rehearsal.factory import make_engine
    from coach.scenario import load_catalog
    from coach.service.coach import Coach
    from coach.tui.app import CoachApp
    from coach.tui.screens.rehearsal import RehearsalScreen
    from coach.tui.widgets.composer import Composer
    from coach.tui.widgets.message import MarkdownMessage
    from tests.fakeserver import FakeChatServer

    words = ("Right, so let me be straight with you about where the budget stands this quarter and what "
             "calibration will look for before I can put your name forward. ").split(" ")
    with FakeChatServer(reply=[w + " " for w in words if w], chunks=tokens, usage=True) as server:
        settings = Settings(engine="openai", model="fake", base_url=server.url, api_key="sk-fake-benchmark",
                            reply_max_tokens=8000, max_retries=0)
        coach = Coach(settings, [ROOT / "tests" / "tui" / "scenarios"])
        coach.__dict__["catalog"] = load_catalog([ROOT / "tests" / "tui" / "scenarios"], include_bundled=False)
        timed: list[Timed] = []

        def engine(seed=0, pace=0.0, settings=None):
            timed.append(Timed(make_engine(settings or coach.settings, seed=seed)))
            return timed[-1]

        coach.engine = engine
        app = CoachApp(coach, pace=0.0, freeze_gc=FREEZE)
        finished: list[float] = []
        original_finish = MarkdownMessage.finish

        async def finish(self, text, status="complete", number=None):
            shown = await original_finish(self, text, status, number)
            finished.append(time.perf_counter())
            return shown

        MarkdownMessage.finish = finish
        key_sent: list[float] = []
        key_latency: list[float] = []
        original_hint = RehearsalScreen.action_hint

        def hint(self):
            if key_sent:
                key_latency.append(time.perf_counter() - key_sent[-1])
                key_sent.clear()
            return original_hint(self)

        RehearsalScreen.action_hint = hint
        try:
            async with app.run_test(size=(80, 24)) as pilot:
                frames = instrument(app)
                screen = await start_rehearsal(app, pilot, "promotion-after-win")
                composer = screen.query_one(Composer)
                composer.text = "I'd like you to nominate me for Senior in the March calibration."
                finished.clear()
                composer.post_message(Composer.Submitted(composer, composer.text))
                while not (timed and timed[-1].stamps):
                    await asyncio.sleep(0.001)
                pressed = 0
                deadline = time.perf_counter() + 60
                while screen.streaming or not finished:
                    if time.perf_counter() > deadline or not (screen.streaming or finished or app.workers):
                        raise RuntimeError("the reply never finished; is tests/fakeserver.py working?")
                    if not key_sent:  # one key in flight at a time, like a person pressing it
                        key_sent.append(time.perf_counter())
                        app.post_message(events.Key("f2", None))
                        pressed += 1
                    await asyncio.sleep(0.01)
                await app.workers.wait_for_complete()
                await pilot.pause()
                stamps = timed[-1].stamps
                done = finished[-1]
                shown = next((f for f in frames if f >= done), None)
                while shown is None:
                    await pilot.pause(0.005)
                    shown = next((f for f in frames if f >= done), None)
                reply = screen.rehearsal.session.turns[-1]
        finally:
            MarkdownMessage.finish = original_finish
            RehearsalScreen.action_hint = original_hint

    chunks = len(stamps)
    arrival = stamps[-1] - stamps[0]
    total = shown - stamps[0]
    print(f"streaming: {tokens:,}-token reply from tests/fakeserver.py over 127.0.0.1 (model engine, SSE), 80x24")
    print(f"  {chunks:,} chunks reached the app in {arrival * 1000:.0f} ms ({chunks / arrival:,.0f} tokens/s arriving)")
    print(f"  rendered: {tokens / total:,.0f} tokens/s (first chunk to the frame with the whole reply; target >= 1,000)")
    print(f"  lag: {(shown - stamps[-1]) * 1000:.0f} ms from the last chunk to it on screen (target < 100 ms): "
          f"{(done - stamps[-1]) * 1000:.0f} ms until the reply had ended, been saved and rendered into its widget, "
          f"{(shown - done) * 1000:.0f} ms to the next frame")
    print(f"  frames composed while streaming: {sum(1 for f in frames if stamps[0] <= f <= shown)}")
    if key_latency:
        print(f"  keys during the stream: {len(key_latency)} of {pressed} answered while it streamed, "
              f"median {statistics.median(key_latency) * 1000:.0f} ms, worst {max(key_latency) * 1000:.0f} ms")
    else:
        print(f"  keys during the stream: none answered before the reply ended ({pressed} sent)")
    assert reply.speaker == "partner" and len(reply.text.split()) >= tokens * 0.9, "the reply did not arrive in full"


# -- 3. a 50-turn session ----------------------------------------------------------------------------

REPLY = ("Okay, I hear you, and I appreciate you coming in with **specifics**. Let me push on one thing before "
         "we go further: what does calibration actually see from you, in writing? Honestly, the budget is tight "
         "this cycle and my director wants a case she can defend without me in the room. If you can show me "
         "that, I can argue for you properly. So *what* would you put at the top of that page?")

# The counterpart is asked for plain speech, but a model may still answer with a list: the worst case.
REPLY_WITH_LIST = """Okay, I hear you. Let me push on one thing before we go further:

- what does **calibration** actually see from you, in writing?
- who else would speak to the *cross-team* work?

Honestly, the budget is tight this cycle and my director wants a case she can defend without me in the
room. If you can show me that, I can argue for you properly. What would you put at the top of that page?"""


class Quick:
    """A fast counterpart that never closes the conversation: the same ~70-word reply every turn."""

    kind = "offline"
    model = None

    def __init__(self, reply: str = REPLY):
        self.reply = reply

    def prompt_versions(self):
        return {"bench": "1"}

    def initial_state(self, scenario, difficulty):
        return None

    async def stream(self, ctx):
        from coach.core.counterpart import ReplyEnd

        for word in self.reply.split(" "):
            yield word + " "
        yield ReplyEnd()


def rss_mb() -> float | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


async def bench_long_session(turns: int = 50, reply: str = REPLY, what: str = "plain-speech replies") -> None:
    from coach.core.config import Settings
    from coach.scenario import load_catalog
    from coach.service.coach import Coach
    from coach.tui.app import CoachApp
    from coach.tui.widgets.composer import Composer
    from coach.tui.widgets.message import MarkdownMessage

    with tempfile.TemporaryDirectory() as home:
        os.environ["COACH_DATA_DIR"] = f"{home}/data"
        os.environ["COACH_CONFIG_DIR"] = f"{home}/config"
        folder = Path(home) / "scenarios"
        folder.mkdir()
        text = (ROOT / "tests" / "tui" / "scenarios" / "promotion-after-win.toml").read_text()
        (folder / "long.toml").write_text(re.sub(r"max_turns = \d+", "max_turns = 60", text))
        coach = Coach(Settings(), [folder])
        coach.__dict__["catalog"] = load_catalog([folder], include_bundled=False)
        engine = Quick(reply)
        coach.engine = lambda seed=0, pace=0.0, settings=None: engine
        app = CoachApp(coach, pace=0.0, freeze_gc=FREEZE)
        finished: list[float] = []
        original_finish = MarkdownMessage.finish

        async def finish(self, text, status="complete", number=None):
            shown = await original_finish(self, text, status, number)
            finished.append(time.perf_counter())
            return shown

        MarkdownMessage.finish = finish
        per_turn: dict[int, float] = {}
        try:
            async with app.run_test(size=(120, 40)) as pilot:
                frames = instrument(app)
                rss_start = rss_mb()
                screen = await start_rehearsal(app, pilot, "promotion-after-win")
                composer = screen.query_one(Composer)
                for turn in range(1, turns + 1):
                    composer.text = f"Line {turn}: I'd like you to nominate me for Senior in March, and here is why."
                    finished.clear()
                    start = time.perf_counter()
                    await pilot.press("enter")
                    while not finished:
                        await pilot.pause(0.001)
                    done = finished[-1]
                    while not any(f >= done for f in frames):
                        await pilot.pause(0.001)
                    per_turn[turn] = next(f for f in frames if f >= done) - start
                    await app.workers.wait_for_complete()
                assert len(screen.rehearsal.session.turns) == 2 * turns + 1, "every turn should have a reply"
                widgets = len(list(app.screen.walk_children()))
                rss_end = rss_mb()
        finally:
            MarkdownMessage.finish = original_finish

    print(f"long session: {turns} turns with a fast local counterpart ({len(reply.split())}-word {what}), 120x40")
    marks = [t for t in (1, 10, 25, 50) if t in per_turn]
    print("  Enter to the reply complete on screen: " + " · ".join(f"turn {t} {per_turn[t] * 1000:.0f} ms" for t in marks))
    early = statistics.median(per_turn[t] for t in range(1, 6))
    late = statistics.median(per_turn[t] for t in range(turns - 4, turns + 1))
    print(f"  median of turns 1-5 {early * 1000:.0f} ms · of turns {turns - 4}-{turns} {late * 1000:.0f} ms · "
          f"{widgets} widgets on the rehearsal screen")
    if rss_end is not None:
        print(f"  RSS {rss_end:.0f} MB after turn {turns} ({rss_start:.0f} MB at the library; target < 150 MB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="startup runs (default 5)")
    parser.add_argument("--part", choices=["startup", "streaming", "long", "long-lists"], help="run one part only")
    args = parser.parse_args()
    if args.part == "startup":
        bench_startup(args.runs)
    elif args.part == "streaming":
        asyncio.run(bench_streaming())
    elif args.part == "long":
        asyncio.run(bench_long_session())
    elif args.part == "long-lists":
        asyncio.run(bench_long_session(reply=REPLY_WITH_LIST, what="replies with a Markdown list (worst case)"))
    else:  # each part in its own process, so one part's imports and memory do not count against another
        for part in ("startup", "streaming", "long", "long-lists"):
            subprocess.run([sys.executable, __file__, "--part", part, "--runs", str(args.runs)], check=True)


if __name__ == "__main__":
    main()
