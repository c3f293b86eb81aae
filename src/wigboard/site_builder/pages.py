"""Every scoreboard page, generated in one place for both ``wigboard build`` and the plugin.

A page is a Markdown file whose body is one HTML block rendered by an
autoescaped template (``page.md.j2``), so Python-Markdown never sees
untrusted text as Markdown: it passes our block through untouched. The front
matter holds only values we produce (a plain-text title, a layout name).
Links between pages are relative, computed here for the site's
``use_directory_urls`` setting, so the pages work under any prefix.
"""

from __future__ import annotations

import json
import logging
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from markupsafe import Markup

from wigboard.config import Config
from wigboard.scoring.results import ScoreboardResult, WigResult
from wigboard.site_builder import charts
from wigboard.site_builder.env import get_env, plain_text
from wigboard.site_builder.public import redact

__all__ = ["TV_SECONDS", "GeneratedPage", "PageOptions", "generate_pages", "slug"]

log = logging.getLogger("mkdocs.plugins.wigboard.site")

TV_SECONDS = 20
"""How long the TV shows each slide before moving on (meta refresh)."""


@dataclass(frozen=True)
class GeneratedPage:
    """One generated Markdown page."""

    src_uri: str
    """Path in the docs dir, e.g. ``wigs/on-time.md`` (under the prefix)."""
    title: str
    """Plain-text title (no markup characters)."""
    content: str
    """The Markdown source: front matter plus one HTML block."""


@dataclass(frozen=True)
class PageOptions:
    """Where and how the pages are laid out."""

    prefix: str = ""
    """Folder the pages live in (``""`` for the standalone site, ``scoreboard/`` in the plugin)."""
    directory_urls: bool = True
    """MkDocs' ``use_directory_urls``: ``wigs/x.md`` is served at ``wigs/x/``."""
    standalone: bool = True
    """True when the wigboard theme renders the pages (it reads the layout from front matter)."""


_SLUG_BAD = re.compile(r"[^a-z0-9_-]+")


def slug(text: str) -> str:
    """Return a path-safe slug of an id (lower case, ``a-z0-9_-``)."""
    return _SLUG_BAD.sub("-", text.lower()).strip("-") or "item"


@dataclass
class _Site:
    """The page set being built: paths, links and the shared template context."""

    result: ScoreboardResult
    config: Config
    options: PageOptions
    pages: list[GeneratedPage] = field(default_factory=list)

    def url_of(self, src: str) -> str:
        """Return the served path of a page source path (relative to the site root)."""
        path = self.options.prefix + src
        if path.endswith("index.md"):
            return path[: -len("index.md")]
        stem = path[: -len(".md")]
        return stem + "/" if self.options.directory_urls else stem + ".html"

    def linker(self, current: str) -> Callable[[str], str]:
        """Return ``link(target_src)`` giving the relative URL from the page ``current``."""
        here = self.url_of(current)
        base = here if here.endswith("/") or not here else posixpath.dirname(here)
        base = base.rstrip("/") or "."

        def link(target: str) -> str:
            url = self.url_of(target)
            rel = posixpath.relpath(url or ".", base)
            if url.endswith("/") or not url:
                rel = rel.rstrip("/") + "/"
            if not self.options.directory_urls and (url.endswith("/") or not url):
                rel += "index.html"
            return "./" if rel == "./" else rel

        return link

    def add(self, src: str, template: str, title: str, **context: Any) -> None:
        """Render ``template`` into the page ``src`` wrapped by ``page.md.j2``."""
        env = get_env()
        ctx = self.context(src) | context | {"page_title": title}
        body = env.get_template(template).render(ctx)
        meta = {"title": plain_text(title), "wigboard_layout": context.get("layout", "page")}
        if "tv_next" in context:
            meta["wigboard_refresh"] = f"{TV_SECONDS};url={ctx['link'](context['tv_next'])}"
        body = re.sub(r"\n\s*\n", "\n", body).strip()
        content = env.get_template("page.md.j2").render(
            front_matter=Markup(json.dumps(meta, sort_keys=True, ensure_ascii=True)),
            body=Markup(body),
            standalone=self.options.standalone,
        )
        self.pages.append(GeneratedPage(self.options.prefix + src, plain_text(title), content))

    def context(self, src: str) -> dict[str, Any]:
        """Return what every template sees."""
        result = self.result
        return {
            "result": result,
            "public": result.public,
            "link": self.linker(src),
            "charts": charts,
            "team_names": {t.id: t.name or t.id for t in result.teams},
            "wig_by_id": {w.id: w for w in result.wigs},
            "stale": [s for s in result.sources if s.stale or not s.ok],
            "last_week": _week_id(result.as_of - timedelta(days=7)),
            "slug": slug,
            "current": src,
            "standalone": self.options.standalone,
        }


def _week_id(day: Any) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def generate_pages(
    config: Config, result: ScoreboardResult, options: PageOptions | None = None
) -> list[GeneratedPage]:
    """Render every scoreboard page as Markdown (front matter + one escaped HTML block).

    Args:
        config: The loaded config (candidates for the selection matrix, team names).
        result: The scored scoreboard; redacted first when ``result.public``.
        options: Prefix and URL style; defaults to the standalone site.

    Returns:
        The pages in navigation order, overview first.
    """
    result = redact(result)
    for source in result.sources:
        if source.stale or not source.ok:
            log.warning("source %r is stale: showing data from its last good sync", source.source)
    site = _Site(result, config, options or PageOptions())
    site.add("index.md", "overview.html.j2", result.title)
    for wig in result.wigs:
        site.add(f"wigs/{slug(wig.id)}.md", "wig.html.j2", wig.title, wig=wig)
    for team in result.teams:
        site.add(f"teams/{slug(team.id)}.md", "team.html.j2", team.name or team.id, team=team)
    site.add("session.md", "session.html.j2", "Weekly WIG session")
    site.add("okrs.md", "okrs.html.j2", "OKRs")
    site.add("kpis.md", "kpis.html.j2", "KPIs")
    points = [
        charts.MatrixPoint(i, c.name, c.impact, c.risk)
        for i, c in enumerate(config.candidates, start=1)
    ]
    site.add("selection.md", "selection.html.j2", "WIG selection", points=points)
    site.add("freshness.md", "freshness.html.j2", "Data freshness")
    _add_tv(site, result.wigs)
    return site.pages


def _add_tv(site: _Site, wigs: list[WigResult]) -> None:
    """Add the TV slides: all WIGs, then one slide per WIG, each refreshing to the next."""
    slides = ["tv/index.md"] + [f"tv/{slug(w.id)}.md" for w in wigs]
    for i, src in enumerate(slides):
        following = slides[(i + 1) % len(slides)]
        wig = wigs[i - 1] if i else None
        site.add(
            src,
            "tv.html.j2",
            "TV" if wig is None else f"TV: {wig.title}",
            layout="tv",
            tv_wig=wig,
            tv_next=following,
            tv_seconds=TV_SECONDS,
            tv_position=(i + 1, len(slides)),
        )
