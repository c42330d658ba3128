"""Amounts the learner has given ("52 hours a week", "fifty-two hrs", "three people"): a line of ours that asks
"how many hours?" is not said once the answer is on the table, however the number was written."""

from __future__ import annotations

import re
from collections.abc import Iterable

_UNITS = r"[a-z]+"
_NUMBER_WORD = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
                r"|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|a\s+dozen)")
# A number (digits or words, "fifty-two", "a dozen"), maybe "odd", "or so" or "plus", then the word it counts
_AMOUNT = re.compile(
    rf"(?:\b\d[\d,.]*|\b{_NUMBER_WORD}(?:[- ]{_NUMBER_WORD})*)(?:\s*(?:odd|plus|\+|or\s+so|ish))?[- ]?\s*({_UNITS})",
    re.IGNORECASE)
_HOW_MANY = re.compile(rf"\bhow\s+many\s+({_UNITS})", re.IGNORECASE)
_SHORT = {"hr": "hour", "hrs": "hour", "h": "hour", "wk": "week", "wks": "week", "min": "minute", "mins": "minute",
          "yr": "year", "yrs": "year", "ppl": "people", "folk": "people", "persons": "people"}


def _unit(word: str) -> str:
    word = word.lower()
    word = _SHORT.get(word, word)
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def given_units(said: Iterable[str]) -> set[str]:
    """What the learner has counted so far: {"hour", "people"} from "52 hours… three people"."""
    return {_unit(m.group(1)) for line in said for m in _AMOUNT.finditer(line)}


def asks_a_given_amount(line: str, said: Iterable[str]) -> bool:
    """The line asks "how many <things>" and the learner has already said how many of those."""
    return asks_for(line, given_units(said))


def asks_for(line: str, units: set[str]) -> bool:
    """The line asks "how many <things>" for one of `units` (what `given_units` read, once per reply)."""
    return bool(units) and any(_unit(m.group(1)) in units for m in _HOW_MANY.finditer(line))
