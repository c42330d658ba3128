"""Counterparts: the built-in offline one and the model one, both implementing `coach.core.counterpart`."""
