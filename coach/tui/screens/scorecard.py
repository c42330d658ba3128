"""Scorecard: total and per-criterion bars, the learner's own words as evidence, what to change, the debrief."""

from __future__ import annotations

import re

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, LoadingIndicator, Markdown, Static

from coach.core import paths
from coach.core.files import write_private
from coach.core.scorecard import CriterionScore, Scorecard
from coach.core.session import Session, outcome_label
from coach.core.text_safety import clean
from coach.scoring.markdown import JUDGES, bar, criterion_details
from coach.service.coach import CoachError
from coach.service.export import session_markdown
from coach.tui.text import shown
from coach.tui.widgets.footer import CoachFooter


def criterion_markdown(c: CriterionScore) -> str:
    return criterion_details(c, quotes=2)  # written once, in coach.scoring.markdown


def tidy(text: str) -> str:
    """No doubled punctuation where a quoted question or exclamation ends a sentence (“…?”.)."""
    return re.sub(r"([?!.…])”\.", r"\1”", text)


def changes_markdown(card: Scorecard) -> str:
    out = ["## What to change next time", ""]
    out += [f"{i}. {tidy(change)}" for i, change in enumerate(card.top_changes, start=1)] or ["Nothing big: well done."]
    if card.flag_details:
        out += ["", "## Flags", ""]
        for f in card.flag_details:
            quote = f": “{f.evidence[0].quote}” (turn {f.evidence[0].turn})" if f.evidence else ""
            out.append(f"- **{f.name}** in {f.count} turn(s){quote}")
    return "\n".join(out)


def debrief_markdown(card: Scorecard) -> str:
    d = card.debrief
    if d is None:
        return ""
    out = ["## Expert debrief", ""]
    if d.concession:
        out += [f"**What was on the table:** {d.concession}", ""]
    out += [d.expert_approach.strip(), ""]
    out += [f"- {m}" for m in d.key_moves]
    if d.model_lines:
        out += ["", "**Lines an expert might use**", ""] + [f"- “{m}”" for m in d.model_lines]
    if card.notes:
        out += ["", *[f"*{n}*" for n in card.notes]]
    return "\n".join(out)


class CriterionRow(Vertical):
    def __init__(self, c: CriterionScore):
        super().__init__(classes="criterion")
        self.c = c

    def compose(self) -> ComposeResult:
        with Horizontal(classes="criterion-head"):
            yield Static(shown(self.c.name), classes="criterion-name")
            yield Static(bar(self.c.score, 4).replace("█", "██").replace("░", "░░"), classes=f"bar score-{self.c.score}")
            yield Static(f"{self.c.score}/4 · weight {self.c.weight:g}", classes="criterion-score")
        yield Markdown(clean(criterion_markdown(self.c)), classes="criterion-body")


def total_bar(total: float, width: int = 20) -> str:
    filled = max(0, min(width, round(total / 100 * width)))
    return "█" * filled + "░" * (width - filled)


