"""A learner's line written out in full before it is read: texting spellings as words ("r u free" -> "are you free"),
a dictated "question mark" as the mark, a question mark's exclamations or smileys dropped ("?!" -> "?").

The offline counterpart hears questions in lines written out this way (`rehearsal.dialogue.hearing`), and the asking
reader learns from lines written out the same way (`train_asking`), so both read the same words.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

# Texting spellings read as the words they stand for, so "did u see…", "can u put it in writing" and "r u ok"
# are heard as the questions they are (every cue in `rehearsal/dialogue/hearing.py` is written in full words).
_TEXTING = {"u": "you", "ya": "you", "ur": "your", "cud": "could", "cld": "could", "wud": "would", "shud": "should",
            "wat": "what", "wot": "what", "wen": "when", "hw": "how", "hav": "have", "dont": "don't", "cant": "can't",
            "wont": "won't", "didnt": "didn't", "isnt": "isn't", "doesnt": "doesn't", "im": "I'm", "ive": "I've",
            "hows": "how's", "whos": "who's", "thats": "that's", "pls": "please", "plz": "please", "abt": "about",
            "wht": "what", "whts": "what's", "wha": "what", "whit": "what"}  # (and as said: Caribbean "wha", Scots "whit")
_TEXTED = re.compile(r"\b(?:" + "|".join(_TEXTING) + r")\b", _I)
_R_YOU = re.compile(r"\br\s+(?=(?:you|u|we|they)\b)", _I)
_Y_WHY = re.compile(r"\by\s+(?=(?:is|isnt|isn't|are|arent|aren't|do|does|did|can|cant|can't|not|would|wud|should|wont|won't)\b)", _I)


# Dictation writes the mark out: "what would you need from me question mark" (not "a question mark over it").
_SAID_MARK = re.compile(r"(?<!\ba)(?<!\bthe)(?<!\bbig)(?<!\bany)(?<!\bthis)(?<!\bthat)\s+question\s+mark\b", _I)


# "are you nervous at all?!", "next week?! ☕", "right?! ;)": a question mark with an exclamation or a smiley after it
# still ends a question; what follows the mark is tone, not words.
_MARK_AND_TONE = re.compile(r"[!?]*\?[!?]*(?:\s*(?:[;:]-?[()DPp]|[^\w\s,.;:'\"()\[\]-]))*(?=\s|$)")


_BULLET = re.compile(r"^\s*(?:[-*\u2022\u2013]|\d+[.)])\s+")


def in_full(text: str) -> str:
    """The line with texting spellings written out ("r u free" -> "are you free"), a dictated "question mark"
    as the mark, and a question mark's exclamations or smileys dropped ("?!" -> "?")."""
    text = _BULLET.sub("", text)  # "- is there freelance budget if…": a line typed as a list item
    text = _MARK_AND_TONE.sub("?", _SAID_MARK.sub("?", _Y_WHY.sub("why ", _R_YOU.sub("are ", text))))
    return _TEXTED.sub(lambda m: _TEXTING[m.group(0).lower()], text)
