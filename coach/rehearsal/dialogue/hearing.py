"""What a learner line asks or does beyond its moves: a direct question and its topic, a remark outside the
negotiation (a hazard: hazards.py), an apology or nerves, a goodbye (leaving.py).

A question is found by its shape (question_shapes.py) and the question reader, and its topic named by the reader
weighing the hand-written cues (question_cues.py); the other remarks are in remarks.py.

Moves come from the trained move model; these are conversational acts a listening person answers. The
cues are plain English a learner types, lower case or not, with or without a question mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from coach.moves.in_full import in_full
from coach.moves.model import MoveModel, shared_asking_model
from coach.rehearsal.dialogue import question_cues as cues
from coach.rehearsal.dialogue import question_shapes as shapes
from coach.rehearsal.dialogue import remarks, topics
from coach.rehearsal.dialogue.facts import choice_options, options_before
from coach.rehearsal.dialogue.hazards import describes_hazard
from coach.rehearsal.dialogue.leaving import goes_after_asking, split_sentences, takes_leave

_I = re.IGNORECASE


# Questions about the counterpart's side (their worry, who decides, what would help, how they feel): asking them
# explores that side, and they are answered from what the counterpart knows.
THEIR_SIDE = frozenset({"constraint", "decision", "help", "feelings"})


@dataclass
class Question:
    topic: str  # constraint, decision, timing, help, feelings, personal, choice, verdict, favour, offer, check, other
    text: str
    options: list[str] = field(default_factory=list)
    request: bool = False  # "could we…?": an ask in question form, answered by the reply to the ask
    greeting: bool = False  # "G'day Rob, how ya going.": hello and how are you, answered in kind before the rest
    around: str = ""  # the line a question at its tail was cut from ("the radiator's banging again, is that just me")
    # the turn's other questions: "how does one get into the December round? Is there a deadline, or is it up to the
    # partners?" is one question put twice over, answered on the words of both
    others: list[str] = field(default_factory=list)

    @property
    def whole(self) -> str:
        """Every question the turn asks, this one last: the words an answer is chosen on."""
        return " ".join([*self.others, self.text])

    @property
    def asks_for_a_word(self) -> bool:
        """"Can I grab you about my workload?", "got a minute?": asking to talk at all, answered with "go on"."""
        return bool(remarks.A_WORD.search(self.text) or remarks.WANT_A_WORD.search(self.text))

    @property
    def word_later(self) -> bool:
        """A word asked for another time ("have you a minute on Thursday?"), answered as a meeting, not "go on"."""
        return self.asks_for_a_word and remarks.asks_for_later(self.text)

    @property
    def how_they_are(self) -> bool:
        """A personal question their own small talk answers ("good weekend?"), not one about a particular."""
        return bool(remarks.WELLBEING.search(self.text) or remarks.GREETING_ASK.search(self.text))


@dataclass
class Heard:
    question: Question | None = None
    hazard: bool = False
    aside: bool = False  # a joke, a complaint, small talk outside the negotiation
    laughing: bool = False  # "ha", "lol", "only joking": said with a laugh
    apology: bool = False
    sympathy: bool = False  # "I'm sorry to hear about your dad": thanked, not taken for an apology
    nerves: bool = False
    strain: bool = False  # "I'm stuffed, I'm not sleeping": overload, met with warmth
    leaving: bool = False  # "I've got to go", "let's leave it there": met with a goodbye, not a new question
    going_after_asking: bool = False  # "I must go now. We talk again when?": the answer, then the goodbye
    moment: bool = False  # "give me a sec", "I need a minute with that": given, with nothing asked on top


def sentences(text: str) -> list[str]:
    out: list[str] = []
    for part in split_sentences(text):  # "…go somewhere else? Or wait?": the tail belongs to the question before it
        if out and len(part.split()) <= 3 and re.match(r"(?:or|and)\b", part, _I):
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return out


def hear(text: str, earlier: str = "") -> Heard:
    """What a learner line does besides its moves. `earlier`: their line before, where a bare "Which one do you
    prefer?" finds the options it points back to."""
    text = in_full(text)
    heard = Heard(
        hazard=describes_hazard(text),
        aside=bool(remarks.JOKE.search(text) or remarks.COMPLAINT.search(text)),
        laughing=bool(remarks.JOKE.search(text)),
        nerves=bool(remarks.NERVES.search(text)),
        leaving=takes_leave(text),
        going_after_asking=goes_after_asking(text),
        moment=bool(remarks.A_MOMENT.search(text)),
        **remarks.feelings_in(text),
    )
    before_turn = sentences(in_full(earlier)) if earlier else []  # where a bare "which one?" finds its options
    said_as = sentences(text)
    said = [piece for sentence in said_as for piece in _typed_question(sentence)]
    questions = [q for i in range(len(said)) if (q := question_in(said, i, text, before_turn)) is not None]
    if not questions:  # a clause at the end that asks is looked for only where nothing else does
        tail = [piece for sentence in said_as for piece in _typed_question(sentence, tail_asks=True)]
        if tail != said:  # read again only where a tail was cut off
            questions = [q for i in range(len(tail)) if (q := question_in(tail, i, text, before_turn)) is not None]
            for q in questions:
                q.around = text
    if not questions and (asked := asked_by_reader(said, text, before_turn)
                          or asked_past_the_cues(said, text, before_turn)) is not None:
        questions = [asked]
    if questions:
        # The last question is the one left hanging; a real topic beats a request or a general one.
        ranked = sorted(questions, key=lambda q: (q.topic != "other", not q.request))
        heard.question = ranked[-1]
        heard.question.others = [q.text for q in questions if q is not heard.question]
    if heard.question and heard.question.topic == "other" and remarks.RIDDLE.search(text):
        heard.question = None  # the riddle in a joke wants a laugh, not an answer ("…lol" still asks)
    return heard


