"""Slash commands in `coach rehearse`, typed at the prompt or written as a paragraph of an --answers
file: /hint, /rewind [N], /end, /help. A line that starts with "/" is never sent to the counterpart;
one that is not a command says so and is shown back, so nothing typed is lost."""

from __future__ import annotations

from collections.abc import Callable

from coach.cli.rehearse_text import show_help
from coach.cli.screen import DIM, Screen
from coach.rehearsal.rehearsal import Rehearsal
from coach.scenario.criteria import CriteriaLibrary

ALIASES = {"quit": "end", "exit": "end", "finish": "end", "done": "end", "?": "help"}


def command_of(line: str) -> tuple[str, str] | None:
    """(name, argument) for a line that starts with "/" (aliases resolved), else None."""
    text = line.strip()
    if not text.startswith("/"):
        return None
    parts = text[1:].split(maxsplit=1)
    name = parts[0].lower() if parts else ""
    return ALIASES.get(name, name), parts[1].strip() if len(parts) > 1 else ""


class Commands:
    def __init__(self, rehearsal: Rehearsal, screen: Screen, library: Callable[[], CriteriaLibrary]):
        self.rehearsal = rehearsal
        self.screen = screen
        self.library = library  # the criteria library, loaded only when a hint is asked for

    def run(self, line: str) -> bool:
        """Do what `line` asks; True when it asks to finish."""
        found = command_of(line)
        if found is None:
            raise ValueError("not a command")
        name, arg = found
        if name == "end":
            return True
        if name == "help":
            show_help(self.screen, more=True)
        elif name == "hint":
            from coach.rehearsal.hints import hint

            self.screen.say(hint(self.rehearsal, self.library()), style=DIM, lead="Hint: ")
        elif name == "rewind":
            self.rewind(arg)
        else:
            self.screen.say(f"“{line.strip()}” is not a command, so it was not sent. The commands: /hint, /rewind, "
                            "/end, /help. To say a line that starts with “/”, leave the “/” out.")
        return False

    def rewind(self, arg: str) -> None:
        """Take back the learner's last line (or line N of theirs, and all after it) and show it, to be said
        again as it was or changed; the turns taken back stay in the session's history."""
        choices = self.rehearsal.rewind_choices
        say = self.screen.say
        if not choices:
            say("There is no line of yours to take back yet.")
            return
        if arg and not (arg.isdigit() and 1 <= int(arg) <= len(choices)):
            which = "1" if len(choices) == 1 else f"1 to {len(choices)}"
            say(f"/rewind {arg}: give the number of one of your lines ({which}), or /rewind alone for the last one.")
            return
        index = int(arg) if arg else len(choices)
        text = self.rehearsal.rewind(choices[index - 1][0])
        say(f"Rewound to before your line {index}; what came after is kept in the session's history.", style=DIM)
        say(text, lead="Taken back: ", style="")
        back = self.rehearsal.session.last_partner_text()
        if back:
            say(back, lead=f"{self.rehearsal.scenario.counterpart.name}: ")
        say("Say your line again, as it was or changed.", style=DIM)

