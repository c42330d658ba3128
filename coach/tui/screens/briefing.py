"""Briefing: the learner's situation and goal, the counterpart's public profile, difficulty and engine.

The counterpart's private goal, hidden constraints and objections are never shown here.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import (
    Button,
    Header,
    Label,
    Markdown,
    RadioButton,
    RadioSet,
    Static,
)

from coach.core.text_safety import clean, clean_line
from coach.scenario import LEVELS
from coach.scenario.loader import ScenarioFile
from coach.tui.text import shown
from coach.tui.widgets.footer import CoachFooter


def briefing_markdown(item: ScenarioFile) -> str:
    return clean(_briefing(item))


def _briefing(item: ScenarioFile) -> str:
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


KEYS = "←/→ choose the difficulty · Enter starts · PgUp/PgDn scroll the briefing"  # on the bar's top edge


class LevelPicker(RadioSet):
    """The difficulty: the arrows choose (no separate Space to press, no wrapping past the ends), as the
    hint says; Enter starts the rehearsal."""

    BINDINGS = [
        Binding("right,down", "step(1)", "Harder", show=False),
        Binding("left,up", "step(-1)", "Easier", show=False),
        Binding("enter", "screen.start", "Start", show=False),
    ]

    def action_step(self, step: int) -> None:
        buttons = list(self.query(RadioButton))
        here = max(0, self.pressed_index)
        buttons[max(0, min(len(buttons) - 1, here + step))].value = True


class BriefingScreen(Screen):
    """The briefing scrolls; the difficulty and Start sit in a bar at the bottom, always in view."""

    BINDINGS = [
        Binding("escape", "back", "Back"),
        # Priority: run by the app as the key arrives, so the keys typed after it reach the rehearsal's input.
        Binding("ctrl+s", "start", "Start rehearsal", priority=True),
        Binding("pageup", "scroll_brief(-1)", show=False),
        Binding("pagedown", "scroll_brief(1)", show=False),
        # From the Start button the arrows choose too, and take the focus to the difficulty.
        Binding("left", "choose(-1)", show=False),
        Binding("right", "choose(1)", show=False),
    ]

    def __init__(self, item: ScenarioFile, difficulty: str | None = None):
        super().__init__()
        self.item = item
        self.chosen = difficulty if difficulty in LEVELS else item.scenario.difficulty

    def compose(self) -> ComposeResult:
        yield Header()
        # Not in the Tab order (PgUp/PgDn scroll it): Tab goes between the difficulty and Start.
        with VerticalScroll(id="briefing", can_focus=False):
            yield Markdown(briefing_markdown(self.item), id="brief")
            yield Static(shown(self.engine_text()), id="played-by")  # "http://[::1]:11434/v1" is not markup
        with Vertical(id="start-bar") as bar:
            bar.border_title = KEYS
            with Horizontal(id="start-row"):
                yield Label("Difficulty", id="levels-label")
                with LevelPicker(id="levels", compact=True):
                    for name in LEVELS:
                        yield RadioButton(name, value=name == self.chosen, name=name, compact=True)
                yield Button("Start rehearsal", variant="primary", id="start", compact=True)
            yield Static(shown(self.level_text(self.chosen)), id="level-description")
        yield CoachFooter()

    def on_mount(self) -> None:
        self.sub_title = clean_line(self.item.scenario.title)
        self.query_one("#start", Button).focus(scroll_visible=False)
        self.query_one("#briefing", VerticalScroll).scroll_home(animate=False)
        # RadioSet's keyboard cursor starts on the first button; start it on the preselected level instead,
        # so the arrows move from what is shown as chosen.
        levels = self.query_one("#levels", RadioSet)
        levels._selected = LEVELS.index(self.difficulty)

    def action_choose(self, step: int) -> None:
        levels = self.query_one(LevelPicker)
        levels.focus()
        levels.action_step(step)

    def action_scroll_brief(self, pages: int) -> None:
        brief = self.query_one("#briefing", VerticalScroll)
        brief.scroll_page_down() if pages > 0 else brief.scroll_page_up()

    def level_text(self, name: str) -> str:
        level = self.item.scenario.levels[name]
        return f"{name}: {' '.join(level.description.split())}"

    @on(RadioSet.Changed, "#levels")
    def _level_changed(self) -> None:
        self.query_one("#level-description", Static).update(shown(self.level_text(self.difficulty)))

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

    async def action_start(self) -> None:
        # Ctrl+S is a priority binding, run by the app itself: waiting here for the switch means the keys
        # typed after it go to the rehearsal's input, not to this screen.
        await self.start()

    @on(Button.Pressed, "#start")
    def _start_pressed(self) -> None:
        self.start()  # not awaited: this runs in this screen's own message loop, which the switch ends

    def start(self):
        """The rehearsal screen opens at once and takes keys; the rehearsal (and a model client, the first
        time) is built in a thread behind it. If it cannot start, the screen comes back here and says why."""
        from coach.tui.screens.rehearsal import RehearsalScreen

        app, item, difficulty = self.app, self.item, self.difficulty

        def starter():
            return app.coach.start(item.scenario.id, difficulty, pace=app.pace), []

        def on_fail():
            app.switch_screen(BriefingScreen(item, difficulty))

        return self.app.switch_screen(RehearsalScreen(starter=starter, on_fail=on_fail))

    def action_back(self) -> None:
        self.app.pop_screen()


class BriefingDialog(ModalScreen[None]):
    """The public briefing again, during the rehearsal (never the counterpart's hidden brief)."""

    BINDINGS = [Binding("escape,f6,q", "dismiss", "Close")]

    def __init__(self, item: ScenarioFile):
        super().__init__()
        self.item = item

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="brief-dialog", classes="dialog"):
            yield Markdown(briefing_markdown(self.item))
            yield Static("Esc or F6 closes", classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#brief-dialog").focus()
