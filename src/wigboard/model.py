"""The normalized data every connector produces and every later stage reads.

Connectors turn tracker payloads (GitHub issues, Projects v2 items, Jira
issues, CSV rows, JSON lines) into these objects; nothing downstream of a
connector ever sees a vendor object. All timestamps are timezone-aware.

The module also holds the JSON (de)serialisation used for the sync cache, so
that a snapshot written by one run is read back identically by the next.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

__all__ = [
    "ItemState",
    "Iteration",
    "Milestone",
    "SeriesPoint",
    "SourceSnapshot",
    "SourceStatus",
    "WorkItem",
    "identity",
    "merge_items",
    "parse_timestamp",
    "snapshot_from_json",
    "snapshot_to_json",
]

FieldValue = float | str


class ItemState(enum.StrEnum):
    """Where a work item stands, as far as scoring cares."""

    OPEN = "open"
    """Not finished (includes re-opened items)."""
    DONE = "done"
    """Finished as planned: counts toward measures."""
    CLOSED = "closed"
    """Closed without being done (GitHub *not planned*, Jira *Won't do*)."""


@dataclass(frozen=True, slots=True)
class Iteration:
    """A time box an item is planned in: a Projects v2 iteration or a Jira sprint."""

    name: str
    """The iteration's or sprint's name, e.g. ``Sprint 14``."""
    start: date | None = None
    """First day of the time box, if the tracker knows it."""
    end: date | None = None
    """Last day of the time box (inclusive), if the tracker knows it."""


@dataclass(frozen=True, slots=True)
class WorkItem:
    """One ticket from any tracker, normalized.

    ``labels`` and ``assignees`` are in the tracker's own spelling;
    :func:`identity` turns an assignee into the ``<source-id>:<login>`` form
    used in ``teams:``.
    """

    source: str
    """Id of the configured source the item came from (a key of ``sources:``)."""
    key: str
    """Stable key within the source: ``acme/ops#12``, ``OPS-12``, a Projects item id."""
    title: str
    """Title as written in the tracker. Untrusted: escape wherever it lands."""
    url: str
    """Link to the item in the tracker (http(s) only; empty when unknown)."""
    type: str
    """Item type, lower case: ``issue``, ``pull_request``, ``draft_issue``, ``bug``..."""
    state: ItemState
    """Open, done or closed-not-done."""
    created: datetime
    """When the item was created."""
    done: datetime | None = None
    """When it was done; set exactly when ``state`` is DONE."""
    updated: datetime | None = None
    """Last change in the tracker, used for incremental sync."""
    labels: tuple[str, ...] = ()
    """Label names (GitHub labels, Jira labels)."""
    assignees: tuple[str, ...] = ()
    """Tracker identities of the assignees (GitHub login, Jira accountId or name)."""
    milestone: str | None = None
    """Milestone title, Jira fixVersion name or epic key the item belongs to."""
    iteration: Iteration | None = None
    """Iteration or sprint the item is planned in."""
    fields: Mapping[str, FieldValue] = field(default_factory=dict)
    """Other values by name: story points, Projects v2 number/text/select fields."""
    container: str = ""
    """Where the item lives: ``owner/repo``, a Jira project key or a project title."""

    @property
    def is_done(self) -> bool:
        """Whether the item counts as done."""
        return self.state is ItemState.DONE

    def identities(self) -> tuple[str, ...]:
        """The assignees as ``<source-id>:<login>`` identities."""
        return tuple(identity(self.source, login) for login in self.assignees)


@dataclass(frozen=True, slots=True)
class Milestone:
    """A GitHub milestone, Jira fixVersion or epic: progress is done / all items."""

    source: str
    """Id of the configured source."""
    container: str
    """``owner/repo`` or Jira project key."""
    title: str
    """Milestone title, fixVersion name or epic key."""
    due: date | None
    """Due date; the key result's deadline when ``by`` is not given."""
    state: str
    """``open`` or ``closed``."""
    open_items: int
    """Items in the milestone not yet done."""
    done_items: int
    """Items in the milestone that are done."""
    url: str = ""
    """Link to the milestone in the tracker."""

    @property
    def progress(self) -> float | None:
        """Done share of all items, or ``None`` when the milestone is empty."""
        total = self.open_items + self.done_items
        return self.done_items / total if total else None


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    """One value of a measured series (lag measure, KPI, key result) on a date."""

    source: str
    """Id of the configured source."""
    measure: str
    """Measure name as used in the config (``measure: on_time``)."""
    date: date
    """The day the value was measured."""
    value: float
    """The value; always finite."""

    def __post_init__(self) -> None:
        if not math.isfinite(self.value):
            raise ValueError(f"series value must be finite, got {self.value!r}")


@dataclass(slots=True)
class SourceSnapshot:
    """Everything one source yielded in one sync."""

    source: str
    """Id of the configured source."""
    fetched_at: datetime
    """When the data was pulled (the sync's clock, not scoring's)."""
    items: list[WorkItem] = field(default_factory=list)
    """Work items."""
    series: list[SeriesPoint] = field(default_factory=list)
    """Measured values."""
    milestones: list[Milestone] = field(default_factory=list)
    """Milestones, fixVersions and epics."""


@dataclass(frozen=True, slots=True)
class SourceStatus:
    """How the last sync of one source went; shown on the freshness page."""

    source: str
    """Id of the configured source."""
    ok: bool
    """Whether this run's sync succeeded."""
    last_sync: datetime | None
    """When the data in use was last pulled successfully (``None``: never)."""
    stale: bool
    """True when the data in use is older than this run (the sync failed)."""
    error: str | None = None
    """What went wrong, in one line, when ``ok`` is false."""
    items: int = 0
    """Number of work items in use from this source."""


def identity(source: str, login: str) -> str:
    """Return the ``<source-id>:<login>`` identity used in ``teams:``.

    Args:
        source: The configured source id.
        login: The tracker's login, accountId or name.

    Returns:
        The identity string, e.g. ``gh:ana-l``.
    """
    return f"{source}:{login}"


def parse_timestamp(text: str) -> datetime:
    """Parse an ISO-8601 timestamp that carries an offset or ``Z``.

    Args:
        text: e.g. ``2026-06-25T15:00:00Z`` or ``2026-06-25T17:00:00.000+0200``.

    Returns:
        A timezone-aware datetime.

    Raises:
        ValueError: If the text is not ISO-8601 or has no offset.
    """
    value = text.strip()
    if value.endswith(("Z", "z")):
        value = value[:-1] + "+00:00"
    elif len(value) > 5 and value[-5] in "+-" and value[-4:].isdigit() and ":" not in value[-5:]:
        value = f"{value[:-2]}:{value[-2:]}"  # Jira's +0200
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError(f"timestamp {text!r} has no UTC offset; add one or 'Z'")
    return parsed


def _ts(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _item_to_json(item: WorkItem) -> dict[str, Any]:
    iteration = item.iteration
    return {
        "key": item.key,
        "title": item.title,
        "url": item.url,
        "type": item.type,
        "state": item.state.value,
        "created": _ts(item.created),
        "done": _ts(item.done),
        "updated": _ts(item.updated),
        "labels": list(item.labels),
        "assignees": list(item.assignees),
        "milestone": item.milestone,
        "iteration": None
        if iteration is None
        else {
            "name": iteration.name,
            "start": iteration.start.isoformat() if iteration.start else None,
            "end": iteration.end.isoformat() if iteration.end else None,
        },
        "fields": dict(item.fields),
        "container": item.container,
    }


def _opt_ts(value: str | None) -> datetime | None:
    return None if value is None else parse_timestamp(value)


def _opt_date(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


def _item_from_json(source: str, data: Mapping[str, Any]) -> WorkItem:
    it = data.get("iteration")
    return WorkItem(
        source=source,
        key=data["key"],
        title=data["title"],
        url=data["url"],
        type=data["type"],
        state=ItemState(data["state"]),
        created=parse_timestamp(data["created"]),
        done=_opt_ts(data.get("done")),
        updated=_opt_ts(data.get("updated")),
        labels=tuple(data.get("labels", ())),
        assignees=tuple(data.get("assignees", ())),
        milestone=data.get("milestone"),
        iteration=None
        if it is None
        else Iteration(it["name"], _opt_date(it.get("start")), _opt_date(it.get("end"))),
        fields=dict(data.get("fields", {})),
        container=data.get("container", ""),
    )


def snapshot_to_json(snapshot: SourceSnapshot) -> dict[str, Any]:
    """Serialise a snapshot to plain JSON types (for the ``.wigboard/`` cache).

    Args:
        snapshot: The snapshot to write.

    Returns:
        A dict that ``json.dumps`` accepts and :func:`snapshot_from_json` reads back.
    """
    return {
        "version": 1,
        "source": snapshot.source,
        "fetched_at": _ts(snapshot.fetched_at),
        "items": [_item_to_json(i) for i in snapshot.items],
        "series": [
            {"measure": p.measure, "date": p.date.isoformat(), "value": p.value}
            for p in snapshot.series
        ],
        "milestones": [
            {
                "container": m.container,
                "title": m.title,
                "due": m.due.isoformat() if m.due else None,
                "state": m.state,
                "open_items": m.open_items,
                "done_items": m.done_items,
                "url": m.url,
            }
            for m in snapshot.milestones
        ],
    }


def snapshot_from_json(data: Mapping[str, Any]) -> SourceSnapshot:
    """Read a snapshot written by :func:`snapshot_to_json`.

    Args:
        data: The parsed JSON.

    Returns:
        The snapshot.
    """
    source = data["source"]
    return SourceSnapshot(
        source=source,
        fetched_at=parse_timestamp(data["fetched_at"]),
        items=[_item_from_json(source, i) for i in data.get("items", [])],
        series=[
            SeriesPoint(source, p["measure"], date.fromisoformat(p["date"]), float(p["value"]))
            for p in data.get("series", [])
        ],
        milestones=[
            Milestone(
                source=source,
                container=m["container"],
                title=m["title"],
                due=_opt_date(m.get("due")),
                state=m["state"],
                open_items=int(m["open_items"]),
                done_items=int(m["done_items"]),
                url=m.get("url", ""),
            )
            for m in data.get("milestones", [])
        ],
    )


def merge_items(old: Iterable[WorkItem], new: Iterable[WorkItem]) -> list[WorkItem]:
    """Merge an incremental fetch into cached items: newer keys replace older.

    Args:
        old: Items from the cache.
        new: Items fetched since the last sync (may overlap the cache).

    Returns:
        The union, de-duplicated by key, in key order.
    """
    merged = {i.key: i for i in old}
    merged.update({i.key: i for i in new})
    return [merged[k] for k in sorted(merged)]
