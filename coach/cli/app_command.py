"""`coach` with no command: the Textual app (the only place Textual is imported from the CLI)."""

from __future__ import annotations

import argparse
import gc
from typing import TYPE_CHECKING

from coach.cli.output import fail

if TYPE_CHECKING:
    from coach.service.coach import Coach


def run_app(args: argparse.Namespace) -> int:
    # Start-up builds objects that live as long as the app (models, the catalog, widgets, styles): the
    # collector would walk them again and again (about 40 ms before the first frame) to find nothing. It
    # resumes once the catalog is loaded, with them frozen out of its view (`coach.tui.app.settle_gc`).
    gc.disable()
    try:
        return _run_app(args)
    finally:
        gc.enable()


def _run_app(args: argparse.Namespace) -> int:
    """The first frame waits for Textual only: the settings are validated and the catalog loaded just after
    it (`CoachApp.load`). The settings file is read first (TOML, no pydantic) for its theme, so
    the first frame is drawn in it; a file that is not TOML is reported before the screen opens."""
    from coach.core.config_file import ConfigError, read_config_file

    try:
        theme = read_config_file().get("theme")
    except ConfigError as exc:
        return fail(str(exc), 2)
    from coach.tui.app import CoachApp

    app = CoachApp(load=lambda: load_coach(args), workshop=args.workshop or bool(args.workshop_dir),
                   theme=theme if isinstance(theme, str) else None, freeze_gc=True)
    app.run()
    if app.load_error:  # an invalid setting or a broken criteria library: said the way any command says it
        return fail(app.load_error, 2)
    return 0


def load_coach(args: argparse.Namespace) -> Coach:
    """The app's service: the settings validated, the workshop folder chosen, the catalog loaded (a broken
    criteria library raises CatalogError here, before any scenario is shown)."""
    from coach.core.config import load_settings
    from coach.rehearsal.store import SessionStore
    from coach.service.coach import Coach

    settings = load_settings()
    workshop = args.workshop or bool(args.workshop_dir) or settings.workshop  # a workshop folder means a workshop
    store = SessionStore.default()
    if workshop and (args.workshop_dir or settings.workshop_dir):
        from pathlib import Path

        store = SessionStore(Path(args.workshop_dir or settings.workshop_dir).expanduser())
    coach = Coach(settings, args.scenarios, store=store, workshop=workshop)
    coach.catalog  # noqa: B018 - loaded here, while the library says so, not when it first asks for it
    return coach
