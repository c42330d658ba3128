"""Options typed in one breath are said back without the question's words or the learner's aside (change O2, set 123's
lost pair: "If I have to pick, Wednesdays and Fridays you don't mind which but not Mondays because of the network
review")."""

from __future__ import annotations

import pytest

from coach.rehearsal.dialogue.facts import choice_options


@pytest.mark.parametrize(("line", "options"), [
    ("so would you rather I did Mondays and Tuesdays or Thursdays and Fridays I don't mind which as long as it's not "
     "the week of the audit?", ["Mondays and Tuesdays", "Thursdays and Fridays"]),
    ("which one be the best for you you sign it now or we wait for the new budget because I no want trouble for you?",
     ["you sign it now", "wait for the new budget"]),
    ("Which would you rather, the planning course or a one-off award cos the freeze doesn't touch it?",
     ["the planning course", "a one-off award"]),
    ("would you rather I took the early shift or the late one if that's ok?", ["took the early shift", "the late one"]),
])
def test_an_option_loses_an_aside_typed_without_a_comma(line, options):
    assert choice_options(line) == options


def test_an_option_keeps_its_own_words():
    assert choice_options("Would you rather I go in April or wait until the October intake?") == [
        "go in April", "wait until the October intake"]


@pytest.mark.parametrize("line", [
    "Could you tell me which parts of the plan the director liked, and which he did or didn't like?",
    "Do you know whether finance will approve it or won't?",
    "which bits of my case did the panel read or not read?",
])
def test_an_or_that_only_negates_its_verb_offers_no_options(line):
    """Change O3 (set 124: "what they saw or didn't see" answered "Of those, didn't see."): one thing asked, yes or
    no, not two options to pick from."""
    assert choice_options(line) == []
