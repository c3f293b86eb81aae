"""Field discovery by schema and name; sprints in both shapes."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from jira_fake import load

from wigboard.connectors.jira_fields import discover_fields, parse_sprint, pick_sprint
from wigboard.model import Iteration

OSLO = ZoneInfo("Europe/Oslo")


def test_cloud_fields_found_by_schema() -> None:
    found = discover_fields(load("cloud_field.json"), "Story Points")
    assert (found.sprint, found.points, found.epic_link) == (
        "customfield_10020",
        "customfield_10016",  # "Story point estimate", by its schema
        None,
    )


def test_datacenter_fields_found_by_schema_and_name() -> None:
    found = discover_fields(load("dc_field.json"), "story points")
    assert (found.sprint, found.points, found.epic_link) == (
        "customfield_10100",
        "customfield_10106",
        "customfield_10101",
    )


def test_a_numeric_field_named_like_the_config_wins_over_the_schema_fallback() -> None:
    fields = [
        *load("cloud_field.json"),
        {
            "id": "customfield_10028",
            "name": "Story Points",
            "custom": True,
            "schema": {"type": "number", "custom": "x:float", "customId": 10028},
        },
        {"id": "customfield_10029", "name": "Effort", "schema": {"type": "string"}},
    ]
    assert discover_fields(fields, "Story Points").points == "customfield_10028"
    assert discover_fields(fields, "Effort").points is None  # not numeric


def test_cloud_sprint_object() -> None:
    sprint = {
        "id": 37,
        "name": "GX Sprint 12",
        "state": "active",
        "boardId": 3,
        "startDate": "2026-06-15T07:00:00.000Z",
        "endDate": "2026-06-29T07:00:00.000Z",
    }
    assert parse_sprint(sprint, OSLO) == (
        "active",
        Iteration("GX Sprint 12", date(2026, 6, 15), date(2026, 6, 29)),
    )


def test_datacenter_sprint_string_with_nulls() -> None:
    text = (
        "com.atlassian.greenhopper.service.sprint.Sprint@1b2c[id=9,rapidViewId=2,state=FUTURE,"
        "name=Next one,startDate=<null>,endDate=<null>,completeDate=<null>,sequence=9,goal=]"
    )
    assert parse_sprint(text, OSLO) == ("future", Iteration("Next one"))


def test_pick_prefers_active_then_earliest_future_then_latest_closed() -> None:
    def sprint(name: str, state: str, start: str | None) -> dict[str, object]:
        return {"name": name, "state": state, "startDate": start}

    closed = [
        sprint("S1", "closed", "2026-01-05T08:00:00.000Z"),
        sprint("S2", "closed", "2026-01-19T08:00:00.000Z"),
    ]
    futures = [sprint("S4", "future", None), sprint("S3", "future", "2026-02-02T08:00:00.000Z")]
    assert pick_sprint(closed, OSLO) == Iteration("S2", date(2026, 1, 19))
    assert pick_sprint([*closed, *futures], OSLO) == Iteration("S4")
    assert pick_sprint([*closed, sprint("S3", "active", None), *futures], OSLO) == Iteration("S3")
    assert pick_sprint(None, OSLO) is None
    assert pick_sprint(["garbage"], OSLO) is None
