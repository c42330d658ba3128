"""Small-model hygiene: a reply reads as one person speaking, at a spoken length, saying something new.

Small models label their lines ("Priya:"), act ("*sighs*", "(pauses)"), format (headings, bold, lists),
write the learner's next line for them, ramble past any length and repeat themselves. Everything here
treats the reply as hostile text: each pattern is bounded, and the engine stops reading a reply once it
has run far past the word budget (RUNAWAY), so no reply costs more than a few kilobytes of work.

A reply is assembled sentence by sentence. The whole text so far is cleaned (so a span split across chunks
is judged whole) up to the last sentence end with no bracket or asterisk left open, and its new sentences
are released, unless the engine holds the reply (it may still ask again): then nothing shows until
`release()`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from coach.core import text_safety
from coach.rehearsal.engines import labels
from coach.rehearsal.engines.brief import oneline
from coach.scenario.model import Scenario

RUNAWAY = 2  # a reply this many times past the budget has run away: stop reading, cut, note
CHARS_PER_WORD = 12  # the runaway bound in characters too, for "words" without spaces
SAME = 0.8  # difflib ratio from which two lines count as the same
MIN_WORDS = 4  # shorter sentences ("Okay.", "I see.") may recur; a reply under 5 words is never a repeat

_GENERIC_OWN = ("assistant", "ai", "bot", "counterpart", "character", "model", "system",
                *(f"{the}{what}" for the in ("", "the ", "my ") for what in ("response", "reply", "answer")))
_GENERIC_LEARNER = ("you", "user", "learner", "human", "participant")
_TOKENS = r"<\|[a-z_]{1,30}\|>|</s>|\[/?INST\]|<(?:start|end)_of_turn>|###\s*(?:instruction|input|response)\b"
_DOING = (r"(?:sigh|smil|laugh|chuckl|nod|paus|lean|frown|shrug|look|glanc|rub|cross|fold|clear|rais|tilt|"
          r"hesitat|winc|grin|beam|soften|stand|sit|check|writ|typ|scribbl|exhal|inhal|breath|tap|turn|gestur|"
          r"wav|smirk|blink|squint|purs|narrow|furrow|stiffen|relax|mutter|whisper)"
          r"(?:e|es|ed|s|ing|d|ding|ting|ping|bing|ning)?\b")
_ACTION = re.compile(rf"^(?:\w+ly\s+)?{_DOING}", re.I)  # "sighs", "slowly leans back"
_SUBJECT_ACTION = re.compile(rf"^\w+\s+(?:\w+ly\s+)?{_DOING}", re.I)  # "she sighs", "Priya leans back"
_ADVERB = re.compile(r"\w+ly", re.I)  # "(calmly)"
_PERSON = re.compile(r"\b(?:i|i'm|i'd|i'll|i've|me|my|we|our|us|you|your)\b", re.I)
_STAR = re.compile(r"(?<![*\w])\*(?!\*)([^*\n]{1,200})\*(?![*\w])")
_STRONG = re.compile(r"\*\*([^*\n]{1,200})\*\*|__([^_\n]{1,200})__")
_UNDER = re.compile(r"(?<!\w)_([^_\n]{1,200})_(?!\w)")
_PAREN = re.compile(r"\(([^()\n]{1,80})\)")
_LINK = re.compile(r"\[([^\[\]\n]{0,200})\]\([^()\s]{0,500}\)")
_BRACKET = re.compile(r"\[[^\[\]\n]{0,200}\]")
_HEADING_LABEL = re.compile(r"(?m)^[ \t]*#{1,6}[ \t]+[^\n.!?]{0,40}$")  # "## Response": a label, not speech
_LINE_MARK = re.compile(r"(?m)^[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|(?:[-*+•]|\d{1,2}[.)])[ \t]+)")
_RULE = re.compile(r"(?m)^[ \t]*(?:[-*_][ \t]*){3,}$")
_ENDS = ".!?…"
_CLOSERS = "\"'”’)"
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)]*(?=\s)")
_WORD = re.compile(r"\w+(?:'\w+)?")
_QUOTED = re.compile(r"“[^”]{0,400}”")
# The private notes' and the rules' own headings: spoken, they give the game away.
_LABELS = re.compile(
    r"stage direction|\b(?:open|closed|answered|next|current|new|remaining) objections?\s*:|answered so far|patience left|do not repeat\s*:|not yet: they|"
    r"(?:they|you) (?:have|'ve) now met (?:your|my) conditions|you may agree if|firm rules|signals for the app|"
    r"private goal|hidden constraints|what would move you|time check|rehearsal|role-?play|\bas an ai\b|"
    r"language model|\bi(?:'m| am) (?:just )?an ai\b|\bthis (?:response|reply|prompt)\b|"
    r"\b(?:previous|last|next) (?:response|reply)\b",
    re.I,
)
_AGREEING = re.compile(
    r"\b(?:you'?ve (?:convinced|persuaded) me|you'?ve earned it|(?:let'?s|we'?ll|i'?ll|i will|i can|i'?m happy to|"
    r"i'?m going to) (?:do it|do that|go ahead|make it happen|put you (?:forward|up)|nominate|approve|sign off|"
    r"support (?:it|this|you)|back (?:it|this|you)|agree)|consider it done|(?:it'?s a )?deal\b|you have my "
    r"(?:support|approval|backing|yes)|i'?m (?:on board|in)\b|i agree\b|agreed\b|approved\b|the answer is yes|"
    r"^(?:yes|yeah|sure|fine|okay|ok|alright)[,!.]? (?:let'?s|i'?ll|we'?ll|you'?ve got it|go ahead))",
    re.I,
)


@dataclass(frozen=True)
class Voice:
    """Who speaks in a reply and who must not: the counterpart's labels are stripped, the learner's end it."""

    own: re.Pattern[str]
    cut: re.Pattern[str]
    budget: int  # words
    stops: tuple[str, ...]

    @classmethod
    def of(cls, scenario: Scenario, budget: int, participant: str | None = None) -> Voice:
        c, learner = scenario.counterpart, scenario.learner
        own = {c.name, *c.name.split(), *_role_labels(c.role), *_GENERIC_OWN}
        theirs = {*_role_labels(learner.role), *_GENERIC_LEARNER}
        name = " ".join((participant or "").split())
        first = name.split()[0] if name else ""
        if name:
            theirs |= {name, first}
        shared = {x.lower() for x in own} & {x.lower() for x in theirs}
        own = {x for x in own if x.lower() not in shared and x.strip()}
        theirs = {x for x in theirs if x.lower() not in shared and x.strip()}
        return cls(
            own=re.compile("(?im)^" + _LABEL.format(_alternatives(own))),
            # The learner's label starts a line the model must not write; a chat template's own tokens mean
            # the model has run on into the next turn. "Me:" is the model's own label at the start of its
            # reply, and the other side's once it has spoken (see `cut_at`).
            cut=re.compile(r"(?im)^" + _LABEL.format(_alternatives(theirs))
                           + r"|\b(?:user|learner|human)[ \t]*:|" + _TOKENS + r"|^(?P<me>" + _LABEL.format("me") + ")"),
            budget=budget,
            # Four at most (the OpenAI limit): where the model would start writing the learner's line.
            stops=("\nYou:", "\nUser:", "\nLearner:", f"\n{first or 'Human'}:"),
        )


    def cut_at(self, text: str, pos: int = 0) -> int | None:
        """Where the model began writing the learner's line (or ran on into the next turn), or None."""
        for found in self.cut.finditer(text, pos):
            if not found["me"] or text[: found.start()].strip():
                return found.start()
        return None


