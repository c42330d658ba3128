"""Briefing: the learner's situation and goal, the counterpart's public profile, difficulty and engine.

The counterpart's private goal, hidden constraints and objections are never shown here.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Header, Label, Markdown, RadioButton, RadioSet, Static

from coach.scenario import LEVELS
from coach.scenario.loader import ScenarioFile
from coach.service import CoachError
from coach.tui.widgets.footer import CoachFooter


def briefing_markdown(item: ScenarioFile) -> str:
    s = item.scenario
    c = s.counterpart
    you = "You lead this conversation as the manager." if s.learner.perspective == "manager" else ""
    return f"""# {s.title}

{" ".join(s.summary.split())}

## You
**{s.learner.role}**. {you}

{s.learner.situation.strip()}

**Your goal:** {s.learner.goal.strip()}

**A good outcome:** {s.learner.good_outcome.strip()}

## Who you are talking to
**{c.name}**, {c.role}. {c.relationship}

{c.personality.strip()}

*How they talk:* {c.style.strip()}
"""


class BriefingScreen(Screen):
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("ctrl+s", "start", "Start rehearsal"),
    ]

    def __init__(self, item: ScenarioFile):
        super().__init__()
        self.item = item

    def compose(self) -> ComposeResult:
        s = self.item.scenario
        yield Header()
        with VerticalScroll(id="briefing"):
            yield Markdown(briefing_markdown(self.item), id="brief")
            yield Label("Difficulty", classes="section-title")
            with RadioSet(id="levels"):
                for name in LEVELS:
                    yield RadioButton(name, value=name == s.difficulty, name=name)
            yield Static(self.level_text(s.difficulty), id="level-description")
            yield Static(self.engine_text(), id="played-by")
            with Horizontal(id="briefing-buttons"):
                yield Button("Start rehearsal", variant="primary", id="start")
                yield Button("Back", id="back")
        yield CoachFooter()

    def on_mount(self) -> None:
        self.sub_title = self.item.scenario.title
        self.query_one("#start", Button).focus(scroll_visible=False)
        self.query_one("#briefing", VerticalScroll).scroll_home(animate=False)
        # RadioSet's keyboard cursor starts on the first button; start it on the preselected level instead,
        # so the arrows move from what is shown as chosen.
        levels = self.query_one("#levels", RadioSet)
        levels._selected = LEVELS.index(self.difficulty)

    def level_text(self, name: str) -> str:
        level = self.item.scenario.levels[name]
        return f"{name}: {' '.join(level.description.split())}"

    @on(RadioSet.Changed, "#levels")
    def _level_changed(self) -> None:
        self.query_one("#level-description", Static).update(self.level_text(self.difficulty))

    def engine_text(self) -> str:
        settings = self.app.coach.settings
        if settings.resolved_engine == "offline":
            text = "Played by: the built-in offline counterpart. No model is set up, so nothing leaves this machine."
            if not self.app.workshop:
                text += " To rehearse with an LLM, set a model in Settings (F9 in the library)."
            return text
        if not settings.model:
            return "Played by: a model, but no model name is set. Set one in Settings (F9 in the library)."
        where = f" at {settings.base_url}" if settings.base_url else " (OpenAI)"
        return f"Played by: the model {settings.model}{where}."

    @property
    def difficulty(self) -> str:
        pressed = self.query_one("#levels", RadioSet).pressed_button
        return pressed.name if pressed is not None and pressed.name else self.item.scenario.difficulty

    @on(Button.Pressed, "#start")
    def action_start(self) -> None:
        from coach.tui.screens.rehearsal import RehearsalScreen

        try:
            rehearsal = self.app.coach.start(self.item.scenario.id, self.difficulty, pace=self.app.pace)
        except CoachError as exc:
            self.notify(str(exc), severity="error", timeout=8)
            return
        self.app.switch_screen(RehearsalScreen(rehearsal))

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        self.app.pop_screen()
