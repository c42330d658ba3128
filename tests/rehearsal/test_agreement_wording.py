"""An agreement does not presume what the learner never said (coherence set 46): "review it as you suggested" needs
a review or a next step put forward, and a scenario line that names "{days}" needs the days."""

from __future__ import annotations

from coach.rehearsal.dialogue.lines import fill


def test_review_as_suggested_needs_a_review_put_forward():
    line = "All right: {terms}, as you put it. Let's do that, and review it {review_said}."
    assert fill(line, {"terms": "from September", "review_said": ""}) is None
    assert fill(line, {"terms": "from September", "review_said": "as you suggested"}).endswith("as you suggested.")


def test_the_bundled_lines_do_not_presume_days_or_a_review(catalog):
    for item in catalog.scenarios.values():
        for line in item.scenario.offline.concession:
            assert "the days you've asked for" not in line, (item.scenario.id, line)


def test_an_agreement_says_a_date_with_the_learners_own_word():
    """Fresh set 64's raters: the learner asked for a client "between now and November" and heard "from November,
    as you put it"."""
    from coach.rehearsal.dialogue.wording import terms_phrase as terms_phrase
    from coach.rehearsal.dialogue.wording import with_its_word as with_its_word

    said = ["Could I lead the Harrowgate audit?", "I'd want to be client lead between now and November."]
    assert terms_phrase("", with_its_word("November", said), "") == "by November"
    assert terms_phrase("Tuesdays", with_its_word("January", ["Tuesdays from January, please."]), "") == "Tuesdays from January"
    assert terms_phrase("", with_its_word("October", ["Sign-off is in October."]), "") == "in October"
    assert terms_phrase("", with_its_word("March", ["March would suit me."]), "") == "from March"  # no word said: a start
