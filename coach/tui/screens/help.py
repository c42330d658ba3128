"""Help: every key on every screen, and how copying works."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = """## coach: every key

**Everywhere**: `F1` this help · `Ctrl+P` command palette (every main action, and any scenario by name) ·
`Ctrl+Q` quit (sessions are saved as you go).

## Library
Type to filter (by title, topic or tag; `Ctrl+F` back to the filter, `Esc` clears it) · pick a category or
a difficulty · `↓` to the list · `Enter` open a scenario · `F5` progress and past sessions{settings_key} ·
`F6` the scenario files that could not be loaded (when there are any){workshop_key}.

## Briefing
The difficulty and Start are in the bar at the bottom: `←`/`→` choose the difficulty · `Enter` or `Ctrl+S`
start · `Tab` goes between the difficulty and Start · `PgUp`/`PgDn` scroll the briefing · `Esc` back.

## Rehearsal
`Enter` sends your line · `Ctrl+J` adds a new line (also `Shift+Enter` where your terminal sends it) ·
`Esc` stops a reply that is still coming (what arrived is kept, marked "reply stopped") · `F2` one short
hint about your last line (press again to hide it) · `F4` retry: ask again after an error, or take back your
last line to rephrase it · `F3` rewind to any earlier line of yours (the later turns are kept in the
session) · `F6` the briefing again · `F7` copy the whole transcript · `F8` end and see your scorecard ·
`Ctrl+L` back to the library (the session is saved and paused; `u` in Progress resumes it). The status
line counts your lines ("your lines 4 of 10"); the messages number every turn, yours and theirs, as the
scorecard does. The view follows a reply only while you are at the bottom; scroll up to read and it
stays put.

## Scorecard
`r` retry the scenario · `t` retry from one of your turns · `e` export the session as Markdown ·
`c` copy the scorecard · `Esc` back (to the library after a rehearsal, to the session from Progress).

## Progress
`s` choose a scenario (its charts, criteria and sessions; "All scenarios" shows every one) · `Enter` on a
session opens its transcript and scorecard · `u` resume a paused session · `Esc` back.
In a session: `s` its scorecard · `u` resume · `c` copy.

{settings_section}
## Copying
Select text with the mouse and press `Ctrl+C`, or focus a message (`Tab`, or click) and press `c`.
Copying goes through your terminal (OSC 52), so it works over SSH without a system clipboard; some
terminals (macOS Terminal) do not support it, and some hold mouse selection for themselves with `Shift`.

*`Esc` or `F1` closes this help.*
"""


SETTINGS_HELP = """## Settings
`Ctrl+S` save to the config file · `Esc` cancel. The API key is never shown, only where it comes from.
`Ctrl+T` test connection: the server checked end to end (as `coach doctor` does) · `Ctrl+L` find model
servers on this machine (Ollama, LM Studio, llama.cpp, vLLM); choosing one fills in the server and model.

"""


def help_text(workshop: bool = False) -> str:
    """The help, without the settings in workshop mode (they do not exist for participants)."""
    return HELP.format(
        settings_key="" if workshop else " · `F9` settings",
        workshop_key=" · `Ctrl+N` switch participant (the next person enters their name)" if workshop else "",
        settings_section="" if workshop else SETTINGS_HELP,
    )


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help", classes="dialog"):
            yield Markdown(help_text(workshop=getattr(self.app, "workshop", False)))
