"""A pick kept in mind: asked "the Peel interim or Harcourt's year-end?", the counterpart picked one. When the learner
then settles on the other ("I run Harcourt day to day from 1 September"), a listening person notices the change
("I'd have gone for the Peel interim, but I can work with that") rather than agreeing as if they had never picked.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from coach.rehearsal.dialogue.leaving import sentences
from coach.rehearsal.dialogue.memory import PROPOSING, proposes_in

if TYPE_CHECKING:  # a reply being decided (policy.py) is passed in; nothing here decides one
    from coach.rehearsal.dialogue.policy import Reply

# The words two options share or every line has ("option B" and "option C" differ by their letter alone); short
# words are dialect glue as often as not ("tae", "wi", "ye"), so only a name, a figure or a longer word tells.
_GLUE = set("option options plan route choice week then that this those these there could would will with from your "
            "mine fine okay have what when which first second third last start before after only just both also keep "
            "take takes review check check-in meet meeting".split())
_TOKEN = re.compile(r"(?<![\w'])([A-Za-z0-9][A-Za-z0-9-]*)")
_LABEL = re.compile(r"\b(?:option|plan|route)\s+([A-Za-z0-9])\b", re.IGNORECASE)
# "9 December then", "option C it is", "let's go with the interim": a line that settles on something.
_SETTLING = re.compile(r"\b(?:then|it is|go(?:ing)? with|let's do|we'll do|i'll (?:take|do|run|lead)|settle|prefer|rather)\b",
                       re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z]{4,}")  # an option with a word in it ("21:30" read as a choice of "30" is none)
# A longer option, often a clause, reads badly said back ("…, the website rebuild stops until April was, but…").
MAX_SAID_BACK = 4


def words(text: str) -> set[str]:
    """The words that tell one option from another: its label ("option C"), names, figures and longer words, with
    no possessive 's and none of the glue."""
    text = re.sub(r"['’]s\b", "", text)
    out = {f"option-{m.group(1).lower()}" for m in _LABEL.finditer(text)}
    for m in _TOKEN.finditer(text):
        word = m.group(1)
        word = word.lower().removesuffix("s") if len(word) >= 5 else word.lower()  # "Wednesdays" is "Wednesday"
        if (len(word) >= 4 or word[0].isdigit() or len(word) >= 3 and m.group(1)[0].isupper()) and word not in _GLUE:
            out.add(word)
    return out


def _names(option: str, said: set[str], others: set[str]) -> bool:
    """The line names this option: its label, or enough of what sets it apart (one word of a short option, two of a
    long one)."""
    own = words(option) - others
    shared = own & said
    labelled = any(w.startswith("option-") for w in shared)
    return labelled or len(shared) >= (1 if len(own) <= 3 else 2)


def _says_again(option: str, text: str) -> bool:
    """Three words of the option in a row, as said ("one day a week is cleaner, so let's go with that" of "stays with
    you one day a week"): the pick named, whatever its words are made of."""
    said, own = _run_words(text), _run_words(option)
    runs = {tuple(own[i:i + 3]) for i in range(len(own) - 2)}
    return any(tuple(said[i:i + 3]) in runs for i in range(len(said) - 2))


def _run_words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def said_back(option: str) -> str:
    """How the pick is named again: its label, or the option itself when it is short enough."""
    label = _LABEL.match(option.strip())
    if label:
        return label.group(0)
    return option if len(option.split()) <= MAX_SAID_BACK else ""


def remember_pick(r: Reply, options: list[str], picked: str) -> None:
    """After picking `picked` (said from this side) among the learner's `options`: the ones passed over."""
    mine = words(picked)
    r.state.facts["passed_over"] = [o for o in options if _WORD.search(o) and not words(o) <= mine]


def _settling_sentences(r: Reply) -> list[str]:
    """The sentences that settle on something ("9 December then") or put a proposal ("I run Harcourt day to day from
    1 September"): an option named elsewhere ("…and Harlow's launch on track") is only mentioned."""
    d = r.detection
    return [x for x in sentences(d.text) if proposes_in(d, x, PROPOSING & d.move_ids) or _SETTLING.search(x)]


def notice_switch(r: Reply) -> bool:
    """The learner settles on an option passed over: say it was not the one picked, once, then go on. Settling on
    the pick itself ends the watch."""
    s = r.state
    passed, chosen = s.facts.get("passed_over", []), s.facts.get("chosen", [])
    if not passed or not chosen:
        return False
    settling = _settling_sentences(r)
    said, mine = words(" ".join(settling)), words(chosen[0])
    passed_words = set().union(*(words(o) for o in passed))
    if _names(chosen[0], words(r.detection.text), passed_words) or _says_again(chosen[0], r.detection.text):
        s.facts["passed_over"] = []  # they took the pick
        return False
    named = [o for o in passed if _names(o, said, mine)]
    asks_anew = r.heard.question is not None and r.heard.question.topic == "choice"  # a new choice is answered instead
    if len(named) != 1 or asks_anew:
        return False
    s.facts["passed_over"] = []
    s.facts["chosen"] = [named[0]]
    s.facts.setdefault("options", []).append(named[0])  # what an agreement now says back
    return bool(r.say("noticed:switch", r.general["switched_pick"], slots={"option": said_back(chosen[0])}))
