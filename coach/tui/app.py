"""CoachApp: screens, global keys, the command palette and the theme."""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from coach.core.text_safety import clean, clean_line
from coach.tui.commands import CoachCommands

if TYPE_CHECKING:  # the service (pydantic, the catalog) loads after the first frame: see `CoachApp.load`
    from coach.service.coach import Coach


def settle_gc() -> None:
    """Once start-up is done (the first frame, and the catalog loaded): what it built lives as long as the
    app, so it leaves the collector's view (its full collections then take milliseconds, not a visible
    fifth of a second) and collection resumes (`coach` pauses it while it starts: it would only walk those
    objects again and again)."""
    gc.freeze()
    gc.enable()


class CoachApp(App):
    CSS_PATH = "app.tcss"
    TITLE = "coach"
    SUB_TITLE = "rehearse the conversation before you have it"
    COMMANDS = App.COMMANDS | {CoachCommands}
    BINDINGS = [
        Binding("f1", "help", "Help"),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(self, coach: Coach | None = None, workshop: bool = False, pace: float = 0.02,
                 freeze_gc: bool = False, *, load: Callable[[], Coach] | None = None, theme: str | None = None):
        """Given a `coach`, the library is in the first frame. Given `load` instead (as `coach` runs the app),
        the first frame shows the library loading, and `load` runs just after it (see `load`); `theme` (the
        settings file's, not yet validated) is the first frame's. A ConfigError or CatalogError from `load`
        ends the app with `load_error` set."""
        super().__init__()
        self.coach: Coach | None = None
        self.workshop = workshop
        self.pace = pace  # the offline counterpart's typing speed, seconds per chunk
        self.freeze_gc = freeze_gc
        self.load_error: str | None = None
        self._load = load
        if coach is not None:
            self._adopt(coach)
        elif theme in self.available_themes:
            self.theme = theme

    def _adopt(self, coach: Coach) -> None:
        self.coach = coach
        self.workshop = self.workshop or coach.workshop
        coach.workshop = self.workshop  # the core refuses to start or list without a name too
        if coach.settings.theme in self.available_themes:
            self.theme = coach.settings.theme

    @property
    def loading(self) -> bool:
        """The first frame is up and the service is still loading (see `load`)."""
        return self.coach is None

    def get_default_screen(self) -> Screen:
        """The library is the bottom screen: composed with the app, it is in the very first frame (a screen
        pushed once the app has mounted arrives a layout later)."""
        from coach.tui.screens.library import LibraryScreen

        return LibraryScreen()

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        if self.loading:
            self.call_after_refresh(self.load)  # after the first frame, never before it
            return
        self._started()

    def _started(self) -> None:
        if self.freeze_gc:
            self.call_after_refresh(settle_gc)
        if self.workshop and self.coach.participant is None:
            from coach.tui.screens.participant import ParticipantScreen

            self.push_screen(ParticipantScreen())

    def load(self) -> None:
        """The settings validated and the catalog loaded (about a tenth of a second: pydantic and the scenario
        files), just after the first frame. On the loop: nothing can be opened before the catalog is there, and
        in a thread, sharing the GIL with the loop's own start-up, it took twice as long."""
        from coach.core.config import ConfigError
        from coach.scenario import CatalogError

        try:
            coach = self._load()
        except (ConfigError, CatalogError) as exc:
            self.load_error = str(exc)
            self.exit(return_code=2)
            return
        self._adopt(coach)
        from coach.tui.screens.library import LibraryScreen

        for screen in self.screen_stack:
            if isinstance(screen, LibraryScreen):
                screen.show_catalog()
        self._started()

    @property
    def awaiting_name(self) -> bool:
        """Workshop mode before the participant has said who they are: only the name prompt works."""
        return self.workshop and not self.coach.participant

    def still_loading(self) -> bool:
        if self.loading:
            self.notify("The scenarios are still loading.", severity="warning", timeout=2)
        return self.loading

    def _blocked(self) -> bool:
        if self.still_loading():
            return True
        if self.awaiting_name:
            self.notify("Enter your name first.", severity="warning")
            return True
        return False

    def action_help(self) -> None:
        from coach.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_progress(self) -> None:
        from coach.tui.screens.progress import ProgressScreen

        if not self._blocked() and not isinstance(self.screen, ProgressScreen):
            self.push_screen(ProgressScreen())

    def action_settings(self) -> None:
        if self.workshop:
            self.notify("Settings are locked in workshop mode.", severity="warning")
            return
        if self.still_loading():
            return
        from coach.tui.screens.settings import SettingsScreen

        if not isinstance(self.screen, SettingsScreen):
            self.push_screen(SettingsScreen())

    def action_library(self) -> None:
        from coach.tui.screens.library import LibraryScreen
        from coach.tui.screens.participant import ParticipantScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, (LibraryScreen, ParticipantScreen)):
            self.pop_screen()

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    def _theme_changed(self, theme) -> None:
        """A theme chosen anywhere (the palette's toggle or its theme picker) is kept for next time; the
        Settings screen only previews it until Save."""
        from coach.tui.screens.settings import SettingsScreen

        if self.loading or isinstance(self.screen, SettingsScreen) or theme.name == self.coach.settings.theme:
            return
        self.coach.settings = self.coach.settings.model_copy(update={"theme": theme.name})
        if self.workshop:
            return  # a shared machine's settings are locked: this participant's choice is not written
        from coach.core.config import ConfigError, load_settings, save_settings

        try:  # the file's own values (no command-line flags), with the new theme
            save_settings(load_settings().model_copy(update={"theme": theme.name}))
        except (ConfigError, OSError) as exc:
            self.notify(f"The theme is not saved: {exc}", severity="warning", timeout=5)

    def notify(self, message: str, *, title: str = "", severity="information", timeout: float | None = None,
               markup: bool = False) -> None:
        """Every notification (the screens' and widgets' come here too) is plain, cleaned text: they carry
        server errors, file names and session ids, never markup of ours."""
        super().notify(clean(message), title=clean(title), severity=severity, timeout=timeout, markup=False)

    def on_delivery_complete(self, event: events.DeliveryComplete) -> None:
        if event.name == "screenshot":  # Textual's own notice is markup, which notify() shows as plain text
            event.prevent_default()
            self.notify(f"Screenshot saved to {event.path}" if event.path else "Screenshot saved.", timeout=5)

    def on_delivery_failed(self, event: events.DeliveryFailed) -> None:
        """Textual only says "Failed to save screenshot": say why (no Downloads folder, a read-only one)."""
        if event.name == "screenshot":
            event.prevent_default()
            exc = event.exception
            why = f"{exc.strerror}: {exc.filename}" if isinstance(exc, OSError) and exc.strerror else str(exc)
            self.notify(f"The screenshot was not saved: {clean_line(why)}", severity="error", timeout=8)

    def open_briefing(self, scenario_id: str) -> None:
        from coach.tui.screens.briefing import BriefingScreen

        if self._blocked():
            return
        self.push_screen(BriefingScreen(self.coach.scenario(scenario_id)))

    def copy(self, text: str, what: str = "Copied") -> None:
        """Copy through the terminal (OSC 52), which works over SSH without a system clipboard. The text
        travels base64-encoded, and is cleaned first so a paste cannot carry escape codes either."""
        self.copy_to_clipboard(clean(text))
        self.notify(f"{what} to the clipboard.", timeout=2)
