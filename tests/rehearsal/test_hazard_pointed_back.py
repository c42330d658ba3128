"""A line that comes back to a reported safety problem is known in more of the ways people point back (coherence set
37): dialect pointers, a question about it by name, and the thing a "stack of …" was of."""

from __future__ import annotations

from coach.rehearsal.dialogue.hazards import comes_back_to, hazard_words


def test_the_thing_a_stack_is_of_is_known_again():
    named = hazard_words("that stack of crates by the till is leaning, somebody will get hurt")
    assert "crates" in named
    assert comes_back_to("has anybody moved those crates yet?", named)


def test_a_dialect_pointer_points_back():
    named = hazard_words("the loading ramp is solid ice, a driver nearly went over on it")
    assert comes_back_to("did anybody grit dat ramp yet?", named)
    assert comes_back_to("anyone sort dem ramp yet or no?", named)


def test_a_question_about_it_by_name_comes_back_to_it():
    named = hazard_words("the van's handbrake doesn't hold, it rolled on the slope this morning")
    assert comes_back_to("Has anyone said anything about the van since?", named)
    assert not comes_back_to("Has anyone said anything about the rota since?", named)
