"""Command palette entries: the main actions, the current screen's own actions, and any scenario by name."""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from coach.core.text_safety import clean_line

# The current screen's actions worth a palette entry: (screen class name, action, title, help).
SCREEN_ACTIONS = [
    ("RehearsalScreen", "hint", "Hint", "One short hint about your last line (F2)"),
    ("RehearsalScreen", "rewind", "Rewind to one of your lines", "Go back to an earlier line and try it again (F3)"),
    ("RehearsalScreen", "retry", "Retry", "Ask again after an error, or rephrase your last line (F4)"),
    ("RehearsalScreen", "copy_all", "Copy the transcript", "The whole conversation as Markdown (F7)"),
    ("RehearsalScreen", "end", "End and score", "Finish the rehearsal and see your scorecard (F8)"),
    ("RehearsalScreen", "briefing", "Show the briefing", "Your situation, goal and who you are talking to (F6)"),
    ("RehearsalScreen", "leave", "Leave for the library", "The session is saved and paused; resume it from Progress (Ctrl+L)"),
    ("LibraryScreen", "problems", "Scenario files with problems", "The files that could not be loaded, and why (F6)"),
    ("ScorecardScreen", "retry_scenario", "Retry the scenario", "Start the same scenario again (r)"),
    ("ScorecardScreen", "retry_from_turn", "Retry from a turn", "Go back to one of your lines (t)"),
    ("ScorecardScreen", "export", "Export Markdown", "Save the session and scorecard as a Markdown file (e)"),
    ("ScorecardScreen", "copy_card", "Copy the scorecard", "The whole scorecard as Markdown (c)"),
    ("ProgressScreen", "resume", "Resume the selected session", "Continue a paused rehearsal (u)"),
    ("ProgressScreen", "pick_scenario", "Filter by scenario", "Charts, criteria and sessions of one scenario (s)"),
]


class CoachCommands(Provider):
    def _commands(self) -> list[tuple[str, str, object]]:
        app = self.app
        screen = self.screen
        if app.awaiting_name or type(screen).__name__ == "ParticipantScreen":  # nothing goes around the name prompt
            return [("Help", "Every key, on every screen", app.action_help)]
        commands = [
            (title, help_text, partial(screen.run_action, action))
            for name, action, title, help_text in SCREEN_ACTIONS
            if type(screen).__name__ == name
        ]
        commands += [
            ("Library", "Browse the scenarios", app.action_library),
            ("Progress", "Your scores over time and past sessions", app.action_progress),
            ("Help", "Every key, on every screen", app.action_help),
            ("Theme: toggle light/dark", "Switch between a light and a dark theme (saved)", app.action_toggle_theme),
        ]
        if not app.workshop:
            commands.append(("Settings", "Engine, model, API key, context budget, theme", app.action_settings))
        elif type(screen).__name__ == "LibraryScreen":  # not mid-rehearsal: that session is the current person's
            commands.append(("Switch participant", "The next person enters their name (Ctrl+N)",
                             partial(screen.run_action, "switch_participant")))
        scenarios = {} if app.loading else app.coach.catalog.scenarios  # none to offer until the catalog loads
        for sid, item in sorted(scenarios.items()):
            title = clean_line(item.scenario.title)
            commands.append((f"Rehearse: {title}", item.scenario.category, partial(app.open_briefing, sid)))
        return commands

    # The palette reads a plain string as markup: a scenario titled "Markup [/] test" would break it, so
    # names go in as Text or Content and help as escaped markup.
    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(Text(name), callback, text=name, help=escape(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, highlight(matcher, name), callback, text=name, help=escape(help_text))


def highlight(matcher, name: str) -> Content:
    """What matcher.highlight does, without reading `name` as markup."""
    content = Content(name)
    _, offsets = matcher.fuzzy_search.match(matcher.query, name)
    for offset in offsets:
        if not name[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
