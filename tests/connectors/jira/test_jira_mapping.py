"""Jira issue JSON (Cloud and Data Center fixtures) -> work items and milestones."""

from __future__ import annotations

from datetime import UTC, date, datetime

import responses
from jira_fake import FakeJira, Runner, cloud_source, dc_source, load

from wigboard.model import ItemState, Iteration


def test_cloud_issues_map_to_work_items(cloud: FakeJira, runner: Runner) -> None:
    cloud.issues = load("cloud_search_jql.json")["issues"]

    items = {i.key: i for i in runner.sync(cloud_source()).items}

    done = items["GX-42"]
    assert done.state is ItemState.DONE
    assert done.done == datetime(2026, 6, 25, 15, 0, tzinfo=UTC)
    assert done.created == datetime(2026, 6, 22, 9, 0, tzinfo=UTC)
    assert done.type == "task"
    assert done.title == "Call back guest 7"
    assert done.url == "https://acme-air.atlassian.net/browse/GX-42"
    assert done.container == "GX"
    assert done.labels == ("lead:guest-callbacks", "wig:five-star")
    assert done.assignees == ("5b10ac8d82e05b22cc7d4ef5",)
    assert done.identities() == ("jira:5b10ac8d82e05b22cc7d4ef5",)
    assert done.milestone == "Summer schedule"
    # active sprint wins over the closed one it was carried over from; 07:00Z is 09:00 in Oslo
    assert done.iteration == Iteration("GX Sprint 12", date(2026, 6, 15), date(2026, 6, 29))
    assert done.fields == {
        "points": 3.0,
        "Status": "Done",
        "epic": "GX-1",
        "component:Call centre": 1.0,
    }


def test_reopened_issue_is_open_even_with_a_stale_resolution_date(
    cloud: FakeJira, runner: Runner
) -> None:
    cloud.issues = load("cloud_search_jql.json")["issues"]

    reopened = {i.key: i for i in runner.sync(cloud_source()).items}["GX-43"]

    assert reopened.state is ItemState.OPEN
    assert reopened.done is None
    assert reopened.type == "bug"
    assert reopened.milestone is None
    assert reopened.iteration is None


def test_wont_do_is_closed_not_done(cloud: FakeJira, runner: Runner) -> None:
    cloud.issues = load("cloud_search_jql.json")["issues"]

    item = {i.key: i for i in runner.sync(cloud_source()).items}["GX-44"]

    assert item.state is ItemState.CLOSED
    assert item.done is None


def test_fix_versions_and_epics_become_milestones(cloud: FakeJira, runner: Runner) -> None:
    cloud.issues = load("cloud_search_jql.json")["issues"]

    milestones = {m.title: m for m in runner.sync(cloud_source()).milestones}

    version = milestones["Summer schedule"]
    assert (version.container, version.due, version.state) == ("GX", date(2026, 9, 30), "open")
    assert (version.done_items, version.open_items) == (1, 0)
    assert version.url == "https://acme-air.atlassian.net/projects/GX/versions/10010"
    epic = milestones["GX-1"]
    assert (epic.due, epic.state, epic.done_items, epic.open_items) == (
        date(2026, 10, 31),
        "open",
        1,
        0,
    )
    assert set(milestones) == {"Summer schedule", "GX-1"}


def test_datacenter_issues_with_sprint_strings_and_epic_link(dc: FakeJira, runner: Runner) -> None:
    dc.issues = load("dc_search.json")["issues"]

    snapshot = runner.sync(dc_source())
    items = {i.key: i for i in snapshot.items}

    drill = items["OPS-7"]
    assert drill.state is ItemState.DONE
    assert drill.done == datetime(2026, 6, 18, 13, 30, tzinfo=UTC)
    assert drill.assignees == ("ana",)
    # a name and a goal containing commas and '=' survive the string format
    assert drill.iteration == Iteration(
        "OPS Sprint 2, ramp=safety", date(2026, 6, 15), date(2026, 6, 29)
    )
    assert drill.milestone == "Ramp training"
    assert drill.fields["epic"] == "OPS-100"
    assert drill.fields["points"] == 2.0
    roster = items["OPS-8"]
    # sprint ending at local midnight: its last day is the day before
    assert roster.iteration == Iteration("OPS Sprint 1", date(2026, 6, 1), date(2026, 6, 14))
    assert roster.state is ItemState.OPEN
    epic = {m.title: m for m in snapshot.milestones}["OPS-100"]
    assert (epic.done_items, epic.open_items, epic.due) == (1, 0, None)


def test_site_without_sprint_or_points_fields_still_syncs(
    rsps: responses.RequestsMock, runner: Runner
) -> None:
    fake = FakeJira(rsps, deployment="cloud").install()
    fake.issues = load("cloud_search_jql.json")["issues"][:1]
    rsps.replace(responses.GET, f"{fake.base}/rest/api/3/field", json=load("cloud_field.json")[:4])

    item = runner.sync(cloud_source()).items[0]

    assert item.iteration is None
    assert "points" not in item.fields
    assert "customfield_10020" not in fake.searches[0]["fields"]
