"""Command palette entries for the main actions and for starting any scenario."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class CoachCommands(Provider):
    def _commands(self) -> list[tuple[str, str, object]]:
        app = self.app
        commands = [
            ("Library", "Browse the scenarios", app.action_library),
            ("Progress", "Your scores over time and past sessions", app.action_progress),
            ("Help", "Every key, on every screen", app.action_help),
            ("Toggle light/dark", "Switch the theme", app.action_toggle_theme),
        ]
        if not app.workshop:
            commands.append(("Settings", "Engine, model, API key, context budget, theme", app.action_settings))
        for sid, item in sorted(app.coach.catalog.scenarios.items()):
            commands.append((f"Rehearse: {item.scenario.title}", item.scenario.category, partial(app.open_briefing, sid)))
        return commands

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
