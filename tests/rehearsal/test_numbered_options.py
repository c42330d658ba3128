"""Options put as a numbered list of three are a choice among three, and a second option's "or" is not part of it
(read coherence sets 122-174: "Option one, … Option two, … Option three, … Which would you rather take off my plate?"
got "Probably the first, if I have to pick"; "2) Or I swap early cover…" was picked as "Or you swap early cover…")."""

from __future__ import annotations

from coach.rehearsal.dialogue.hearing import hear


def test_three_numbered_options():
    q = hear("Option one, the website rebuild pauses till April. Option two, Aisha takes the Monday pack. "
             "Option three, Tom's two accounts go to someone else. Which would you rather take off my plate?").question
    assert q is not None and len(q.options) == 3 and q.options[2] == "Tom's two accounts go to someone else"


def test_an_options_or_is_not_said_back():
    q = hear("Options for the 6:10 call: 1) I take the early re-plan on my home days. 2) Or I swap early cover with "
             "Leanne on those days. Which would you rather?").question
    assert q is not None and q.options[1].startswith("I swap")
