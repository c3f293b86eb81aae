"""Benchmark of the Jira connector against a loopback fake Jira (not a test).

For each size N and each deployment (Cloud: search/jql + nextPageToken;
Data Center: search + startAt/total) it runs a full sync, then an incremental
sync after 25 issues changed, through the real ``jira`` client over HTTP on
127.0.0.1. Every 7th search is answered 429 with ``Retry-After: 1``; the
connector's injected sleep records the wait instead of sleeping (pass
``--real-sleep`` to wait for real). Prints searches sent against the floor
ceil(N / page size), other requests, the waits asked, and the time:

    .venv/bin/python bench/bench_jira.py [--sizes 1000 5000] [--page 100] [--real-sleep]
"""

from __future__ import annotations

import argparse
import logging
import math
import os
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from jira_server import FakeJiraServer, FakeJiraState, make_issue

from wigboard.config import Config, JiraSource, Scoreboard
from wigboard.connectors.base import SyncContext
from wigboard.connectors.jira import JiraConnector, JiraTuning

NOW = datetime(2026, 12, 4, 16, 0, tzinfo=UTC)


def run(n: int, cloud: bool, page: int, real_sleep: bool) -> list[str]:
    state = FakeJiraState(n, cloud, rate_limit_every=7, retry_after=1)
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        if real_sleep:
            time.sleep(seconds)

    rows = []
    with FakeJiraServer(state) as server, tempfile.TemporaryDirectory() as tmp:
        source = JiraSource(
            kind="jira", url=server.url, jql="project = GX", pat_env=None if cloud else "BENCH_PAT"
        )
        config = Config(scoreboard=Scoreboard(timezone="Europe/Oslo"), sources={"jira": source})
        tuning = JiraTuning(page_size=page, sleep=sleep)
        for phase in ("full", "incremental"):
            if phase == "incremental":
                later = NOW - timedelta(hours=1)
                for k in range(1, 26):
                    state.issues[k * (n // 26)] = make_issue(k * (n // 26) + 1, cloud, later)
            state.counts.clear()
            state.searches = 0
            waits.clear()
            changed = n if phase == "full" else 25
            context = SyncContext("jira", Path(tmp), Path(tmp), NOW)
            started = time.perf_counter()
            snapshot = JiraConnector("jira", source, config, tuning=tuning).sync(context)
            elapsed = time.perf_counter() - started
            assert len(snapshot.items) == n, (len(snapshot.items), n)
            limited = state.searches // 7
            other = sum(state.counts.values()) - state.searches
            rows.append(
                f"| {'Cloud' if cloud else 'Data Center'} | {n} | {phase} | "
                f"{state.searches - limited} (+{limited} answered 429) | "
                f"{max(1, math.ceil(changed / page))} | {other} | "
                f"{sum(waits):.0f} s{'' if real_sleep else ' (recorded)'} | {elapsed:.2f} s |"
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--page", type=int, default=100)
    parser.add_argument("--real-sleep", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("JIRA_EMAIL", "bench@example.invalid")
    os.environ.setdefault("JIRA_API_TOKEN", "bench")
    os.environ.setdefault("BENCH_PAT", "bench")
    logging.basicConfig(level=logging.ERROR)
    print(
        "| deployment | issues | sync | searches sent | floor ceil(changed/page) "
        "| other requests | rate-limit waits | time |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for n in args.sizes:
        for cloud in (True, False):
            for row in run(n, cloud, args.page, args.real_sleep):
                print(row)


if __name__ == "__main__":
    main()
