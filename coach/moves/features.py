"""Turn a learner line (and the counterpart's line before it) into the sparse features the move model reads.

Pure Python, no dependencies: the same code runs at training time (to build the vocabulary) and at run time.
Every step is linear in the length of the text, and the text is capped, so no input can stall a turn.

Features, each a string the vocabulary maps to a column:
- words and word pairs of the line, numbers reduced to their shape ("<num>", "<pct>", "<money>");
- character 3- to 5-grams inside words, so typos and inflections still share most features;
- the counterpart's previous line as words marked "p:", the word pairs of its last sentence ("p2:"), and whether
  it refuses ("p:<refusal>");
- a few reliable rule signals ("r:" prefix): figures, dates and days, a question, a first-person ask frame;
- each word's cluster ("k:" prefix) and the pairs of clusters, where `word-clusters.txt` is present: groups of
  words with close static vectors (built by `python -m coach.moves.build_words --clusters`), so a word nobody in
  the corpus used still shares columns with its near synonyms ("remuneration" with "salary").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

MAX_CHARS = 4000  # longer lines are read to here: a move lives in the first few sentences of a turn

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "`": "'"})
_TOKEN = re.compile(r"[£$€₹]?\d[\d,.:/]*(?:%|k\b|m\b|pm\b|am\b|st\b|nd\b|rd\b|th\b)?|[^\W\d_]+(?:'[^\W\d_]+)?|[?!]")
_MONTHS = frozenset(
    "january february march april may june july august september october november december jan feb mar apr jun "
    "jul aug sep sept oct nov dec".split()
)
_DAYS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thurs fri mondays tuesdays "
    "wednesdays thursdays fridays weekend weekends".split()
)
_TIME_WORDS = frozenset("today tomorrow tonight week weeks month months quarter q1 q2 q3 q4 year eod eow".split())
# A line that turns something down: the one context the learner's moves depend on (recover-from-no).
_REFUSAL = re.compile(
    r"(?:^|[.!?]\s*)no\b(?! problem| worries| doubt| rush)|\b(?:can't|cannot|won't|not (?:able|going|possible|"
    r"this (?:year|time|round|cycle|quarter))|unable|isn't (?:going|possible|happening)|not happening|turned (?:it |you )?down|"
    r"the answer is no|decided against|didn't (?:go|get) through|not approved|no budget|freeze|declined|rejected|"
    r"not in a position|not something (?:i|we) can|have to say no|not at this (?:time|point|stage))",
)


def normalise(text: str) -> str:
    return " ".join(text[:MAX_CHARS].translate(_APOSTROPHES).lower().split())


def _shape(token: str) -> str:
    if not token[0].isdigit() and token[0] not in "£$€₹":
        return token
    if token[0] in "£$€₹" or token.endswith(("k", "m")):
        return "<money>"
    if token.endswith("%"):
        return "<pct>"
    if token.endswith(("am", "pm")) or ":" in token:
        return "<time>"
    if token.endswith(("st", "nd", "rd", "th")):
        return "<ordinal>"
    if "/" in token:
        return "<date>"
    return "<num>"


def tokens(text: str) -> list[str]:
    return [t if t[0].isalpha() or t in "?!" else _shape(t) for t in _TOKEN.findall(text)]


def is_refusal(previous: str | None) -> bool:
    return bool(previous) and bool(_REFUSAL.search(normalise(previous)))


# A sentence runs to . ! ? or a line break; a full stop inside a number or word ("1.2", "e.g") does not end it.
_SENTENCE = re.compile(r"(?:[^.!?\n]|\.(?=\w))+[.!?]*")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Where each sentence of the (capped) line starts and ends, as indexes into the line itself."""
    spans = []
    for m in _SENTENCE.finditer(text, 0, min(len(text), MAX_CHARS)):
        if any(ch.isalnum() for ch in m.group()):
            start = m.start() + len(m.group()) - len(m.group().lstrip())
            spans.append((start, m.end()))
    return spans


# A "sentence" longer than this is a run-on (dictated, unpunctuated, comma-spliced): the model reads it in clauses,
# so one long turn is not a single reading that shows every move at once, and its quotes are not whole paragraphs.
RUN_ON = 160
_CLAUSE_MIN = 40  # a clause is cut off only once it is this long (shorter pieces stay with their neighbour)
_CLAUSE_BREAK = re.compile(
    r"[,;:]\s+|\s+[-\u2013\u2014]+\s+|\s+(?=(?:and|but|so|anyway|because|cos|also|then|plus|which|i mean|to be "
    r"fair|honestly|otherwise|though)\b)",
    re.IGNORECASE,
)


def reading_spans(text: str) -> list[tuple[int, int]]:
    """The pieces of the (capped) line the model reads one by one: its sentences, a run-on cut into clauses."""
    spans = []
    for a, b in sentence_spans(text):
        if b - a <= RUN_ON:
            spans.append((a, b))
            continue
        start = a
        for m in _CLAUSE_BREAK.finditer(text, a, b):
            if m.start() - start >= _CLAUSE_MIN and b - m.end() >= _CLAUSE_MIN:
                spans.append((start, m.start()))
                start = m.end()
        spans.append((start, b))
    return spans


def sentence_features(sentence: str) -> list[str]:
    norm = normalise(sentence)
    words = tokens(norm)
    return [*word_features(words), *(g for w in words for g in char_grams(w)), *_rules(words, norm),
            *cluster_features(words)]


