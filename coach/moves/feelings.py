"""The feelings reader's word on a learner turn: do they say how they are (strain), do they own a mistake or a
remark (apology)? Trained on data/feelings/ (`coach.moves.train_feelings`); the counterpart hears either when its
hand-written phrases do or this reader does (`coach.rehearsal.dialogue.hearing`)."""

from __future__ import annotations

from coach.moves.model import FEELINGS, shared_feelings_model


def heard_feelings(text: str) -> dict[str, bool] | None:
    """Each feeling the reader hears in the turn, read alone (None: no reader in this install)."""
    model = shared_feelings_model()
    if model is None or not text.strip():
        return None
    scores = model.score(text)
    return {k: scores.confidence[k] >= scores.clear[k] for k in FEELINGS}
