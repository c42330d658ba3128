"""Strain and an apology are heard in more of the ways people say them (coherence set 35): stress, sleep and feeling
stuck said of themselves, and owning a remark without the word "sorry"; the same words about others are not."""

from __future__ import annotations

import pytest

from coach.rehearsal.dialogue.hearing import hear


@pytest.mark.parametrize("line", [
    "the late shifts are causing me a lot of anxiety if I'm honest",
    "I've been struggling to switch off since the restructure",
    "I haven't been sleeping properly since the audit",
    "i feel like im treading water here",
    "I'm under real pressure with the two rotas",
])
def test_strain_said_of_themselves_is_heard(line):
    assert hear(line).strain, line


@pytest.mark.parametrize("line", [
    "the warehouse team are stressed about peak",
    "I slept on it and I still think Thursdays work",
    "the load test put the servers under pressure",
])
def test_the_same_words_about_something_else_are_not_strain(line):
    assert not hear(line).strain, line


@pytest.mark.parametrize(("line", "owned"), [
    ("That wasn't fair of me, you've backed me before.", True),
    ("I went too far just now.", True),
    ("I shouldn't have said that about the rota.", True),
    ("It isn't fair on the night team to carry it.", False),
    pytest.param("That was out of order of them, cancelling without notice.", False,
                 marks=pytest.mark.xfail(reason="feelings reader misread, listed in data/feelings/README.md", strict=False)),
])
def test_owning_a_remark_without_sorry_is_an_apology(line, owned):
    assert hear(line).apology is owned, line
