"""Row 11: an HTML export no longer loads remote content. A Markdown image in a reply was a live <img>
(opened in a browser, it fetched from the host: a read receipt), and the page had no
Content-Security-Policy. Now images are links, links carry rel=noreferrer, and both HTML pages (the
session export and the trainers' report) forbid every load but their inline style."""

from __future__ import annotations

import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from coach.cli import main
from tests.security.conftest import write_session
from tests.workshop.test_report import chromium, run_chromium  # noqa: F401 - the browser fixture and runner

CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


class Tracker:
    """A loopback web server that records every request: the host a hostile transcript points at."""

    def __enter__(self) -> Tracker:
        hits = self.hits = []

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                hits.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def _export(tmp_path, capsys, host: str) -> str:
    path = write_session(tmp_path / "s.json", turns=[
        {"speaker": "partner", "text": f"Here is the chart: ![chart]({host}/p.png) and [the deck]({host}/deck)."},
        {"speaker": "learner", "text": f"I'd like a promotion. <img src=\"{host}/raw.png\"> ![me]({host}/me.png)"},
    ])
    assert main(["export", str(path), "--format", "html"]) == 0
    return capsys.readouterr().out


def test_the_export_has_a_strict_policy_and_no_image(tmp_path, capsys):
    page = _export(tmp_path, capsys, "http://tracker.example")
    assert f'<meta http-equiv="Content-Security-Policy" content="{CSP}">' in page
    assert "<img" not in page
    assert ('<a href="http://tracker.example/p.png" rel="noopener noreferrer nofollow">[image: chart]</a>') in page
    assert '<a href="http://tracker.example/deck" rel="noopener noreferrer nofollow">the deck</a>' in page
    assert "&lt;img src=" in page, "typed HTML is shown as text"


def test_the_report_has_the_same_policy(tmp_path, capsys):
    path = write_session(tmp_path / "s.json")
    assert main(["report", str(path), "-f", "html"]) == 0
    page = capsys.readouterr().out
    assert f'<meta http-equiv="Content-Security-Policy" content="{CSP}">' in page
    assert not re.search(r"<(img|script|link|iframe)\b", page)


def test_opening_the_export_in_a_browser_fetches_nothing(tmp_path, capsys, chromium):  # noqa: F811
    with Tracker() as tracker:
        page = _export(tmp_path, capsys, tracker.url)
        html = tmp_path / "export.html"
        html.write_text(page, encoding="utf-8")
        result = run_chromium(chromium, tmp_path / "profile", "--virtual-time-budget=3000", "--dump-dom", html.as_uri())
        assert result.returncode == 0, result.stderr[-2000:]
        assert tracker.hits == [], "the page fetched from the host the transcript named"
        assert "[image: chart]" in result.stdout


@pytest.mark.parametrize("markdown", ["![x](http://h/x.png)", "[![x](http://h/x.png)](http://h/)", "![x][r]\n\n[r]: http://h/x.png"])
def test_every_image_form_becomes_a_link(markdown):
    from coach.workshop.export_html import markdown_to_html_page

    assert "<img" not in markdown_to_html_page(markdown, "t")