def _typed_question(sentence: str, tail_asks: bool = False) -> list[str]:
    """"hiya siobhan, hows the new kitchen going, did the worktop ever turn up": typed with commas and no end mark,
    the question starts at the last clause that opens like one; typed with no comma that opens one ("…not the desk
    phone so what would you need to see"), at the last "so", "but" or "and" that does. The sentence is read as what
    comes before it and the question."""
    if sentence.rstrip().endswith((".", "!", "?")):
        return [sentence]
    clauses = [c.strip() for c in sentence.split(",")]
    for j in range(len(clauses) - 1, 0, -1):
        clause = clauses[j]
        if len(clause.split()) >= 3 and shapes.QUESTION_START.match(clause) and not shapes.STATEMENT_START.match(clause):
            return [", ".join(clauses[:j]), ", ".join(clauses[j:])]
    # Where nothing else in the line asks (`tail_asks`): "…making that banging noise again, is that just me", "can I
    # ask something daft first, is the heating ever getting fixed": the last clause opens with an auxiliary and who
    # or what it asks about (not "…, did his Gold and everything", said of someone)
    last = clauses[-1]
    if tail_asks and len(clauses) > 1 and len(last.split()) >= 3 and _TAIL_ASKS.match(last):
        return [", ".join(clauses[:-1]), last]
    for m in reversed(list(_JOINED.finditer(sentence))):
        clause = sentence[m.start():].strip()
        if len(clause.split()) >= 4 and _RUN_ON_ASK.match(clause) and not shapes.STATEMENT_START.match(clause):
            return [sentence[: m.start()].strip(), clause]
    return [sentence]


_TAIL_ASKS = re.compile(r"^(?:is|are|was|were|do|does|did|has|have|can|could|would|will|should)\s+(?:it|that|this|there|the|anyone"
                        r"|anybody|someone|somebody|you|u|ye|we|he|she|they)\b", _I)
