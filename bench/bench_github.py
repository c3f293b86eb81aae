# ruff: noqa: E501
"""How many requests a GitHub sync sends, against the floor GitHub allows, and how long it takes.

Runs the real GitHubConnector (PyGithub underneath) against the loopback fake
in github_server.py. The floor of a repo listing is ceil(N/100) requests
(100 issues a page is GitHub's maximum); of a project, ceil(M/100) queries.
Rate-limit and back-off waits are recorded, not slept, and shown separately.

Usage: .venv/bin/python bench/bench_github.py [N_ISSUES] [N_PROJECT_ITEMS]
"""

from __future__ import annotations

import logging
import math
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from github_server import REPO, FakeGitHub, Server

from wigboard.config import GitHubProject, GitHubSource, LabelConventions
from wigboard.connectors.base import SyncContext
from wigboard.connectors.github import GitHubConnector
from wigboard.connectors.github_http import RetryPolicy


def run(state: FakeGitHub, cache: Path, title: str, full: bool = False) -> None:
    waits: list[float] = []
    source = GitHubSource(
        kind="github",
        repos=[REPO],
        projects=[GitHubProject(owner="bench", number=1)] if state.n_items else [],
        api_url=state.base,
        max_wait=600,
    )
    conn = GitHubConnector(
        "gh",
        source,
        LabelConventions(),
        policy=RetryPolicy(max_wait=600, sleep=waits.append),
        environ={"GITHUB_TOKEN": "bench"},
    )
    context = SyncContext("gh", cache, cache, datetime.now(UTC), full=full)
    state.statuses.clear()
    began = time.perf_counter()
    snapshot = conn.sync(context)
    seconds = time.perf_counter() - began
    stats = conn.client.stats if conn.client else None
    assert stats is not None
    rest_floor = math.ceil(state.n_issues / 100) + 1  # issue pages + the milestone listing
    gql_floor = math.ceil(state.n_items / 100)
    rest = stats.sent - stats.graphql
    print(
        f"{title:<34} items={len(snapshot.items):>6}  REST={rest:>4} (floor {rest_floor:>4}, "
        f"ratio {rest / rest_floor:4.2f}, 304s {stats.not_modified:>3})  "
        f"GraphQL={stats.graphql:>3} (floor {gql_floor:>3})  retries={stats.retries:>2}  "
        f"waits={sum(waits):4.0f}s (not slept)  time={seconds:6.2f}s"
    )


def main(argv: list[str]) -> int:
    logging.disable(logging.WARNING)  # the fault run logs each retry; the figures say it
    n = int(argv[1]) if len(argv) > 1 else 10_000
    m = int(argv[2]) if len(argv) > 2 else 1_000
    print(
        f"GitHub connector vs a loopback fake: {n} issues (floor ceil(N/100) = {math.ceil(n / 100)}), {m} project items"
    )
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp)
        state = FakeGitHub(n_issues=n, n_items=m)
        with Server(state):
            run(state, cache, "full sync (empty cache)")
            run(state, cache, "second sync, nothing changed")
            state.touch(range(1, 51), 10**6)
            run(state, cache, "incremental, 50 issues changed")
            state.touch(range(1, 501), 2 * 10**6)
            run(state, cache, "incremental, 500 issues changed")
            run(state, cache, "--full", full=True)
    with tempfile.TemporaryDirectory() as tmp:
        state = FakeGitHub(n_issues=n, n_items=m, fail_every=17, secondary_every=29)
        with Server(state):
            run(state, Path(tmp), "full sync, 502 every 17th, 403 every 29th")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
