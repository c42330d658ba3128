"""Warning signs of parting said calmly pause with care (CP3, from the three acute lines every reader missed on read
care set 37): things handed on as no longer needed, a decision that has brought calm, a goodbye "while I can",
knowing what a dose would do to oneself. Their innocent twins, with a reason in the line, do not."""

from __future__ import annotations

import pytest

from coach.moves.care import explicit_acute


@pytest.mark.parametrize("line", [
    "I've given the lads my fishing rods and the van, won't be needing them after this month anyway.",
    "You can keep my guitar, I won't need it, honestly it's yours.",
    "I've made my mind up and I feel at peace with it now. Strange, isn't it.",
    "Made my decision last night. I just wanted you to know while I can.",
    "I know how many of those tablets it would take, for me I mean. I've worked it out.",
])
def test_parting_signs_are_caught(line):
    assert explicit_acute(line), line


@pytest.mark.parametrize("line", [
    "I'm retiring in June so I've given my tools to the apprentices, won't need them after this month.",
    "I've made my decision, I'm handing in my notice, and honestly I feel calm about it.",
    "As a vet nurse I know exactly what a dose of that would do to a dog.",
    "I gave my old monitor to Jo, I won't need two once I'm working from home.",
    "Giving my spare chargers away, won't be needing them.",
    "Let me thank you now while I can still get a word in before the launch.",
])
def test_their_innocent_twins_are_not(line):
    assert not explicit_acute(line), line
