"""The move model read two ways: plain Python over the file's bytes (a few lines, no numpy import) and numpy
(many lines). Both must give the same confidences and the same decisions."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile

import pytest

from coach.moves.model import HAZARD_MODEL_PATH, MODEL_PATH, MoveModel
from coach.moves.stored import StoredArrayError, read_arrays
from tests.conftest import ROOT

LINES = [
    ("", None),
    ("ok", "No, I can't agree to that."),
    ("Could I take Fridays from home from March, reviewed after six weeks?", None),
    ("i think maybe i could perhaps ask for the senior role?? idk. sorry. is that ok", "What's on your mind?"),
    ("Give me the title or I'll walk. I mean it. Honestly.", "Fair question."),
    ("Since June I've mentored two engineers and cut pages by a third; " * 12, None),
]


def _corpus_lines(count: int) -> list[tuple[str, str | None]]:
    rows = []
    for path in sorted((ROOT / "data" / "moves" / "corpus").glob("*.jsonl"))[:6]:
        for line in path.read_text(encoding="utf-8").splitlines()[:count]:
            row = json.loads(line)
            rows.append((row["text"], row.get("previous")))
    return rows


@pytest.mark.parametrize("path", [MODEL_PATH, HAZARD_MODEL_PATH])
def test_the_plain_reading_gives_the_numpy_readings_confidences_and_decisions(path):
    plain, fast = MoveModel.load(path), MoveModel.load(path)
    plain.reading, fast.reading = "plain", "numpy"  # numpy is loaded in this process: read plainly all the same
    for text, previous in LINES + _corpus_lines(40):
        a, b = plain.analyse(text, previous), fast.analyse(text, previous)
        assert a.spans == b.spans and len(a.by_sentence) == len(b.by_sentence)
        for label in plain.labels:
            x, y = a.scores.confidence[label], b.scores.confidence[label]
            assert x == pytest.approx(y, abs=2e-5), (text, label)
            if abs(y - plain.clear[label]) > 1e-4:
                assert (x >= plain.clear[label]) == (y >= plain.clear[label]), (text, label)
        for p, q in zip(a.by_sentence, b.by_sentence):
            assert p == pytest.approx(q, abs=2e-5)


def test_a_process_reads_plainly_until_numpy_pays_for_itself():
    code = ("import sys\nfrom coach.moves.model import MoveModel\nm = MoveModel.load()\nm.plain_reads_left = 3\n"
            "seen = []\nfor n in range(5):\n    m.analyse(f'line {n}: could I take Fridays?')\n"
            "    seen.append('numpy' in sys.modules)\nprint(seen)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "[False, False, False, True, True]", done.stderr[-2000:]


def test_stored_arrays_are_the_arrays_numpy_wrote(tmp_path):
    import numpy as np

    arrays = {"a": np.arange(6, dtype=np.float16).reshape(2, 3), "b": np.array([3, 1, 2], np.uint64),
              "c": np.int64(7), "d": np.frombuffer(b"labels\nhere", np.uint8)}
    np.savez(tmp_path / "m.npz", **arrays)
    stored = read_arrays(tmp_path / "m.npz")
    assert stored["a"].shape == (2, 3) and stored["a"].unpack(3, 3) == (3.0, 4.0, 5.0)
    assert list(stored["b"].values()) == [3, 1, 2] and stored["c"].unpack() == (7,)
    assert stored["d"].data.tobytes() == b"labels\nhere"
    assert (stored["a"].numpy() == arrays["a"]).all()


@pytest.mark.parametrize("damage, message", [
    (lambda raw: b"not numpy" + raw[9:], "not a numpy array"),
    (lambda raw: raw.replace(b"'descr': '<f4'", b"'descr': '>c8'"), "stored as"),
    (lambda raw: raw[:-4], "cut short"),
    (lambda raw: raw.replace(b"'shape'", b"'shap!'"), "damaged header"),
])
def test_a_damaged_array_is_refused_with_its_name(tmp_path, damage, message):
    import numpy as np

    np.savez(tmp_path / "m.npz", w=np.zeros(4, np.float32))
    with zipfile.ZipFile(tmp_path / "m.npz") as z:
        raw = z.read("w.npy")
    with zipfile.ZipFile(tmp_path / "bad.npz", "w") as z:
        z.writestr("w.npy", damage(raw))
    with pytest.raises(StoredArrayError, match=message) as caught:
        read_arrays(tmp_path / "bad.npz")
    assert "bad.npz: w.npy" in str(caught.value)

