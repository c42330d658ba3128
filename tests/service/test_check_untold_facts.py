"""`coach check` tells an author which hidden constraints the offline counterpart can never tell (a he/she that may be
someone else), so they can write what the counterpart would say into [offline.answers]."""

from __future__ import annotations

from coach.service.check import authoring_notes


def test_a_fact_about_someone_else_is_noted(catalog):
    scenario = catalog.get("hand-off-responsibility").scenario  # "Sam is an early-career teacher… his mentor"
    notes = [n for n in authoring_notes(scenario) if n.startswith("hidden_constraints[")]
    assert notes and all("never told offline" in n for n in notes)


def test_facts_the_counterpart_can_tell_are_not(catalog):
    scenario = catalog.get("promotion-follow-up").scenario  # "…by 31 October. She has not written yours yet."
    assert not [n for n in authoring_notes(scenario) if n.startswith("hidden_constraints[")]
