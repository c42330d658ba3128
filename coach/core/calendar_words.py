"""Capitalised words that name a time, never a person: read by the name readers of the counterpart and the scorecard."""

from __future__ import annotations

MONTHS = frozenset("January February March April May June July August September October November December".split())
WEEKDAYS = frozenset("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())
HOLIDAYS = frozenset({"Christmas", "Easter"})
