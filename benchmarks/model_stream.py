"""Streaming throughput of the model path, against the loopback OpenAI-compatible server (tests/fakeserver.py)
sending chunks as fast as it can. Target: at least 2,000 chunks/s through ModelCounterpart.stream.

Three readers of the same stream, so the counterpart's own cost per chunk can be separated out:
  httpx      the raw SSE lines (transport only)
  openai     the openai SDK's chunk objects (what any client of the API pays)
  coach      ModelCounterpart.stream: the SDK plus marker stripping, the length guard and bookkeeping

    python benchmarks/model_stream.py [--chunks 20000] [--runs 5] [--batch 1] [--in-process]

The server runs in a child process by default, so it does not share the GIL with the reader.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

os.environ.setdefault("COACH_TIKTOKEN_TIMEOUT", "0")  # the model is "fake": no encoding to load anyway

REPLY = ["Okay", ", ", "that ", "makes ", "sense", ". ", "What ", "does ", "the ", "plan ", "look ", "like", "? "]
TARGET = 2000.0


def _serve(chunks: int, batch: int, ports: multiprocessing.Queue, stop: multiprocessing.Event) -> None:
    from tests.fakeserver import FakeChatServer

    with FakeChatServer(reply=REPLY, chunks=chunks, batch=batch) as server:
        ports.put(server.port)
        stop.wait()


async def read_httpx(url: str, body: dict) -> int:
    import httpx

    n = 0
    async with httpx.AsyncClient(timeout=60) as client:
        async with client.stream("POST", f"{url}/chat/completions", json=body) as response:
            async for line in response.aiter_lines():
                if line.startswith("data: {") and '"content"' in line:
                    n += 1
    return n


async def read_openai(client, body: dict) -> int:
    n = 0
    stream = await client.chat.completions.create(**body)
    async for chunk in stream:
        if chunk.choices and chunk.choices[0].delta.content:
            n += 1
    return n


async def read_coach(engine, ctx, chunks: int) -> int:
    """Returns `chunks` when every character of every chunk came through. (Near the length limit the
    counterpart releases text a sentence at a time, so it yields fewer, larger pieces than it reads.)"""
    parts = [item async for item in engine.stream(ctx) if isinstance(item, str)]
    expected = sum(len(REPLY[i % len(REPLY)]) for i in range(chunks))
    return chunks if len("".join(parts)) == expected else -1


async def measure(url: str, chunks: int, runs: int) -> dict[str, list[float]]:
    from coach.core.config import Settings
    from coach.core.counterpart import TurnContext
    from coach.core.detection import Detection
    from coach.core.session import Session, Turn
    from coach.llm.client import make_client
    from coach.rehearsal.engines.openai_chat import ModelCounterpart
    from coach.scenario import load_catalog

    catalog = load_catalog()
    scenario = catalog.get("promotion-after-win").scenario
    settings = Settings(engine="openai", model="fake", base_url=url, max_retries=0, timeout=60)
    engine = ModelCounterpart(settings)
    line = "I'd like you to nominate me for Senior in March."
    session = Session(scenario_id=scenario.id, turns=[
        Turn(speaker="partner", text=scenario.counterpart.opening_line),
        Turn(speaker="learner", text=line, status="unanswered"),
    ])
    ctx = TurnContext(scenario, "realistic", session, Detection(line))
    messages, _ = engine.messages(ctx)
    body = {"model": "fake", "messages": messages, "stream": True, "stream_options": {"include_usage": True}}
    sdk = make_client(settings)

    readers = {
        "httpx": lambda: read_httpx(url, body),
        "openai": lambda: read_openai(sdk, body),
        "coach": lambda: read_coach(engine, ctx, chunks),
    }
    rates: dict[str, list[float]] = {name: [] for name in readers}
    for name, read in readers.items():  # one warm-up each: connections, imports, caches
        assert await read() == chunks, f"{name} did not see every chunk"
    for _ in range(runs):
        for name, read in readers.items():
            started = time.perf_counter()
            seen = await read()
            elapsed = time.perf_counter() - started
            assert seen == chunks, f"{name} saw {seen} of {chunks} chunks"
            rates[name].append(elapsed)
    await sdk.close()
    await engine.aclose()
    return rates


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chunks", type=int, default=20_000, help="content chunks per reply (default 20000)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per reader (default 5)")
    parser.add_argument("--batch", type=int, default=1, help="SSE events per socket write (default 1)")
    parser.add_argument("--in-process", action="store_true", help="run the server in a thread of this process")
    args = parser.parse_args()

    if args.in_process:
        from tests.fakeserver import FakeChatServer

        server = FakeChatServer(reply=REPLY, chunks=args.chunks, batch=args.batch).start()
        url, stop_server = server.url, server.stop
    else:
        ports: multiprocessing.Queue = multiprocessing.Queue()
        stop = multiprocessing.Event()
        child = multiprocessing.Process(target=_serve, args=(args.chunks, args.batch, ports, stop), daemon=True)
        child.start()
        url = f"http://127.0.0.1:{ports.get(timeout=30)}/v1"

        def stop_server() -> None:
            stop.set()
            child.join(5)

    try:
        times = asyncio.run(measure(url, args.chunks, args.runs))
    finally:
        stop_server()

    n = args.chunks
    median = {name: statistics.median(values) for name, values in times.items()}
    print(f"model stream benchmark: {n} chunks per reply, {args.runs} runs, batch {args.batch}, "
          f"server {'in-process' if args.in_process else 'in a child process'}, {url}")
    print(f"{'reader':<8} {'median s':>9} {'chunks/s':>10} {'us/chunk':>9}")
    for name in ("httpx", "openai", "coach"):
        print(f"{name:<8} {median[name]:>9.3f} {n / median[name]:>10,.0f} {median[name] / n * 1e6:>9.1f}")
    over_sdk = (median["coach"] - median["openai"]) / n * 1e6
    over_raw = (median["coach"] - median["httpx"]) / n * 1e6
    print(f"coach's own overhead per chunk over the openai SDK: {over_sdk:.1f} us; over raw httpx SSE lines: "
          f"{over_raw:.1f} us")
    rate = n / median["coach"]
    verdict = "meets" if rate >= TARGET else "MISSES"
    print(f"ModelCounterpart.stream: {rate:,.0f} chunks/s ({verdict} the {TARGET:,.0f} chunks/s target)")
    return 0 if rate >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
