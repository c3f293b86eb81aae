"""The demo's recorded GitHub responses replay through the real connector, offline."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from wigboard.config import GitHubProject, GitHubSource, LabelConventions
from wigboard.connectors.base import SyncContext
from wigboard.connectors.github import GitHubConnector
from wigboard.errors import SourceError
from wigboard.model import ItemState

DEMO = Path(__file__).resolve().parents[3] / "config" / "demo"
RECORDING = DEMO / "recordings" / "github"
SOURCE = GitHubSource(
    kind="github",
    repos=["acme-air/ground-ops"],
    projects=[GitHubProject(owner="acme-air", number=7)],
    replay="recordings/github",
)
pytestmark = pytest.mark.skipif(
    not (RECORDING / "index.json").is_file(), reason="no demo recording"
)


def sync(tmp_path: Path, source: GitHubSource = SOURCE) -> tuple[GitHubConnector, list]:  # type: ignore[type-arg]
    conn = GitHubConnector("gh", source, LabelConventions(), environ={})  # replay needs no token
    ctx = SyncContext("gh", tmp_path / "cache", DEMO, datetime(2026, 12, 4, tzinfo=UTC))
    return conn, conn.sync(ctx).items


def test_replay_matches_the_demo_items_file(tmp_path: Path) -> None:
    rows = [
        json.loads(line)
        for line in (DEMO / "data" / "ground-ops.items.jsonl").read_text().splitlines()
    ]
    conn, items = sync(tmp_path)
    by_key = {i.key: i for i in items}
    assert set(by_key) == {r["key"] for r in rows}
    for row in rows:
        item = by_key[row["key"]]
        assert item.title == row["title"] and list(item.labels) == row["labels"]
        assert list(item.assignees) == row["assignees"] and item.milestone == row["milestone"]
        expected = (
            ItemState.DONE
            if row["done"]
            else ItemState.CLOSED
            if row.get("state") == "closed"
            else ItemState.OPEN
        )
        assert item.state is expected
    assert conn.client is not None and conn.client.stats.graphql == 1
    assert any("Status" in i.fields for i in items)  # project values merged into REST issues


def test_second_replay_is_served_from_the_cache(tmp_path: Path) -> None:
    _, first = sync(tmp_path)
    conn, second = sync(tmp_path)
    assert second == first
    assert (
        conn.client is not None and conn.client.stats.sent == 3
    )  # issues head, milestones, project


def test_a_request_missing_from_the_recording_fails_loudly(tmp_path: Path) -> None:
    other = GitHubSource(kind="github", repos=["acme-air/unknown"], replay="recordings/github")
    with pytest.raises(SourceError, match="no recorded response"):
        sync(tmp_path, other)
