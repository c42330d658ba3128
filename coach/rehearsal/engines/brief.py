"""The model counterpart's standing brief: the firm rules and the character, rendered once per scenario and
difficulty (so every request of a session starts with the same bytes), and the names of criteria in words."""

from __future__ import annotations

from functools import lru_cache

from coach.core import prompts
from coach.scenario.model import Scenario


def word_budget(reply_max_tokens: int) -> int:
    """The most words a reply should have: what the rules tell the model, and where hygiene cuts."""
    return max(30, min(90, int(reply_max_tokens * 0.6)))


@lru_cache(maxsize=1)
def _criteria_names() -> dict[str, str]:
    try:
        from coach.scenario import load_criteria

        return {c.id: f"{c.name}: {oneline(c.description)}" for c in load_criteria().criterion}
    except Exception:  # noqa: BLE001 - a prompt can do with the ids
        return {}


def oneline(text: str) -> str:
    return " ".join(text.split())


def describe(scenario: Scenario, criterion_id: str) -> str:
    custom = scenario.custom_criteria.get(criterion_id)
    if custom is not None:
        return f"{custom.name}: {oneline(custom.description)}"
    return _criteria_names().get(criterion_id) or criterion_id.replace("-", " ")


def name(scenario: Scenario, criterion_id: str) -> str:
    """A criterion's short name, lower case: "a clear, specific ask"."""
    return describe(scenario, criterion_id).split(":", 1)[0].lower()


def render_rules(scenario: Scenario, reply_max_tokens: int = 300) -> str:
    return prompts.render("counterpart", name=scenario.counterpart.name, max_words=word_budget(reply_max_tokens))


def render_system_prompt(scenario: Scenario, difficulty: str, reply_max_tokens: int = 300) -> str:
    c = scenario.counterpart
    level = scenario.level(difficulty)
    raised = c.objections[: level.objections]
    if raised:
        objections = "\n".join(
            f"{n}. {oneline(o.line)}\n   It is answered when they show: "
            + "; ".join(name(scenario, a) for a in o.answered_by) + "."
            for n, o in enumerate(raised, start=1)
        )
    else:
        objections = "None at this difficulty: you are open to the idea, but the conditions below still apply."

    def bullets(ids: list[str]) -> str:
        return "\n".join(f"- {describe(scenario, i)}" for i in ids) or "- (nothing in particular)"

    rules = render_rules(scenario, reply_max_tokens)
    brief = prompts.render(
        "counterpart_brief",
        name=c.name,
        role=oneline(c.role),
        relationship=oneline(c.relationship),
        personality=oneline(c.personality),
        style=oneline(c.style),
        learner_role=oneline(scenario.learner.role),
        situation=oneline(scenario.learner.situation),
        private_goal=oneline(c.private_goal),
        hidden_constraints="\n".join(f"- {oneline(h)}" for h in c.hidden_constraints),
        objections=objections,
        concession=oneline(c.concession.summary),
        requires=bullets(c.concession.requires),
        evidence_needed=level.evidence_needed,
        supporting=bullets(c.concession.supporting),
        level_name=difficulty,
        level_description=oneline(level.description),
        patience=level.patience,
        max_turns=level.max_turns,
    )
    return rules.rstrip() + "\n\n" + brief.rstrip() + "\n"
