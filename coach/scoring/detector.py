"""The offline move detector: which criteria a learner's turn shows, with the exact spans.

The language lives in the criteria library (`scenarios/criteria.toml`): per-criterion signal groups and a
shared lexicon (negations, refusals, sarcasm, hypotheticals, projections, small talk, clause breaks,
distress). This module holds only the general rules that apply them:

- a turn is read sentence by sentence; a group's cues (`any`, `with`) must meet in one sentence; `needs`
  must match in that sentence or, in a statement, in the sentence just before or after it ("Since I took
  over the desk a lot has moved. OTIF went from 91% to 96%.");
- a negation a few words before a cue, in the same clause, cancels it ("I don't have numbers yet"), but
  not a negation inside a condition ("if it doesn't work after the trial month, we go back");
- a `factual` cue is cancelled by a projection or condition in its clause ("we'd save ten hours");
- `unless` cancels a cue whose clause it touches ("I'm on leave next week, but I'll send the draft
  Friday" still shows the follow-up); a pattern that should silence the whole sentence spans it;
- sarcastic sentences and wishes and thought experiments show no moves (flags still count: sarcasm can
  be aggressive); in a question, a clause about small talk shows none ("Did you see the game?", but "Hi
  Sam, what's your biggest concern?" still asks), and neither does a reciprocal question right after
  small talk ("I'm good. How about you?");
- `question` groups only count in questions; `after` groups only after a matching counterpart line;
  `after-refusal` criteria only after a refusal anywhere in the counterpart's line; `min_count` groups
  count matches across the whole turn.

Every pattern set is compiled once into one alternation, so a sentence costs one search per group.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from coach.scenario.criteria import Criterion, CriteriaLibrary, SignalGroup

_FLAGS = re.IGNORECASE
# A sentence runs to . ! ? or a line break; a full stop inside a number or word ("1.2", "e.g") does not end it.
_SENTENCE = re.compile(r"(?:[^.!?\n]|\.(?=\w))+[.!?]*")
_SHORT_QUESTION = 5  # words: a question this short takes its topic from the sentence before it
# A reciprocal question has nothing of its own to ask ("How about you?", "And yourself?", "How's it going?"):
# after small talk it is small talk. One content word ("What worries you most?") makes it a real question.
_RECIPROCAL = re.compile(
    r"(?:\W|\b(?:and|so|how|what|about|you|your|yours|yourself|too|did|do|does|are|is|was|were|have|has|it|"
    r"that|the|things|any|anything|else|then|oh|same|been|doing|going|good|well|ok|okay|all|right|really|"
    r"nice|fun|was|'s|s)\b)*",
    re.IGNORECASE,
)
# A negation inside a condition does not deny what follows ("if it doesn't work after the trial month").
_CONDITION = re.compile(r"\b(?:if|unless|in case|whether)\b", re.IGNORECASE)
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'"})


def _normalise(text: str) -> str:
    # Same length as the input, so spans found in the normalised text index the original.
    return text.translate(_APOSTROPHES)


def _union(patterns: Iterable[str]) -> re.Pattern | None:
    patterns = list(patterns)
    if not patterns:
        return None
    if len(patterns) == 1:
        return re.compile(patterns[0], _FLAGS)
    return re.compile("|".join(f"(?:{p})" for p in patterns), _FLAGS)


@dataclass(frozen=True, slots=True)
class Hit:
    criterion: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Detection:
    text: str
    moves: tuple[Hit, ...] = ()
    flags: tuple[Hit, ...] = ()
    vague: bool = False
    distress: bool = False

    @property
    def move_ids(self) -> frozenset[str]:
        return frozenset(h.criterion for h in self.moves)

    @property
    def flag_ids(self) -> frozenset[str]:
        return frozenset(h.criterion for h in self.flags)


@dataclass(slots=True)
class _Group:
    any: re.Pattern
    with_: re.Pattern | None
    needs: tuple[re.Pattern, ...]
    question: bool
    after: re.Pattern | None
    min_count: int

    @classmethod
    def build(cls, group: SignalGroup) -> _Group:
        return cls(
            any=_union(group.any),
            with_=_union(group.with_),
            needs=tuple(re.compile(p, _FLAGS) for p in group.needs),
            question=group.question,
            after=_union(group.after),
            min_count=group.min_count,
        )


@dataclass(slots=True)
class _Compiled:
    id: str
    is_flag: bool
    groups: tuple[_Group, ...]
    counted: tuple[_Group, ...]  # groups with min_count > 1, matched across the whole turn
    unless: re.Pattern | None
    negatable: bool
    factual: bool
    after_refusal: bool


@dataclass(slots=True)
class _Sentence:
    """One sentence of the turn, with its clause boundaries worked out once, on demand."""

    text: str
    offset: int
    question: bool = False
    before: str = ""  # the turn's sentence before this one, and the one after: where `needs` may look too
    after: str = ""
    chatty: list[tuple[int, int]] | None = None  # small-talk spans, in a question: their clauses are quiet
    breaks: list[tuple[int, int]] | None = None
    break_ends: list[int] | None = None


class Detector:
    def __init__(self, library: CriteriaLibrary, extra: Iterable[Criterion] = ()):
        lex = library.detector
        self._negation = _union(lex.negations)
        self._refusal = _union(lex.refusals)
        self._sarcasm = _union(lex.sarcasm)
        self._vague = [re.compile(p, _FLAGS) for p in lex.vague]
        self._distress = _union(lex.distress)
        self._distress_idioms = _union(lex.distress_idioms)
        self._hypothetical = _union(lex.hypotheticals)
        self._projection = _union(lex.projections)
        self._small_talk = _union(lex.small_talk)
        self._clause_break = _union(lex.clause_breaks)
        self._reach = lex.negation_reach
        self._criteria: list[_Compiled] = []
        for criterion in [*library.criterion, *extra]:
            signals = criterion.signals
            if signals is None:
                continue
            groups = [_Group.build(g) for g in signals.groups]
            self._criteria.append(
                _Compiled(
                    id=criterion.id,
                    is_flag=criterion.kind == "flag",
                    groups=tuple(g for g in groups if g.min_count == 1),
                    counted=tuple(g for g in groups if g.min_count > 1),
                    unless=_union(signals.unless),
                    negatable=signals.negatable,
                    factual=signals.factual,
                    after_refusal=signals.context == "after-refusal",
                )
            )

    # -- the counterpart's line and the learner's state -------------------------------------------

    def is_refusal(self, text: str | None) -> bool:
        """Whether any sentence of the counterpart's line refuses: "Thanks. No, not this cycle. Anything else?"
        is a refusal although it ends on a question."""
        if not text or self._refusal is None:
            return False
        return any(self._refusal.search(m.group()) for m in _SENTENCE.finditer(_normalise(text)))

    def is_distress(self, text: str) -> bool:
        if not text or self._distress is None:
            return False
        norm = _normalise(text)
        if self._distress_idioms is not None:
            norm = self._distress_idioms.sub(lambda m: " " * len(m.group()), norm)
        return bool(self._distress.search(norm))

    # -- the turn ---------------------------------------------------------------------------------

    def detect(self, text: str, previous: str | None = None) -> Detection:
        norm = _normalise(text)
        prev = _normalise(previous) if previous else ""
        after_refusal = self.is_refusal(prev)
        after_cache: dict[int, bool] = {}

        def after_ok(group: _Group) -> bool:
            key = id(group)
            if key not in after_cache:
                after_cache[key] = bool(prev) and bool(group.after.search(prev))
            return after_cache[key]

        found: dict[str, Hit] = {}
        counts: dict[int, list] = {}  # id(group) -> [count, first span]
        sentences = [_Sentence(m.group(), m.start()) for m in _SENTENCE.finditer(norm) if m.group().strip()]
        for i, sentence in enumerate(sentences):
            sentence.question = sentence.text.rstrip().endswith("?")
            if i:
                sentence.before = sentences[i - 1].text
            if i + 1 < len(sentences):
                sentence.after = sentences[i + 1].text
        # A reciprocal question right after small talk is small talk ("I'm good. How about you?"); the
        # counterpart's line counts as the sentence before the first one.
        chatty = bool(prev) and self._is_small_talk(prev)
        for sentence in sentences:
            s = sentence.text
            small_talk = self._small_talk is not None and list(self._small_talk.finditer(s))
            quiet = bool(
                (self._sarcasm is not None and self._sarcasm.search(s))
                or (self._hypothetical is not None and self._hypothetical.search(s))
                or (sentence.question and chatty and self._reciprocal(s))
            )
            if sentence.question and small_talk:
                sentence.chatty = [m.span() for m in small_talk]
            chatty = bool(small_talk)
            for c in self._criteria:
                if quiet and not c.is_flag:
                    continue
                if c.after_refusal and not after_refusal:
                    continue
                unless = None
                if c.unless is not None:
                    unless = [m.span() for m in c.unless.finditer(s)] or None
                if c.counted:
                    self._count(c, sentence, counts, unless)
                if c.id in found:
                    continue
                span = self._match(c, sentence, after_ok, unless)
                if span is not None:
                    start, end = span[0] + sentence.offset, span[1] + sentence.offset
                    found[c.id] = Hit(c.id, start, end, text[start:end])
        for c in self._criteria:
            if c.id in found:
                continue
            for g in c.counted:
                entry = counts.get(id(g))
                if entry and entry[0] >= g.min_count:
                    start, end = entry[1]
                    found[c.id] = Hit(c.id, start, end, text[start:end])
                    break

        moves = tuple(h for c in self._criteria if not c.is_flag and (h := found.get(c.id)))
        flags = tuple(h for c in self._criteria if c.is_flag and (h := found.get(c.id)))
        words = len(norm.split())
        filler = sum(len(p.findall(norm)) for p in self._vague)
        vague = not moves and (words < 6 or filler >= 2)
        return Detection(text, moves, flags, vague, self.is_distress(text))

    # -- the general rules ------------------------------------------------------------------------

    def _is_small_talk(self, text: str) -> bool:
        return self._small_talk is not None and bool(self._small_talk.search(text))

    @staticmethod
    def _reciprocal(s: str) -> bool:
        return len(s.split()) <= _SHORT_QUESTION and _RECIPROCAL.fullmatch(s) is not None

    @staticmethod
    def _needs_met(g: _Group, sentence: _Sentence) -> bool:
        for p in g.needs:
            if p.search(sentence.text):
                continue
            if sentence.question or not (p.search(sentence.before) or p.search(sentence.after)):
                return False
        return True

    def _touches(self, sentence: _Sentence, start: int, end: int, spans: list[tuple[int, int]]) -> bool:
        """Whether the clause around [start, end) overlaps one of `spans`."""
        left, right = self._clause_bounds(sentence, start, end)
        return any(s0 < right and s1 > left for s0, s1 in spans)

    def _match(self, c: _Compiled, sentence: _Sentence, after_ok, unless) -> tuple[int, int] | None:
        s = sentence.text
        for g in c.groups:
            if g.question and not sentence.question:
                continue
            if g.after is not None and not after_ok(g):
                continue
            needs_checked = False
            for m in g.any.finditer(s):
                start, end = m.span()
                if c.negatable and self._negated(sentence, start):
                    continue
                if c.factual and self._projected(sentence, start, end):
                    continue
                if unless is not None and self._touches(sentence, start, end, unless):
                    continue
                if sentence.chatty is not None and not c.is_flag and self._touches(sentence, start, end, sentence.chatty):
                    continue
                if g.needs and not needs_checked:
                    if not self._needs_met(g, sentence):
                        break
                    needs_checked = True
                if g.with_ is not None:
                    w = g.with_.search(s)
                    if w is None:
                        break
                    if w.end() > w.start() and self._same_clause(sentence, start, end, *w.span()):
                        start, end = min(start, w.start()), max(end, w.end())
                return start, end
        return None

    def _count(self, c: _Compiled, sentence: _Sentence, counts: dict[int, list], unless) -> None:
        s = sentence.text
        for g in c.counted:
            for m in g.any.finditer(s):
                if c.negatable and self._negated(sentence, m.start()):
                    continue
                if unless is not None and self._touches(sentence, m.start(), m.end(), unless):
                    continue
                entry = counts.setdefault(id(g), [0, None])
                entry[0] += 1
                if entry[1] is None:
                    entry[1] = (m.start() + sentence.offset, m.end() + sentence.offset)

    def _clauses(self, sentence: _Sentence) -> list[tuple[int, int]]:
        if sentence.breaks is None:
            if self._clause_break is None:
                sentence.breaks = []
            else:
                sentence.breaks = [m.span() for m in self._clause_break.finditer(sentence.text)]
            sentence.break_ends = [b[1] for b in sentence.breaks]
        return sentence.breaks

    def _clause_bounds(self, sentence: _Sentence, start: int, end: int) -> tuple[int, int]:
        """The clause around [start, end): from the last break ending at or before start to the next
        break starting at or after end."""
        breaks = self._clauses(sentence)
        i = bisect.bisect_right(sentence.break_ends, start)
        left = breaks[i - 1][1] if i else 0
        right = len(sentence.text)
        for b_start, _ in breaks[i:]:
            if b_start >= end:
                right = b_start
                break
        return left, right

    def _negated(self, sentence: _Sentence, start: int) -> bool:
        if self._negation is None:
            return False
        left, _ = self._clause_bounds(sentence, start, start)
        window = sentence.text[left:start]
        words = window.split()
        if len(words) > self._reach:
            window = " ".join(words[-self._reach :])
        last = None
        for last in self._negation.finditer(window):
            pass
        return last is not None and _CONDITION.search(window, 0, last.start()) is None

    def _projected(self, sentence: _Sentence, start: int, end: int) -> bool:
        if self._projection is None:
            return False
        left, right = self._clause_bounds(sentence, start, end)
        return bool(self._projection.search(sentence.text, left, right))

    def _same_clause(self, sentence: _Sentence, a0: int, a1: int, b0: int, b1: int) -> bool:
        return self._clause_bounds(sentence, min(a0, b0), min(a1, b1)) == self._clause_bounds(
            sentence, max(a0, b0), max(a1, b1)
        )
