"""``build_site``: pages -> a real ``mkdocs build`` with the wigboard theme -> API, badges, feed.

The MkDocs configuration is built in Python (``load_config`` with keyword
overrides), never written as YAML: MkDocs reads ``mkdocs.yml`` with an unsafe
YAML loader, and titles from the config must not become YAML. The only YAML
MkDocs parses is a constant one-line stub.
"""

from __future__ import annotations

import io
import logging
import tempfile
from pathlib import Path
from typing import Any

from wigboard.config import Config
from wigboard.errors import BuildError
from wigboard.scoring.results import ScoreboardResult
from wigboard.site_builder.api import atom_feed, badge_svg, dump_json, scoreboard_json
from wigboard.site_builder.env import plain_text, safe_url
from wigboard.site_builder.pages import GeneratedPage, PageOptions, generate_pages, slug

__all__ = ["build_site", "write_machine_outputs"]

log = logging.getLogger("mkdocs.plugins.wigboard.build")

_UNDATED = ("sitemap.xml", "sitemap.xml.gz")

_STUB = "site_name: wigboard\n"
"""The only YAML MkDocs parses for us; everything else is passed as Python values."""


def _write_pages(pages: list[GeneratedPage], docs_dir: Path) -> None:
    for page in pages:
        path = docs_dir / page.src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page.content, encoding="utf-8")


def _mkdocs_config(
    config: Config, docs_dir: Path, out_dir: Path, nav: list[dict[str, str]], flags: dict[str, bool]
) -> Any:
    from mkdocs.config import load_config

    return load_config(
        io.StringIO(_STUB),
        config_file_path=str(docs_dir.parent / "mkdocs.yml"),
        site_name=plain_text(config.scoreboard.title),
        site_url=safe_url(config.scoreboard.site_url) or "",
        docs_dir=str(docs_dir),
        site_dir=str(out_dir),
        theme={"name": "wigboard", "live_reload": flags["live_reload"]},
        plugins=[],
        strict=flags["strict"],
        use_directory_urls=True,
        nav=nav,
    )


def write_machine_outputs(config: Config, result: ScoreboardResult, out_dir: Path) -> None:
    """Write ``api/scoreboard.json``, ``badges/<wig-id>.svg`` and ``feed.xml`` into ``out_dir``.

    Args:
        config: The loaded config (``scoreboard.site_url`` for the feed).
        result: The scored scoreboard.
        out_dir: The built site's root (or the plugin's prefix folder in it).
    """
    (out_dir / "api").mkdir(parents=True, exist_ok=True)
    (out_dir / "api" / "scoreboard.json").write_text(
        dump_json(scoreboard_json(result)), encoding="utf-8"
    )
    (out_dir / "badges").mkdir(exist_ok=True)
    for wig in result.wigs:
        (out_dir / "badges" / f"{slug(wig.id)}.svg").write_text(badge_svg(wig), encoding="utf-8")
    site_url = safe_url(config.scoreboard.site_url) or ""
    (out_dir / "feed.xml").write_text(atom_feed(result, site_url), encoding="utf-8")


def build_site(
    config: Config,
    result: ScoreboardResult,
    out_dir: Path,
    *,
    strict: bool = False,
    live_reload: bool = False,
) -> None:
    """Render every page, run ``mkdocs build`` with the wigboard theme, add API, badges, feed.

    The output depends only on ``config`` and ``result`` (``result.generated_at``
    is the only time written), so two builds are byte-identical.

    Args:
        config: The loaded config.
        result: The scored scoreboard (redacted for public mode here).
        out_dir: Where the site goes; its previous content is replaced.
        strict: Fail on any MkDocs (or wigboard) warning, like ``mkdocs build --strict``.
        live_reload: Relax the Content-Security-Policy so MkDocs' live-reload script
            runs (``wigboard serve`` only; never for a published site).

    Raises:
        BuildError: The pages could not be rendered or MkDocs failed.
    """
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort, MkDocsException

    from wigboard.site_builder.public import redact

    out_dir = Path(out_dir).resolve()
    with tempfile.TemporaryDirectory(prefix="wigboard-") as tmp:
        docs_dir = Path(tmp) / "docs"
        try:
            pages = generate_pages(config, result, PageOptions())
        except Exception as exc:  # a template bug must not look like a MkDocs failure
            raise BuildError(f"rendering the scoreboard pages failed: {exc}") from exc
        _write_pages(pages, docs_dir)
        try:
            nav = [{page.title: page.src_uri} for page in pages]
            flags = {"strict": strict, "live_reload": live_reload}
            cfg = _mkdocs_config(config, docs_dir, out_dir, nav, flags)
            build(cfg)
        except (Abort, MkDocsException, OSError) as exc:
            raise BuildError(f"mkdocs build failed: {exc}") from exc
    for name in _UNDATED:
        # MkDocs always writes a sitemap stamped with today's date; the site must not
        # depend on the clock, and without site_url the sitemap has no URLs anyway.
        (out_dir / name).unlink(missing_ok=True)
    write_machine_outputs(config, redact(result), out_dir)
    log.info("scoreboard built into %s (%d pages)", out_dir, len(pages))
