"""Site builder: scoring results -> pages, inline SVG charts, MkDocs theme, JSON API, badges, feed.

Public API, used by :mod:`wigboard.pipeline` (``build_site``) and by the MkDocs
plugin (``generate_pages``, ``write_machine_outputs``, ``stylesheet``).
"""

from __future__ import annotations

from importlib.resources import files

from wigboard.site_builder.api import atom_feed, badge_svg, scoreboard_json
from wigboard.site_builder.build import build_site, write_machine_outputs
from wigboard.site_builder.pages import GeneratedPage, PageOptions, generate_pages

__all__ = [
    "GeneratedPage",
    "PageOptions",
    "atom_feed",
    "badge_svg",
    "build_site",
    "generate_pages",
    "scoreboard_json",
    "stylesheet",
    "write_machine_outputs",
]


def stylesheet() -> str:
    """Return the scoreboard stylesheet (``wigboard.css``), for sites using another theme."""
    return (files("wigboard.site_builder") / "theme" / "css" / "wigboard.css").read_text("utf-8")
