"""Fixtures of the GitHub connector tests: the fake API, a sync context, a connector factory."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import responses
from github_fake import FakeGitHub

from wigboard.config import GitHubProject, GitHubSource, LabelConventions
from wigboard.connectors.base import SyncContext
from wigboard.connectors.github import GitHubConnector
from wigboard.connectors.github_http import RetryPolicy

NOW = 1_899_999_000.0  # the fake's x-ratelimit-reset is 1_900_000_000


@pytest.fixture
def fake() -> Iterator[FakeGitHub]:
    state = FakeGitHub()
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        state.install(mock)
        yield state


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def context(tmp_path: Path) -> Callable[..., SyncContext]:
    def make(full: bool = False) -> SyncContext:
        return SyncContext(
            source_id="gh",
            cache_dir=tmp_path / "cache",
            config_dir=tmp_path,
            now=datetime(2026, 6, 1, 12, tzinfo=UTC),
            full=full,
        )

    return make


@pytest.fixture
def connector(sleeps: list[float]) -> Callable[..., GitHubConnector]:
    def make(
        repos: tuple[str, ...] = ("acme/ops",),
        projects: tuple[GitHubProject, ...] = (),
        env: dict[str, str] | None = None,
        max_wait: float = 300,
        include_pull_requests: bool = False,
        **source: Any,
    ) -> GitHubConnector:
        cfg = GitHubSource(
            kind="github", repos=list(repos), projects=list(projects), max_wait=max_wait, **source
        )
        policy = RetryPolicy(max_wait=max_wait, sleep=sleeps.append, clock=lambda: NOW)
        return GitHubConnector(
            "gh",
            cfg,
            LabelConventions(),
            policy=policy,
            environ={"GITHUB_TOKEN": "t0ken"} if env is None else env,
            include_pull_requests=include_pull_requests,
        )

    return make
