"""The footer on every screen: compact when the terminal is narrow, so every key fits at 80 columns."""

from __future__ import annotations

from textual import events
from textual.widgets import Footer

NARROW = 100


class CoachFooter(Footer):
    def on_resize(self, event: events.Resize) -> None:
        narrow = event.size.width < NARROW
        self.compact = narrow
        self.show_command_palette = not narrow  # Ctrl+P is in the help (F1); at 80 columns the keys come first
