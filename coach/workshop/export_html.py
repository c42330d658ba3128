"""A session as one self-contained HTML page (no network), from the same Markdown as the text export.

What a learner or a model wrote must not make the page fetch anything when it is opened (a remote image
is a read receipt, and a tracker): raw HTML is shown as text, a Markdown image becomes a plain link, and
links carry rel="noopener noreferrer nofollow". The page's Content-Security-Policy (in the template)
forbids every load besides its own inline style, should anything slip through.
"""

from __future__ import annotations

import html
from pathlib import Path
from string import Template

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml

_TEMPLATE = Template((Path(__file__).parent / "templates" / "session.html").read_text(encoding="utf-8"))
REL = "noopener noreferrer nofollow"


def _image_as_link(self, tokens, idx, options, env) -> str:
    token = tokens[idx]
    src = str(token.attrGet("src") or "")
    alt = self.renderInlineAsText(token.children or [], options, env) or src
    return f'<a href="{escapeHtml(src)}" rel="{REL}">[image: {escapeHtml(alt)}]</a>'


def _link_open(self, tokens, idx, options, env) -> str:
    tokens[idx].attrSet("rel", REL)
    return self.renderToken(tokens, idx, options, env)


def _parser() -> MarkdownIt:
    # html=False: whatever a learner typed is shown as text, never run as markup.
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    md.add_render_rule("image", _image_as_link)
    md.add_render_rule("link_open", _link_open)
    return md


def markdown_to_html_page(markdown: str, title: str) -> str:
    return _TEMPLATE.substitute(title=html.escape(title), body=_parser().render(markdown))