_JOINED = re.compile(r"(?<=\w)(?<!\bor)\s+(?=(?:so|and|but)\s)", _I)  # not "…a couple of weeks or so is that ok"
# "so what…", "but how…", "and could you…"; not "…and who could take them" or "…the freeze and why, no
# need…": a question word after "and" names something inside a statement
_RUN_ON_ASK = re.compile(r"^(?:(?:so|but)\s+(?:what|what's|whats|how|when|who|why|which|where)\b(?!\s*,)"
                         r"|(?:so|and|but)\s+(?:can|could|would|will|do|does|did|is|are|have)\s+"
                         r"(?:you|u|ye|ya|yous|we|i|it|that|this|there)\b)", _I)


# "Did I ever tell you about my first DofE expedition?": a story about to be told, not a question to answer.
_STORY_OPENER = re.compile(r"\b(?:did i (?:ever )?tell (?:you|ye|u)|have i (?:ever )?told (?:you|ye|u)) (?:about|the (?:one|story|time))\b", _I)


def question_in(said: list[str], i: int, line: str, before_turn: list[str]) -> Question | None:
    """The question sentence `said[i]` of `line` asks, if any: the question reader's word on what may be one
    (anything with a question's shape, a question mark, or "tell me…"), the hand-written cues' without a reader.
    A greeting that asks how they are ("G'day Rob, how ya going.") is one, unless it asks more ("How are you
    doing, really?" asks what is going on)."""
    question = _question_in(said, i, line, before_turn)
    if (question is None or question.topic == "personal") and remarks.GREETING_ASK.search(said[i]):
        return Question("personal", said[i], greeting=True)
    return question


def _question_in(said: list[str], i: int, line: str, before_turn: list[str]) -> Question | None:
    s = said[i]
    # asks by its shape alone, whatever the question reader says: "what does your director think…", "Is Mr
    # Hartigan gonna…" typed without a full stop
    asks_by_shape = bool(shapes.WH_ASKS.match(s) or (shapes.INVERTED_ASKS.match(s) or shapes.CHECK_TAIL.search(s)) and not s.endswith("."))
    shaped = bool(((s.endswith("?") and not (shapes.TAG.search(s) and not (shapes.QUESTION_START.match(s) or shapes.INVERTED.match(s))))
                   or (shapes.QUESTION_START.match(s) and not shapes.STATEMENT_START.match(s)) or (i and _YOUR_PICK.match(s))
                   or _PICK_TAIL.search(s) and (_OR.search(s) or i and _LISTED.search(said[i - 1]))
                   or shapes.ASK_PREFACE.match(s) or _indirect(s) or cues.VERDICT.search(s) or remarks.asks_for_a_word(s)
                   or asks_by_shape)  # (a question word's opening is already shaped, by shapes.QUESTION_START)
                  and not shapes.INTERJECTION.match(s) and not (shapes.COMMON_GROUND.match(s) and i < len(said) - 1)
                  and not shapes.UPTALK.match(s))
    if (asking := remarks.MAY_I_ASK.search(s)) and (rest := _asked_after_leave(s[asking.end():])):
        # "is it ok if I ask what you think the head would want?": the nerves get warmth, the question its answer
        s, said = rest, [*said[:i], rest, *said[i + 1:]]
    elif asking or _STORY_OPENER.search(s):
        return None  # "is it even okay that I'm asking?" wants warmth (nerves), not an answer
    if not (shaped or s.endswith("?") or shapes.QUESTION_START.match(s) and not shapes.STATEMENT_START.match(s)
            or shapes.ASK_PREFACE.match(s) or shapes.INDIRECT.search(s)):
        return _asked_without_a_shape(s, line)
    choice, listed, cued = _cued_at(said, i, before_turn, s)
    # "What's making it so hard, and how does the panel decide?": the question left hanging is the one answered
    clauses = [c for c in cues.AND_ASKS.split(s) if len(c.split()) >= 3]
    reading = topics.read(clauses[-1] if len(clauses) > 1 else s, line, cue=_cue(cued))
    if reading is None:
        return cued if shaped else None
    # "Who says no?", "Why is the freeze for everybody?": a question word and a mark ask about their side, though
    # the reader heard no question, when it ends the line: one followed by more ("Who picks up at ten past six? Me.",
    # "Who'd pick up the early stuff? I mean I could do it from home") is often the learner's own to answer
    about_their_side = (bool(shapes.WH_MARKED.match(s)) and topics.topic_of(reading) in THEIR_SIDE
                        and i + 1 == len(said))
    if not topics.asked(reading, shaped) and not asks_by_shape and not about_their_side:
        return None
    return choice or _read(s, listed, reading)