_LABEL = r"[ \t]*(?:\*\*|__)?(?:{})(?:[ \t]*\([^()\n]{{0,40}}\))?(?:\*\*|__)?[ \t]*[:：][ \t]*(?:\*\*|__)?"


def _role_labels(role: str) -> set[str]:
    head = re.sub(r"\([^)]*\)", "", role.split(",")[0]).strip()
    parts = head.split()
    return {head, parts[-1]} if parts else set()


def _alternatives(labels: set[str]) -> str:
    return "|".join(re.escape(x) for x in sorted(labels, key=len, reverse=True))


# -- cleaning --------------------------------------------------------------------------------------


def clean(text: str, voice: Voice) -> str:
    """The reply as plain speech: up to any line written for the learner, without labels, stage directions,
    markdown or wrapping quotes, its whitespace collapsed."""
    # Escape sequences go first, whole: taking brackets or whitespace out of one would leave its payload.
    text = text_safety.clean(text)
    cut = voice.cut_at(text)
    if cut is not None:
        text = text[:cut]
    text = _LINK.sub(r"\1", text)
    text = _BRACKET.sub(" ", text)
    text = _STRONG.sub(lambda m: m.group(1) or m.group(2), text)
    text = _STAR.sub(lambda m: _stage(m, text, star=True), text)
    text = _PAREN.sub(lambda m: _stage(m, text, star=False), text)
    text = _UNDER.sub(r"\1", text)
    text = _RULE.sub("", text)
    text = _HEADING_LABEL.sub("", text)
    text = _LINE_MARK.sub("", text)
    text = labels.strip(text, voice.own, keep=_LABELS.search)
    text = text.replace("*", "").replace("`", "")
    text = re.sub(r"\s+([,.!?;:…])", r"\1", oneline(text))
    return _unquote(text)


