"""Jira issue JSON -> wigboard model: work items, and fixVersions/epics as milestones.

Decisions (also in ``docs/connectors/jira.md``):

* state: status category *Done* is DONE, unless the resolution says the work was
  not done (*Won't Do*, *Duplicate*...), which is CLOSED; any other category is
  OPEN, so a re-opened issue is open even if its workflow kept a resolution date;
* done time: ``resolutiondate``, else ``statuscategorychangedate``, else ``updated``;
* ``type``: the issue type name in lower case (``task``, ``bug``, ``epic``, ``sub-task``);
* ``assignees``: Cloud ``accountId``, Data Center ``name``;
* ``milestone``: the first fixVersion's name, else the epic's key;
* ``fields``: ``points`` (the configured numeric field), ``Status`` (status
  name), ``epic`` and ``parent`` keys, and ``component:<name>`` = 1.0 per component;
* ``container``: the project key (from the issue key, so a moved issue follows it).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from wigboard.connectors.jira_fields import FieldMap, pick_sprint
from wigboard.model import FieldValue, ItemState, Milestone, WorkItem, parse_timestamp

__all__ = ["IssueRecord", "MapContext", "Version", "milestones_of", "to_record"]

NOT_DONE_RESOLUTIONS = frozenset(
    {"won't do", "won't fix", "duplicate", "cannot reproduce", "declined", "incomplete"}
)
"""Resolution names (case-insensitive) that close an issue without it being done."""


@dataclass(frozen=True)
class Version:
    """A fixVersion an issue belongs to."""

    id: str
    name: str
    due: date | None
    released: bool

    def to_json(self) -> dict[str, Any]:
        """As JSON, for the cache."""
        return {
            "id": self.id,
            "name": self.name,
            "due": self.due.isoformat() if self.due else None,
            "released": self.released,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Version:
        """Read :meth:`to_json`'s output."""
        due = data.get("due")
        return cls(str(data["id"]), str(data["name"]), _date(due), bool(data.get("released")))


@dataclass(frozen=True)
class IssueRecord:
    """One Jira issue: its work item plus what milestones need."""

    id: str
    """Jira's issue id: stable when the issue moves and its key changes."""
    item: WorkItem
    """The normalized item (without ``jql:`` marks, which are set per sync)."""
    versions: tuple[Version, ...] = ()
    """All fixVersions of the issue."""
    epic: str | None = None
    """Key of the issue's epic."""
    due: date | None = None
    """The issue's due date (an epic's due date is its milestone's)."""

    def extras_json(self) -> dict[str, Any]:
        """Everything but the item, as JSON, for the cache."""
        return {
            "id": self.id,
            "versions": [v.to_json() for v in self.versions],
            "epic": self.epic,
            "due": self.due.isoformat() if self.due else None,
        }


@dataclass(frozen=True)
class MapContext:
    """What mapping an issue needs to know about the site."""

    source_id: str
    site_url: str
    fields: FieldMap
    zone: ZoneInfo


