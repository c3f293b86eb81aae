"""The one Jinja environment of the site builder, and the filters its templates use.

Every template (``*.html.j2``, ``*.md.j2``, ``*.xml.j2``, ``*.svg.j2``) is
rendered with ``autoescape=True``: tracker text (titles, names, labels) is
untrusted and only ever reaches the output escaped. ``select_autoescape`` is
deliberately not used — it decides by file extension and would leave
``*.md.j2`` unescaped.
"""

from __future__ import annotations

import functools
import re
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup, escape

from wigboard.scoring.results import Status

__all__ = [
    "STATUS_ICONS",
    "STATUS_WORDS",
    "escape_text",
    "fmt_change",
    "fmt_pct",
    "fmt_value",
    "get_env",
    "plain_text",
    "safe_url",
]

STATUS_WORDS: dict[str, str] = {
    "achieved": "Achieved",
    "green": "On pace",
    "yellow": "At risk",
    "red": "Off pace",
    "unclear": "Unclear goal",
    "no_data": "No data yet",
}
"""The word shown with every status colour (colour is never the only signal)."""

STATUS_ICONS: dict[str, str] = {
    "achieved": "★",
    "green": "✔",
    "yellow": "!",
    "red": "✖",
    "unclear": "?",
    "no_data": "…",
}
"""The icon shown with every status colour."""


def escape_text(value: object) -> Markup:
    """HTML-escape text, and its braces too.

    Braces become ``&#123;``/``&#125;`` so that a host site's Markdown-level
    template plugins (mkdocs-macros and the like render ``{{ }}``/``{% %}`` in
    page sources) never see a template tag in tracker text. Browsers show
    the braces unchanged.

    Args:
        value: Untrusted text (or anything with a ``str``).

    Returns:
        Markup safe in HTML text and attribute values.
    """
    return Markup(str(escape(value)).replace("{", "&#123;").replace("}", "&#125;"))


def _finalize(value: object) -> object:
    """Escape every string a template prints, braces included (see :func:`escape_text`)."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return escape_text(value)
    return value


def safe_url(url: str | None) -> str | None:
    """Return the URL if it is an absolute http(s) URL, else ``None``.

    Rejects ``javascript:``, ``data:`` and every other scheme, whatever the
    case, whitespace or control characters hidden in it.

    Args:
        url: A URL from a tracker (untrusted).

    Returns:
        The URL unchanged, or ``None`` when it must not become a link.
    """
    if not url or any(ord(ch) < 33 or ch in "\"'<>`\\" for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return None
    return url


def fmt_value(value: float | None, unit: str = "") -> str:
    """Format a measured value with its unit; ``None`` reads "no data".

    Args:
        value: The value.
        unit: ``%`` is glued to the number, other units follow after a space.

    Returns:
        e.g. ``78.4%``, ``38.2 $M``, ``12``.
    """
    if value is None:
        return "no data"
    text = f"{value:,.1f}".removesuffix(".0")
    if not unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def fmt_pct(share: float | None) -> str:
    """Format a 0..1 share as a whole percentage; ``None`` reads "no data"."""
    return "no data" if share is None else f"{share * 100:.0f}%"


def fmt_change(change: float | None, unit: str = "", *, places: int = 1) -> str:
    """Format a change with an explicit sign and arrow (``▲ +1.2``, ``▼ −0.4``, ``► 0``)."""
    if change is None:
        return "no change data"
    if round(change, places) == 0:
        return "► ±0"
    arrow, sign = ("▲", "+") if change > 0 else ("▼", "−")
    number = f"{abs(change):,.{places}f}".removesuffix("." + "0" * places)
    suffix = unit if unit in {"", "%"} else f" {unit}"
    return f"{arrow} {sign}{number}{suffix}"


_PLAIN_DROP = re.compile(r"[<>&\"'`\\\[\]{}()*_#|!\x00-\x1f\x7f]")


def plain_text(text: str, limit: int = 120) -> str:
    """Reduce text to plain characters safe in any context (page titles in front matter).

    MkDocs' own themes print ``page.title`` without escaping, so a title we
    hand to MkDocs keeps no markup or Markdown characters at all.
    """
    return re.sub(r"\s+", " ", _PLAIN_DROP.sub("", text)).strip()[:limit] or "untitled"


def _status_word(status: Status | str | None) -> str:
    return STATUS_WORDS.get(status or "no_data", "No data yet")


def _status_icon(status: Status | str | None) -> str:
    return STATUS_ICONS.get(status or "no_data", "…")


def _status_badge(status: Status | str | None) -> Markup:
    key = status if status in STATUS_WORDS else "no_data"
    return Markup(
        '<span class="wb-status wb-s-{0}"><span aria-hidden="true">{1}</span> {2}</span>'
    ).format(key, _status_icon(key), _status_word(key))


@functools.cache
def get_env() -> jinja2.Environment:
    """Return the site builder's Jinja environment (built once, autoescaping everything)."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("wigboard.site_builder", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_finalize,
    )
    env.filters.update(
        value=fmt_value,
        pct=fmt_pct,
        change=fmt_change,
        safe_url=safe_url,
        status_word=_status_word,
        status_icon=_status_icon,
        status_badge=_status_badge,
        plain=plain_text,
    )
    return env