def _stage(m: re.Match[str], text: str, star: bool) -> str:
    """A *span* or (span) is a stage direction when it reads as an action, or stands between sentences and
    speaks of no one in the conversation; otherwise it was emphasis (unwrapped) or an aside (kept)."""
    inner = m.group(1).strip()
    before = text[: m.start()].rstrip(" \t")[-1:]
    after = text[m.end() :].lstrip(" \t")[:1]
    between = (not before or before in _ENDS + _CLOSERS + "\n:") and (not after or after.isupper() or after in "\n*(")
    person = _PERSON.search(inner)
    if (_ACTION.match(inner) or (_SUBJECT_ACTION.match(inner) and not person) or (between and not person)
            or (_ADVERB.fullmatch(inner) and (between or not star))):
        return " "
    return inner if star else m.group(0)


def _unquote(text: str) -> str:
    """A reply wrapped in quotation marks, unwrapped; so is a quote opened at the start and never closed (the
    beginning of such a reply, while it streams)."""
    for a, b in (('"', '"'), ("“", "”")):
        if len(text) > 2 and text[0] == a and a not in text[1:-1] and b not in text[1:-1]:
            return text[1:-1].strip() if text[-1] == b else text[1:].strip()
    return text


def sentences(text: str) -> list[str]:
    """`text` in sentences, each stripped (an abbreviation may split one: that only makes a cut finer), a
    quotation mark left over from a quote that spans sentences taken off."""
    out, start = [], 0
    for end in _BOUNDARY.finditer(text):
        piece = _balanced(text[start : end.end()].strip())
        if piece:
            out.append(piece)
        start = end.end()
    tail = _balanced(text[start:].strip())
    return [*out, tail] if tail else out


def _balanced(sentence: str) -> str:
    for a, b in (("“", "”"), ('"', '"')):
        unmatched = sentence.count(a) % 2 if a == b else sentence.count(a) != sentence.count(b)
        if unmatched and (sentence.startswith(a) or sentence.endswith(b)):
            sentence = (sentence[1:] if sentence.startswith(a) else sentence[:-1]).strip()
    return sentence


def words(text: str) -> int:
    return len(text.split())


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def _same(a: str, b: str) -> bool:
    if a == b:
        return True
    m = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return m.real_quick_ratio() > SAME and m.quick_ratio() > SAME and m.ratio() > SAME


class Earlier:
    """What the counterpart must not say again: its earlier replies (a repeat is asked for again or left out),
    and what it was told in private (the rules, the stage direction, the notes), which a small model will
    read out given the chance. A sentence that quotes five words running of those, or names one of their
    labels, is never said."""

    def __init__(self, replies: Sequence[str], private: Sequence[str] = ()):
        self.replies = [n for r in replies if words(n := _norm(r)) > MIN_WORDS]
        self.sentences = [n for r in replies for s in sentences(oneline(r)) if words(n := _norm(s)) >= MIN_WORDS]
        # Quoted lines in a note are the character's own (the objection to press): those may be said.
        self._secret = {g for text in private for g in _grams(_norm(_QUOTED.sub(" ", text)))}

    def leaks(self, sentence: str) -> bool:
        return bool(_LABELS.search(sentence)) or not self._secret.isdisjoint(_grams(_norm(sentence)))

    def repeats(self, sentence: str) -> bool:
        n = _norm(sentence)
        return words(n) >= MIN_WORDS and any(_same(n, e) for e in self.sentences)

    def duplicate(self, reply: str) -> str | None:
        """The sentence by which `reply` near-duplicates an earlier reply (most of its sentences said
        before, or the whole close to an earlier reply), or None. Replies of a few words never do."""
        n = _norm(reply)
        if words(n) <= MIN_WORDS:
            return None
        said = sentences(reply)
        repeated = [s for s in said if self.repeats(s)]
        if repeated and 2 * len(repeated) > len(said):
            return repeated[0]
        if any(_same(n, e) for e in self.replies):
            return next((s for s in said if words(s) >= MIN_WORDS), reply)
        return None


