"""`coach` with no command: the Textual app (the only place Textual is imported from the CLI)."""

from __future__ import annotations

import argparse
import gc

from coach.cli.output import fail


def run_app(args: argparse.Namespace) -> int:
    # Start-up builds objects that live as long as the app (models, the catalog, widgets, styles): the
    # collector would walk them again and again (about 40 ms before the first frame) to find nothing. It
    # resumes after the first frame, with them frozen out of its view (`coach.tui.app.settle_gc`).
    gc.disable()
    try:
        return _run_app(args)
    finally:
        gc.enable()


def _run_app(args: argparse.Namespace) -> int:
    from coach.core.config import ConfigError, load_settings
    from coach.rehearsal.store import SessionStore
    from coach.scenario import CatalogError
    from coach.service.coach import Coach

    try:
        settings = load_settings()
        workshop = args.workshop or bool(args.workshop_dir) or settings.workshop  # a workshop folder means a workshop
        store = SessionStore.default()
        if workshop and (args.workshop_dir or settings.workshop_dir):
            from pathlib import Path

            store = SessionStore(Path(args.workshop_dir or settings.workshop_dir).expanduser())
        coach = Coach(settings, args.scenarios, store=store, workshop=workshop)
        coach.catalog  # noqa: B018 - a broken criteria library is reported before the screen opens
    except (ConfigError, CatalogError) as exc:
        return fail(str(exc), 2)
    from coach.tui.app import CoachApp

    CoachApp(coach, workshop=workshop, freeze_gc=True).run()
    return 0
