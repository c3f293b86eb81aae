"""REST listings of the GitHub connector: issues (incremental) and milestones.

Issues of a repo are listed newest-updated first, 100 a page::

    GET /repos/{owner}/{repo}/issues?state=all&sort=updated&direction=desc&per_page=100

A full sync follows every ``rel="next"`` link: ceil(N/100) requests. An
incremental sync sends that first page again with ``If-None-Match``: when
nothing in the repo changed, GitHub answers 304 (free of rate limit) and the
repo costs one conditional request. Otherwise the page itself carries the
changes when its oldest issue predates the watermark (the newest
``updated_at`` seen) minus an overlap; with more changes than that the
connector lists ``since=<watermark - overlap>``.

Milestones are one listing per repo (``state=all``), every page conditional.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from wigboard.connectors.github_http import GitHubClient
from wigboard.model import parse_timestamp

__all__ = ["OVERLAP", "RepoIssues", "RepoState", "fetch_issues", "fetch_pages"]

logger = logging.getLogger("mkdocs.plugins.wigboard.connectors.github")

OVERLAP = timedelta(minutes=10)
"""How far before the watermark an incremental listing starts (clock skew, replication lag)."""

ISSUE_PARAMS: Mapping[str, Any] = {
    "state": "all",
    "sort": "updated",
    "direction": "desc",
    "per_page": 100,
}
MILESTONE_PARAMS: Mapping[str, Any] = {"state": "all", "per_page": 100}


@dataclass
class RepoState:
    """What the cache remembers about one repo between syncs."""

    head_etag: str | None = None
    """ETag of the first page of the issue listing."""
    watermark: str | None = None
    """Newest ``updated_at`` seen in the repo (ISO text)."""
    milestone_pages: list[dict[str, Any]] = field(default_factory=list)
    """Milestone pages: ``{url, etag, next, body}`` with trimmed bodies."""

    def to_json(self) -> dict[str, Any]:
        """Plain JSON for the cache file."""
        return {
            "head_etag": self.head_etag,
            "watermark": self.watermark,
            "milestone_pages": self.milestone_pages,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> RepoState:
        """Read what :meth:`to_json` wrote."""
        return cls(
            data.get("head_etag"), data.get("watermark"), list(data.get("milestone_pages", []))
        )


@dataclass
class RepoIssues:
    """What one repo's issue listing returned."""

    issues: list[dict[str, Any]]
    """Raw issues (and pull requests) fetched, as the list endpoint returned them."""
    full: bool
    """True: ``issues`` is the whole repo (replace the cache); False: changes only."""
    state: RepoState
    """The repo state to cache after a successful sync."""


def _follow(client: GitHubClient, url: str | None, label: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    while url:
        page = client.get(url)
        out.extend(page.data or [])
        logger.info("%s: +%d (%d so far)", label, len(page.data or []), len(out))
        url = page.next_url
    return out


def _newest(issues: list[dict[str, Any]], current: str | None) -> str | None:
    stamps = [parse_timestamp(i["updated_at"]) for i in issues if i.get("updated_at")]
    if current:
        stamps.append(parse_timestamp(current))
    return max(stamps).isoformat() if stamps else current


def fetch_issues(
    client: GitHubClient, repo: str, previous: RepoState | None, full: bool
) -> RepoIssues:
    """List a repo's issues: everything, or only what changed since ``previous``.

    Args:
        client: The GitHub client.
        repo: ``owner/repo``.
        previous: The cached state of the repo (``None``: never synced).
        full: Ignore ``previous`` and list everything.

    Returns:
        The issues fetched and the state to cache.
    """
    path = f"/repos/{repo}/issues"
    incremental = previous is not None and previous.watermark is not None and not full
    etag = previous.head_etag if incremental and previous else None
    head = client.get(path, ISSUE_PARAMS, etag=etag)
    # A 200 carrying the very ETag we sent is unchanged too (a replayed recording or a proxy
    # that ignores If-None-Match answers so).
    unchanged = head.not_modified or (etag is not None and head.etag == etag)
    if unchanged and previous is not None:
        logger.info("%s issues: unchanged (ETag matches)", repo)
        return RepoIssues([], False, previous)
    issues: list[dict[str, Any]] = list(head.data or [])
    logger.info("%s issues: page 1, %d", repo, len(issues))
    if not incremental or previous is None or previous.watermark is None:
        issues += _follow(client, head.next_url, f"{repo} issues")
        state = RepoState(head.etag, _newest(issues, None))
        return RepoIssues(issues, True, state)
    floor = parse_timestamp(previous.watermark) - OVERLAP
    oldest = parse_timestamp(issues[-1]["updated_at"]) if issues else floor
    if head.next_url and oldest >= floor:
        since = floor.isoformat().replace("+00:00", "Z")
        logger.info("%s issues: more than a page changed, listing since %s", repo, since)
        first = client.get(path, {**ISSUE_PARAMS, "since": since})
        issues += list(first.data or []) + _follow(client, first.next_url, f"{repo} issues")
    changed = [i for i in issues if parse_timestamp(i["updated_at"]) >= floor]
    state = RepoState(head.etag, _newest(changed, previous.watermark), previous.milestone_pages)
    return RepoIssues(changed, False, state)


def fetch_pages(
    client: GitHubClient,
    path: str,
    params: Mapping[str, Any],
    stored: list[dict[str, Any]],
    trim: Callable[[dict[str, Any]], dict[str, Any]],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """List every page of ``path``, each page conditional on its stored ETag.

    Args:
        client: The GitHub client.
        path: e.g. ``/repos/o/r/milestones``.
        params: Query of the first page.
        stored: Pages cached by the previous sync (``[]`` for none).
        trim: Keeps what the cache needs of one element.

    Returns:
        All elements (trimmed), and the pages to cache.
    """
    by_url = {p["url"]: p for p in stored}
    elements: list[dict[str, Any]] = []
    pages: list[dict[str, Any]] = []
    url: str | None = path
    query: Mapping[str, Any] | None = params
    while url:
        key = url if query is None else f"{url}?{sorted(query.items())}"
        previous = by_url.get(key)
        page = client.get(url, query, etag=previous["etag"] if previous else None)
        if page.not_modified and previous is not None:
            body, following = previous["body"], previous["next"]
        else:
            body, following = [trim(e) for e in page.data or []], page.next_url
        pages.append({"url": key, "etag": page.etag, "next": following, "body": body})
        elements.extend(body)
        url, query = following, None
    return elements, pages
