"""Property-based: whatever TOML comes in, the loader answers 'valid' or clean problems, never raises."""

from __future__ import annotations

import re
import string
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.scenario.loader import load_scenario
from coach.scenario.starter import starter_text

LINE = re.compile(r"^.+:\d+: [^:]+: .+$")
STARTER = starter_text("fuzz-scenario")
STARTER_LINES = STARTER.splitlines()

keys = st.sampled_from(
    ["id", "title", "summary", "learner", "counterpart", "levels", "rubric", "offline", "debrief", "objections",
     "gentle", "criteria", "weight", "reactions", "x", "schema_version", "difficulty", "tags", "answered_by"]
) | st.text(string.ascii_lowercase + "-_", min_size=1, max_size=12)
scalars = (
    st.text(max_size=30) | st.integers(-10**6, 10**6) | st.floats(allow_nan=False, allow_infinity=False)
    | st.booleans()
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5),
    max_leaves=25,
)


def to_toml(data: dict) -> str:
    """A small TOML writer: inline tables and arrays are enough to reach every loader path."""

    def value(v) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, (int, float)):
            return repr(v)
        if isinstance(v, str):
            return '"' + v.encode("unicode_escape").decode("ascii").replace('"', '\\"') + '"'
        if isinstance(v, list):
            return "[" + ", ".join(value(x) for x in v) + "]"
        return "{" + ", ".join(f'"{k}" = {value(x)}' for k, x in v.items()) + "}"

    return "\n".join(f'"{k}" = {value(v)}' for k, v in data.items()) + "\n"


def mutate(lines: list[str], ops: list[tuple[int, int, str]]) -> str:
    out = list(lines)
    for kind, position, text in ops:
        if not out:
            break
        i = position % len(out)
        if kind == 0:
            del out[i]
        elif kind == 1:
            out.insert(i, out[(i * 7) % len(out)])
        elif kind == 2:
            key, _, _ = out[i].partition("=")
            out[i] = f"{key}= {text}" if "=" in out[i] else text
        else:
            out[i] = out[i][: len(text)] + text
    return "\n".join(out) + "\n"


def check(tmp: Path, library, text: str | bytes) -> None:
    path = tmp / "fuzz.toml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
    item, problems = load_scenario(path, library)
    assert (item is None) == bool(problems)
    for problem in problems:
        assert LINE.match(str(problem)), str(problem)
        assert "\n" not in str(problem)


fuzz = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@fuzz
@given(st.dictionaries(keys, values, max_size=8))
def test_generated_documents(tmp_path, library, data):
    check(tmp_path, library, to_toml(data))


@fuzz
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 10**4), st.text(max_size=25)), min_size=1, max_size=6))
def test_mutated_starter(tmp_path, library, ops):
    check(tmp_path, library, mutate(STARTER_LINES, ops))


@fuzz
@given(st.binary(max_size=300))
def test_arbitrary_bytes(tmp_path, library, blob):
    check(tmp_path, library, blob)


@fuzz
@given(st.text(max_size=300))
def test_arbitrary_text(tmp_path, library, text):
    check(tmp_path, library, text.encode("utf-8", "replace"))
