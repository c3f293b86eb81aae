"""Untrusted tracker text: escaped everywhere, links only http(s), nothing executable."""

from __future__ import annotations

import html as htmllib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from site_builder.conftest import Builder, html_files
from site_builder.factory import XSS
from wigboard.site_builder.env import get_env, safe_url


class _Audit(HTMLParser):
    """Collect everything in a page that could run script."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "iframe", "object", "embed", "img", "base", "form"}:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{tag} {name}=")
            if name in {"href", "src", "xlink:href", "action"} and value is not None:
                squashed = "".join(ch for ch in htmllib.unescape(value) if ch > " ").lower()
                if ":" in squashed.split("/", 1)[0] and not squashed.startswith(
                    ("http:", "https:", "data:image/svg+xml")
                ):
                    self.problems.append(f"{tag} {name}={value}")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _audit(page: Path) -> _Audit:
    audit = _Audit()
    audit.feed(page.read_text(encoding="utf-8"))
    return audit


def test_xss_corpus_is_inert_on_every_page(build: Builder) -> None:
    site = build(hostile=True)
    for page in html_files(site):
        assert _audit(page).problems == [], page.relative_to(site)


def test_xss_corpus_appears_as_text(build: Builder) -> None:
    site = build(hostile=True)
    # Python-Markdown expands tabs, so compare with whitespace collapsed
    session = " ".join(" ".join(_audit(site / "session" / "index.html").text).split())
    for attack in XSS:
        assert " ".join(attack.split()) in session, attack
    assert "{{7*7}}" in session and not re.search(r"(?<!OPS-)\b49\b", session)
    overview = " ".join(_audit(site / "index.html").text)
    assert "On time <script>alert(1)</script>[click](javascript:alert(4))" in overview
    selection = " ".join(_audit(site / "selection" / "index.html").text)
    assert XSS[1] in selection  # candidate names come from config but are escaped too


def test_hostile_wig_title_never_reaches_page_titles_as_markup(build: Builder) -> None:
    site = build(hostile=True)
    head = (site / "wigs" / "on-time" / "index.html").read_text().split("</head>")[0]
    assert "<script" not in head and "scriptalert1" in head  # plain text: markup characters dropped


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "&#106;avascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//evil.example/x",
        'https://ok.example/"onmouseover=alert(1)',
        "http:/no-host",
        "",
        None,
    ],
)
def test_safe_url_rejects_everything_but_http_and_https(url: str | None) -> None:
    assert safe_url(url) is None


@pytest.mark.parametrize("url", ["https://github.com/a/b/issues/1", "http://jira.local/browse/X-1"])
def test_safe_url_keeps_http_and_https(url: str) -> None:
    assert safe_url(url) == url


def test_every_template_autoescapes_including_markdown_ones() -> None:
    env = get_env()
    names = env.list_templates()
    assert "page.md.j2" in names
    for name in names:
        template = env.get_template(name)
        assert env.autoescape is True, name
        assert template.environment is env
    rendered = env.from_string("{{ x }}").render(x="<b>")
    assert rendered == "&lt;b&gt;"


def test_page_sources_hold_no_template_tags_for_markdown_macro_plugins() -> None:
    from site_builder.factory import make_config, make_result
    from wigboard.site_builder import generate_pages

    pages = generate_pages(make_config(hostile=True), make_result(hostile=True))
    sources = "".join(p.content for p in pages)
    assert "&#123;&#123;7*7&#125;&#125;" in sources
    assert "{{" not in sources and "{%" not in sources
    assert "--8<--" not in sources  # pymdownx.snippets markers cannot be formed either
