"""The installed package must carry scenarios/ and prompts/, and the CLI must start without Textual."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    hatchling = pytest.importorskip("hatchling.builders.wheel")
    out = tmp_path_factory.mktemp("wheel")
    builder = hatchling.WheelBuilder(str(ROOT))
    return Path(next(builder.build(directory=str(out), versions=["standard"])))


def test_wheel_ships_scenarios_and_prompts(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    for path in (ROOT / "scenarios").glob("*.toml"):
        assert f"coach/_bundled/scenarios/{path.name}" in names
    for path in (ROOT / "prompts").iterdir():
        assert f"coach/_bundled/prompts/{path.name}" in names
    assert "coach/scenario/starter.toml" in names
    # The move model and the word vectors for criteria defined by examples; the corpus stays out of the wheel.
    assert {"coach/moves/moves-model.npz", "coach/moves/word-vectors.npz", "coach/moves/question-model.npz",
            "coach/moves/hazard-model.npz", "coach/moves/leaving-model.npz", "coach/moves/feelings-model.npz",
            "coach/moves/care-model.npz"} <= set(names)
    assert not any(name.startswith("data/") for name in names)


def test_installed_wheel_finds_its_data(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = "import coach.core.resources as r; print(r.scenarios_dir()); print(r.prompts_dir())"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env={"PYTHONPATH": str(site)}, capture_output=True, text=True, check=True
    ).stdout.split()
    assert all(Path(p).is_relative_to(site) for p in out), out
    listing = subprocess.run(
        [sys.executable, "-m", "coach", "list"], cwd=tmp_path, env={"PYTHONPATH": str(site)},
        capture_output=True, text=True, check=True,
    ).stdout
    assert "promotion-after-win" in listing


@pytest.mark.parametrize("args", [["--help"], ["list"], ["validate"], ["schema"]])
def test_cli_does_not_import_textual(args):
    code = (
        "import sys\nfrom coach.cli import main\n"
        "try:\n    main(%r)\nexcept SystemExit:\n    pass\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'openai', 'tiktoken')]\n"
        "print('LOADED', bad)" % (args,)
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT).stdout
    assert "LOADED []" in out, out[-500:]
