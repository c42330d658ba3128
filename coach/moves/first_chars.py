"""One regex over many phrases, arranged so each position tries only the phrases that can start there.

`re` tries every branch of an alternation at every word start: for the 49 acute-distress phrases that was a
seventh of a turn's reading. Grouped by the character each phrase can start with, behind a one-character
lookahead, a position tries one group, and the result is the same match (the phrases keep their order inside a
group, and phrases starting with different characters never compete for a position). The first characters come
from `re`'s own parser; a phrase it cannot tell (or a Python whose parser moved) leaves the plain alternation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence


def alternation(phrases: Sequence[str], prefix: str = r"\b") -> re.Pattern:
    """`prefix(?:p1|p2|…)`, grouped by first character where every phrase's first characters are known."""
    plain = prefix + "(?:" + "|".join(f"(?:{p})" for p in phrases) + ")"
    groups: dict[str, list[str]] = {}
    for phrase in phrases:
        starts = first_chars(phrase)
        if not starts:
            return re.compile(plain)
        for ch in starts:
            groups.setdefault(ch, []).append(phrase)
    every = re.escape("".join(sorted(groups)))
    grouped = "|".join(f"(?={re.escape(ch)})(?:" + "|".join(f"(?:{p})" for p in group) + ")"
                       for ch, group in sorted(groups.items()))
    return re.compile(f"{prefix}(?=[{every}])(?:{grouped})")


def first_chars(pattern: str) -> frozenset[str]:
    """The characters a match of `pattern` can start with; empty when that is not known (any character, a
    pattern that can match nothing, a construct not handled)."""
    try:
        # re's own parser (private: guarded, with the plain alternation as the fallback)
        from re import _constants as c
        from re import _parser as parser

        found = _first(list(parser.parse(pattern)), c)
    except Exception:  # noqa: BLE001 - any surprise in a private API means "not known"
        return frozenset()
    return frozenset(found or ())


def _first(items: list, c) -> set[str] | None:
    """First characters of a parsed sequence; None for "any" or "can be empty"."""
    out: set[str] = set()
    for op, av in items:
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # zero-width: the character comes from what follows
        if op is c.LITERAL:
            return out | {chr(av)}
        if op is c.IN:
            chars = _charset(av, c)
            return None if chars is None else out | chars
        if op is c.SUBPATTERN:
            inner = av[3]
            found = _first(list(inner), c)
            return None if found is None or inner.getwidth()[0] == 0 else out | found
        if op is c.BRANCH:
            chars = set()
            for alt in av[1]:
                found = _first(list(alt), c)
                if found is None or alt.getwidth()[0] == 0:
                    return None
                chars |= found
            return out | chars
        if op in (c.MAX_REPEAT, c.MIN_REPEAT):
            low, _high, inner = av
            found = _first(list(inner), c)
            if found is None:
                return None
            out |= found
            if low == 0 or inner.getwidth()[0] == 0:
                continue  # it may match nothing: what follows can start the match too
            return out
        return None
    return None  # the whole sequence can match nothing


def _charset(items: list, c) -> set[str] | None:
    chars: set[str] = set()
    for op, av in items:
        if op is c.LITERAL:
            chars.add(chr(av))
        elif op is c.RANGE and av[1] - av[0] < 300:
            chars.update(map(chr, range(av[0], av[1] + 1)))
        else:
            return None  # a category, a negation: any character
    return chars
