"""A past session: its transcript and scorecard, with resume for unfinished ones."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Markdown

from coach.core.session import Session
from coach.core.text_safety import clean, clean_line
from coach.service.coach import CoachError
from coach.service.export import session_markdown
from coach.tui.widgets.footer import CoachFooter


def resume_session(app: App, session: Session) -> None:
    """Open the rehearsal at once; the session is loaded (and a model client built) in a thread behind it."""
    from coach.tui.screens.rehearsal import RehearsalScreen

    if session.ended:
        app.notify("This session has ended; start the scenario again from the library instead.", severity="warning")
        return
    coach, pace, key = app.coach, app.pace, session.id
    app.push_screen(RehearsalScreen(starter=lambda: coach.resume(key, pace=pace)))


class TranscriptScreen(Screen):
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("u", "resume", "Resume"),
        Binding("s", "scorecard", "Scorecard"),
        Binding("c", "copy", "Copy"),
    ]

    def __init__(self, session: Session):
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="transcript-view"):
            yield Markdown(self.text(), id="transcript")
        yield CoachFooter()

    def on_mount(self) -> None:
        prov = self.session.provenance
        title = prov.scenario_title if prov and prov.scenario_title else self.session.scenario_id or "session"
        self.sub_title = clean_line(f"Session: {title}")
        self.query_one("#transcript-view").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "resume":
            return not self.session.ended  # only an unfinished session can be resumed
        return True

    def text(self) -> str:
        try:
            scenario = self.app.coach.scenario(self.session.scenario_id or "").scenario
        except CoachError:
            scenario = None
        return clean(session_markdown(self.session, scenario, self.session.scorecard))

    def action_resume(self) -> None:
        resume_session(self.app, self.session)

    def action_scorecard(self) -> None:
        from coach.tui.screens.scorecard import ScorecardScreen

        self.app.push_screen(ScorecardScreen(self.session, self.session.scorecard))

    def action_copy(self) -> None:
        self.app.copy(self.text(), "Session copied")

    def action_back(self) -> None:
        self.app.pop_screen()