def _cued_at(said: list[str], i: int, before_turn: list[str], sentence: str) -> tuple[Question | None, bool, Question]:
    """The choice `sentence` (the `i`th of `said`) offers, if any, whether options were listed just before it, and
    the question as the cues hear it (the choice, else their reading). Only a bare "which one?" points back across
    turns; "which one or two gaps would you close?" names its own."""
    choice, listed = _choice(sentence, said[:i] or (before_turn if len(sentence.split()) <= 6 else []))
    return choice, listed, choice or _cued(sentence)


# The reader alone hears a question no cue knows the shape of ("yeah so what is it thats worrying you about it",
# "do one thing, kindly tell me what you will need from me") only when it is this sure.
READER_ALONE = 0.9
_WH = r"(?:what|whats|which|who|whom|whose|where|why|how|whether|when)"
# a question word that opens a clause ("…tbh whats the process", "kindly tell me how…", "let me know by when"), or
# one followed by what a question puts next ("…which would you rather"); not one inside a statement ("people who
# know what claims cost", "…, which is the view the panel wanted")
_ASKING_WORD = re.compile(r"(?:^|\b(?:tell\s+me|let\s+(?:me|us)\s+know|(?:to|me)\s+(?:know|understand)|wondering|explain|"
                          r"tbh|so|then|and|but)\s+)(?:what|whats|which|who|whom|whose|where|why|how|whether)\b|\bby\s+when\b"
                          # "wondering when does…", not "wondering when I last…"
                          r"|\b(?:wondering|wonder|tell\s+me|let\s+(?:me|us)\s+know)\s+when\b(?!\s+i\b)"
                          r"|[,;:]\s*(?:what|whats|who|how|why|where|whether)\b"  # ", which…" and ", when…" go on a statement
                          r"|(?<!,\s)\b" + _WH + r"\s+(?:do|does|did|would|will|can|could|should|shall|are|were|works?|suits?)\b"
                          r"\s+(?:you|u|ye|we|i|it|that|this|they|he|she|better|best|for)\b", _I)
# "if you need anything, just tell me" offers; "what I mean is…", "what I'd like is…" say
_STATES = re.compile(r"^\W*(?:and\s+|but\s+|so\s+)?(?:if\b|what\s+(?:i|we)(?:'d|'m|\s+(?:would|want|mean|need|should|am|like)\b))", _I)


def _asked_after_leave(rest: str) -> str:
    """The question asked for leave to ask: "what you think the head would want" of "is it ok if I ask what you
    think the head would want, sorry if that's silly" ("" when nothing is asked: "is it okay to ask?")."""
    rest = re.split(r",|\s+(?:sorry|but|and\s+sorry)\b", rest.strip(), maxsplit=1)[0].strip()
    return rest if re.match(rf"{_WH}\b", rest, _I) and len(rest.split()) >= 3 else ""


def _asked_without_a_shape(sentence: str, line: str) -> Question | None:
    asked_for = bool(_TELL_ME.search(sentence))  # "kindly advise me how…", "I have one doubt": asked in so many words
    if not (asked_for or _ASKING_WORD.search(sentence)) or _STATES.match(sentence):
        return None
    reading = topics.read(sentence, line)
    barred, bar = (_NOT_ALONE_ASKED, ASKED_FOR) if asked_for else (_NOT_ALONE, READER_ALONE)
    by_when = bool(_BY_WHEN.search(sentence))
    if reading is None or reading.topic in barred and not by_when or reading.confidence < bar:
        return None
    if by_when:  # "kindly let me know by when you can decide" asks a time, not a favour
        return Question("timing", sentence)
    return _read(sentence, False, reading)


