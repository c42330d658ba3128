"""Pick one of your earlier lines to go back to."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from coach.core.text_safety import clean_line
from coach.tui.text import shorten


class RewindScreen(ModalScreen[int | None]):
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, choices: list[tuple[int, str]]):
        super().__init__()
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(id="rewind-dialog", classes="dialog"):
            yield Static("[b]Go back to which of your lines?[/b] You can edit it and send it again; "
                         "the turns after it are kept in the session.")
            options: list[Option | None] = []
            for number, text in self.choices:
                options += [Option(Text(f"turn {number}: {clean_line(shorten(text, 160))}"), id=str(number)), None]
            yield OptionList(*options[:-1], id="rewind-options")
            yield Static("↑↓ choose · Enter go back · Esc cancel", classes="dialog-keys")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = len(self.choices) - 1
        options.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id))
