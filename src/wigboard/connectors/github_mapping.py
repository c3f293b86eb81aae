"""GitHub REST payloads (issues, milestones) -> wigboard model objects.

Only what the list endpoints carry is read: the raw JSON dicts of
``GET /repos/{owner}/{repo}/issues`` and ``.../milestones``. No PyGithub
object is built for an issue, so nothing can trigger PyGithub's lazy
completion (one extra ``GET`` per issue).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from wigboard.model import ItemState, Milestone, WorkItem, parse_timestamp

__all__ = [
    "issue_key",
    "issue_state",
    "item_from_rest",
    "milestone_from_rest",
    "repo_of",
]


def repo_of(issue: Mapping[str, Any], fallback: str) -> str:
    """Return ``owner/repo`` an issue lives in now (from ``repository_url``).

    A transferred issue (or a renamed repository) answers with its new home,
    which is what its key must name.

    Args:
        issue: A REST issue.
        fallback: The repo that was listed, used when the payload has no URL.

    Returns:
        ``owner/repo``.
    """
    url = str(issue.get("repository_url") or "")
    marker = "/repos/"
    if marker in url:
        return url.split(marker, 1)[1].strip("/")
    return fallback


def issue_key(repo: str, number: int) -> str:
    """Return the item key of an issue or pull request: ``owner/repo#N``."""
    return f"{repo}#{number}"


def issue_state(
    state: str, state_reason: str | None, closed_at: str | None
) -> tuple[ItemState, str | None]:
    """Decide open/done/closed and the done time from GitHub's state fields.

    Done means closed as ``completed`` (or closed before GitHub recorded a
    reason, ``state_reason: null``). Closed as ``not_planned`` (or
    ``duplicate``) is :attr:`ItemState.CLOSED`; open (including ``reopened``)
    is :attr:`ItemState.OPEN`.

    Args:
        state: ``open`` or ``closed`` (any case).
        state_reason: GitHub's ``state_reason`` (REST lower case, GraphQL upper case).
        closed_at: The ``closed_at`` timestamp.

    Returns:
        The state and, when done, the done timestamp text.
    """
    if state.lower() != "closed":
        return ItemState.OPEN, None
    reason = (state_reason or "completed").lower()
    if reason == "completed" and closed_at:
        return ItemState.DONE, closed_at
    return ItemState.CLOSED, None


def _names(entries: Iterable[Any], key: str) -> tuple[str, ...]:
    out = []
    for entry in entries or ():
        if isinstance(entry, Mapping) and entry.get(key):
            out.append(str(entry[key]))
        elif isinstance(entry, str):
            out.append(entry)
    return tuple(out)


def item_from_rest(source_id: str, listed_repo: str, issue: Mapping[str, Any]) -> WorkItem:
    """Map one issue (or pull request) of the REST issues list to a work item.

    Args:
        source_id: The configured source id.
        listed_repo: ``owner/repo`` that was listed.
        issue: The issue as the list endpoint returned it.

    Returns:
        The work item, typed ``issue`` or ``pull_request``.
    """
    repo = repo_of(issue, listed_repo)
    state, done = issue_state(
        str(issue.get("state") or "open"), issue.get("state_reason"), issue.get("closed_at")
    )
    assignees = _names(issue.get("assignees") or (), "login")
    if not assignees and isinstance(issue.get("assignee"), Mapping):
        assignees = _names([issue["assignee"]], "login")
    milestone = issue.get("milestone")
    return WorkItem(
        source=source_id,
        key=issue_key(repo, int(issue["number"])),
        title=str(issue.get("title") or ""),
        url=str(issue.get("html_url") or ""),
        type="pull_request" if issue.get("pull_request") else "issue",
        state=state,
        created=parse_timestamp(str(issue["created_at"])),
        done=parse_timestamp(done) if done else None,
        updated=parse_timestamp(str(issue["updated_at"])) if issue.get("updated_at") else None,
        labels=_names(issue.get("labels") or (), "name"),
        assignees=assignees,
        milestone=str(milestone["title"]) if isinstance(milestone, Mapping) else None,
        container=repo,
    )


def milestone_from_rest(
    source_id: str, repo: str, milestone: Mapping[str, Any], items: Iterable[WorkItem]
) -> Milestone:
    """Map a REST milestone; its counts come from the repo's items, not GitHub's.

    GitHub's ``closed_issues`` counts pull requests and issues closed as not
    planned; wigboard counts done items (closed as completed) and open items,
    leaving closed-not-done items out of both.

    Args:
        source_id: The configured source id.
        repo: ``owner/repo`` the milestone belongs to.
        milestone: The milestone as the list endpoint returned it.
        items: The work items of this source that count (PRs already filtered).

    Returns:
        The milestone.
    """
    title = str(milestone["title"])
    mine = [i for i in items if i.container == repo and i.milestone == title]
    due_on = milestone.get("due_on")
    due: date | None = parse_timestamp(str(due_on)).date() if due_on else None
    return Milestone(
        source=source_id,
        container=repo,
        title=title,
        due=due,
        state=str(milestone.get("state") or "open"),
        open_items=sum(1 for i in mine if i.state is ItemState.OPEN),
        done_items=sum(1 for i in mine if i.state is ItemState.DONE),
        url=str(milestone.get("html_url") or ""),
    )
