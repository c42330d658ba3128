"""Settings: engine, server, model, API key source, context budget and theme, written to the config file.

The key is never shown in full: only its source and a masked hint.
"""

from __future__ import annotations

import asyncio
import os

from pydantic import SecretStr, ValidationError
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Header, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from coach.core import paths
from coach.core.config import ENV, Settings, save_settings, url_problem
from coach.core.text_safety import clean_line
from coach.tui.text import cell, shown
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


def found_text(found: list) -> str:
    from coach.service.doctor import describe_found

    if not found:
        return ("No model server found on this machine (looked for Ollama on port 11434, LM Studio on 1234, "
                "llama.cpp on 8080 and vLLM on 8000).")
    return (f"Found on this machine: {describe_found(found)}. Choose a model in the list to fill in the server "
            "and model; Ctrl+T tests them, Ctrl+S saves them.")


class SettingsScreen(Screen):
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("ctrl+s", "save", "Save"),
        Binding("ctrl+t", "test_connection", "Test connection"),
        Binding("ctrl+l", "find_local", "Find local servers"),
    ]
    _choices: list = []  # (server, model) for each entry of the list of servers found

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
            with Horizontal(id="server-buttons"):
                yield Button("Test connection", id="test")
                yield Button("Find local servers", id="find")
            yield OptionList(id="local-servers")
            yield Static("", id="server-report", markup=False)
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
        self.query_one("#server-report", Static).display = False
        self.show_found(self.app.coach.local_found)  # what the library's look found, if anything
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

    def form_settings(self) -> Settings | None:
        """The settings as the form has them; None, with the field's message shown, when one is not valid."""
        current = self.app.coach.settings
        value = lambda wid: self.query_one(f"#{wid}", Input).value.strip() or None  # noqa: E731
        problem = url_problem(value("base_url"))
        if problem:
            self.show_field_error("base_url", problem)
            self.query_one("#base_url", Input).focus()
            return None
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
            return current.model_validate({**current.model_dump(), **update})
        except ValidationError as exc:
            field, message = plain_error(exc.errors(include_url=False)[0])
            self.show_field_error(field, message)
            if self.query(f"#{field}"):
                self.query_one(f"#{field}").focus()
            return None

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        settings = self.form_settings()
        if settings is None:
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

    # -- the server: checked end to end, or found on this machine -------------------------------------

    def show_report(self, text: str) -> None:
        report = self.query_one("#server-report", Static)
        report.update(shown(text))
        report.display = True
        report.scroll_visible()

    @on(Button.Pressed, "#test")
    def action_test_connection(self) -> None:
        settings = self.form_settings()
        if settings is not None:
            self.show_report("Checking the server…")
            self.test_connection(settings)

    @work(exclusive=True, group="server-check", exit_on_error=False)
    async def test_connection(self, settings: Settings) -> None:
        # In a thread: the openai client's import and the requests never hold up the screen.
        report = await asyncio.to_thread(asyncio.run, self.app.coach.doctor(settings))
        if report.model is None:
            lines = ["No model is set, so the offline counterpart plays."]
        else:
            verdict = "Usable." if report.usable else f"Not usable. {report.fix}"
            lines = [f"{report.url}, model {report.model}", *report.lines(), verdict]
        if report.found is not None:
            self.show_found(report.found)
            lines.append(found_text(report.found))
        self.show_report("\n".join(lines))

    @on(Button.Pressed, "#find")
    def action_find_local(self) -> None:
        self.show_report("Looking for model servers on this machine…")
        self.find_local()

    @work(exclusive=True, group="local-servers", exit_on_error=False)
    async def find_local(self) -> None:
        found = await asyncio.to_thread(asyncio.run, self.app.coach.find_local_servers())
        self.show_found(found)
        self.show_report(found_text(found))
        if self._choices:
            self.query_one("#local-servers", OptionList).focus()

    def show_found(self, found: list) -> None:
        """The servers found, as a list to choose from: one entry per model."""
        from coach.service.doctor import shown_url

        self._choices = [(server, model) for server in found for model in server.models]
        options = self.query_one("#local-servers", OptionList)
        options.clear_options()
        options.add_options([Option(cell(f"{server.name} · {model} · {shown_url(server.base_url)}"))
                             for server, model in self._choices])
        options.display = bool(self._choices)
        if self._choices:
            options.highlighted = 0

    @on(OptionList.OptionSelected, "#local-servers")
    def _use_found(self, event: OptionList.OptionSelected) -> None:
        from coach.service.doctor import shown_url

        server, model = self._choices[event.option_index]
        self.query_one("#base_url", Input).value = shown_url(server.base_url)
        self.query_one("#model", Input).value = model
        engine = self.query_one("#engine", Select)
        if engine.value == "offline":
            engine.value = "auto"  # choosing a server means wanting it
        self.notify(f"{server.name} · {model} filled in: Ctrl+S saves it.")
