"""Projects v2 through GitHub's GraphQL API (PyGithub's ``requester.graphql_query``).

One query (``queries/project_items.graphql``) reads an org or user project's
field definitions and 100 items a page by cursor: ceil(items/100) queries per
project per sync (GraphQL has no conditional requests).

Project field values land in :attr:`WorkItem.fields` under the field's name:
single-select, text and date values as text, numbers as floats, iteration
and milestone values as their title. The iteration field named by
``iteration_field`` (or the project's only iteration field) also sets
:attr:`WorkItem.iteration`.

Done: an Issue is done when closed as completed (its own state decides, as in
the REST listing); a PullRequest when merged; a DraftIssue when its status
field holds one of ``done_options``, at the time that value was set.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any

from wigboard.config import GitHubProject
from wigboard.connectors.github_http import GitHubClient
from wigboard.connectors.github_mapping import issue_key, issue_state
from wigboard.errors import SourceError
from wigboard.model import FieldValue, ItemState, Iteration, WorkItem, parse_timestamp

__all__ = ["ProjectPage", "fetch_project", "merge_project_items", "project_items", "query_text"]

logger = logging.getLogger("mkdocs.plugins.wigboard.connectors.github")

PAGE_SIZE = 100


@cache
def query_text() -> str:
    """The Projects v2 items query shipped with the package."""
    path = resources.files("wigboard.connectors") / "queries" / "project_items.graphql"
    return path.read_text(encoding="utf-8")


@dataclasses.dataclass
class ProjectPage:
    """A project's metadata and the raw item nodes of all its pages."""

    project: dict[str, Any]
    """``projectV2`` of the first page, without ``items``."""
    nodes: list[dict[str, Any]]
    """Every item node, in board order."""


def fetch_project(client: GitHubClient, project: GitHubProject) -> ProjectPage:
    """Read every item of one project, 100 a page.

    Args:
        client: The GitHub client.
        project: Which project.

    Returns:
        The project and its item nodes.

    Raises:
        SourceError: The owner or project does not exist, GraphQL errors, or limits.
    """
    name = f"project {project.owner}/{project.number}"
    nodes: list[dict[str, Any]] = []
    meta: dict[str, Any] = {}
    after: str | None = None
    seen: set[str] = set()
    while True:
        variables = {"owner": project.owner, "number": project.number, "first": PAGE_SIZE}
        if after is not None:
            variables["after"] = after
        data = client.graphql(query_text(), variables)
        owner = data.get("repositoryOwner")
        board = owner.get("projectV2") if isinstance(owner, Mapping) else None
        if not isinstance(board, Mapping):
            raise SourceError(client.source_id, f"{name}: not found (no such owner or project)")
        items = board["items"]
        nodes.extend(items["nodes"])
        meta = meta or {k: v for k, v in board.items() if k != "items"}
        logger.info(
            "%s: +%d items (%d of %d)", name, len(items["nodes"]), len(nodes), items["totalCount"]
        )
        info = items["pageInfo"]
        if not info["hasNextPage"]:
            return ProjectPage(meta, nodes)
        after = info["endCursor"]
        if after is None or after in seen:
            raise SourceError(client.source_id, f"{name}: GraphQL paging repeated cursor {after!r}")
        seen.add(after)


def _iteration(value: Mapping[str, Any]) -> Iteration:
    start = date.fromisoformat(value["startDate"]) if value.get("startDate") else None
    end = (
        start + timedelta(days=int(value["duration"]) - 1)
        if start and value.get("duration")
        else None
    )
    return Iteration(str(value.get("title") or ""), start, end)


@dataclasses.dataclass
class _Values:
    fields: dict[str, FieldValue] = dataclasses.field(default_factory=dict)
    iteration: Iteration | None = None
    status_set_at: str | None = None


def _field_values(
    node: Mapping[str, Any], project: GitHubProject, iteration_field: str | None
) -> _Values:
    out = _Values()
    values = node.get("fieldValues") or {}
    if (values.get("pageInfo") or {}).get("hasNextPage"):
        logger.warning(
            "project item %s has more than 50 field values; the rest are ignored", node["id"]
        )
    for value in values.get("nodes") or ():
        if not value or not isinstance(value.get("field"), Mapping):
            continue
        name = str(value["field"].get("name") or "")
        kind = value.get("__typename")
        if kind == "ProjectV2ItemFieldSingleSelectValue" and value.get("name") is not None:
            out.fields[name] = str(value["name"])
            if name == project.status_field:
                out.status_set_at = value.get("updatedAt")
        elif kind == "ProjectV2ItemFieldNumberValue" and value.get("number") is not None:
            out.fields[name] = float(value["number"])
        elif kind == "ProjectV2ItemFieldDateValue" and value.get("date"):
            out.fields[name] = str(value["date"])
        elif kind == "ProjectV2ItemFieldTextValue" and value.get("text") is not None:
            out.fields[name] = str(value["text"])
        elif kind == "ProjectV2ItemFieldIterationValue":
            out.fields[name] = str(value.get("title") or "")
            if name == iteration_field:
                out.iteration = _iteration(value)
        elif kind == "ProjectV2ItemFieldMilestoneValue" and value.get("milestone"):
            out.fields[name] = str(value["milestone"]["title"])
    return out


