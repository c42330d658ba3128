"""Workshop mode: who is rehearsing, asked once at start."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from coach.core.text_safety import clean_line


class ParticipantScreen(ModalScreen[None]):
    def compose(self) -> ComposeResult:
        with Vertical(id="participant", classes="dialog"):
            yield Label("Welcome to the workshop. What's your name?")
            yield Input(placeholder="Your name (as the trainer will see it)", id="participant-name")
            yield Label("Enter to start · your sessions are saved under this name", classes="dialog-keys")

    @on(Input.Submitted)
    def _named(self, event: Input.Submitted) -> None:
        name = clean_line(event.value)
        if not name:
            self.notify("Please enter a name so your trainer can find your sessions.", severity="warning")
            return
        self.app.coach.participant = name
        self.dismiss()
        self.app.screen_stack[-1].refresh()
