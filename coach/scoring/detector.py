"""The offline move detector: which criteria a learner's turn shows, with the exact spans.

The language lives in the criteria library (`scenarios/criteria.toml`): per-criterion signal groups and a
shared lexicon (negations, refusals, sarcasm, hypotheticals, projections, small talk, clause breaks,
distress). This module holds only the general rules that apply them:

- a turn is read sentence by sentence; a group's cues (`any`, `with`) must meet in one sentence; `needs`
  must match in that sentence or, in a statement, in the sentence just before or after it ("Since I took
  over the desk a lot has moved. OTIF went from 91% to 96%."; "Complaints fell by a third. That flow was
  mine.");
- a move may be spread over two sentences: a group's `then` cue must follow its `any` cue, later in the
  sentence or in the next statement, so a short framing sentence takes its content from the next one ("So
  here's my ask. Senior Planner title from April.") and stages are read in order ("She sits with me on
  every release from Monday. By the end of April she's running them.");
- a negation a few words before a cue, in the same clause, cancels it ("I don't have numbers yet"), but
  not a negation inside a condition ("if it doesn't work after the trial month, we go back"); a flag's cue
  is strong language, so only a negation right before it cancels it ("It's not your fault");
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

# Text is lower-cased before matching (same length, so spans still index the original), and patterns written in
# lower case are matched case-sensitively: three times faster than IGNORECASE. A pattern with an upper-case
# letter of its own (outside an escape such as \W) keeps IGNORECASE.
_ESCAPE = re.compile(r"\\.")
# A sentence runs to . ! ? or a line break; a full stop inside a number or word ("1.2", "e.g") does not end it.
_SENTENCE = re.compile(r"(?:[^.!?\n]|\.(?=\w))+[.!?]*")
_SHORT_QUESTION = 5  # words: a question this short takes its topic from the sentence before it
# A reciprocal question has nothing of its own to ask ("How about you?", "And yourself?", "How's it going?"):
# after small talk it is small talk. One content word ("What worries you most?") makes it a real question.
_RECIPROCAL = re.compile(
    r"(?:\W|\b(?:and|so|how|what|about|you|your|yours|yourself|too|did|do|does|are|is|was|were|have|has|it|"
    r"that|the|things|any|anything|else|then|oh|same|been|doing|going|good|well|ok|okay|all|right|really|"
    r"nice|fun|was|'s|s)\b)*",
)
# A flag's cue is strong language: only a negation this close before it cancels it ("It's not your fault",
# "I'm not saying you're lazy"), not one earlier in the clause ("I'm not going to sit here and take this nonsense").
_FLAG_REACH = 3
# A negation inside a condition does not deny what follows ("if it doesn't work after the trial month").
_CONDITION = re.compile(r"\b(?:if|unless|in case|whether)\b")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'"})


def _normalise(text: str) -> str:
    # Same length as the input, so spans found in the normalised text index the original.
    text = text.translate(_APOSTROPHES)
    lower = text.lower()
    if len(lower) != len(text):  # a letter whose lower case is longer ("İ"): lower the others one by one
        lower = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    return lower


def _compile(pattern: str) -> re.Pattern:
    cased = any(ch.isupper() for ch in _ESCAPE.sub("", pattern))
    return re.compile(pattern, re.IGNORECASE if cased else 0)


def _union(patterns: Iterable[str]) -> re.Pattern | None:
    patterns = list(patterns)
    if not patterns:
        return None
    if len(patterns) == 1:
        return _compile(patterns[0])
    return _compile("|".join(f"(?:{p})" for p in patterns))


# -- the prefilter: a pattern is only run on a sentence that holds one of the literals it cannot match without ----
# Most patterns are alternations of words; most sentences hold none of them. Each pattern's required literals are
# read from its parsed form once (at least three characters each, lower case); a sentence is reduced to the set
# of its three-character substrings; a pattern none of whose literals starts with one of those cannot match and is
# not run. A pattern with any alternative that has no such literal (a bare number, a character class) always runs.

_MIN_LITERAL = 3
# How common a character is in English text (per 100 characters, roughly): the prefilter keys each literal by
# its rarest three characters, so a sentence full of "the" and "you" still rules most patterns out.
_CHAR_FREQUENCY = dict(zip(" etaoinshrdlcumwfgypbvk'jxqz", (18, 10, 7.5, 6.5, 6, 5.7, 5.5, 5.2, 5, 4.8, 3.5, 3.3,
                                                          2.3, 2.3, 2, 1.9, 1.8, 1.6, 1.6, 1.5, 1.2, 0.8, 0.6, 0.3,
                                                          0.15, 0.15, 0.1, 0.07)))


def _rarity(trigram: str) -> float:
    """Roughly how likely a trigram is to turn up: lower is rarer."""
    cost = 1.0
    for ch in trigram:
        cost *= _CHAR_FREQUENCY.get(ch, 0.5)
    return cost


def _key(literal: str) -> str:
    return min((literal[i : i + _MIN_LITERAL] for i in range(len(literal) - _MIN_LITERAL + 1)), key=_rarity)


def _cost(literals: set[str]) -> float:
    return sum(_rarity(_key(lit)) for lit in literals)


def _required(seq) -> set[str] | None:
    """Literals one of which every match of the parsed sequence `seq` contains (the rarest such choice), or
    None if there is none."""
    from re import _constants as c  # the parser's opcodes; any surprise falls back to "always run"

    options: list[set[str]] = []
    run = ""
    for op, av in seq:
        if op is c.LITERAL:
            run += chr(av).lower()
            continue
        if op is c.AT:
            continue  # zero-width: \b, ^, $ do not break a run of literals
        if len(run) >= _MIN_LITERAL:
            options.append({run})
        run = ""
        found = None
        if op is c.BRANCH:
            parts = [_required(branch) for branch in av[1]]
            if all(parts):
                found = set().union(*parts)
        elif op is c.SUBPATTERN:
            found = _required(av[-1])
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
            found = _required(av[2])
        if found:
            options.append(found)
    if len(run) >= _MIN_LITERAL:
        options.append({run})
    return min(options, key=_cost) if options else None


def _keys(pattern: re.Pattern | None) -> frozenset[str] | None:
    """The rarest three characters of each literal `pattern` needs, or None when it must always run."""
    if pattern is None:
        return None
    try:
        from re import _parser

        literals = _required(_parser.parse(pattern.pattern, pattern.flags))
    except Exception:  # a private API: if it ever changes, the detector only gets slower, never wrong
        return None
    return frozenset(_key(lit) for lit in literals) if literals else None


def _trigrams(text: str) -> frozenset[str]:
    return frozenset(text[i : i + _MIN_LITERAL] for i in range(len(text) - _MIN_LITERAL + 1))  # already lower case


def _may_match(keys: frozenset[str] | None, trigrams: frozenset[str]) -> bool:
    return keys is None or not keys.isdisjoint(trigrams)


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
    then: re.Pattern | None = None
    any_keys: frozenset[str] | None = None
    with_keys: frozenset[str] | None = None
    then_keys: frozenset[str] | None = None

    @classmethod
    def build(cls, group: SignalGroup) -> _Group:
        any_, with_, then = _union(group.any), _union(group.with_), _union(group.then)
        return cls(
            any=any_,
            with_=with_,
            needs=tuple(_compile(p) for p in group.needs),
            question=group.question,
            after=_union(group.after),
            min_count=group.min_count,
            then=then,
            any_keys=_keys(any_),
            with_keys=_keys(with_),
            then_keys=_keys(then),
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
    unless_keys: frozenset[str] | None = None


@dataclass(slots=True)
class _Sentence:
    """One sentence of the turn, with its clause boundaries worked out once, on demand."""

    text: str
    offset: int
    trigrams: frozenset[str] = frozenset()
    question: bool = False
    quiet: bool = False  # sarcastic, a wish or thought experiment, or a reciprocal question after small talk
    before: str = ""  # the turn's sentences before and after this one: where `needs` may look too
    after: str = ""
    next: _Sentence | None = None  # where a `then` cue may be found
    chatty: list[tuple[int, int]] | None = None  # small-talk spans, in a question: their clauses are quiet
    breaks: list[tuple[int, int]] | None = None
    break_ends: list[int] | None = None


class Detector:
    def __init__(self, library: CriteriaLibrary, extra: Iterable[Criterion] = ()):
        lex = library.detector
        self._negation = _union(lex.negations)
        self._refusal = _union(lex.refusals)
        self._sarcasm = _union(lex.sarcasm)
        self._vague = [_compile(p) for p in lex.vague]
        self._distress = _union(lex.distress)
        self._distress_idioms = _union(lex.distress_idioms)
        self._hypothetical = _union(lex.hypotheticals)
        self._projection = _union(lex.projections)
        self._small_talk = _union(lex.small_talk)
        self._clause_break = _union(lex.clause_breaks)
        self._reach = lex.negation_reach
        self._sarcasm_keys = _keys(self._sarcasm)
        self._hypothetical_keys = _keys(self._hypothetical)
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
                    unless_keys=_keys(_union(signals.unless)),
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
        # A reciprocal question right after small talk is small talk ("I'm good. How about you?"); the
        # counterpart's line counts as the sentence before the first one.
        chatty = bool(prev) and self._is_small_talk(prev)
        for i, sentence in enumerate(sentences):
            s = sentence.text
            sentence.trigrams = tri = _trigrams(s)
            sentence.question = s.rstrip().endswith("?")
            if i:
                sentence.before = sentences[i - 1].text
                sentences[i - 1].after = s
                sentences[i - 1].next = sentence
            small_talk = self._small_talk is not None and list(self._small_talk.finditer(s))
            sentence.quiet = bool(
                (self._sarcasm is not None and _may_match(self._sarcasm_keys, tri) and self._sarcasm.search(s))
                or (
                    self._hypothetical is not None
                    and _may_match(self._hypothetical_keys, tri)
                    and self._hypothetical.search(s)
                )
                or (sentence.question and chatty and self._reciprocal(s))
            )
            if sentence.question and small_talk:
                sentence.chatty = [m.span() for m in small_talk]
            chatty = bool(small_talk)
        for sentence in sentences:
            tri, quiet = sentence.trigrams, sentence.quiet
            for c in self._criteria:
                if quiet and not c.is_flag:
                    continue
                if c.after_refusal and not after_refusal:
                    continue
                unless = c.unless if c.unless is not None and _may_match(c.unless_keys, tri) else None
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
            # A question borrows nothing, unless it is reciprocal ("What about you?"): that one asks about what
            # the sentence before it said. A statement may borrow from the sentence before or after it
            # ("Complaints fell by a third after the new triage went in. That flow was mine.").
            if sentence.question:
                if not _RECIPROCAL.fullmatch(sentence.text) or not p.search(sentence.before):
                    return False
            elif not (p.search(sentence.before) or p.search(sentence.after)):
                return False
        return True

    def _touches(self, sentence: _Sentence, start: int, end: int, spans: list[tuple[int, int]]) -> bool:
        """Whether the clause around [start, end) overlaps one of `spans`."""
        left, right = self._clause_bounds(sentence, start, end)
        return any(s0 < right and s1 > left for s0, s1 in spans)

    def _match(self, c: _Compiled, sentence: _Sentence, after_ok, unless: re.Pattern | None) -> tuple[int, int] | None:
        s, tri = sentence.text, sentence.trigrams
        unless_spans = None  # worked out only once a cue is found: most sentences have none
        reach = _FLAG_REACH if c.is_flag else None
        for g in c.groups:
            if g.question and not sentence.question:
                continue
            if not _may_match(g.any_keys, tri) or (g.with_ is not None and not _may_match(g.with_keys, tri)):
                continue
            if g.after is not None and not after_ok(g):
                continue
            needs_checked = False
            for m in g.any.finditer(s):
                start, end = m.span()
                if c.negatable and self._negated(sentence, start, reach):
                    continue
                if c.factual and self._projected(sentence, start, end):
                    continue
                if unless is not None:
                    if unless_spans is None:
                        unless_spans = [u.span() for u in unless.finditer(s)]
                    if unless_spans and self._touches(sentence, start, end, unless_spans):
                        continue
                if sentence.chatty is not None and not c.is_flag and (
                    self._touches(sentence, start, end, sentence.chatty) or _RECIPROCAL.fullmatch(m.group())
                ):
                    continue  # about the small talk, or a reciprocal "how about you?" tagged onto it
                if g.needs and not needs_checked:
                    if not self._needs_met(g, sentence):
                        break
                    needs_checked = True
                if g.with_ is not None:
                    # The companion cue can be negated too: "two of the features weren't finished".
                    w = next(
                        (w for w in g.with_.finditer(s) if not (c.negatable and self._negated(sentence, w.start(), reach))),
                        None,
                    )
                    if w is None:
                        break
                    if w.end() > w.start() and self._same_clause(sentence, start, end, *w.span()):
                        start, end = min(start, w.start()), max(end, w.end())
                if g.then is not None:
                    found = self._then(c, g, sentence, m.end(), reach)
                    if found is None:
                        continue  # a later cue of `any` may still have its sequel
                    end = max(end, found)
                return start, end
        return None

    def _then(self, c: _Compiled, g: _Group, sentence: _Sentence, after: int, reach: int | None) -> int | None:
        """Where the group's `then` cue ends (relative to `sentence`), if one follows the `any` cue that ends at
        `after`: later in the sentence, or in the next sentence when that is a statement with moves."""
        places = [(sentence, after)]
        nxt = sentence.next
        if nxt is not None and not nxt.question and not nxt.quiet:
            places.append((nxt, 0))
        for place, pos in places:
            if not _may_match(g.then_keys, place.trigrams):
                continue
            unless = c.unless if c.unless is not None and _may_match(c.unless_keys, place.trigrams) else None
            unless_spans = [u.span() for u in unless.finditer(place.text)] if unless is not None else []
            for t in g.then.finditer(place.text, pos):
                if t.end() == t.start():
                    continue
                if c.negatable and self._negated(place, t.start(), reach):
                    continue
                if c.factual and self._projected(place, t.start(), t.end()):
                    continue
                if unless_spans and self._touches(place, t.start(), t.end(), unless_spans):
                    continue
                return t.end() + place.offset - sentence.offset
        return None

    def _count(self, c: _Compiled, sentence: _Sentence, counts: dict[int, list], unless: re.Pattern | None) -> None:
        s = sentence.text
        unless_spans = None
        for g in c.counted:
            if not _may_match(g.any_keys, sentence.trigrams):
                continue
            for m in g.any.finditer(s):
                if c.negatable and self._negated(sentence, m.start(), _FLAG_REACH if c.is_flag else None):
                    continue
                if unless is not None:
                    if unless_spans is None:
                        unless_spans = [u.span() for u in unless.finditer(s)]
                    if unless_spans and self._touches(sentence, m.start(), m.end(), unless_spans):
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

    def _negated(self, sentence: _Sentence, start: int, reach: int | None = None) -> bool:
        if self._negation is None:
            return False
        reach = self._reach if reach is None else reach
        left, _ = self._clause_bounds(sentence, start, start)
        window = sentence.text[left:start]
        words = window.split()
        if len(words) > reach:
            window = " ".join(words[-reach:])
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
