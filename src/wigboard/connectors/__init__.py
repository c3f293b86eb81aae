"""Connectors: tracker payloads in, :mod:`wigboard.model` objects out.

Each configured source gets one connector (see :func:`make_connector`). Vendor
objects (PyGithub, jira) never leave this package.
"""

from __future__ import annotations

from wigboard.config import Config, FileSource, GitHubSource, JiraSource
from wigboard.connectors.base import Connector, SyncContext

__all__ = ["Connector", "SyncContext", "make_connector"]


def make_connector(source_id: str, source: object, config: Config) -> Connector:
    """Return the connector for one configured source.

    Vendor libraries are imported only when a source of their kind is used.

    Args:
        source_id: The key under ``sources:``.
        source: The source's config.
        config: The whole config (label conventions, selectors with JQL...).

    Returns:
        A connector whose ``sync`` pulls that source.
    """
    if isinstance(source, FileSource):
        from wigboard.connectors.files import ItemsFileConnector, SeriesFileConnector

        if source.kind == "series":
            return SeriesFileConnector(source_id, source)
        return ItemsFileConnector(source_id, source)
    if isinstance(source, GitHubSource):
        from wigboard.connectors.github import GitHubConnector, wants_pull_requests

        return GitHubConnector(
            source_id,
            source,
            config.scoreboard.labels,
            include_pull_requests=wants_pull_requests(config, source_id),
        )
    if isinstance(source, JiraSource):
        from wigboard.connectors.jira import JiraConnector

        return JiraConnector(source_id, source, config)
    raise TypeError(f"no connector for {type(source).__name__}")  # pragma: no cover
