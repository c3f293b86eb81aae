"""Building JQL safely: quoting config values, bounding fragments, the ``updated`` window.

Two kinds of text from ``wigboard.yml`` reach Jira's query language:

* *values* (a label, a fixVersion name, a project key, an issue type): always
  written as a JQL string literal by :func:`quote`, so ``wig:x" OR project = HR``
  stays one harmless label name;
* *JQL fragments* (a source's ``jql``, a selector's ``jql``): they are JQL on
  purpose, so they cannot be quoted. :func:`check_fragment` rejects a fragment
  that could escape the parentheses wigboard puts around it (unbalanced
  parentheses or quotes) or that carries its own ``ORDER BY``; :func:`bounded`
  then ANDs fragments inside parentheses, so a selector can only narrow the
  source's query, never widen it.
"""

from __future__ import annotations

import itertools
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

__all__ = [
    "ORDER",
    "bounded",
    "check_fragment",
    "quote",
    "updated_since",
]

ORDER = "ORDER BY created ASC"
"""Stable order for paging: new issues append at the end, so offsets do not shift."""

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_WORD = re.compile(r"[A-Za-z_]+")
_WORST_NEGATIVE_OFFSET = timedelta(hours=14)


def quote(value: str) -> str:
    r"""Write a value as a JQL string literal that cannot change the query.

    Args:
        value: Any text from the config (label, version name, project key...).

    Returns:
        The value in double quotes with ``\\``, ``"`` and control characters escaped.
    """
    out = []
    for char in value:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _outside_strings(jql: str) -> tuple[str, str | None]:
    """Return the JQL with string literals blanked out, and a problem if any."""
    kept: list[str] = []
    in_string: str | None = None
    escaped = False
    for char in jql:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == in_string:
                in_string = None
            kept.append(" ")
        elif char in "\"'":
            in_string = char
            kept.append(" ")
        else:
            kept.append(char)
    problem = f"a {in_string} quote is never closed" if in_string else None
    return "".join(kept), problem


def check_fragment(jql: str) -> str | None:
    """Say why a JQL fragment cannot be safely ANDed with another one.

    Args:
        jql: A source's or selector's ``jql`` from the config.

    Returns:
        ``None`` when the fragment is safe; else what is wrong, in one sentence.
    """
    if not jql.strip():
        return "the JQL is empty"
    bare, problem = _outside_strings(jql)
    if problem:
        return problem
    depth = 0
    for char in bare:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return "a ')' closes a parenthesis that was never opened"
    if depth:
        return "a '(' is never closed"
    words = [w.lower() for w in _WORD.findall(bare)]
    if any(a == "order" and b == "by" for a, b in itertools.pairwise(words)):
        return "it has its own ORDER BY (remove it: wigboard orders results itself)"
    return None


def bounded(*fragments: str) -> str:
    """AND JQL fragments, each inside its own parentheses.

    Args:
        *fragments: Fragments that passed :func:`check_fragment` (or were built here).

    Returns:
        ``(a) AND (b) ...``.
    """
    return " AND ".join(f"({f.strip()})" for f in fragments)


def updated_since(moment: datetime, user_timezone: str | None) -> str:
    """The clause ``updated >= "yyyy-MM-dd HH:mm"`` in the Jira user's timezone.

    Jira reads dates in JQL in the timezone of the user who runs the query. The
    moment is converted to that zone and floored to the minute. When the zone is
    unknown the moment is written in UTC, moved back by the largest negative UTC
    offset, so no zone can make the clause start later than ``moment``.

    Args:
        moment: The earliest update to include (timezone-aware).
        user_timezone: IANA zone of the Jira user (``/myself`` ``timeZone``), if known.

    Returns:
        A JQL clause.
    """
    zone = _zone(user_timezone)
    if zone is None:
        local = (moment - _WORST_NEGATIVE_OFFSET).astimezone(ZoneInfo("UTC"))
    else:
        local = moment.astimezone(zone)
    return f'updated >= "{local:%Y-%m-%d %H:%M}"'


def _zone(name: str | None) -> ZoneInfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ValueError, KeyError, OSError):
        return None
