"""Meeting again said on the way out after thanks and a name is part of the goodbye, not a question that keeps the
talk going (read coherence set 171: "Oh, look at the time, I've a client call at three. Thanks Helen, we'll speak
again, won't we?" got "Honestly, I don't know, and I won't guess…")."""

from coach.rehearsal.dialogue.leaving import takes_leave


def test_thanks_a_name_and_we_will_speak_again():
    assert takes_leave("Oh, look at the time, I've a client call at three. Thanks Helen, we'll speak again, won't we?")
