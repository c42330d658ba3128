"""The grouped alternation finds exactly what the plain one finds, only faster (see `coach.moves.first_chars`)."""

from __future__ import annotations

import re

import pytest

from coach.moves import care
from coach.moves.first_chars import alternation, first_chars


@pytest.mark.parametrize(
    ("pattern", "starts"),
    [
        ("abc", "a"),
        ("(?:a|b)c", "ab"),
        ("x?y", "xy"),
        (r"\bfoo", "f"),
        ("(?!no)yes", "y"),
        ("[p-r]at", "pqr"),
        (r"\w+", ""),  # any word character: not known
        ("[^a]b", ""),
        ("a*", ""),  # can match nothing
    ],
)
def test_first_characters(pattern, starts):
    assert first_chars(pattern) == frozenset(starts)


def _spans(pattern: re.Pattern, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


PHRASES = ["cut(?:ting)? myself", "(?:can't|cannot) go on", "no (?:way out|future)", "not safe", "panic attacks?"]
TEXTS = [
    "i can't go on like this, there's no way out and i'm not safe at home",
    "i cannot go on with the rota, no future in it, panic attacks at night, i cut myself",
    "nothing to see here: noway, cannote, notsafe",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_grouped_alternation_matches_the_plain_one(text):
    plain = re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in PHRASES) + ")")
    assert _spans(alternation(PHRASES), text) == _spans(plain, text)


def test_a_phrase_of_unknown_start_keeps_the_plain_alternation():
    pattern = alternation(["abc", r"\w+z"])
    assert pattern.pattern == r"\b(?:(?:abc)|(?:\w+z))"


def test_the_acute_phrases_are_grouped():
    assert "(?=" in care._acute().pattern  # every acute phrase has a known first character
