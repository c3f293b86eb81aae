"""The GitHub connector: Issues, Milestones and Projects v2 into one snapshot.

Cost of a sync, per repo: ceil(issues/100) list requests and one milestone
listing the first time; afterwards one conditional request per listing,
answered 304 when nothing changed. Per project: ceil(items/100) GraphQL
queries every sync. See ``docs/connectors/github.md``.

The cache (``<cache_dir>/github.json``) holds every issue of every repo and
the ETags and watermarks that make the next sync incremental. It is written
once, atomically, after the whole sync succeeded: an interrupted or failed
sync leaves the previous cache as it was.

Pull requests (which GitHub's issue listing returns too) are kept in the
cache but left out of the snapshot unless the connector is built with
``include_pull_requests=True``; :func:`wants_pull_requests` tells whether a
config's selectors ask for them (``types: [pull_request]``).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wigboard.config import Config, GitHubSource, LabelConventions, Selector
from wigboard.connectors.base import SyncContext, write_json_atomic
from wigboard.connectors.github_graphql import fetch_project, merge_project_items, project_items
from wigboard.connectors.github_http import GitHubClient, RetryPolicy, connect
from wigboard.connectors.github_mapping import item_from_rest, milestone_from_rest, repo_of
from wigboard.connectors.github_rest import MILESTONE_PARAMS, RepoState, fetch_issues, fetch_pages
from wigboard.model import SourceSnapshot, WorkItem, snapshot_from_json, snapshot_to_json

__all__ = ["CACHE_FILE", "GitHubConnector", "wants_pull_requests"]

logger = logging.getLogger("mkdocs.plugins.wigboard.connectors.github")

CACHE_FILE = "github.json"
CACHE_VERSION = 1


@dataclass
class _Cache:
    """What one sync leaves for the next."""

    api_url: str
    repos: dict[str, RepoState] = field(default_factory=dict)
    issues: dict[str, WorkItem] = field(default_factory=dict)
    meta: dict[str, dict[str, str]] = field(default_factory=dict)
    """Per issue key: ``node_id`` and the ``listed`` repo it was listed under."""

    @classmethod
    def load(cls, path: Path, source_id: str, api_url: str) -> _Cache:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls(api_url)
        except (OSError, ValueError) as exc:
            logger.warning("ignoring unreadable GitHub cache %s (%s); doing a full sync", path, exc)
            return cls(api_url)
        if data.get("version") != CACHE_VERSION or data.get("api_url") != api_url:
            return cls(api_url)
        snapshot = snapshot_from_json({**data["issues"], "source": source_id})
        return cls(
            api_url,
            {repo: RepoState.from_json(s) for repo, s in data["repos"].items()},
            {i.key: i for i in snapshot.items},
            {k: dict(v) for k, v in data["meta"].items()},
        )

    def save(self, path: Path, snapshot_of_issues: SourceSnapshot) -> None:
        write_json_atomic(
            path,
            {
                "version": CACHE_VERSION,
                "api_url": self.api_url,
                "repos": {repo: s.to_json() for repo, s in self.repos.items()},
                "issues": snapshot_to_json(snapshot_of_issues),
                "meta": self.meta,
            },
        )

    def replace_repo(self, repo: str, fresh: Iterable[tuple[WorkItem, dict[str, str]]]) -> None:
        for key in [k for k, m in self.meta.items() if m.get("listed") == repo]:
            self.issues.pop(key, None)
            self.meta.pop(key, None)
        self.merge(fresh)

    def keep_repos(self, repos: list[str]) -> None:
        """Forget repos no longer configured, and their issues."""
        self.repos = {r: s for r, s in self.repos.items() if r in repos}
        for key in [k for k, m in self.meta.items() if m.get("listed") not in repos]:
            self.issues.pop(key, None)
            self.meta.pop(key, None)

    def merge(self, fresh: Iterable[tuple[WorkItem, dict[str, str]]]) -> None:
        by_node = {m["node_id"]: k for k, m in self.meta.items() if m.get("node_id")}
        for item, meta in fresh:
            node_id = meta.get("node_id")
            old_key = by_node.get(node_id) if node_id else None
            if old_key is not None and old_key != item.key:  # transferred: the old key is gone
                self.issues.pop(old_key, None)
                self.meta.pop(old_key, None)
            self.issues[item.key] = item
            self.meta[item.key] = meta
            if node_id:
                by_node[node_id] = item.key


class GitHubConnector:
    """Sync one ``kind: github`` source (see the module docstring)."""

    def __init__(
        self,
        source_id: str,
        source: GitHubSource,
        labels: LabelConventions,
        *,
        include_pull_requests: bool = False,
        policy: RetryPolicy | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        """Set the connector up; nothing is sent before :meth:`sync`.

        Args:
            source_id: The source's id (key under ``sources:``).
            source: Its config.
            labels: The label conventions (counted in the sync log).
            include_pull_requests: Keep pull requests (see :func:`wants_pull_requests`).
            policy: Retry and wait rules (default: the source's ``max_wait``, real sleep).
            environ: Where tokens are read (default: ``os.environ``).
        """
        self.source_id = source_id
        self.source = source
        self.labels = labels
        self.include_pull_requests = include_pull_requests
        self.policy = policy
        self.environ = environ
        self.client: GitHubClient | None = None
        """The client of the last sync (its ``stats`` say what was sent)."""

    def sync(self, context: SyncContext) -> SourceSnapshot:
        """Pull issues, milestones and project items; incremental after the first run.

        Args:
            context: Cache folder, clock, config folder, and ``full`` to ignore the cache.

        Returns:
            The complete current data of the source.

        Raises:
            AuthError: Token or App variables missing or rejected.
            RateLimitError: A rate limit would need a longer wait than ``max_wait``.
            SourceError: Anything else that stopped the sync (nothing is cached then).
        """
        client = connect(
            self.source_id,
            self.source,
            config_dir=context.config_dir,
            policy=self.policy,
            environ=self.environ,
        )
        self.client = client
        cache_path = context.cache_dir / CACHE_FILE
        api_url = self.source.api_url.rstrip("/")
        cache = (
            _Cache(api_url) if context.full else _Cache.load(cache_path, self.source_id, api_url)
        )
        milestones: list[tuple[str, dict[str, Any]]] = []
        for repo in self.source.repos:
            self._sync_repo(client, repo, cache, context.full)
            milestones += [(repo, m) for m in self._milestones(client, repo, cache, context.full)]
        cache.keep_repos(self.source.repos)
        items = {
            k: i
            for k, i in cache.issues.items()
            if self.include_pull_requests or i.type != "pull_request"
        }
        for project in self.source.projects:
            page = fetch_project(client, project)
            items = merge_project_items(
                items, project_items(self.source_id, project, page, self.include_pull_requests)
            )
        snapshot = SourceSnapshot(
            self.source_id, context.now, items=[items[k] for k in sorted(items)]
        )
        snapshot.milestones = [
            milestone_from_rest(self.source_id, repo, m, snapshot.items) for repo, m in milestones
        ]
        cache.save(
            cache_path,
            SourceSnapshot(self.source_id, context.now, items=list(cache.issues.values())),
        )
        self._log_summary(client, snapshot)
        return snapshot

    def _sync_repo(self, client: GitHubClient, repo: str, cache: _Cache, full: bool) -> None:
        result = fetch_issues(client, repo, cache.repos.get(repo), full)
        fresh = [
            (
                item_from_rest(self.source_id, repo, raw),
                {"node_id": str(raw.get("node_id") or ""), "listed": repo},
            )
            for raw in result.issues
        ]
        moved = sum(1 for raw in result.issues if repo_of(raw, repo) != repo)
        if moved:
            logger.info("%s: %d issues now live in another repo (transferred)", repo, moved)
        if result.full:
            cache.replace_repo(repo, fresh)
        else:
            cache.merge(fresh)
        cache.repos[repo] = result.state

    def _milestones(
        self, client: GitHubClient, repo: str, cache: _Cache, full: bool
    ) -> list[dict[str, Any]]:
        state = cache.repos[repo]
        stored = [] if full else state.milestone_pages
        elements, pages = fetch_pages(
            client, f"/repos/{repo}/milestones", MILESTONE_PARAMS, stored, _trim_milestone
        )
        state.milestone_pages = pages
        return elements

    def _log_summary(self, client: GitHubClient, snapshot: SourceSnapshot) -> None:
        prefixes = (self.labels.wig, self.labels.lead)
        tagged = sum(1 for i in snapshot.items if any(lb.startswith(prefixes) for lb in i.labels))
        stats = client.stats
        logger.info(
            "source %s: %d items (%d tagged %s/%s), %d milestones; %d requests "
            "(%d answered 304, %d GraphQL), %.0fs waited",
            self.source_id,
            len(snapshot.items),
            tagged,
            *prefixes,
            len(snapshot.milestones),
            stats.sent,
            stats.not_modified,
            stats.graphql,
            stats.waited,
        )


def _trim_milestone(raw: dict[str, Any]) -> dict[str, Any]:
    keep = ("number", "title", "state", "due_on", "html_url", "open_issues", "closed_issues")
    return {k: raw.get(k) for k in keep}


def _asks_for_prs(selector: Selector | None, source_id: str) -> bool:
    if selector is None or "pull_request" not in selector.types:
        return False
    return not selector.sources or source_id in selector.sources


def wants_pull_requests(config: Config, source_id: str) -> bool:
    """Whether any selector asks for pull requests of this source.

    A selector asks when its ``types`` include ``pull_request`` and its
    ``sources`` (if any) include ``source_id``. Pass the answer as
    ``include_pull_requests`` to :class:`GitHubConnector`.

    Args:
        config: The loaded config.
        source_id: The GitHub source's id.

    Returns:
        True when pull requests must be kept.
    """
    selectors: list[Selector | None] = []
    for wig in config.wigs:
        selectors.append(wig.lag.selector)
        selectors += [m.selector for m in wig.lead_measures]
    selectors += [kr.selector for okr in config.okrs for kr in okr.key_results]
    selectors += [kpi.selector for kpi in config.kpis]
    return any(_asks_for_prs(s, source_id) for s in selectors)