class ScorecardScreen(Screen):
    BINDINGS = [
        Binding("r", "retry_scenario", "Retry"),
        Binding("t", "retry_from_turn", "From a turn"),
        Binding("e", "export", "Export"),
        Binding("c", "copy_card", "Copy"),
        Binding("escape", "library", "Library"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, session: Session, card: Scorecard | None = None, came_from_rehearsal: bool = False):
        """With `card` (a saved scorecard) the screen shows it as it is; otherwise it scores the session.
        Esc goes back where it came from: the library after a rehearsal (it took the rehearsal's place),
        else the screen below (a past session's transcript)."""
        super().__init__()
        self.session = session
        self.card: Scorecard | None = card
        self.came_from_rehearsal = came_from_rehearsal

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "library":
            return self.came_from_rehearsal
        if action == "back":
            return not self.came_from_rehearsal
        return True

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="scorecard"):
            yield LoadingIndicator()
        yield CoachFooter()

    async def on_mount(self) -> None:
        self.sub_title = "Scorecard"
        if self.card is not None:
            await self.show(self.card)
        else:
            self.compute()

    @work(exclusive=True)
    async def compute(self) -> None:
        try:
            card, unsaved = await self.app.coach.score_and_save(self.session)
        except CoachError as exc:
            await self.show_problem(str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - a bug must not take the app down with the session
            await self.show_problem(f"Scoring failed: {type(exc).__name__}: {exc}")
            return
        if unsaved:  # the card is shown all the same
            self.notify(unsaved, severity="warning", timeout=8)
        if card.notes and card.notes[0].startswith("The model judge failed"):
            self.notify(card.notes[0], severity="warning", timeout=8)
        self.card = card
        await self.show(card)

    async def show_problem(self, message: str) -> None:
        body = self.query_one("#scorecard", VerticalScroll)
        await body.remove_children()
        await body.mount(Static(shown(f"No scorecard: {message}"), id="total"))
        self.notify(message, severity="error", timeout=8)

    async def show(self, card: Scorecard) -> None:
        body = self.query_one("#scorecard", VerticalScroll)
        await body.remove_children()
        judge = JUDGES.get(card.judge, card.judge) + (f" ({card.judge_model})" if card.judge_model else "")
        level = f" · {card.difficulty}" if card.difficulty else ""
        title = f"{card.total:.0f}/100 · {card.scenario_title}{level} · {outcome_label(card.outcome)}"
        # The order the learner reads it in: the score, the two or three changes that matter most, each
        # criterion with their own words, then the debrief.
        score_class = f"score-{min(4, int(card.total // 20))}"
        await body.mount(
            Static(shown(title), id="total"),
            Static(total_bar(card.total), id="total-bar", classes=f"bar {score_class}"),
            Static(shown(f"Judged by {judge}"), id="judge"),
        )
        # A scorecard is read from a session file, and holds a judge's words: cleaned like any text.
        await body.mount(Markdown(clean(changes_markdown(card)), id="changes"))
        await body.mount_all([CriterionRow(c) for c in card.criteria])
        await body.mount(Markdown(clean(debrief_markdown(card)), id="debrief"))
        body.scroll_home(animate=False)
        body.focus()  # arrows and PageUp/PageDown scroll the card

    def scenario(self):
        try:
            return self.app.coach.scenario(self.session.scenario_id or "").scenario
        except CoachError:
            return None

    def action_retry_scenario(self) -> None:
        from coach.tui.screens.rehearsal import RehearsalScreen

        prov = self.session.provenance
        try:
            difficulty = prov.difficulty if prov else None
            rehearsal = self.app.coach.start(self.session.scenario_id or "", difficulty, pace=self.app.pace)
        except CoachError as exc:
            self.notify(str(exc), severity="error")
            return
        self.app.switch_screen(RehearsalScreen(rehearsal))

    def action_retry_from_turn(self) -> None:
        from coach.tui.screens.rehearsal import RehearsalScreen
        from coach.tui.screens.rewind import RewindScreen

        choices = [(n, t.text) for n, t in self.session.learner_turns if t.status != "withheld"]
        if not choices:
            self.notify("There is no line of yours to go back to.", severity="warning")
            return

        def chosen(number: int | None) -> None:
            if number is None:
                return
            try:
                rehearsal, text = self.app.coach.rewind_and_resume(self.session, number, pace=self.app.pace)
            except CoachError as exc:
                self.notify(str(exc), severity="error")
                return
            self.card = None  # it scored the lines just taken back
            self.app.switch_screen(RehearsalScreen(rehearsal, prefill=text))

        self.app.push_screen(RewindScreen(choices), chosen)

    def export_text(self) -> str:
        return session_markdown(self.session, self.scenario(), self.card)

    def action_export(self) -> None:
        try:
            folder = paths.private_dir(paths.data_dir() / "exports")
            target = paths.inside(folder, f"{self.session.id}.md")
            write_private(target, clean(self.export_text()))
        except (OSError, ValueError) as exc:  # a full disk, a read-only folder, an id that is no file name
            self.notify(f"Could not export: {getattr(exc, 'strerror', None) or exc}", severity="error")
            return
        self.notify(f"Exported to {target}", timeout=8)

    def action_copy_card(self) -> None:
        from coach.scoring.markdown import scorecard_markdown

        if self.card is None:
            self.notify("The scorecard is still being worked out.", severity="warning")
            return
        self.app.copy(scorecard_markdown(self.card), "Scorecard copied")

    def action_library(self) -> None:
        self.app.action_library()

    def action_back(self) -> None:
        self.app.pop_screen()
