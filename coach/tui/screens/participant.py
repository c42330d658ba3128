"""Workshop mode: who is rehearsing, asked at start and again when the next person sits down."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from coach.core.text_safety import clean_line

WHY = "A name is needed: your sessions are saved under it, so you can find them again and your trainer can see them."


class ParticipantScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape", "cancel", "Keep the current participant", show=False)]

    def __init__(self, switching: bool = False):
        """`switching`: someone is already named (Esc keeps them); otherwise nothing works until a name is given."""
        super().__init__()
        self.switching = switching

    def compose(self) -> ComposeResult:
        with Vertical(id="participant", classes="dialog"):
            if self.switching:
                current = clean_line(self.app.coach.participant or "")
                yield Label(f"Switch participant (now: {current}). Who is rehearsing next?", markup=False)
            else:
                yield Label("Welcome to the workshop. What's your name?")
            yield Input(placeholder="Your name (as the trainer will see it)", id="participant-name")
            yield Static("", id="participant-why", markup=False)
            keys = "Enter to start · your sessions are saved under this name"
            yield Label(keys + (" · Esc keeps the current one" if self.switching else ""), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#participant-why").display = False

    @on(Input.Submitted)
    def _named(self, event: Input.Submitted) -> None:
        name = clean_line(event.value)
        if not name:  # said in the dialog itself, where the eyes are (a toast in a corner goes unseen)
            why = self.query_one("#participant-why", Static)
            why.update(WHY)
            why.display = True
            return
        self.app.coach.participant = name
        self.dismiss()
        self.app.screen_stack[-1].refresh()

    def action_cancel(self) -> None:
        if self.switching:
            self.dismiss()
