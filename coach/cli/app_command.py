"""`coach` with no command: the Textual app (the only place Textual is imported from the CLI)."""

from __future__ import annotations

import argparse

from coach.cli.output import fail


def run_app(args: argparse.Namespace) -> int:
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

    # freeze_gc: after the first frame, the startup objects leave the garbage collector's view, so its
    # full collections during a rehearsal take milliseconds, not a visible fifth of a second.
    CoachApp(coach, workshop=workshop, freeze_gc=True).run()
    return 0