def _iteration_field(board: Mapping[str, Any], project: GitHubProject) -> str | None:
    if project.iteration_field:
        return project.iteration_field
    names = [
        f.get("name")
        for f in (board.get("fields") or {}).get("nodes") or ()
        if f and f.get("dataType") == "ITERATION"
    ]
    return str(names[0]) if len(names) == 1 else None


def _logins(content: Mapping[str, Any], key: str, attr: str) -> tuple[str, ...]:
    nodes = (content.get(key) or {}).get("nodes") or ()
    return tuple(str(n[attr]) for n in nodes if n and n.get(attr))


def _content_item(source_id: str, content: Mapping[str, Any], values: _Values) -> WorkItem:
    repo = str(content["repository"]["nameWithOwner"])
    if content["__typename"] == "PullRequest":
        merged = content.get("mergedAt")
        closed = content.get("closed")
        state = ItemState.DONE if merged else ItemState.CLOSED if closed else ItemState.OPEN
        done, kind = merged, "pull_request"
    else:
        state, done = issue_state(
            str(content.get("issueState") or "OPEN"),
            content.get("stateReason"),
            content.get("closedAt"),
        )
        kind = "issue"
    milestone = content.get("milestone")
    return WorkItem(
        source=source_id,
        key=issue_key(repo, int(content["number"])),
        title=str(content.get("title") or ""),
        url=str(content.get("url") or ""),
        type=kind,
        state=state,
        created=parse_timestamp(content["createdAt"]),
        done=parse_timestamp(done) if done else None,
        updated=parse_timestamp(content["updatedAt"]) if content.get("updatedAt") else None,
        labels=_logins(content, "labels", "name"),
        assignees=_logins(content, "assignees", "login"),
        milestone=str(milestone["title"]) if isinstance(milestone, Mapping) else None,
        iteration=values.iteration,
        fields=values.fields,
        container=repo,
    )


def _draft_item(
    source_id: str,
    node: Mapping[str, Any],
    board: Mapping[str, Any],
    project: GitHubProject,
    values: _Values,
) -> WorkItem:
    content = node["content"]
    status = values.fields.get(project.status_field)
    done_at = values.status_set_at or node.get("updatedAt")
    is_done = isinstance(status, str) and status in project.done_options and done_at
    return WorkItem(
        source=source_id,
        key=str(node["id"]),
        title=str(content.get("title") or ""),
        url=str(board.get("url") or ""),
        type="draft_issue",
        state=ItemState.DONE if is_done else ItemState.OPEN,
        created=parse_timestamp(content.get("createdAt") or node["createdAt"]),
        done=parse_timestamp(str(done_at)) if is_done else None,
        updated=parse_timestamp(node["updatedAt"]) if node.get("updatedAt") else None,
        assignees=_logins(content, "assignees", "login"),
        iteration=values.iteration,
        fields=values.fields,
        container=str(board.get("title") or f"{project.owner}/projects/{project.number}"),
    )


def project_items(
    source_id: str, project: GitHubProject, page: ProjectPage, include_pull_requests: bool
) -> list[WorkItem]:
    """Map a project's item nodes to work items.

    Items whose content the token cannot see (``content: null``) are skipped
    with a warning; pull requests are skipped unless asked for.

    Args:
        source_id: The configured source id.
        project: The project's config (status field, done options, iteration field).
        page: What :func:`fetch_project` returned.
        include_pull_requests: Keep PullRequest items.

    Returns:
        The work items, carrying the project's field values in ``fields``.
    """
    iteration_field = _iteration_field(page.project, project)
    out: list[WorkItem] = []
    hidden = 0
    for node in page.nodes:
        content = node.get("content")
        if not isinstance(content, Mapping) or "__typename" not in content:
            hidden += 1
            continue
        values = _field_values(node, project, iteration_field)
        kind = content["__typename"]
        if kind == "DraftIssue":
            out.append(_draft_item(source_id, node, page.project, project, values))
        elif kind == "Issue" or (kind == "PullRequest" and include_pull_requests):
            out.append(_content_item(source_id, content, values))
    if hidden:
        logger.warning(
            "project %s/%s: %d items are not visible to these credentials",
            project.owner,
            project.number,
            hidden,
        )
    return out


def merge_project_items(
    items: Mapping[str, WorkItem], extra: Iterable[WorkItem]
) -> dict[str, WorkItem]:
    """Merge project items into REST items: same key -> one item with both.

    An issue already fetched by REST keeps its REST data (labels, state,
    times) and gains the project's field values and iteration; an item not
    fetched by REST (a repo not in ``repos``, a draft) is added as it is.

    Args:
        items: Items by key (REST, or REST merged with earlier projects).
        extra: Items of one more project.

    Returns:
        The merged items by key.
    """
    merged = dict(items)
    for item in extra:
        known = merged.get(item.key)
        if known is None:
            merged[item.key] = item
            continue
        merged[item.key] = dataclasses.replace(
            known,
            fields={**known.fields, **item.fields},
            iteration=item.iteration or known.iteration,
        )
    return merged
