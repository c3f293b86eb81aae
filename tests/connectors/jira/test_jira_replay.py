"""Replay: the connector runs offline against recorded responses (the demo's Jira team)."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from jira_fake import DATA, Runner, cloud_source

from wigboard.config import Config, JiraSource, Scoreboard
from wigboard.connectors.base import SyncContext
from wigboard.connectors.jira import JiraConnector
from wigboard.errors import SourceError

ROOT = Path(__file__).resolve().parents[3]
DEMO = ROOT / "config" / "demo"


def _recording(folder: Path) -> None:
    folder.mkdir(parents=True)
    shutil.copy(DATA / "cloud_field.json", folder / "field.json")
    shutil.copy(DATA / "cloud_search_jql.json", folder / "page.json")
    query = "jql=%28project+%3D+GX%29+ORDER+BY+created+ASC&maxResults=100&" + "&".join(
        f"fields={f}"
        for f in [
            "summary",
            "issuetype",
            "status",
            "resolution",
            "created",
            "updated",
            "resolutiondate",
            "statuscategorychangedate",
            "labels",
            "components",
            "fixVersions",
            "assignee",
            "parent",
            "duedate",
            "customfield_10020",
            "customfield_10016",
        ]
    )
    answers = {"/rest/api/3/field": "field.json", f"/rest/api/3/search/jql?{query}": "page.json"}
    index = [{"method": "GET", "url": u, "status": 200, "body": b} for u, b in answers.items()]
    (folder / "index.json").write_text(json.dumps(index))


def test_replay_needs_no_credentials_and_always_pulls_fully(
    runner: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("JIRA_EMAIL")
    monkeypatch.delenv("JIRA_API_TOKEN")
    _recording(runner.tmp_path / "rec")
    source = cloud_source(replay="rec", deployment="cloud")

    first = runner.sync(source)
    second = runner.sync(source)  # a cache exists, but a recording has no "updated since"

    assert [i.key for i in first.items] == ["GX-1", "GX-42", "GX-43", "GX-44"]
    assert second.items == first.items


def test_a_request_missing_from_the_recording_is_an_error(runner: Runner) -> None:
    _recording(runner.tmp_path / "rec")
    source = cloud_source(replay="rec")  # no deployment: asks serverInfo, which is not recorded

    with pytest.raises(SourceError, match="no recorded response"):
        runner.sync(source)


def test_the_demo_recording_replays_the_demo_items(tmp_path: Path) -> None:
    """config/demo/recordings/jira holds the guest-experience items in Jira Cloud's shapes.

    Re-record with ``scripts/record_demo_jira.py`` when the demo data changes.
    """
    source = JiraSource(
        kind="jira",
        url="https://acme-air.atlassian.net",
        jql="project = GX",
        replay="recordings/jira",
    )
    config = Config(scoreboard=Scoreboard(timezone="Europe/Oslo"), sources={"jira": source})
    context = SyncContext("jira", tmp_path, DEMO, datetime(2026, 12, 4, tzinfo=UTC))
    expected = [
        json.loads(line)
        for line in (DEMO / "data" / "guest-experience.items.jsonl").read_text().splitlines()
        if line
    ]

    items = {i.key: i for i in JiraConnector("jira", source, config).sync(context).items}

    assert set(items) == {row["key"] for row in expected}
    for row in expected:
        item = items[row["key"]]
        assert item.is_done == (row["done"] is not None)
        assert sorted(item.labels) == sorted(row["labels"])
        assert list(item.assignees) == row["assignees"]
        assert item.fields.get("points") == row["fields"].get("points")