CLUSTERS_PATH = Path(__file__).with_name("word-clusters.txt")


@cache
def word_clusters(path: Path = CLUSTERS_PATH) -> dict[str, str]:
    """Each word's cluster name (one line of the file per cluster, its words separated by spaces); empty when
    the file is absent, so the features are what they were before clusters existed."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return {}
    return {word: str(k) for k, line in enumerate(lines) for word in line.split()}


def cluster_features(words: list[str], path: Path = CLUSTERS_PATH) -> list[str]:
    """The clusters of a sentence's words, and the pairs of neighbouring clusters (with sentence edges). A figure
    or mark stands for itself; a word in no cluster (a typo, a name) is "-", so pairs still line up."""
    table = word_clusters(path)
    if not table:
        return []
    ids = [table.get(w, "-") if w[0].isalpha() else w for w in words]
    padded = ["<s>", *ids, "</s>"]
    return [*("k:" + c for c in ids if c != "-"), *("k:" + a + "_" + b for a, b in zip(padded, padded[1:]))]


def word_features(words: list[str], singles: bool = True) -> list[str]:
    """The words of a sentence, and its word pairs and triples (with sentence edges); `singles=False` leaves the
    words out (the model remembers each word's own column with its n-grams')."""
    padded = ["<s>", *words, "</s>"]
    pairs = [a + " " + b for a, b in zip(padded, padded[1:])]
    triples = [a + " " + b + " " + c for a, b, c in zip(padded, padded[1:], padded[2:])]
    return [*words, *pairs, *triples] if singles else [*pairs, *triples]


def char_grams(word: str) -> list[str]:
    """Character 3- to 5-grams inside a word (marked "#"), so typos and inflections share most features."""
    if len(word) < 3 or word[0] == "<":
        return []
    w = "<" + word + ">"
    return ["#" + w[i : i + size] for size in (3, 4, 5) for i in range(len(w) - size + 1)]


def split_sentence(sentence: str) -> tuple[list[str], str]:
    """A sentence's tokens and its normalised text: what `sentence_features` is made from."""
    norm = normalise(sentence)
    return tokens(norm), norm


def rule_features(words: list[str], norm: str) -> Iterator[str]:
    return _rules(words, norm)


# Structures a bag of words misses, as features the model weighs (rules inform it; they never decide).
_STRUCTURES = {
    # "X or I'll Y", "either X or Y": a condition with a threat attached
    "r:ultimatum": re.compile(r"\bor (?:else|i'll|i will|i'm|i am|we'll|you'll|you will|there'll)\b|\beither\b.{0,80}\bor\b"),
    # a judgement of the listener as a person ("you're useless", "you never listen")
    "r:you-judged": re.compile(r"\byou(?:'re| are|'ve always| always| never| just| clearly)\b"),
    "r:negation": re.compile(r"\b(?:not|no|never|don't|doesn't|didn't|won't|can't|isn't|wasn't|aren't|haven't|nothing|nobody)\b"),
    "r:condition": re.compile(r"\b(?:if|unless|would|could|might)\b"),
    "r:open-question": re.compile(r"^(?:\W*(?:so|and|but|ok|okay|right|then)\b\W*)?(?:what|how|why|which|where|who|when)\b"),
    "r:i-want": re.compile(r"\bi(?:'d| would) (?:like|love|want)|\bi(?: want| need|'m asking| am asking)\b|\b(?:can|could|may) i (?:have|get|take|move|drop|swap)\b"),
    "r:we-could": re.compile(r"\b(?:we could|how about|what if|what about|or we|alternatively|instead)\b"),
    "r:i-will": re.compile(r"\b(?:i'll|i will|let me|i can)\b"),
}


def _rules(words: list[str], norm: str) -> Iterator[str]:
    for name, pattern in _STRUCTURES.items():
        if pattern.search(norm):
            yield name
    shapes = {w for w in words if w[0] == "<"}
    if shapes:
        yield "r:figure"
        yield from ("r:" + s for s in shapes)
    if any(w in _MONTHS or w in _DAYS or w in _TIME_WORDS for w in words):
        yield "r:when"
    if "?" in words:
        yield "r:question"
    if len(words) <= 4:
        yield "r:short"


def previous_features(previous: str | None) -> Iterator[str]:
    if not previous:
        yield "p:<none>"
        return
    norm = normalise(previous)
    yield from ("p:" + w for w in tokens(norm))
    # The word pairs of its last sentence, what the learner is answering: "what do you want?" asks for an ask,
    # "not this year" is a no, "who covers?" wants a plan (cross-validated micro-F1 0.765 without, 0.772 with;
    # the pairs of every sentence gained no more)
    spans = sentence_spans(previous)
    last = tokens(normalise(previous[spans[-1][0]:spans[-1][1]])) if spans else []
    edged = ["<s>", *last, "</s>"]
    yield from ("p2:" + a + "_" + b for a, b in zip(edged, edged[1:]))
    if _REFUSAL.search(norm):
        yield "p:<refusal>"
    if norm.rstrip().endswith("?"):
        yield "p:<question>"


def features(text: str, previous: str | None = None) -> tuple[list[list[str]], list[str]]:
    """The features of each sentence of the line, and of its context, kept apart: the line is the sum of its
    sentences, so the model can also say which sentence made a move."""
    by_sentence = [sentence_features(text[a:b]) for a, b in reading_spans(text)]
    return by_sentence, list(previous_features(previous))
