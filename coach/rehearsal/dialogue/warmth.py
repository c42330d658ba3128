"""Warmth that fits the strain that was said: "Nobody can run on empty for long" meets tiredness and load ("52 hours
a week and I'm not sleeping"), not disappointment or hurt ("I was gutted about the team leader job"), which gets a
line about that."""

from __future__ import annotations

import re
from collections.abc import Mapping

# The line speaks of load, hours, tiredness or sleep.
_LOAD = re.compile(
    r"\b(?:tired|tiring|exhaust\w*|knacker\w*|shatter\w*|wrecked|wiped|drained|sleep\w*|slept|hours?|hrs|workload|"
    r"overload\w*|overwhelm\w*|too\s+much|a\s+lot\s+on|(?:my|the)\s+plate|drown\w*|stretched|swamped|snowed\s+under|"
    r"running\s+on\s+(?:empty|fumes)|burn(?:t|ed|ing)?\s*out|on\s+my\s+knees|two\s+jobs|cream\s+crackered|jiggered|"
    r"wabbit|done\s+in|frazzled|flat\s+out|nodding\s+off|zonked|bushed|cope|coping|struggl\w*|breaking\s+point|"
    r"commut\w*|drive|driving|on[- ]call|weekends?|late\s+nights?|midnight|early\s+starts?|a\s+bit\s+much|getting\s+much)\b",
    re.IGNORECASE)
# A line of ours about load ("that doesn't sound sustainable", "nobody can run on empty").
_ABOUT_LOAD = re.compile(r"\b(?:sustainable|run\s+on\s+empty|running\s+on\s+empty)\b", re.IGNORECASE)


def strain_pools(text: str, general: Mapping[str, list[str]]) -> tuple[list[str], ...]:
    """The general strain lines that fit the learner's line: all of them for load; for hurt or disappointment the
    lines written for it first, then those that fit any strain."""
    if _LOAD.search(text):
        return (general["strain"],)
    fitting = [line for line in general["strain"] if not _ABOUT_LOAD.search(line)]
    return (general.get("strain_hurt", []) + fitting,)
