"""Library: every scenario, filterable by typing, category and difficulty; broken files listed apart."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Header, Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from coach.core.text_safety import clean_line
from coach.tui.text import shorten, shown
from coach.tui.widgets.footer import CoachFooter

if TYPE_CHECKING:  # the catalog loads after the first frame (`CoachApp.load`)
    from coach.scenario.loader import ScenarioFile

ALL = "all"
LOADING = "Loading the scenarios…"


def scenario_prompt(item: ScenarioFile) -> Text:
    s = item.scenario
    text = Text()
    text.append(clean_line(s.title), style="bold")
    side = "you lead (manager)" if s.learner.perspective == "manager" else s.counterpart.role
    text.append("\n" + clean_line(f"{s.category} · {s.difficulty} · with {s.counterpart.name}, {side}"), style="dim")
    text.append("\n" + clean_line(shorten(s.summary, 160)))
    return text


def matches(item: ScenarioFile, words: list[str], category: str, difficulty: str) -> bool:
    s = item.scenario
    if category != ALL and s.category != category:
        return False
    if difficulty != ALL and s.difficulty != difficulty:
        return False
    haystack = " ".join([s.id, s.title, s.category, s.summary, " ".join(s.tags), s.counterpart.role]).lower()
    return all(w in haystack for w in words)


def options_for(shown: list[ScenarioFile]) -> list[Option | None]:
    """The scenarios as options, with a rule between them (OptionList ignores vertical padding on options)."""
    if not shown:
        return [Option(Text("No scenario matches the filter. Esc clears it.", style="italic"), disabled=True)]
    entries: list[Option | None] = []
    for item in shown:
        entries += [Option(scenario_prompt(item), id=item.scenario.id), None]
    return entries[:-1]


class FilterInput(Input):
    """The filter box: Enter opens the highlighted scenario, and the footer says so."""

    BINDINGS = [Binding("enter", "submit", "Open")]


class ScenarioList(OptionList):
    BINDINGS = [Binding("enter", "select", "Open")]


def problem_summary(problems: list) -> dict[str, list]:
    """The problems by file, in the order found."""
    by_file: dict[str, list] = {}
    for problem in problems:
        by_file.setdefault(problem.path, []).append(problem)
    return by_file


class ProblemsScreen(ModalScreen[None]):
    """The scenario files that could not be loaded: one line per file (its first problem and how many
    more), and every problem of the highlighted file below."""

    BINDINGS = [Binding("escape,f6,q", "dismiss", "Close")]

    def __init__(self, problems: list):
        super().__init__()
        self.by_file = problem_summary(problems)

    def compose(self) -> ComposeResult:
        with Vertical(id="problems-dialog", classes="dialog"):
            yield Static("[b]Scenario files that could not be loaded[/b] (fix them and restart; "
                         "`coach validate FILE` checks one)")
            options = []
            for path, found in self.by_file.items():
                first = found[0]
                more = f" (+{len(found) - 1} more)" if len(found) > 1 else ""
                options.append(Option(Text(clean_line(f"{path}:{first.line}: {first.field}: {first.message}{more}")), id=path))
            yield OptionList(*options, id="problem-files")
            yield Static("", id="problem-details", markup=False)
            yield Static("↑↓ choose a file · Esc closes", classes="dialog-keys")

    def on_mount(self) -> None:
        files = self.query_one(OptionList)
        files.highlighted = 0
        files.focus()
        self.show_details(next(iter(self.by_file)))

    def show_details(self, path: str) -> None:
        lines = [f"{p.line}: {p.field}: {p.message}" for p in self.by_file[path]]
        self.query_one("#problem-details", Static).update(shown(f"{path}\n" + "\n".join(f"  {line}" for line in lines)))

    @on(OptionList.OptionHighlighted, "#problem-files")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self.show_details(event.option.id)


class LibraryScreen(Screen):
    BINDINGS = [
        Binding("enter", "open", "Open", show=True),
        Binding("ctrl+f", "focus_filter", "Filter"),
        Binding("escape", "clear_filter", "Clear filter"),
        Binding("f5", "progress", "Progress & sessions"),
        Binding("f6", "problems", "Problems"),
        Binding("f9", "settings", "Settings"),
        Binding("ctrl+n", "switch_participant", "Switch participant"),  # workshop mode only
        Binding("down", "focus_list", show=False),
    ]

    def compose(self) -> ComposeResult:
        """With the catalog loaded, the scenarios are in the first frame; while it loads (as `coach` starts),
        the same screen says so, and `show_catalog` fills it in."""
        loading = self.app.loading
        yield Header()
        with Vertical(id="library"):
            with Horizontal(id="filters"):
                yield FilterInput(placeholder="Type to filter scenarios…", id="filter", select_on_focus=False)
                yield Select(() if loading else self.categories(), prompt="Category", id="category", allow_blank=True)
                yield Select(() if loading else self.levels(), prompt="Difficulty", id="difficulty", allow_blank=True)
            yield Static("", id="engine-line")
            options = [Option(Text(LOADING, style="italic"), disabled=True)] if loading else options_for(
                self.matching([], ALL, ALL))
            yield ScenarioList(*options, id="scenarios")
            yield Static("", id="problems")
        yield CoachFooter()

    def on_mount(self) -> None:
        self.query_one("#filter", Input).focus()
        if self.app.loading:
            self.query_one("#problems", Static).display = False
            self.sub_title = LOADING
            return
        self.show_count(len(self.matching(*self.selected_filters())))
        self.show_problems()
        self.show_engine()
        if self.app.coach.offers_local:
            self.call_after_refresh(self.find_local_servers)  # after the first frame, never before it

    def categories(self) -> list[tuple[str, str]]:
        return [(c, c) for c in sorted({i.scenario.category for i in self.app.coach.catalog.scenarios.values()})]

    @staticmethod
    def levels() -> list[tuple[str, str]]:
        from coach.scenario import LEVELS

        return [(lvl, lvl) for lvl in LEVELS]

    def show_catalog(self) -> None:
        """The catalog has loaded (`CoachApp.load`): what `compose` and `on_mount` show when it is there."""
        self.query_one("#category", Select).set_options(self.categories())
        self.query_one("#difficulty", Select).set_options(self.levels())
        self.refresh_list()
        self.show_problems()
        self.show_engine()
        self.refresh_bindings()
        if self.app.coach.offers_local:
            self.call_after_refresh(self.find_local_servers)

    @work(exclusive=True, group="local-servers", exit_on_error=False)
    async def find_local_servers(self) -> None:
        """Model servers on this machine, looked for in a thread: the imports and the look (at most 0.3 s)
        never hold up the screen."""
        await asyncio.to_thread(asyncio.run, self.app.coach.find_local_servers())
        self.show_engine()

    def on_screen_resume(self) -> None:
        if not self.app.loading:
            self.show_engine()

    def show_engine(self) -> None:
        settings = self.app.coach.settings
        found = self.app.coach.local_found if self.app.coach.offers_local else []
        if found:
            from coach.service.doctor import describe_found

            line = (f"Counterpart: the built-in offline engine. Found on this machine: {describe_found(found)}; "
                    "F9 Settings to use it.")
        elif settings.resolved_engine == "offline":
            line = "Counterpart: the built-in offline engine (no model set up"
            line += ")." if self.app.workshop else "; F9 Settings)."
        else:
            line = f"Counterpart: model {settings.model}" + (f" at {settings.base_url}" if settings.base_url else "")
        if self.app.coach.participant:
            line = f"Participant: {self.app.coach.participant} · " + line
        self.query_one("#engine-line", Static).update(shown(line))  # a name like "Ana [/] Lee" is not markup

    def show_problems(self) -> None:
        """One line, however many problems: the list itself is a key away (F6)."""
        problems = self.app.coach.catalog.problems
        widget = self.query_one("#problems", Static)
        widget.display = bool(problems)
        if problems:
            files = len(problem_summary(problems))
            what = "1 scenario file" if files == 1 else f"{files} scenario files"
            widget.update(Text.assemble(("⚠ ", "bold"), (f"{what} could not be loaded", "bold"),
                                        f" ({len(problems)} problem{'s' if len(problems) != 1 else ''}) · F6 shows them"))

    def action_problems(self) -> None:
        if self.app.coach.catalog.problems:
            self.app.push_screen(ProblemsScreen(self.app.coach.catalog.problems))

    def action_clear_filter(self) -> None:
        box = self.query_one("#filter", Input)
        category, difficulty = self.query_one("#category", Select), self.query_one("#difficulty", Select)
        box.value = ""
        category.clear()
        difficulty.clear()
        box.focus()

    def selected_filters(self) -> tuple[list[str], str, str]:
        words = self.query_one("#filter", Input).value.lower().split()
        category = self.query_one("#category", Select).value
        difficulty = self.query_one("#difficulty", Select).value
        blank = Select.NULL
        return words, ALL if category is blank else str(category), ALL if difficulty is blank else str(difficulty)

    def matching(self, words: list[str], category: str, difficulty: str) -> list[ScenarioFile]:
        items = sorted(self.app.coach.catalog.scenarios.values(), key=lambda i: (i.scenario.category, i.scenario.title))
        return [i for i in items if matches(i, words, category, difficulty)]

    def show_count(self, shown: int) -> None:
        if shown:
            self.query_one("#scenarios", OptionList).highlighted = 0
        self.sub_title = f"{shown} of {len(self.app.coach.catalog.scenarios)} scenarios"

    def refresh_list(self) -> None:
        shown = self.matching(*self.selected_filters())
        options = self.query_one("#scenarios", OptionList)
        options.clear_options()
        options.add_options(options_for(shown))
        self.show_count(len(shown))

    @on(Input.Changed, "#filter")
    @on(Select.Changed)
    def _filters_changed(self) -> None:
        if self.app.loading:
            return  # typed while the catalog loads: `show_catalog` applies the filter
        self.refresh_list()
        self.refresh_bindings()

    @on(Input.Submitted, "#filter")
    def _submit_filter(self) -> None:
        self.action_open()

    @on(OptionList.OptionSelected, "#scenarios")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.app.open_briefing(event.option.id)

    def action_open(self) -> None:
        if self.app.still_loading():
            return
        options = self.query_one("#scenarios", OptionList)
        if options.highlighted is None:
            self.notify("No scenario matches the filter.", severity="warning")
            return
        self.app.open_briefing(options.get_option_at_index(options.highlighted).id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.app.loading and action in ("problems", "switch_participant"):
            return False
        if action == "settings" and self.app.workshop:
            return False  # settings are locked in workshop mode: no key for them in the footer
        if action == "switch_participant":
            return self.app.workshop
        if action == "problems":
            return bool(self.app.coach.catalog.problems)
        if action == "clear_filter":
            return self.filtered()
        return True

    def filtered(self) -> bool:
        words, category, difficulty = self.selected_filters()
        return bool(words) or category != ALL or difficulty != ALL

    def on_key(self, event: events.Key) -> None:
        """Typing anywhere on the list goes to the filter, so "filter by typing" works wherever focus is."""
        if event.is_printable and event.character and isinstance(self.focused, OptionList):
            event.stop()
            event.prevent_default()
            box = self.query_one("#filter", Input)
            box.focus()
            box.value += event.character
            box.cursor_position = len(box.value)

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_focus_list(self) -> None:
        if self.focused is self.query_one("#filter", Input):
            self.query_one("#scenarios", OptionList).focus()

    def action_progress(self) -> None:
        self.app.action_progress()

    def action_settings(self) -> None:
        self.app.action_settings()

    def action_switch_participant(self) -> None:
        """The next person at a shared machine, without a restart: from here only, so no rehearsal is open."""
        from coach.tui.screens.participant import ParticipantScreen

        if self.app.workshop:
            self.app.push_screen(ParticipantScreen(switching=True))
