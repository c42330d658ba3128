"""The escape hatch for criteria the model was not trained on: regex signals from a scenario or criteria file.

Patterns run under the `regex` module with a time limit per line, so no pattern an author writes
(`^(\\w+\\s?)*$`) can hang a turn; a pattern that times out counts as no match. `regex` loads with the first
author's pattern: the bundled scenarios have none.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from coach.moves.features import MAX_CHARS, is_refusal, sentence_spans
from coach.scenario.criteria import Criterion, SignalGroup

if TYPE_CHECKING:
    import regex

PATTERN_SECONDS = 0.05  # per pattern and line: ample for any sane pattern on MAX_CHARS characters


def compile_pattern(pattern: str) -> regex.Pattern:
    import regex

    cased = any(ch.isupper() for ch in regex.sub(r"\\.", "", pattern))
    return regex.compile(pattern, 0 if cased else regex.IGNORECASE)


def bounded_search(pattern: regex.Pattern, text: str) -> regex.Match | None:
    """Search with a time limit; a pattern that runs out of time has not matched."""
    try:
        return pattern.search(text[:MAX_CHARS], timeout=PATTERN_SECONDS)
    except TimeoutError:
        return None


@dataclass(frozen=True)
class Signals:
    """A criterion's regex signals, the escape hatch: a group counts when, in one sentence, one `any` cue
    and (if given) one `with` cue and every `needs` cue match and no `unless` does."""

    groups: tuple[tuple[SignalGroup, tuple, tuple, tuple, tuple], ...]
    unless: tuple
    after_refusal: bool

    @classmethod
    def build(cls, criterion: Criterion) -> Signals:
        s = criterion.signals
        compiled = tuple(
            (g, tuple(map(compile_pattern, g.any)), tuple(map(compile_pattern, g.with_)),
             tuple(map(compile_pattern, g.needs)), tuple(map(compile_pattern, g.after)))
            for g in s.groups
        )
        return cls(compiled, tuple(map(compile_pattern, s.unless)), s.context == "after-refusal")

    def find(self, text: str, previous: str | None) -> tuple[int, int] | None:
        if self.after_refusal and not is_refusal(previous):
            return None
        spans = sentence_spans(text)
        for group, any_, with_, needs, after in self.groups:
            if after and not (previous and any(bounded_search(p, previous) for p in after)):
                continue
            count, first = 0, None
            for a, b in spans:
                sentence = text[a:b]
                if group.question and not sentence.rstrip().endswith("?"):
                    continue
                hits = [m for p in any_ if (m := bounded_search(p, sentence))]
                if not hits or (with_ and not any(bounded_search(p, sentence) for p in with_)):
                    continue
                if not all(bounded_search(p, sentence) for p in needs):
                    continue
                if any(bounded_search(p, sentence) for p in self.unless):
                    continue
                count += len(hits)
                first = first or (a, b)
            if first and count >= group.min_count:
                return first
        return None