def _grams(normalised: str, n: int = 5) -> set[tuple[str, ...]]:
    w = normalised.split()
    return {tuple(w[i : i + n]) for i in range(len(w) - n + 1)}


def agreeing(sentence: str) -> bool:
    return bool(_AGREEING.search(sentence))


# -- assembling a reply as it streams -------------------------------------------------------------


class Assembler:
    """One attempt at a reply. Fed the model's text (markers already out), it says what may show now; at
    the end, `close()` and `release()` give the rest: cut to the word budget, repeated sentences left out
    (unless nothing else was said)."""

    def __init__(self, voice: Voice, earlier: Earlier, hold: bool):
        self.voice, self.earlier, self.hold = voice, earlier, hold
        self._text = ""
        self._words = 0
        self._scan = 0  # how far the span scan has read
        self._open = [0, 0, 0]  # ( [ * open at the scan position
        self._safe = 0  # the raw text up to here has been cleaned and judged (at a sentence end)
        self._judged = 0  # how many of its cleaned sentences
        self.shown: list[str] = []
        self._repeats: list[str] = []  # held back: said before (here or in an earlier reply)
        self._rest: list[str] = []  # not judged yet, after close()
        self._said: set[str] = set()  # this reply's sentences, normalised: a loop says each once
        self._used = 0  # words let through
        self.full = False  # the budget is reached: nothing more shows
        self.runaway = False
        self.learner_line = False  # the model began writing the learner's line: the reply ends there
        self.cut = False  # the reply was cut at the budget

    @property
    def raw(self) -> str:
        return self._text

    @property
    def stop_reading(self) -> bool:
        return self.runaway or self.learner_line

    def feed(self, piece: str) -> str:
        if not piece or self.stop_reading:
            return ""
        start = max(0, len(self._text) - 40)  # a label may have begun in the last piece
        self._text += piece
        self._words += _new_words(self._text, piece)
        limit = self.voice.budget * RUNAWAY
        if self._words > limit or len(self._text) > limit * CHARS_PER_WORD:
            self.runaway = True
        cut = self.voice.cut_at(self._text, start)
        if cut is not None:
            self.learner_line = True
            self._text = self._text[:cut]
            self._scan = min(self._scan, len(self._text))
        if self.hold:
            return ""
        safe = self._safe_point()
        # Cleaning starts from the top each time, so it waits for the judged text to grow by a quarter:
        # the first sentence shows at once, and a reply costs a few times its length in all.
        if safe <= self._safe or safe - self._safe < self._safe // 4:
            return ""
        self._safe = safe
        return self._show(self._judge_new(sentences(clean(self._text[:safe], self.voice))))

    def _safe_point(self) -> int:
        """The end of the last sentence (where the space after it begins) with no (, [ or * open before it."""
        text, depth, safe = self._text, self._open, self._safe
        for i in range(self._scan, len(text)):
            ch = text[i]
            if ch == "(":
                depth[0] += 1
            elif ch == ")":
                depth[0] = max(0, depth[0] - 1)
            elif ch == "[":
                depth[1] += 1
            elif ch == "]":
                depth[1] = max(0, depth[1] - 1)
            elif ch == "*":
                depth[2] ^= 1
            elif ch.isspace() and i and not any(depth) and _BOUNDARY.match(text, _start_of_end(text, i)):
                safe = i
        self._scan = len(text)
        return safe

    def _judge_new(self, found: list[str]) -> list[str]:
        out = []
        for sentence in found[self._judged :]:
            self._judged += 1
            out.extend(self._judge(sentence))
        return out

    def _judge(self, sentence: str) -> list[str]:
        """[sentence] when it may show; [] when it is held back or past the budget."""
        if self.full:
            return []
        if self.earlier.leaks(sentence):
            return []  # never shown, not even to fill an empty reply
        n = _norm(sentence)
        if (n and n in self._said) or self.earlier.repeats(sentence) or self._loops(n):
            self._repeats.append(sentence)
            return []
        self._said.add(n)
        budget, used = self.voice.budget, self._used
        if used + words(sentence) > budget:  # cut at the last sentence end within it
            self.full = self.cut = True
            if used:
                return []
            sentence = " ".join(sentence.split()[:budget]).rstrip(",;:") + "…"  # not one sentence fits: cut it
        self._used += words(sentence)
        return [sentence]

    def _loops(self, n: str) -> bool:
        """Close to a sentence this reply already said (small models go round in circles)."""
        return words(n) >= MIN_WORDS and any(_same(n, x) for x in self._said if words(x) >= MIN_WORDS)

    def _show(self, new: list[str]) -> str:
        if not new:
            return ""
        text = (" " if self.shown else "") + " ".join(new)
        self.shown += new
        return text

    # -- the end of the attempt -----------------------------------------------------------------

    def close(self, complete: bool) -> None:
        """The stream is over; `complete` is False when it was cut short (length limit, runaway, size)."""
        found = sentences(clean(self._text, self.voice))
        rest = found[self._judged :]
        self._judged = len(found)
        if not complete and rest and rest[-1][-1] not in _ENDS + _CLOSERS:
            unfinished = rest.pop()
            if not rest and not self.shown and not self._repeats:
                rest = [unfinished.rstrip(",;:") + "…"]  # not one full sentence: keep what there is
        self._rest = rest

    def reply(self) -> str:
        """The whole reply as it stands: what showed, what was held back and what is still to show."""
        return " ".join([*self.shown, *self._repeats, *self._rest])

    def speakable(self) -> bool:
        """Whether anything of the reply can be said aloud (not only labels, actions or private notes)."""
        return bool(self.shown) or any(not self.earlier.leaks(x) for x in [*self._repeats, *self._rest])

    def repeated(self) -> str | None:
        """The earlier sentence this reply repeats, when it is a near-duplicate and none of it has shown."""
        return None if self.shown else self.earlier.duplicate(self.reply())

    def withhold_agreement(self, instead: str) -> None:
        """Take out the sentences that agree (none has shown: the reply was held); `instead` when nothing
        is left."""
        self._repeats = [s for s in self._repeats if not agreeing(s)]
        self._rest = [s for s in self._rest if not agreeing(s)]
        if not (self.shown or self._repeats or self._rest):
            self._rest = [instead]

    def release(self) -> str:
        """What is still to show; what was said before only when the reply would otherwise be empty."""
        new = []
        for sentence in self._rest:
            new.extend(self._judge(sentence))
        self._rest = []
        if not self.shown and not new:
            new = self._repeats[:3]
        self._repeats = []
        return self._show(new)

    def say(self, line: str) -> str:
        """A line the engine puts in instead (the scenario's own), shown as it is."""
        return self._show([line])

    def partial(self) -> str:
        """After a failure: what arrived and has not shown, cleaned; it is saved as a reply cut off."""
        return self._show(sentences(clean(self._text, self.voice))[self._judged :])


def _start_of_end(text: str, i: int) -> int:
    """Where the sentence end before position `i` (punctuation, then closing quotes) begins, or `i`."""
    j = i
    while j > 0 and text[j - 1] in _CLOSERS:
        j -= 1
    while j > 0 and text[j - 1] in _ENDS:
        j -= 1
    return j if j < i and text[j] in _ENDS else i


def _new_words(text: str, piece: str) -> int:
    """Words `piece` starts at the end of `text` (a word split across two pieces counts once)."""
    start = len(text) - len(piece)
    before = text[start - 1] if start else " "
    count = len(re.findall(r"\s\S", piece))
    return count + (1 if piece[:1] and not piece[0].isspace() and before.isspace() else 0)
