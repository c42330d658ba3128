"""Small text helpers shared by the screens (presentation only)."""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from coach.core.text_safety import clean, clean_line


def shown(text: str) -> Content:
    """Text from outside (a name, a title, a reply, a server's message) as a widget shows it: without
    control characters, and as plain text: a name like "Ana [/] Lee" is never read as Textual markup."""
    return Content(clean(text))


def cell(text: str) -> Text:
    """The same for a DataTable cell (which reads a plain string as markup) or an option: one line."""
    return Text(clean_line(text))


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word boundary and marked with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:.") + "…"


# Where the domain's messages send a command-line user, the app's user goes to Settings.
APP_WORDING = [
    ("Check --base-url or OPENAI_BASE_URL.", "Check the server URL in Settings (F9 in the library)."),
    ("pass --model, set COACH_MODEL, or set it in the settings.", "set one in Settings (F9 in the library)."),
    ("pass --model or set COACH_MODEL.", "set one in Settings (F9 in the library)."),
    ("Set OPENAI_API_KEY or api_key in the settings,", "Set one in Settings (F9 in the library),"),
    ("Check OPENAI_API_KEY or api_key in the settings.", "Check the key in Settings (F9 in the library)."),
    ("rehearse with --engine offline", "choose the offline engine in Settings"),
]


def app_error(message: str) -> str:
    """A domain error message as the app says it: Settings (F9) instead of flags and variables."""
    for cli, app in APP_WORDING:
        message = message.replace(cli, app)
    return message
