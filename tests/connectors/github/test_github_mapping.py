"""REST payload -> WorkItem mapping, on the checked fixture page (data/issues.mapping.json)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest
from github_fake import DATA, FakeGitHub, issue, mapping_rows

from wigboard.config import LabelConventions
from wigboard.connectors.base import SyncContext
from wigboard.connectors.github import GitHubConnector
from wigboard.connectors.github_labels import tags_of
from wigboard.connectors.github_mapping import item_from_rest
from wigboard.model import ItemState, WorkItem


def load(name: str) -> Any:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def test_checked_fixtures_are_what_the_fake_serves() -> None:
    rows, milestones = mapping_rows()
    assert rows == load("issues.mapping.json")
    assert milestones == load("milestones.json")


@pytest.fixture
def items() -> dict[int, WorkItem]:
    return {
        row["number"]: item_from_rest("gh", "acme/ops", row) for row in load("issues.mapping.json")
    }


def test_labels_map_to_wig_and_lead_measure(items: dict[int, WorkItem]) -> None:
    one = items[1]
    assert one.labels == ("wig:on-time", "lead:drills")
    assert tags_of(one.labels, LabelConventions()) == (("on-time",), ("drills",))
    assert tags_of(items[6].labels, LabelConventions(lead="measure/")) == ((), ())
    assert one.state is ItemState.DONE and one.done == datetime(2026, 3, 4, 15, tzinfo=UTC)
    assert one.milestone == "Ramp training" and one.container == "acme/ops"
    assert one.url == "https://github.com/acme/ops/issues/1" and one.identities() == ("gh:ana-l",)


def test_closed_as_not_planned_is_not_done(items: dict[int, WorkItem]) -> None:
    assert items[2].state is ItemState.CLOSED and items[2].done is None


def test_reopened_is_open(items: dict[int, WorkItem]) -> None:
    assert items[3].state is ItemState.OPEN and items[3].done is None


def test_closed_without_a_reason_counts_as_completed(items: dict[int, WorkItem]) -> None:
    assert items[10].state is ItemState.DONE
    explicit_null = {
        **load("issues.mapping.json")[9],
        "state_reason": None,
    }  # what GitHub really sends
    assert item_from_rest("gh", "acme/ops", explicit_null).state is ItemState.DONE


def test_pull_requests_are_typed(items: dict[int, WorkItem]) -> None:
    assert items[4].type == "pull_request" and items[1].type == "issue"


def test_unassigned_and_several_assignees(items: dict[int, WorkItem]) -> None:
    assert items[5].assignees == () and items[5].identities() == ()
    assert items[6].assignees == ("ana-l", "bo-k", "chidi-o")


def test_transferred_issue_is_keyed_by_its_new_repo(items: dict[int, WorkItem]) -> None:
    moved = items[41]
    assert moved.key == "acme/ramp#41" and moved.container == "acme/ramp"


def test_unicode_and_very_long_titles_are_kept_verbatim(items: dict[int, WorkItem]) -> None:
    assert items[8].title == "Ramp 🛫 Ålesund – “Gate” <b>bold</b> 東京"
    assert items[9].title == "x" * 10000


def test_mapping_survives_the_cache_round_trip(
    fake: FakeGitHub, connector: Callable[..., GitHubConnector], context: Callable[..., SyncContext]
) -> None:
    rows, milestones = mapping_rows()
    fake.issues["acme/ops"] = rows
    fake.milestones["acme/ops"] = milestones
    first = connector().sync(context())
    second = connector().sync(context())  # served from the cache after 304s
    assert first.items == second.items and len(first.items) == 9  # the PR is left out
    ramp = next(m for m in second.milestones if m.title == "Ramp training")
    assert (ramp.done_items, ramp.open_items, ramp.due) == (1, 0, date(2026, 9, 30))


def test_assignee_only_in_the_singular_field_is_read() -> None:
    row = issue("acme/ops", 1, assignees=["ana-l"])
    row["assignees"] = []
    assert item_from_rest("gh", "acme/ops", row).assignees == ("ana-l",)
