"""Counterparts: the built-in offline one and the model one, behind one streaming interface."""

from coach.rehearsal.engines.base import Counterpart, EngineError, ReplyEnd, TurnContext

__all__ = ["Counterpart", "EngineError", "ReplyEnd", "TurnContext"]
