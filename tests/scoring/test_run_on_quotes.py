"""A dictated, unpunctuated turn is quoted back by the clause that makes the move, not as a whole paragraph."""

from __future__ import annotations

from coach.moves.features import RUN_ON
from coach.scoring.offline_judge import quote_around

RUN_ON_TURN = (
    "yeah so basically its about harlow and honestly ive been doing about 52 hours a week since september and the "
    "december report went out six days late and then the invoice thing happened so i was thinking the website "
    "rebuild could wait till april and aisha could take the monday pack after a two week handover"
)


def test_a_run_on_is_quoted_by_its_clause():
    start = RUN_ON_TURN.index("the website rebuild")
    end = len(RUN_ON_TURN)
    quote = quote_around(RUN_ON_TURN, start, end)
    assert quote in RUN_ON_TURN and len(quote) <= RUN_ON and "website rebuild could wait till april" in quote


def test_a_punctuated_sentence_is_quoted_whole():
    text = "Thanks for seeing me. I'd like Fridays at home from March, reviewed after six weeks. Does that work?"
    start = text.index("Fridays")
    assert quote_around(text, start, start + 7) == "I'd like Fridays at home from March, reviewed after six weeks."