# Not taken from the reader alone: what it reads in statements ("other", the learner's "ask"), and who decides, which it
# hears in "I want to understand what the panel meant" (a question about the reasons, not the process).
_NOT_ALONE = ("none", "other", "ask", "decision")
# A request for information in so many words ("kindly advise me how the management is seeing this", "please tell,
# I will work on it", "I have one doubt, kindly tell me who is deciding") asks whatever the reader finds in it, even
# who decides, when it is fairly sure of the topic.
_TELL_ME = re.compile(r"\b(?:kindly|please)\s+(?:do\s+)?(?:tell|advise|explain|share|say|let\s+(?:me|us)\s+know)\b"
                      # ("please let me know if you need anything" offers; it does not ask)
                      r"(?!\s+(?:me\s+|us\s+)?(?:if|when)\s+(?:you|u)\s+(?:need|want|have|get))"
                      r"|\b(?:advise|explain\s+(?:to\s+)?)(?:me|us)\s+(?:how|what|which|who|why|where|whether|when)\b"
                      r"|\bi\s+have\s+(?:one|a|an|another|small|a\s+small)\s+(?:doubt|question|query)\b", _I)
_NOT_ALONE_ASKED = ("none", "other", "ask", "favour")  # "kindly tell me what can be done" asks no favour
ASKED_FOR = 0.5
_BY_WHEN = re.compile(r"\bby\s+when\b", _I)


def _cue(question: Question) -> str | None:
    """The topic the hand-written cues name, in the reader's labels, where they name one."""
    if question.topic == "other" or question.request and question.topic not in _NOT_ASKS:
        return None
    return question.topic


_NOT_ASKS = ("favour", "verdict", "offer", "personal", "feelings", "choice", "check")  # topics a request shape keeps


# "X. Or Y. Your pick." asks to choose as plainly as "which would you rather?".
_YOUR_PICK = re.compile(r"^\W*(?:(?:it's\s+)?(?:up\s+to\s+you|your\s+(?:pick|call|choice)|you\s+(?:choose|pick|decide)|dealer's\s+choice)"
                        r"\W*)+$", _I)
# "early 7-3 or the 10-6 ur call", "…, either's fine, you pick": options put without a question, handed over to pick.
_PICK_TAIL = re.compile(r"(?:(?<!is it )(?<!it is )(?<!it's )(?<!is that )(?<!that's )\b(?:your|ur|yr) (?:call|choice|pick)"
                        r"|\byou (?:pick|choose|decide)|\bup to you"
                        r"|\bwhichever(?:'s| is)? (?:easier|better|best|suits|works)\b[^.!?]*)(?:,? \w+)?\W*$", _I)
_OR = re.compile(r"\bor\b", _I)
_WHICH = re.compile(r"^\W*(?:(?:so|and|then|ok(?:ay)?|right)\W+)?which\b", _I)
_LISTED = re.compile(r",|\bor\b", _I)  # "I could A, B, or C."
# "Which of those would make the biggest difference?": a choice among what was just said, however it was put.
_WHICH_OF_THOSE = re.compile(r"^\W*(?:so\s+|and\s+)?which\s+(?:one\s+|of\s+(?:those|these|them|the\s+(?:two|three|options|ideas))\s+)", _I)


