"""A turn is read sentence by sentence, and a run-on (dictated, unpunctuated) sentence clause by clause."""

from __future__ import annotations

from coach.moves.features import RUN_ON, reading_spans, sentence_spans

RUN_ON_TURN = (
    "yeah so i was thinking about the rota and honestly the weekends have been rough since march and my mum has "
    "been poorly so i was wondering anyway what i actually want is to swap my saturday lates for two weekday "
    "earlies from january and we could look at it again after six weeks if that works for you"
)


def test_punctuated_sentences_are_read_as_they_are():
    text = "I'd like Fridays at home from March. Could we review it after six weeks? Thanks."
    assert reading_spans(text) == sentence_spans(text)


def test_a_run_on_is_read_in_clauses_that_cover_it_in_order():
    spans = reading_spans(RUN_ON_TURN)
    assert len(spans) >= 3
    assert all(b - a <= RUN_ON for a, b in spans)
    assert all(a < b <= c for (a, b), (c, _) in zip(spans, spans[1:]))
    pieces = [RUN_ON_TURN[a:b] for a, b in spans]
    assert " ".join(pieces).split() == RUN_ON_TURN.split()  # nothing lost, nothing added
    assert any(p.startswith("what i actually want is to swap my saturday lates") or
               "swap my saturday lates for two weekday earlies" in p for p in pieces)


def test_a_long_sentence_without_places_to_cut_stays_whole():
    text = "x" * 300
    assert reading_spans(text) == [(0, 300)]