def _date(value: object) -> date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _ts(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    return parse_timestamp(value)


def _name(value: object) -> str:
    return str(value.get("name") or "") if isinstance(value, Mapping) else ""


def _state(fields: Mapping[str, Any]) -> tuple[ItemState, datetime | None]:
    status = fields.get("status") or {}
    category = (status.get("statusCategory") or {}).get("key")
    if category != "done":
        return ItemState.OPEN, None
    if _name(fields.get("resolution")).casefold() in NOT_DONE_RESOLUTIONS:
        return ItemState.CLOSED, None
    done = (
        _ts(fields.get("resolutiondate"))
        or _ts(fields.get("statuscategorychangedate"))
        or _ts(fields.get("updated"))
    )
    return ItemState.DONE, done


def _epic_and_parent(fields: Mapping[str, Any], ids: FieldMap) -> tuple[str | None, str | None]:
    parent = fields.get("parent")
    if isinstance(parent, Mapping) and parent.get("key"):
        kind = (parent.get("fields") or {}).get("issuetype") or {}
        if kind.get("hierarchyLevel") == 1 or _name(kind).casefold() == "epic":
            return str(parent["key"]), None
        return None, str(parent["key"])
    link = fields.get(ids.epic_link) if ids.epic_link else None
    return (link if isinstance(link, str) and link else None), None


def _versions(fields: Mapping[str, Any]) -> tuple[Version, ...]:
    return tuple(
        Version(
            str(v.get("id", "")),
            str(v["name"]),
            _date(v.get("releaseDate")),
            bool(v.get("released")),
        )
        for v in fields.get("fixVersions") or []
        if isinstance(v, Mapping) and v.get("name")
    )


def _fields(
    fields: Mapping[str, Any], ids: FieldMap, epic: str | None, parent: str | None
) -> dict[str, FieldValue]:
    out: dict[str, FieldValue] = {}
    points = fields.get(ids.points) if ids.points else None
    if isinstance(points, int | float) and not isinstance(points, bool):
        out["points"] = float(points)
    status = _name(fields.get("status"))
    if status:
        out["Status"] = status
    if epic:
        out["epic"] = epic
    if parent:
        out["parent"] = parent
    for component in fields.get("components") or []:
        if _name(component):
            out[f"component:{_name(component)}"] = 1.0
    return out


def _assignee(fields: Mapping[str, Any]) -> tuple[str, ...]:
    user = fields.get("assignee")
    if not isinstance(user, Mapping):
        return ()
    login = user.get("accountId") or user.get("name") or user.get("key")
    return (str(login),) if login else ()


def to_record(raw: Mapping[str, Any], ctx: MapContext) -> IssueRecord:
    """Map one issue from a search answer.

    Args:
        raw: One element of the answer's ``issues`` list.
        ctx: Source id, site URL, field ids and the scoreboard timezone.

    Returns:
        The issue's record.

    Raises:
        KeyError: The issue has no ``key``, ``id`` or ``fields.created``.
        ValueError: A timestamp is malformed.
    """
    fields: Mapping[str, Any] = raw.get("fields") or {}
    key = str(raw["key"])
    state, done = _state(fields)
    epic, parent = _epic_and_parent(fields, ctx.fields)
    versions = _versions(fields)
    item = WorkItem(
        source=ctx.source_id,
        key=key,
        title=str(fields.get("summary") or ""),
        url=f"{ctx.site_url}/browse/{key}",
        type=_name(fields.get("issuetype")).lower() or "issue",
        state=state,
        created=parse_timestamp(fields["created"]),
        done=done,
        updated=_ts(fields.get("updated")),
        labels=tuple(str(label) for label in fields.get("labels") or []),
        assignees=_assignee(fields),
        milestone=versions[0].name if versions else epic,
        iteration=pick_sprint(fields.get(ctx.fields.sprint), ctx.zone)
        if ctx.fields.sprint
        else None,
        fields=_fields(fields, ctx.fields, epic, parent),
        container=key.rsplit("-", 1)[0],
    )
    return IssueRecord(str(raw["id"]), item, versions, epic, _date(fields.get("duedate")))


def _count(records: Iterable[IssueRecord]) -> tuple[int, int]:
    states = [r.item.state for r in records]
    return states.count(ItemState.OPEN), states.count(ItemState.DONE)


def _version_milestones(
    records: list[IssueRecord], source_id: str, site_url: str
) -> list[Milestone]:
    members: dict[tuple[str, str], list[IssueRecord]] = {}
    versions: dict[tuple[str, str], Version] = {}
    for record in records:
        for version in record.versions:
            ref = (record.item.container, version.name)
            versions.setdefault(ref, version)
            members.setdefault(ref, []).append(record)
    return [
        Milestone(
            source_id, project, v.name, v.due, "closed" if v.released else "open",
            *_count(members[(project, name)]),
            url=f"{site_url}/projects/{project}/versions/{v.id}",
        )
        for (project, name), v in versions.items()
    ]  # fmt: skip


def _epic_milestones(records: list[IssueRecord], source_id: str, site_url: str) -> list[Milestone]:
    by_key = {r.item.key: r for r in records}
    children: dict[str, list[IssueRecord]] = {
        r.item.key: [] for r in records if r.item.type == "epic"
    }
    for record in records:
        if record.epic:
            children.setdefault(record.epic, []).append(record)
    out = []
    for key, members in children.items():
        epic = by_key.get(key)
        closed = epic is not None and epic.item.state is not ItemState.OPEN
        out.append(
            Milestone(
                source_id, key.rsplit("-", 1)[0], key, epic.due if epic else None,
                "closed" if closed else "open", *_count(members), url=f"{site_url}/browse/{key}",
            )
        )  # fmt: skip
    return out


def milestones_of(records: Iterable[IssueRecord], source_id: str, site_url: str) -> list[Milestone]:
    """FixVersions and epics as milestones: progress is done / (open + done) items.

    Items closed without being done count in neither. A fixVersion is closed
    once released; an epic once it is done or closed.

    Args:
        records: Every issue of the source.
        source_id: The source's id.
        site_url: Site root, for links.

    Returns:
        Milestones sorted by container and title.
    """
    records = list(records)
    out = _version_milestones(records, source_id, site_url)
    out += _epic_milestones(records, source_id, site_url)
    return sorted(out, key=lambda m: (m.container, m.title))
