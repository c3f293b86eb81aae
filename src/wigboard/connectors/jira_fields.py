"""Which Jira fields wigboard reads, found by schema or name, and sprint parsing.

Custom field ids differ between sites (``customfield_10020`` on one,
``customfield_10100`` on another), so nothing here hard-codes one: the sprint,
epic-link and story-point fields are looked up in ``GET /rest/api/2/field``.

Sprints come in two shapes: Jira Cloud (and recent Data Center) returns
objects ``{"id": 37, "name": "GX Sprint 5", "state": "active", "startDate":
"2026-06-08T07:00:00.000Z", ...}``; older Data Center returns strings
``com.atlassian.greenhopper.service.sprint.Sprint@1a2b[id=1,rapidViewId=2,
state=ACTIVE,name=Sprint 1,startDate=2026-06-08T09:00:00.000+02:00,...]``.
Both become a :class:`~wigboard.model.Iteration`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from wigboard.model import Iteration, parse_timestamp

__all__ = [
    "EPIC_LINK_SCHEMA",
    "SPRINT_SCHEMA",
    "STORY_POINTS_SCHEMA",
    "SYSTEM_FIELDS",
    "FieldMap",
    "discover_fields",
    "parse_sprint",
    "pick_sprint",
]

logger = logging.getLogger("mkdocs.plugins.wigboard.connectors.jira")

SPRINT_SCHEMA = "com.pyxis.greenhopper.jira:gh-sprint"
"""``schema.custom`` of Jira Software's sprint field."""
EPIC_LINK_SCHEMA = "com.pyxis.greenhopper.jira:gh-epic-link"
"""``schema.custom`` of the Data Center epic link (Cloud uses ``parent``)."""
STORY_POINTS_SCHEMA = "com.pyxis.greenhopper.jira:jsw-story-points"
"""``schema.custom`` of Cloud's *Story point estimate* (team-managed projects)."""

SYSTEM_FIELDS = (
    "summary",
    "issuetype",
    "status",
    "resolution",
    "created",
    "updated",
    "resolutiondate",
    "statuscategorychangedate",
    "labels",
    "components",
    "fixVersions",
    "assignee",
    "parent",
    "duedate",
)
"""The system fields wigboard reads; nothing else is requested."""

_DC_SPRINT = re.compile(r"\[(?P<body>.*)\]\s*$", re.DOTALL)
_DC_KEYS = (
    "id|rapidViewId|state|name|goal|startDate|endDate|completeDate|activatedDate"
    "|sequence|autoStartStop|synced|incompleteIssuesDestinationId"
)
_DC_SPLIT = re.compile(rf",(?=(?:{_DC_KEYS})=)")
_STATE_RANK = {"active": 0, "future": 1, "closed": 2}


@dataclass(frozen=True)
class FieldMap:
    """Ids of the custom fields wigboard reads on this site."""

    sprint: str | None = None
    """Sprint field id, e.g. ``customfield_10020``."""
    points: str | None = None
    """Story-points field id."""
    epic_link: str | None = None
    """Data Center *Epic Link* field id."""

    def requested(self) -> list[str]:
        """All field ids to request in a search, system fields first."""
        extra = [f for f in (self.sprint, self.points, self.epic_link) if f]
        return [*SYSTEM_FIELDS, *extra]

    def to_json(self) -> dict[str, str | None]:
        """As JSON, for the cache."""
        return {"sprint": self.sprint, "points": self.points, "epic_link": self.epic_link}


def discover_fields(fields: Sequence[Mapping[str, Any]], points_name: str) -> FieldMap:
    """Find the sprint, story-points and epic-link fields in ``/field``'s answer.

    Args:
        fields: The list ``GET /rest/api/2/field`` returned.
        points_name: Configured name of the numeric points field (``Story Points``).

    Returns:
        The field ids found (``None`` for a field the site does not have).
    """

    def by_schema(custom: str) -> str | None:
        return next((str(f["id"]) for f in fields if _custom(f) == custom), None)

    wanted = points_name.strip().casefold()
    numeric = [f for f in fields if (f.get("schema") or {}).get("type") == "number"]
    points = next(
        (str(f["id"]) for f in numeric if str(f.get("name", "")).casefold() == wanted), None
    )
    if points is None and wanted in {"story points", "story point estimate"}:
        points = by_schema(STORY_POINTS_SCHEMA)
    if points is None:
        logger.warning(
            "Jira has no numeric field named %r; items get no 'points' (set points_field)",
            points_name,
        )
    sprint = by_schema(SPRINT_SCHEMA)
    if sprint is None:
        logger.info("Jira has no sprint field (%s); items get no iteration", SPRINT_SCHEMA)
    return FieldMap(sprint=sprint, points=points, epic_link=by_schema(EPIC_LINK_SCHEMA))


def _custom(field: Mapping[str, Any]) -> str | None:
    schema = field.get("schema") or {}
    value = schema.get("custom")
    return value if isinstance(value, str) else None


def _parse_dc_sprint(text: str) -> dict[str, str | None]:
    match = _DC_SPRINT.search(text)
    if not match:
        return {}
    parsed: dict[str, str | None] = {}
    for part in _DC_SPLIT.split(match.group("body")):
        key, _, value = part.partition("=")
        parsed[key] = None if value == "<null>" else value
    return parsed


def _day(value: object, zone: ZoneInfo, *, end: bool) -> date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = parse_timestamp(value).astimezone(zone)
    except ValueError:
        return None
    if end and moment.time() == time(0, 0):
        return moment.date() - timedelta(days=1)  # ends at midnight: the day before is the last
    return moment.date()


def parse_sprint(value: object, zone: ZoneInfo) -> tuple[str, Iteration] | None:
    """Turn one sprint value (Cloud object or Data Center string) into an iteration.

    Args:
        value: One element of the sprint field's list.
        zone: Scoreboard timezone; sprint start/end days are taken in it.

    Returns:
        ``(state, iteration)`` with state ``active``/``future``/``closed``, or ``None``.
    """
    raw: Mapping[str, Any]
    if isinstance(value, Mapping):
        raw = value
    elif isinstance(value, str):
        raw = _parse_dc_sprint(value)
    else:
        return None
    name = raw.get("name")
    if not isinstance(name, str) or not name:
        return None
    state = str(raw.get("state") or "future").lower()
    iteration = Iteration(
        name=name,
        start=_day(raw.get("startDate"), zone, end=False),
        end=_day(raw.get("endDate"), zone, end=True),
    )
    return state, iteration


def pick_sprint(values: object, zone: ZoneInfo) -> Iteration | None:
    """Choose the sprint an issue is planned in from its sprint field.

    An issue carried over lists every sprint it was in. The active sprint wins;
    else the earliest future one; else the closed one that started last.

    Args:
        values: The sprint field's value (a list, or ``None``).
        zone: Scoreboard timezone.

    Returns:
        The iteration, or ``None`` when the issue is in no sprint.
    """
    if not isinstance(values, list):
        return None
    parsed = [p for p in (parse_sprint(v, zone) for v in values) if p is not None]
    if not parsed:
        return None

    def rank(item: tuple[str, Iteration]) -> tuple[int, int]:
        state, it = item
        day = (it.start or date.min).toordinal()
        order = day if state == "future" else -day
        return _STATE_RANK.get(state, 3), order

    return min(parsed, key=rank)[1]
