"""coach: rehearse hard workplace conversations in the terminal."""

import os

__version__ = "0.1.0"

# pydantic looks for plugins by scanning every installed package's entry points at import, which
# costs ~80 ms of start-up in a full environment; coach uses no pydantic plugins.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
