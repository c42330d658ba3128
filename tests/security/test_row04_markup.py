"""Row 4: text that looks like Textual markup is shown as it is. A workshop participant named
"Ana [/] Lee" no longer crashes the shared app on Enter; a scenario titled "Markup [/] test" no longer
crashes Progress (F5) or the command palette."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, Static

from coach.rehearsal.store import SessionStore
from coach.scoring.score import score_offline
from coach.service.coach import Coach
from coach.tui.app import CoachApp
from coach.tui.screens.library import LibraryScreen
from coach.tui.screens.participant import ParticipantScreen
from coach.tui.screens.progress import ProgressScreen
from tests.tui.conftest import (
    SCENARIOS,
    make_app,
    open_rehearsal,
    run_sync,
    settle,
    until,
)

TITLE = "Markup [/] test [b]not bold[/b] [link=http://x]"


def _pack(tmp_path: Path) -> Path:
    folder = tmp_path / "pack"
    folder.mkdir()
    text = (SCENARIOS / "promotion-after-win.toml").read_text(encoding="utf-8")
    text = text.replace('id = "promotion-after-win"', 'id = "markup-test"', 1)
    lines = [f'title = "{TITLE}"' if line.startswith("title = ") else line for line in text.splitlines()]
    (folder / "markup.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


async def test_a_participant_name_with_markup_does_not_crash_the_workshop_app():
    app = make_app(workshop=True)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ParticipantScreen)
        assert app.focused is app.screen.query_one(Input)
        await pilot.press(*"Ana [/] Lee", "enter")
        await until(pilot, lambda: isinstance(app.screen, LibraryScreen), "the library")
        await pilot.pause()
        assert app.coach.participant == "Ana [/] Lee"
        assert "Participant: Ana [/] Lee" in str(app.screen.query_one("#engine-line", Static).render())
        screen = await open_rehearsal(pilot)
        assert screen.rehearsal.session.participant == "Ana [/] Lee"


async def test_a_scenario_title_with_markup_in_progress_and_the_palette(tmp_path):
    folder = _pack(tmp_path)
    coach = Coach(extra_dirs=[folder], store=SessionStore.default())
    rehearsal = coach.start("markup-test")

    async def one() -> None:
        async for _ in rehearsal.send("I'd like you to nominate me for Senior in the March calibration."):
            pass

    run_sync(one())
    session = rehearsal.session
    session.scorecard = score_offline(session, rehearsal.scenario, coach.catalog.library)
    coach.store.save(session)

    app = CoachApp(Coach(extra_dirs=[folder], store=SessionStore.default()), pace=0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f5")
        await until(pilot, lambda: isinstance(app.screen, ProgressScreen), "progress")
        await settle(pilot)
        table = app.screen.query_one("#sessions", DataTable)
        assert str(table.get_row_at(0)[-1]) == TITLE
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Markup")
        await pilot.pause(0.3)
        assert "Markup [/] test" in app.export_screenshot().replace("&#160;", " ")
