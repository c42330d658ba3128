"""Choosing what the counterpart says: never a line already said in the session, slots filled from what the
learner said, the scenario's own lines before the general ones in prompts/offline-lines.toml."""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache

import tomli

from coach.core import resources

_SLOT = re.compile(r"\{(days|date|duration|figure|option|terms|fact|review_said)\}")
# "by {date}" with "from February" would say "by from February": the line's own word wins.
_LEADING = re.compile(r"^(?:from|by|in|until|before|after|starting|on|for|at)\s+", re.IGNORECASE)
_BY_SLOT = re.compile(r"\b(?:by|before|until|till)\s*$", re.IGNORECASE)
_BEFORE_SLOT = re.compile(r"\b(?:from|by|in|until|till|before|after|starting|on|for|at|hold|since)\s*$", re.IGNORECASE)


@lru_cache(maxsize=2)
def general(perspective: str = "employee") -> Mapping[str, list[str]]:
    """The general lines (prompts/offline-lines.toml), read once per side. Where the learner is the manager, the
    counterpart is their employee, who was called in: `[counterpart_employee]` replaces the lines only the one
    who was asked for the meeting would say ("this is your time", "back to what you came in for")."""
    with (resources.prompts_dir() / "offline-lines.toml").open("rb") as handle:
        lines = tomli.load(handle)
    employee_voice = lines.pop("counterpart_employee", {})
    return {**lines, **employee_voice} if perspective == "manager" else lines


def norm(line: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", "", line.lower()).split())


def fill(line: str, slots: Mapping[str, str]) -> str | None:
    """The line with its {slots} filled, or None when the learner never said what a slot needs."""
    missing = False

    def value(match: re.Match) -> str:
        nonlocal missing
        text = slots.get(match.group(1), "")
        if match.group(1) == "date" and slots.get("deadline") and _BY_SLOT.search(line[: match.start()]):
            text = slots["deadline"]  # "my signature by {date}": the deadline said, not the start
        if match.group(1) == "date" and _turned_round(line[: match.start()], text):
            text = ""  # "from {date}" with "until April" would say "from April": another line, not the opposite
        missing = missing or not text
        if _BEFORE_SLOT.search(line[: match.start()]):
            text = _LEADING.sub("", text)
        if re.search(r"[.!?]\s+$", line[: match.start()]):
            text = text[:1].upper() + text[1:]  # "Sure. Next Monday, then.", not "Sure. next Monday"
        return text

    text = _SLOT.sub(value, line)
    if missing:
        return None
    return text[:1].upper() + text[1:] if line.startswith("{") else text


# The line's own word before a date, and the learner's, when one starts something and the other ends it (the line's
# ending words are `_BY_SLOT`'s).
_STARTS = re.compile(r"\b(?:from|starting|since|after)\s*$", re.IGNORECASE)
_STARTED = re.compile(r"^(?:from|starting|since|after)\s", re.IGNORECASE)
_ENDED = re.compile(r"^(?:by|before|until|till|to)\s", re.IGNORECASE)


def _turned_round(before: str, value: str) -> bool:
    return bool(_STARTS.search(before) and _ENDED.match(value) or _BY_SLOT.search(before) and _STARTED.match(value))


def _long_sentences(line: str) -> set[str]:
    return {norm(x) for x in re.split(r"(?<=[.!?])\s+", line) if len(x.split()) >= 5}


class LinePicker:
    """Picks one line from a pool: deterministic for a seed, never a line said earlier in the session (by
    its words, whatever the punctuation), and remembers what this reply said."""

    def __init__(self, said: Sequence[str], rng: random.Random, slots: Mapping[str, str] | None = None):
        self.said = {norm(s) for s in said}
        # and no sentence of five words or more said before: "So, £41,000. That's a figure finance would
        # recognise." after "So, 96%. That's a figure…" is the same line with another number
        self.sentences = {x for s in said for x in _long_sentences(s)}
        self.rng = rng
        self.slots = slots or {}
        self.picked: list[str] = []
        self.trace: list[str] = []  # which pool each part came from, for the record and the coherence check

    def available(self, lines: Sequence[str], slots: Mapping[str, str]) -> list[tuple[str, bool]]:
        """(filled line, whether it echoes the learner) for each line not yet said whose slots can be filled."""
        out = []
        for line in lines:
            text = fill(line, slots)
            if text and norm(text) not in self.said and not self.sentences & _long_sentences(text):
                out.append((text, bool(_SLOT.search(line))))
        return out

    def pick(self, key: str, *pools: Sequence[str], slots: Mapping[str, str] | None = None,
             prefer: Callable[[str], int] | None = None) -> str | None:
        """The first pool with an unsaid, fillable line gives one at random; None when every pool is spent.
        `slots` (else the picker's own) fill the lines' {slots}; `prefer` scores lines (the answer that shares
        most words with the question), and only the best scored are drawn from."""
        for lines in pools:
            fresh = self.available(lines, self.slots if slots is None else slots)
            if fresh:
                # Slot lines first when they fit: echoing the learner's own words is what listening sounds like.
                echoing = [text for text, echoes in fresh if echoes]
                candidates = echoing or [text for text, _ in fresh]
                if prefer is not None:
                    scores = [prefer(text) for text in candidates]
                    candidates = [text for text, score in zip(candidates, scores) if score == max(scores)]
                choice = self.rng.choice(candidates)
                self.said.add(norm(choice))
                self.sentences |= _long_sentences(choice)
                self.picked.append(choice)
                self.trace.append(key)
                return choice
        return None
