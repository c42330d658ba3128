"""Progress: per criterion the first, best and latest score with a trend, and every past session."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Header, Label, Static

from coach.core.session import Session
from coach.service.progress import progress
from coach.tui.text import cell, outcome_label, shown
from coach.tui.widgets.footer import CoachFooter

TICKS = "▁▂▃▄▅"
EIGHTHS = " ▁▂▃▄▅▆▇█"


def trend(scores: list[int]) -> str:
    return "".join(TICKS[max(0, min(4, s))] for s in scores[-24:])


def totals_chart(totals: list[float], rows: int = 2, limit: int = 25) -> str:
    """One column per session (the latest `limit`), on a fixed 0-100 scale: 55 and 64 look alike."""
    lines = []
    for row in reversed(range(rows)):
        line = ""
        for total in totals[-limit:]:
            eighths = round(max(0.0, min(100.0, total)) / 100 * rows * 8) - row * 8
            line += EIGHTHS[max(0, min(8, eighths))] * 2 + " "
        lines.append(line.rstrip())
    return "\n".join(lines)


class ProgressScreen(Screen):
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("u", "resume", "Resume session"),
        Binding("enter", "open", "Open session", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="progress"):
            yield Label("Total score per session", classes="section-title")
            yield Static("", id="totals")
            yield Static("", id="totals-label")
            criteria = DataTable(id="criteria", cursor_type="none", zebra_stripes=True)
            criteria.can_focus = False  # read-only: the keys go to the sessions list
            yield criteria
            yield Label("Past sessions · Enter opens · u resumes a paused one", classes="section-title")
            yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield CoachFooter()

    sessions: list[Session] = []

    def on_mount(self) -> None:
        self.sub_title = "Progress"
        criteria = self.query_one("#criteria", DataTable)
        criteria.add_columns("Criterion", "First", "Best", "Latest", "Trend")
        sessions = self.query_one("#sessions", DataTable)
        # The scenario title goes last: at 80 columns it is the one that may be cut.
        sessions.add_columns("Started", "Score", "Outcome", "Level", "Lines", "Scenario")
        sessions.focus()

    def on_screen_resume(self) -> None:  # also on the first show: the sessions are read once, not twice
        self.load()

    @work(exclusive=True)
    async def load(self) -> None:
        coach = self.app.coach
        # Newest first by when they started, as the first column shows.
        self.sessions: list[Session] = sorted(coach.sessions(), key=lambda s: s.created_at, reverse=True)
        if coach.skipped:  # e.g. a backup copy of a session beside it: listed once, and said so
            self.notify("Skipped: " + "; ".join(coach.skipped[:3]) + (" …" if len(coach.skipped) > 3 else ""),
                        severity="warning", timeout=8)
        todo = coach.unscored(self.sessions)  # finished, never scored: scored now, one at a time
        for number, session in enumerate(todo, 1):
            self.query_one("#totals-label", Static).update(f"Scoring {number} of {len(todo)} unscored sessions…")
            unsaved = await coach.score_in_thread(session)
            if unsaved:  # shown all the same; saved another time
                self.notify(f"Session {session.id}: {unsaved}", severity="warning")
        rows, totals = progress(self.sessions)
        chart = self.query_one("#totals", Static)
        chart.update(shown(totals_chart(totals)))
        chart.display = len(totals) > 1  # one bar is not a trend
        if totals:
            label = f"{len(totals)} scored session{'s' if len(totals) != 1 else ''}: "
            label += f"first {totals[0]:.0f}, best {max(totals):.0f}, latest {totals[-1]:.0f} (out of 100)"
        else:
            label = "No scored sessions yet: finish a rehearsal and press F8 for a scorecard."
        self.query_one("#totals-label", Static).update(shown(label))
        table = self.query_one("#criteria", DataTable)
        table.clear()
        for row in rows:
            # Cells as Text: a DataTable reads a plain string as markup, and these come from session files.
            table.add_row(cell(row.name), f"{row.first}/4", f"{row.best}/4", f"{row.latest}/4", trend(row.scores))
        sessions = self.query_one("#sessions", DataTable)
        sessions.clear()
        titles = {sid: item.scenario.title for sid, item in coach.catalog.scenarios.items()}
        for s in self.sessions:
            card = s.scorecard
            sessions.add_row(
                s.created_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                f"{card.total:.0f}" if card else "",
                cell(outcome_label(s.outcome)),
                cell(s.provenance.difficulty if s.provenance else ""),
                str(len(s.learner_turns)),
                cell(titles.get(s.scenario_id or "", (s.provenance.scenario_title if s.provenance else "") or s.scenario_id or "?")),
                key=s.id,
            )
        if not self.sessions:
            self.notify("No sessions yet: pick a scenario in the library to start.", timeout=4)

    def selected(self) -> Session | None:
        table = self.query_one("#sessions", DataTable)
        if not self.sessions or table.cursor_row is None or table.cursor_row >= len(self.sessions):
            return None
        return self.sessions[table.cursor_row]

    @on(DataTable.RowSelected, "#sessions")
    def action_open(self) -> None:
        from coach.tui.screens.transcript import TranscriptScreen

        session = self.selected()
        if session is not None:
            self.app.push_screen(TranscriptScreen(session))

    def action_resume(self) -> None:
        from coach.tui.screens.transcript import resume_session

        session = self.selected()
        if session is not None:
            resume_session(self.app, session)

    def action_back(self) -> None:
        self.app.pop_screen()