def _choice(sentence: str, before: list[str]) -> tuple[Question | None, bool]:
    """A choice among options said in the sentence or just before it (`before`: the sentences before it, or of the
    turn before, where "which is easier?" finds its options), and whether something was listed just before."""
    # "X, or Y. Which one's easier to sell upstairs?": a which-question with no options of its own picks between
    # the two just put, however it goes on (of three or more, only the last two would be parsed)
    pick = bool(_YOUR_PICK.match(sentence) or _WHICH.match(sentence) and not _OR.search(sentence)
                and before and len(_OR.findall(before[-1])) == 1)
    options = (choice_options(sentence if sentence.endswith("?") else sentence + "?")
               or options_before(sentence, before[-1] if before else "", " ".join(before), pick=pick))
    listed = bool(before) and bool(_LISTED.search(before[-1]))  # "I could A, B, or C. Which of those…?"
    if options or (listed and (_YOUR_PICK.match(sentence) or _WHICH_OF_THOSE.match(sentence) or _PICK_TAIL.search(sentence))) or (
            _PICK_TAIL.search(sentence) and _OR.search(sentence)):
        return Question("choice", sentence, options), listed  # with no options parsed, one of "those" is still picked
    return None, listed


def _read(sentence: str, listed: bool, reading: topics.Reading) -> Question:
    """The question as the question reader hears it."""
    topic = topics.topic_of(reading)
    if topic == "favour" and _TELL_ME_WHICH.search(sentence):
        # "could you let me know which competencies the panel meant?" asks which, not for a favour ("I can do that, yes")
        topic = reading.runner_up if reading.runner_up not in ("favour", "none", "ask") else "other"
    if topic == "choice" and not listed and not _OR.search(sentence):
        # "which one do you prefer?" with nothing said to choose from asks what they prefer
        topic = reading.runner_up if reading.runner_up not in ("choice", "none", "favour") else "other"
    if topic == "ask":  # the learner's own ask put as a question: the reply to the ask answers it
        return Question("other", sentence, request=True)
    return Question(topic, sentence, request=topic == "check")


# Asked to be told something in particular: "let me know how the names are chosen", "tell me who decided"; not "let me
# know by Wednesday" or "let me know when it's done", which ask a favour.
_TELL_ME_WHICH = re.compile(r"\b(?:tell|let\s+(?:me|us)\s+know|explain|say)\b[^.?!]{0,40}?\b(?:which|how|who|what|why|where"
                            r"|whether)\b", _I)


def _cued(sentence: str) -> Question:
    """The question as the hand-written cues hear it (what the reader weighs, and all there is without one)."""
    # "Aisha could help, maybe?" or "deal?": a statement with a question mark asks for a reaction, not an answer.
    request = bool(shapes.REQUEST.match(sentence)) or not (shapes.QUESTION_START.match(sentence) or shapes.YOU.search(sentence)
                                                           or _ABOUT_A_THING.match(sentence))
    topic = cues.topic_named(sentence)
    if topic == "other" and shapes.CHECK.match(sentence):
        topic, request = "check", True
    put_as_statement = shapes.ASK_PREFACE.match(sentence) or shapes.INDIRECT.search(sentence)
    if put_as_statement:  # what follows the preface is the question: "if we could start in March" proposes
        request = bool(shapes.PROPOSED.match(sentence[put_as_statement.end():]))
    if topic in ("personal", "feelings", "offer") or topic == "verdict" and not shapes.REQUEST.match(sentence):
        request = False  # "Good weekend?" or "Everything alright?" asks about them, whatever its shape
    return Question(topic, sentence, request=request)


# "And the December round, how does it work?" or "Is the lift ever getting fixed?": a question about a thing, not
# an ask put as a question (a topic put first, then the question word; or a yes/no question whose subject is
# neither the speaker nor "it"/"that", which would be "is it ok if I…?").
_ABOUT_A_THING = re.compile(shapes.LEAD + r"(?:(?:[\w'-]+\s+){1,7}[\w'-]+,\s*(?:what|how|who|when|why|where|which)\b"
                            r"|(?:is|are|was|were|has|have|does|do|did)\s+(?:(?:the|a|an|our|my|his|her|their|any|this|that)\s+\w+\b"
                            r"|(?-i:[A-Z][\w-]+)\b(?<!\bI))"
                            r"(?!\s+(?:ok|okay|alright|all right|fine|possible)\b))", _I)


def owns_a_remark(heard: Heard, text: str) -> bool:
    """An apology for something said ("I'm sorry I called your rota a joke"): the rude words it repeats are not
    said again as an attack."""
    return heard.apology and not remarks.SORRY_BUT.search(text)


