"""Settings: engine, server, model, API key source, context budget and theme, written to the config file.

The key is never shown in full: only its source and a masked hint.
"""

from __future__ import annotations

import os

from pydantic import SecretStr, ValidationError
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Header, Input, Label, Select, Static

from coach import paths
from coach.config import ENV, save_settings
from coach.tui.widgets.footer import CoachFooter


class SettingsScreen(Screen):
    BINDINGS = [Binding("escape", "back", "Back"), Binding("ctrl+s", "save", "Save")]

    def compose(self) -> ComposeResult:
        s = self.app.coach.settings
        yield Header()
        with VerticalScroll(id="settings"):
            yield Label("Counterpart engine", classes="section-title")
            yield Select(
                [("auto: the model if one is set, else offline", "auto"), ("offline: built in, no network", "offline"),
                 ("openai: an OpenAI-compatible server", "openai")],
                value=s.engine, allow_blank=False, id="engine", compact=True,
            )
            yield Label("Server base URL (empty for OpenAI itself)", classes="section-title")
            yield Input(s.base_url or "", placeholder="e.g. http://localhost:11434/v1", id="base_url", compact=True)
            yield Label("Model", classes="section-title")
            yield Input(s.model or "", placeholder="e.g. gpt-4o-mini or llama3.1:8b", id="model", compact=True)
            yield Static(f"API key: {s.key_source()} · {s.key_hint()}", id="key-source", classes="section-title", markup=False)
            yield Input(placeholder="Paste a new key to store it in the config file (optional)", password=True, id="api_key",
                        disabled=bool(os.environ.get(ENV["api_key"])), compact=True)
            yield Label("Context budget (tokens of conversation per request)", classes="section-title")
            yield Input(str(s.context_budget), type="integer", id="context_budget", compact=True)
            yield Label("Theme", classes="section-title")
            yield Select([(t, t) for t in sorted(self.app.available_themes)], value=self.app.theme, allow_blank=False, id="theme",
                         compact=True)
            yield Static(f"Saved to {paths.config_file()}", id="config-path", markup=False)
            with Horizontal(id="settings-buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")
        yield CoachFooter()

    def on_mount(self) -> None:
        self.sub_title = "Settings"

    @on(Select.Changed, "#theme")
    def _preview_theme(self, event: Select.Changed) -> None:
        self.app.theme = str(event.value)

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        current = self.app.coach.settings
        value = lambda wid: self.query_one(f"#{wid}", Input).value.strip() or None  # noqa: E731
        update = {
            "engine": self.query_one("#engine", Select).value,
            "base_url": value("base_url"),
            "model": value("model"),
            "context_budget": value("context_budget") or current.context_budget,
            "theme": self.app.theme,
        }
        if value("api_key"):
            update["api_key"] = SecretStr(value("api_key"))
        try:
            settings = current.model_validate({**current.model_dump(), **update})
        except ValidationError as exc:
            first = exc.errors(include_url=False)[0]
            self.notify(f"{'.'.join(map(str, first['loc']))}: {first['msg']}", severity="error")
            return
        try:
            path = save_settings(settings)
        except OSError as exc:
            self.notify(f"Could not save settings: {exc.strerror or exc}", severity="error")
            return
        self.app.coach.settings = settings
        self.notify(f"Saved to {path}")
        self.app.pop_screen()

    @on(Button.Pressed, "#cancel")
    def action_back(self) -> None:
        if self.app.coach.settings.theme in self.app.available_themes:
            self.app.theme = self.app.coach.settings.theme
        self.app.pop_screen()
