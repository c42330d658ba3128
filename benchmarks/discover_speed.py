"""How long the look for model servers on this machine takes. Budget: 300 ms in all, whatever answers.

    .venv/bin/python benchmarks/discover_speed.py

Cases: nothing running (four closed ports, on 127.0.0.1 and ::1, as for most users), one port that
accepts connections and never answers (the worst case: the budget cuts it off), and one fake server found
among closed ports. Each is timed warm (20 runs: median and worst) and cold (the first look in a new
process, the way the app's first run does it; the import of httpx is reported apart, as the app does it in
a worker thread). This machine's real ports are looked at last, for information only. Exit 1 when a
worst time reaches the budget.
"""

from __future__ import annotations

import asyncio
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coach.llm.discover import BUDGET, PORTS, Port, discover  # noqa: E402
from tests.doctor_fakes import DoctorServer  # noqa: E402

RUNS = 20


def closed_ports(n: int) -> list[int]:
    socks = [socket.socket() for _ in range(n)]
    for s in socks:
        s.bind(("127.0.0.1", 0))
    ports = [s.getsockname()[1] for s in socks]
    for s in socks:
        s.close()
    return ports


def timed(ports: list[Port]) -> tuple[float, int]:
    start = time.perf_counter()
    found = asyncio.run(discover(ports))
    return time.perf_counter() - start, len(found)


COLD = """
import asyncio, sys, time
t = time.perf_counter()
from coach.llm.discover import Port, discover
imported = time.perf_counter() - t
ports = [Port(int(p), "x") for p in sys.argv[1:]]
t = time.perf_counter()
asyncio.run(discover(ports))
print(imported, time.perf_counter() - t)
"""


def cold(ports: list[Port]) -> tuple[float, float]:
    out = subprocess.run([sys.executable, "-c", COLD, *(str(p.number) for p in ports)], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), float(out[1])


def report(name: str, ports: list[Port], expect: int) -> bool:
    times = []
    for _ in range(RUNS):
        seconds, found = timed(ports)
        assert found == expect, f"{name}: found {found}, expected {expect}"
        times.append(seconds)
    imported, first = cold(ports)
    worst = max(max(times), first)
    print(f"{name:<34} warm median {statistics.median(times) * 1000:6.1f} ms  worst {max(times) * 1000:6.1f} ms  "
          f"cold {first * 1000:6.1f} ms (+ import {imported * 1000:.0f} ms)  {'ok' if worst < BUDGET else 'OVER'}")
    return worst < BUDGET


def main() -> int:
    print(f"budget {BUDGET * 1000:.0f} ms in all; {len(PORTS)} ports x 2 loopback addresses\n")
    ok = report("nothing running", [Port(p, "x") for p in closed_ports(4)], 0)
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(16)
        ports = [Port(silent.getsockname()[1], "x"), *(Port(p, "x") for p in closed_ports(3))]
        ok &= report("a port that never answers", ports, 0)
    with DoctorServer(models=["smol"]) as server:
        ok &= report("one fake server found", [Port(server.port, "x"), *(Port(p, "x") for p in closed_ports(3))], 1)
    seconds, found = timed(list(PORTS))
    print(f"\nthis machine's usual ports: {found} server(s) found in {seconds * 1000:.1f} ms")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
