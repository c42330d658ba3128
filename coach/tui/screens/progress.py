"""Progress: per scenario a chart of the totals, per criterion the first, best and latest score with a trend,
and every past session; a scenario filter narrows all three."""

from __future__ import annotations

import asyncio

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Header, Label, Select, Static

from coach.core.session import Session, outcome_label
from coach.core.text_safety import clean_line
from coach.service.progress import by_scenario, progress
from coach.tui.text import cell, shown
from coach.tui.widgets.footer import CoachFooter

ALL = "*"  # the filter's "All scenarios": no scenario id is "*"
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


def trend_block(title: str, totals: list[float]) -> Content:
    """One scenario's trend: its title and summary, then (from two sessions) the chart with a 0-100 axis;
    23 columns fit 80 columns with the axis."""
    n = len(totals)
    summary = (f" · one scored session: {totals[0]:.0f}" if n == 1 else
               f" · first {totals[0]:.0f}, best {max(totals):.0f}, latest {totals[-1]:.0f}")
    head = Content.assemble((clean_line(title), "bold"), (summary, "$text-muted"))
    if n < 2:  # one bar is not a trend
        return head
    top, bottom = totals_chart(totals, limit=23).split("\n")
    return Content.assemble(head, "\n", ("100┤ ", "$text-muted"), (top, "$primary"),
                            "\n", ("  0┤ ", "$text-muted"), (bottom, "$primary"))


class ProgressScreen(Screen):
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("u", "resume", "Resume session"),
        Binding("s", "pick_scenario", "Scenario"),
        Binding("enter", "open", "Open session", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="progress"):
            with Horizontal(id="progress-filter"):
                yield Label("Scenario", id="scenario-label")
                yield Select([("All scenarios", ALL)], id="scenario", allow_blank=False, compact=True)
            yield Label("Total score per session, out of 100 · oldest → newest", id="trends-title",
                        classes="section-title")
            with VerticalScroll(id="trends-box", can_focus=False):
                yield Static("", id="trends")
            criteria = DataTable(id="criteria", cursor_type="none", zebra_stripes=True)
            criteria.can_focus = False  # read-only: the keys go to the sessions list
            yield criteria
            yield Label("Past sessions · Enter opens · u resumes a paused one", classes="section-title")
            yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield CoachFooter()

    sessions: list[Session] = []  # all of them, newest first
    listed: list[Session] = []  # those the filter shows, as in the table
    chosen = ALL  # the scenario filter
    choices: list[tuple[str, str]] = []

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
        # Every session file is read and checked: in a thread, so the screen keeps drawing meanwhile.
        found = await asyncio.to_thread(coach.sessions)
        # Newest first by when they started, as the first column shows.
        self.sessions: list[Session] = sorted(found, key=lambda s: s.created_at, reverse=True)
        if coach.skipped:  # e.g. a backup copy of a session beside it: listed once, and said so
            self.notify("Skipped: " + "; ".join(coach.skipped[:3]) + (" …" if len(coach.skipped) > 3 else ""),
                        severity="warning", timeout=8)
        todo = coach.unscored(self.sessions)  # finished, never scored: scored now, one at a time, in a thread
        for number, session in enumerate(todo, 1):
            if not self._showing():
                return
            self.query_one("#trends", Static).update(f"Scoring {number} of {len(todo)} unscored sessions…")
            unsaved = await coach.score_in_thread(session)
            if unsaved:  # shown all the same; saved another time
                self.notify(f"Session {session.id}: {unsaved}", severity="warning")
        if not self._showing():
            return
        self.show()
        if not self.sessions:
            self.notify("No sessions yet: pick a scenario in the library to start.", timeout=4)

    def _showing(self) -> bool:
        """Still on screen with its widgets: the sessions are read in a thread, and a learner who opens a transcript
        and goes on to a rehearsal meanwhile has closed this screen (drawing on it then crashed the app)."""
        return self.is_attached and bool(self.query("#trends"))

    def title_of(self, session: Session) -> str:
        item = self.app.coach.catalog.scenarios.get(session.scenario_id or "")
        if item is not None:
            return item.scenario.title
        return (session.provenance.scenario_title if session.provenance else "") or session.scenario_id or "?"

    def show(self) -> None:
        """The charts, the criteria and the sessions of the chosen scenario (or all), from what load read."""
        groups = by_scenario(self.sessions)
        self.show_filter(groups)
        self.listed = self.sessions if self.chosen == ALL else groups.get(self.chosen, [])
        blocks = [trend_block(self.title_of(group[0]), totals) for sid, group in groups.items()
                  if self.chosen in (ALL, sid) and (totals := progress(group)[1])]
        empty = "No scored sessions yet: finish a rehearsal and press F8 for a scorecard."
        self.query_one("#trends", Static).update(Content("\n").join(blocks) if blocks else shown(empty))
        rows, _ = progress(self.listed)
        table = self.query_one("#criteria", DataTable)
        table.clear()
        for row in rows:
            # Cells as Text: a DataTable reads a plain string as markup, and these come from session files.
            table.add_row(cell(row.name), f"{row.first}/4", f"{row.best}/4", f"{row.latest}/4", trend(row.scores))
        sessions = self.query_one("#sessions", DataTable)
        sessions.clear()
        for s in self.listed:
            card = s.scorecard
            sessions.add_row(
                s.created_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                f"{card.total:.0f}" if card else "",
                cell(outcome_label(s.outcome)),
                cell(s.provenance.difficulty if s.provenance else ""),
                str(len(s.learner_turns)),
                cell(self.title_of(s)),
                key=s.id,
            )

    def show_filter(self, groups: dict[str, list[Session]]) -> None:
        """"All scenarios" and each scenario with sessions; set again only when those change, keeping the choice."""
        choices = [("All scenarios", ALL)]
        choices += [(clean_line(self.title_of(group[0])), sid) for sid, group in groups.items()]
        if choices == self.choices:
            return
        self.choices = choices
        if self.chosen not in {sid for _, sid in choices}:
            self.chosen = ALL
        select = self.query_one("#scenario", Select)
        with self.prevent(Select.Changed):
            select.set_options([(cell(title), sid) for title, sid in choices])
            select.value = self.chosen

    @on(Select.Changed, "#scenario")
    def _scenario_chosen(self, event: Select.Changed) -> None:
        if event.value != self.chosen:
            self.chosen = str(event.value)
            self.show()
            self.query_one("#sessions", DataTable).focus()  # chosen: Enter and u act on the sessions again

    def action_pick_scenario(self) -> None:
        select = self.query_one("#scenario", Select)
        select.focus()
        select.action_show_overlay()

    def selected(self) -> Session | None:
        table = self.query_one("#sessions", DataTable)
        if not self.listed or table.cursor_row is None or table.cursor_row >= len(self.listed):
            return None
        return self.listed[table.cursor_row]

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
