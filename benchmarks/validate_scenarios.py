"""Load and validate 500 generated scenario files; prints the time. Target: well under 2 s on one core.

    python benchmarks/validate_scenarios.py [COUNT]
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from coach.core import resources
from coach.scenario import load_criteria, load_paths


def main(count: int = 500) -> None:
    source = (resources.scenarios_dir() / "promotion-after-win.toml").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for i in range(count):
            text = source.replace('id = "promotion-after-win"', f'id = "generated-{i:04d}"')
            text = text.replace("patience = 4", f"patience = {1 + i % 9}")
            (folder / f"generated-{i:04d}.toml").write_text(text, encoding="utf-8")
        library = load_criteria()
        start = time.perf_counter()
        catalog = load_paths([folder], library)
        elapsed = time.perf_counter() - start
    assert len(catalog.scenarios) == count and not catalog.problems, catalog.problems[:3]
    print(f"validated {count} scenario files in {elapsed:.3f} s ({count / elapsed:,.0f} files/s)")

    for args in (["--help"], ["list"]):
        runs = []
        for _ in range(5):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "coach", *args], capture_output=True, check=True)
            runs.append(time.perf_counter() - start)
        print(f"`coach {' '.join(args)}` wall time: median {sorted(runs)[2] * 1000:.0f} ms over 5 runs")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