def about_you(text: str) -> bool:
    """Whether the words are put to the listener ("you", "your", "u")."""
    return bool(shapes.YOU.search(text))


def _indirect(sentence: str) -> bool:
    """A question put as a statement, when it asks about them or their side: "I'm not sure how I'll manage"
    asks nothing, "I'm not sure who signs this off" does."""
    m = shapes.INDIRECT.search(sentence)
    return bool(m) and (cues.topic_named(sentence) != "other" or bool(shapes.YOU.search(sentence[m.end():])))


# The asking reader (`python -m coach.moves.train_asking`) hears a question the cues have no shape for ("Fa decides if
# I can gie it up is it you or the heidie", "Is possible to become Senior this year or not"), when it is this sure of
# the line. It has the last word only where the cues have none: not on a line with a question mark, nor on words
# they weigh and turn down on purpose ("is it even okay that I'm asking", "did I ever tell you about…", "kindly tell
# me…", "what I'd like is…", "you know the review Raj runs"), nor on a fragment ("Could be worse"). Chosen on read
# coherence sets 101-121 with a reader trained on the others: of the 1,968 questions their writers marked, the cues
# alone heard 1,836, with the reader 1,867; lines heard as questions that were not marked, 58 and 60.
READER_ASKS = 0.85
_WEIGHED = re.compile("|".join(p.pattern for p in (remarks.MAY_I_ASK, _STORY_OPENER, _TELL_ME, _ASKING_WORD)), _I)
_WEIGHED_START = (_STATES, shapes.COMMON_GROUND, shapes.UPTALK, shapes.STATEMENT_START)
FRAGMENT = 4  # words: fewer is a fragment


def asked_by_reader(said: list[str], line: str, before_turn: list[str]) -> Question | None:
    """The question the asking reader hears in `line` (its sentences `said`), in the sentence it is surest of."""
    model = shared_asking_model()
    if model is None or not said or "?" in line or _WEIGHED.search(line):
        return None
    if any(p.match(sentence) for p in _WEIGHED_START for sentence in said):
        return None
    return _reader_question(model, READER_ASKS, said, line, before_turn)


# Where the cues looked and turned a line down ("Why's it frozen for us lot and not for whoever lost the Kestrel job",
# read as rhetorical; "I just want to know what I did wrong, like."; "kindly tell me who is supposed to fix it"), the
# asking reader, trained on what writers marked as a question a listener would answer, still has the last word when
# it is very sure of the line. Not over asking leave or a story about to be told: those want warmth, not an answer.
READER_SURE = 0.95


def asked_past_the_cues(said: list[str], line: str, before_turn: list[str]) -> Question | None:
    model = shared_asking_model()
    if model is None or not said or remarks.MAY_I_ASK.search(line) or _STORY_OPENER.search(line):
        return None
    return _reader_question(model, READER_SURE, said, line, before_turn, topic_reader_agrees=True)


def _reader_question(model: MoveModel, bar: float, said: list[str], line: str, before_turn: list[str],
                     topic_reader_agrees: bool = False) -> Question | None:
    """The question in the sentence the asking reader is surest of, where it is at least `bar` sure of the line (and,
    with `topic_reader_agrees`, only where the question reader names a topic it hears on its own)."""
    if model.score(line).confidence["asks"] < bar:
        return None
    sure = [model.score(sentence).confidence["asks"] for sentence in said]
    i = max(range(len(said)), key=lambda k: (sure[k], k))  # (the later of two as sure: the one left hanging)
    sentence = said[i]
    if len(sentence.split()) < FRAGMENT:
        return None
    choice, listed, cued = _cued_at(said, i, before_turn, sentence)
    reading = topics.read(sentence, line, cue=_cue(cued))
    if topic_reader_agrees and (reading is None or reading.topic in _NOT_ALONE_ASKED):
        return None
    return cued if reading is None else choice or _read(sentence, listed, reading)
