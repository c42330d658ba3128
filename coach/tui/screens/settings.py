"""Settings: engine, server, model, API key source, context budget and theme, written to the config file.

The key is never shown in full: only its source and a masked hint.
"""

from __future__ import annotations

import os

from pydantic import SecretStr, ValidationError
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Header, Input, Label, Select, Static

from coach.core import paths
from coach.core.config import ENV, save_settings, url_problem
from coach.core.text_safety import clean_line
from coach.tui.text import shown
from coach.tui.widgets.footer import CoachFooter

LABELS = {
    "engine": "Engine",
    "base_url": "Server base URL",
    "model": "Model",
    "api_key": "API key",
    "context_budget": "Context budget",
    "theme": "Theme",
}


def plain_error(error: dict) -> tuple[str, str]:
    """(field, message) for a settings validation error, in words rather than pydantic's."""
    field = str(error["loc"][0]) if error.get("loc") else ""
    ctx = error.get("ctx") or {}
    kind = error.get("type", "")
    if field == "context_budget":
        return field, "The context budget is a whole number of tokens from 500 to 1,000,000."
    if kind in ("greater_than_equal", "greater_than"):
        return field, f"{LABELS.get(field, field)} must be at least {ctx.get('ge', ctx.get('gt'))}."
    if kind in ("less_than_equal", "less_than"):
        return field, f"{LABELS.get(field, field)} must be at most {ctx.get('le', ctx.get('lt'))}."
    return field, f"{LABELS.get(field, field)}: {error.get('msg', 'not a valid value')}."


class BudgetInput(Input):
    """A whole number: a letter is refused, and the field says why rather than dropping it silently."""

    async def _on_key(self, event: events.Key) -> None:
        if event.is_printable and event.character and not event.character.isdigit():
            self.screen.show_field_error("context_budget", "Digits only: the budget is a number of tokens (500 to 1,000,000).")
        await super()._on_key(event)


class SettingsScreen(Screen):
    BINDINGS = [Binding("escape", "back", "Back"), Binding("ctrl+s", "save", "Save")]

    def compose(self) -> ComposeResult:
        s = self.app.coach.settings
        key_from_env = bool(os.environ.get(ENV["api_key"]))
        yield Header()
        with VerticalScroll(id="settings"):
            yield Label("Counterpart engine", classes="section-title")
            yield Select(
                [("auto: the model if one is set, else offline", "auto"), ("offline: built in, no network", "offline"),
                 ("openai: an OpenAI-compatible server", "openai")],
                value=s.engine, allow_blank=False, id="engine", compact=True,
            )
            yield Label("Server base URL (empty for OpenAI itself)", classes="section-title")
            yield Input(clean_line(s.base_url or ""), placeholder="e.g. http://localhost:11434/v1", id="base_url",
                        compact=True)
            yield Static("", id="base_url-error", classes="field-error", markup=False)
            yield Label("Model", classes="section-title")
            yield Input(clean_line(s.model or ""), placeholder="e.g. gpt-4o-mini or llama3.1:8b", id="model", compact=True)
            yield Static(shown(f"API key: {s.key_source()} · {s.key_hint()}"), id="key-source", classes="section-title")
            placeholder = (f"Set by {ENV['api_key']} in the environment (unset it to store a key here)" if key_from_env
                           else "Paste a new key to store it in the config file (optional)")
            yield Input(placeholder=placeholder, password=True, id="api_key", disabled=key_from_env, compact=True)
            yield Label("Context budget (tokens of conversation per request)", classes="section-title")
            yield BudgetInput(str(s.context_budget), type="integer", id="context_budget", compact=True)
            yield Static("", id="context_budget-error", classes="field-error", markup=False)
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
        for error in self.query(".field-error"):
            error.display = False
        self.query_one("#engine", Select).focus()

    def show_field_error(self, field: str, message: str | None) -> None:
        """A message under the field (or, for a field without a place for one, a notification)."""
        found = self.query(f"#{field}-error")
        if not found:
            if message:
                self.notify(message, severity="error")
            return
        widget = found.first(Static)
        widget.update(f"⚠ {message}" if message else "")
        widget.display = bool(message)

    @on(Input.Changed, "#base_url")
    def _url_changed(self) -> None:
        self.show_field_error("base_url", None)  # checked again at Save

    @on(Input.Changed, "#context_budget")
    def _budget_changed(self) -> None:
        self.show_field_error("context_budget", None)

    @on(Select.Changed, "#theme")
    def _preview_theme(self, event: Select.Changed) -> None:
        self.app.theme = str(event.value)

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        current = self.app.coach.settings
        value = lambda wid: self.query_one(f"#{wid}", Input).value.strip() or None  # noqa: E731
        problem = url_problem(value("base_url"))
        if problem:
            self.show_field_error("base_url", problem)
            self.query_one("#base_url", Input).focus()
            return
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
            field, message = plain_error(exc.errors(include_url=False)[0])
            self.show_field_error(field, message)
            if self.query(f"#{field}"):
                self.query_one(f"#{field}").focus()
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
