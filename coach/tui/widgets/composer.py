"""The learner's input: multi-line; Enter sends, Ctrl+J (or Shift+Enter where the terminal sends it)
adds a new line."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import TextArea

NEWLINE_KEYS = {"ctrl+j", "shift+enter", "alt+enter", "ctrl+enter"}


class Composer(TextArea, inherit_bindings=False):
    # TextArea's F6 (select line) and F7 (select all) would shadow the rehearsal's F6 (the briefing) and F7
    # (copy the transcript) and their places in the footer.
    BINDINGS = [b for b in TextArea.BINDINGS if not (isinstance(b, Binding) and b.key in ("f6", "f7"))]

    class Submitted(Message):
        def __init__(self, composer: Composer, text: str):
            super().__init__()
            self.composer = composer
            self.text = text

    def __init__(self, **kwargs):
        super().__init__(soft_wrap=True, show_line_numbers=False, tab_behavior="focus", **kwargs)

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            if self.text.strip():
                self.post_message(self.Submitted(self, self.text))
            return
        if event.key in NEWLINE_KEYS:
            event.stop()
            event.prevent_default()
            self.insert("\n")
            return
        await super()._on_key(event)
