"""Incremental sync: the JQL timezone edge, reopened issues, moved issues, full pulls."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import responses
from jira_fake import NOW, FakeJira, Runner, calls_to, cloud_issue, cloud_source, load

from wigboard.model import ItemState


def _open(issue: dict, status: str = "Reopened") -> dict:
    fields = issue["fields"]
    fields["status"] = {**fields["status"], "name": status}
    fields["status"]["statusCategory"] = {**fields["status"]["statusCategory"], "key": "new"}
    fields["resolution"] = None
    return issue


@pytest.mark.parametrize(
    ("zone", "expected_literal"),
    [
        ("Europe/Moscow", "2026-06-25 12:45"),  # UTC+3
        ("Pacific/Pitcairn", "2026-06-25 01:45"),  # UTC-8
    ],
)
def test_issue_updated_just_before_the_last_sync_is_not_skipped(
    rsps: responses.RequestsMock, runner: Runner, zone: str, expected_literal: str
) -> None:
    fake = FakeJira(rsps, deployment="cloud", timezone=zone).install()
    fake.issues = [cloud_issue(1, updated="2026-06-25T10:00:00.000+0000")]
    runner.sync(cloud_source())  # cache; last update seen: 10:00Z

    # GX-2 committed late: its update time is just before the last one seen
    fake.issues += [
        cloud_issue(2, updated="2026-06-25T09:58:00.000+0000"),
        cloud_issue(3, updated="2026-06-25T11:30:00.000+0000"),
    ]
    snapshot = runner.sync(cloud_source())

    jql = fake.searches[-1]["jql"][0]
    assert jql == f'(project = GX) AND (updated >= "{expected_literal}") ORDER BY created ASC'
    assert [i.key for i in snapshot.items] == ["GX-1", "GX-2", "GX-3"]
    assert calls_to(rsps, "/myself") == 1


def test_unknown_user_timezone_widens_the_window_instead_of_skipping(
    rsps: responses.RequestsMock, runner: Runner
) -> None:
    fake = FakeJira(rsps, deployment="cloud", timezone="Etc/GMT+12").install()
    fake.issues = [cloud_issue(1, updated="2026-06-25T10:00:00.000+0000")]
    runner.sync(cloud_source())
    rsps.replace(
        responses.GET,
        f"{fake.base}/rest/api/3/myself",
        json={**load("cloud_myself.json"), "timeZone": "Mars/Olympus_Mons"},
    )
    fake.issues.append(cloud_issue(2, updated="2026-06-25T09:50:00.000+0000"))

    snapshot = runner.sync(cloud_source())

    assert 'updated >= "2026-06-24 19:45"' in fake.searches[-1]["jql"][0]
    assert len(snapshot.items) == 2


def test_reopened_issue_replaces_its_done_copy_in_the_cache(
    cloud: FakeJira, runner: Runner
) -> None:
    cloud.issues = [cloud_issue(5, updated="2026-06-25T10:00:00.000+0000")]
    first = runner.sync(cloud_source())
    assert first.items[0].state is ItemState.DONE

    cloud.issues = [_open(cloud_issue(5, updated="2026-07-01T08:00:00.000+0000"))]
    second = runner.sync(cloud_source())

    assert len(second.items) == 1
    assert second.items[0].state is ItemState.OPEN
    assert second.items[0].done is None
    assert "updated >=" in cloud.searches[-1]["jql"][0]


def test_issue_moved_to_another_project_keeps_one_item_under_its_new_key(
    cloud: FakeJira, runner: Runner
) -> None:
    source = cloud_source(jql="project in (GX, HR)")
    cloud.issues = [cloud_issue(5, updated="2026-06-25T10:00:00.000+0000"), cloud_issue(6)]
    runner.sync(source)

    moved = cloud_issue(5, updated="2026-07-02T10:00:00.000+0000")
    moved["key"] = "HR-9"  # same issue id 10005, new key
    cloud.issues = [moved]
    snapshot = runner.sync(source)

    assert sorted(i.key for i in snapshot.items) == ["GX-6", "HR-9"]
    assert {i.container for i in snapshot.items} == {"GX", "HR"}
    assert "updated >=" in cloud.searches[-1]["jql"][0]


def test_full_flag_changed_jql_and_age_force_a_full_pull(cloud: FakeJira, runner: Runner) -> None:
    cloud.issues = [cloud_issue(1)]
    runner.sync(cloud_source())

    runner.sync(cloud_source(), full=True)
    assert "updated" not in cloud.searches[-1]["jql"][0]

    runner.sync(cloud_source(jql="project = GX AND labels = x"))
    assert "updated" not in cloud.searches[-1]["jql"][0]

    connector = runner.connector(cloud_source(jql="project = GX AND labels = x"))
    connector.sync(runner.context(now=NOW + timedelta(days=8)))
    assert "updated" not in cloud.searches[-1]["jql"][0]

    connector.sync(runner.context(now=NOW + timedelta(days=9)))
    assert "updated >=" in cloud.searches[-1]["jql"][0]


def test_cache_is_valid_json_with_items_and_issue_ids(cloud: FakeJira, runner: Runner) -> None:
    cloud.issues = [cloud_issue(1), cloud_issue(2)]

    runner.sync(cloud_source())

    data = json.loads(runner.cache_file.read_text())
    assert [i["key"] for i in data["snapshot"]["items"]] == ["GX-1", "GX-2"]
    assert data["extras"]["GX-2"]["id"] == "10002"
    assert data["jql"] == "project = GX"


def test_corrupt_cache_means_a_full_pull(cloud: FakeJira, runner: Runner) -> None:
    cloud.issues = [cloud_issue(1)]
    runner.cache_file.parent.mkdir(parents=True)
    runner.cache_file.write_text("{not json")

    snapshot = runner.sync(cloud_source())

    assert [i.key for i in snapshot.items] == ["GX-1"]
    assert "updated" not in cloud.searches[-1]["jql"][0]
