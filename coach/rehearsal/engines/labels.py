"""Role labels: the name a small model writes before its line ("Manager:", "Sam (calmly):", "Counterpart's reply:").

Small models invent labels the scenario never names, so they are recognised by their shape: one to four words
without digits, maybe an aside in brackets, then a colon, at the start of a line. The same shape is also speech
that leads with a colon ("Here's the thing: ...", "Honestly: ...", "Two options: ...", "Yes or no: ..."), so a
label must read as the name of a speaker or of a reply: capitalised like a name or a title ("Manager", "Team
Lead", "Head of People"), naming a speaker or a reply in any case ("Counterpart's reply", "my response"), or
carrying a stage direction ("Sam (calmly)"). Words speech starts with (a clause, an adverb, a count, a choice,
an interjection) make it speech, however it is capitalised: a spoken reply loses nothing but its label.

`strip` takes labels off the start of each line (hygiene.clean); `opening` says whether a line opens with one,
for benchmarks that count what the learner saw by the same rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_WORD = r"[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))*"  # letters, inner apostrophes and hyphens: no digits
# At a line start: markdown emphasis or an opening quote may come first; the colon ends the label only when
# a space or the line's end follows it (not "http://", not a clock time, which has digits anyway).
_LABEL = re.compile(
    rf"[ \t]*(?P<quote>[\"“]?)(?:\*\*|__|[*_])?[ \t]*(?P<words>{_WORD}(?:[ \t]+{_WORD}){{0,3}})[ \t]*"
    r"(?:\((?P<aside>[^()\n]{0,40})\)[ \t]*)?(?:\*\*|__|[*_])?[ \t]*[:：](?:\*\*|__|[*_])?(?=\s|$)[ \t]*"
)
# Words that name a speaker or a reply, whatever the case.
_SPEAKERS = frozenset(
    "reply response answer counterpart counterpart's character assistant ai bot model narrator speaker "
    "me manager boss lead director supervisor colleague employee engineer person voice".split()
)
# Words a label never holds but speech often starts with: clauses, discourse markers, counts and choices.
_SPOKEN = frozenset(
    "i i'm i'd i'll i've we we're we'll we've we'd you're you'll you've it it's here here's there there's "
    "that that's this these those what what's who who's how how's why when where which let's is are was were "
    "be been do does did can can't will won't would should could not don't "
    "thing things point problem issue catch news question truth idea plan reason bottom line "
    "option options choice choices alternative alternatives or and either neither both "
    "short long quick honest simple real straight brief frank good bad big main key only "
    "one two three four five few several first second third next finally also plus again anyway still "
    "look listen okay ok alright well so yes no yeah yep nope sure fine right now wait see remember hey "
    "true agreed exactly thanks sorry please hmm hm oh ah um uh great perfect noted understood correct "
    "but because if then".split()
)
_CONNECTORS = frozenset("of the for to at in on de da di van von der la le du del".split())


def _is_label(words: str, aside: str | None) -> bool:
    said = [w.lower().replace("’", "'") for w in words.split()]
    if any(w in _SPOKEN for w in said):
        return False
    if any(w.endswith("ly") and w not in _SPEAKERS and (len(said) == 1 or w == o) for w, o in zip(said, words.split())):
        return False  # "Honestly:", "frankly speaking:": an adverb, not a name ("Kelly Chen:" is one)
    if aside is not None or any(w in _SPEAKERS for w in said):
        return True
    first, *rest = words.split()
    return first[0].isupper() and all(w[0].isupper() or w in _CONNECTORS for w in rest)


def _label_at(line: str) -> re.Match[str] | None:
    found = _LABEL.match(line)
    return found if found and _is_label(found["words"], found["aside"]) else None


def opening(line: str) -> str | None:
    """The label `line` opens with, as `strip` would take it off, or None."""
    found = _label_at(line)
    return found.group(0).strip() if found else None


def strip(text: str, own: re.Pattern[str] | None = None, keep: Callable[[str], object] | None = None) -> str:
    """`text` without the labels that open its lines (the counterpart's own names, matched by `own`, and any
    other), the speech after each capitalised. A label `keep` says yes to stays, with the rest of its line
    (the headings of the counterpart's private notes: their sentence is left whole, to be left out whole)."""
    return "\n".join(_strip_line(line, own, keep) for line in text.split("\n"))


def _strip_line(line: str, own: re.Pattern[str] | None, keep: Callable[[str], object] | None) -> str:
    quote = ""
    for _ in range(3):  # "Response: Manager: fine."
        found = (own.match(line) if own is not None else None) or _label_at(line)
        if not found or (keep is not None and keep(found.group(0))):
            break
        quote = quote or (found.groupdict().get("quote") or "")
        line = line[found.end() :]
        if not line.strip():
            return ""
        line = line[0].upper() + line[1:]
    return quote + line
