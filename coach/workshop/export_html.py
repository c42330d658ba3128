"""A session as one self-contained HTML page (no network), from the same Markdown as the text export."""

from __future__ import annotations

import html
from pathlib import Path
from string import Template

from markdown_it import MarkdownIt

_TEMPLATE = Template((Path(__file__).parent / "templates" / "session.html").read_text(encoding="utf-8"))


def markdown_to_html_page(markdown: str, title: str) -> str:
    # html=False: whatever a learner typed is shown as text, never run as markup.
    body = MarkdownIt("commonmark", {"html": False}).enable("table").render(markdown)
    return _TEMPLATE.substitute(title=html.escape(title), body=body)
