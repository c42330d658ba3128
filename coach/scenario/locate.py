"""Find the TOML line where a field lives, so errors can say `file:line: field: message`.

tomllib keeps no positions, so this scans the text once: table headers, array-of-table counters, keys,
and the elements of multi-line arrays. It is best effort by design: a path it cannot find falls back
to its nearest parent that it can.
"""

from __future__ import annotations

import re

Loc = tuple[str | int, ...]

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"""^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*=\s*(.*)$""")
_PART = re.compile(r"""[A-Za-z0-9_-]+|"[^"]*"|'[^']*'""")


def _split_key(dotted: str) -> list[str]:
    return [part.strip("\"'") for part in _PART.findall(dotted)]


def _scan_value(text: str, depth: int, ml: str | None) -> tuple[int, str | None, list[int]]:
    """Walk a value's text; return bracket depth after it, an open multi-line delimiter, and the
    character offsets of top-level commas (array separators at depth 1)."""
    i, commas = 0, []
    while i < len(text):
        if ml:
            end = text.find(ml, i)
            if end < 0:
                return depth, ml, commas
            i, ml = end + 3, None
            continue
        ch = text[i]
        if text.startswith('"""', i) or text.startswith("'''", i):
            ml, i = text[i : i + 3], i + 3
            continue
        if ch in "\"'":
            j = i + 1
            while j < len(text) and text[j] != ch:
                j += 2 if (ch == '"' and text[j] == "\\") else 1
            i = j + 1
            continue
        if ch == "#":
            break
        if ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
        elif ch == "," and depth == 1:
            commas.append(i)
        i += 1
    return depth, ml, commas


def line_index(text: str) -> dict[Loc, int]:
    """Map every field path found in `text` to its 1-based line number."""
    found: dict[Loc, int] = {}
    table: list[str | int] = []
    array_counts: dict[tuple, int] = {}
    depth, ml = 0, None
    array_path: Loc = ()
    element = 0

    for lineno, line in enumerate(text.split("\n"), start=1):  # TOML lines end at \n only, not U+2028
        if ml or depth > 0:
            stripped = line.strip()
            if depth == 1 and not ml and stripped and stripped[0] not in "]#":
                found.setdefault(array_path + (element,), lineno)
            depth, ml, commas = _scan_value(line, depth, ml)
            element += len(commas)
            continue
        header = _HEADER.match(line)
        if header:
            parts = _split_key(header.group(2))
            path: list[str | int] = []
            for k, part in enumerate(parts):
                path.append(part)
                key = tuple(path)
                is_last = k == len(parts) - 1
                if is_last and header.group(1) == "[[":
                    array_counts[key] = array_counts.get(key, -1) + 1
                    path.append(array_counts[key])
                elif key in array_counts:
                    path.append(array_counts[key])
            table = path
            for end in range(1, len(path) + 1):  # [levels.gentle] is also where `levels` first appears
                found.setdefault(tuple(path[:end]), lineno)
            continue
        keyed = _KEY.match(line)
        if not keyed:
            continue
        path_here = tuple(table) + tuple(_split_key(keyed.group(1)))
        found.setdefault(path_here, lineno)
        value = keyed.group(2)
        depth, ml, commas = _scan_value(value, 0, None)
        if depth > 0:
            array_path, element = path_here, len(commas)
    return found


def locate(index: dict[Loc, int], loc: Loc) -> int:
    """The line of `loc`, or of its nearest ancestor that appears in the file; 1 when none does."""
    for end in range(len(loc), 0, -1):
        line = index.get(tuple(loc[:end]))
        if line:
            return line
    return 1


def field_name(loc: Loc) -> str:
    """('counterpart', 'objections', 1, 'line') -> 'counterpart.objections[1].line'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(file)"
