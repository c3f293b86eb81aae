"""Request counts, incremental sync, the cache, and Projects v2 merging."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from github_fake import FakeGitHub, board, draft_node, issue, issue_node, milestone, pr_node, values

from wigboard.config import GitHubProject
from wigboard.connectors.base import SyncContext
from wigboard.connectors.github import CACHE_FILE, GitHubConnector
from wigboard.errors import SourceError
from wigboard.model import ItemState, Iteration

Ctx = Callable[..., SyncContext]
Make = Callable[..., GitHubConnector]
START = datetime(2026, 3, 2, 9, tzinfo=UTC)


def stamp(minutes: int) -> str:
    return (START + timedelta(minutes=minutes)).isoformat().replace("+00:00", "Z")


def populate(fake: FakeGitHub, n: int, repo: str = "acme/ops") -> None:
    fake.issues[repo] = [
        issue(
            repo,
            k,
            created=stamp(k),
            updated=stamp(k),
            labels=["lead:drills"] if k % 3 == 0 else [],
        )
        for k in range(1, n + 1)
    ]
    fake.milestones[repo] = [milestone(repo, 1, "Ramp training", "2026-09-30T07:00:00Z")]


def issue_requests(fake: FakeGitHub) -> list[Any]:
    return [c for c in fake.rest_calls() if c.path.endswith("/issues")]


@pytest.mark.parametrize("n", [0, 1, 100, 101, 250])
def test_full_sync_costs_one_request_per_hundred_issues(
    fake: FakeGitHub, connector: Make, context: Ctx, n: int
) -> None:
    populate(fake, n)
    conn = connector()
    snapshot = conn.sync(context())
    assert len(snapshot.items) == n
    assert len(issue_requests(fake)) == max(1, math.ceil(n / 100))
    assert len(list(fake.rest_calls())) == max(1, math.ceil(n / 100)) + 1  # + one milestone listing
    assert all(
        c.query["per_page"] == "100" and c.query["state"] == "all" for c in issue_requests(fake)
    )
    assert conn.client is not None and conn.client.stats.sent == len(fake.calls)


def test_second_sync_with_nothing_changed_is_only_304s(
    fake: FakeGitHub, connector: Make, context: Ctx
) -> None:
    populate(fake, 250)
    first = connector().sync(context())
    fake.reset_calls()
    conn = connector()
    second = conn.sync(context())
    assert second.items == first.items
    assert second.milestones == first.milestones
    assert [c.status for c in fake.calls] == [304, 304]
    assert all("if-none-match" in c.headers for c in fake.calls)
    assert conn.client is not None and conn.client.stats.not_modified == 2


def test_full_flag_pulls_everything_without_conditions(
    fake: FakeGitHub, connector: Make, context: Ctx
) -> None:
    populate(fake, 150)
    connector().sync(context())
    fake.reset_calls()
    connector().sync(context(full=True))
    assert [c.status for c in fake.calls] == [200, 200, 200]
    assert not any("if-none-match" in c.headers for c in fake.calls)


def test_a_few_changes_cost_one_request(fake: FakeGitHub, connector: Make, context: Ctx) -> None:
    populate(fake, 250)
    connector().sync(context())
    fake.issues["acme/ops"][9] = issue(
        "acme/ops", 10, created=stamp(10), updated=stamp(900), closed=stamp(900)
    )
    fake.issues["acme/ops"].append(issue("acme/ops", 251, created=stamp(901), updated=stamp(901)))
    fake.reset_calls()
    snapshot = connector().sync(context())
    assert [c.status for c in issue_requests(fake)] == [200]
    by_key = {i.key: i for i in snapshot.items}
    assert len(by_key) == 251
    assert by_key["acme/ops#10"].state is ItemState.DONE
    assert by_key["acme/ops#251"].state is ItemState.OPEN


def test_many_changes_list_since_the_watermark_with_overlap(
    fake: FakeGitHub, connector: Make, context: Ctx
) -> None:
    populate(fake, 250)
    connector().sync(context())  # watermark = stamp(250)
    for k in range(1, 151):
        fake.issues["acme/ops"][k - 1]["updated_at"] = stamp(1000 + k)
    fake.reset_calls()
    snapshot = connector().sync(context())
    calls = issue_requests(fake)
    since = [c.query.get("since") for c in calls if "since" in c.query]
    assert since and since[0] == stamp(250 - 10)
    assert len(calls) == 1 + math.ceil(150 / 100)  # the head probe, then the since listing
    assert {i.updated for i in snapshot.items if i.key == "acme/ops#1"} == {
        START + timedelta(minutes=1001)
    }
    assert len(snapshot.items) == 250


def test_interrupted_sync_leaves_the_cache_intact(
    fake: FakeGitHub, connector: Make, context: Ctx
) -> None:
    populate(fake, 120)
    connector().sync(context())
    cache = context().cache_dir / CACHE_FILE
    before = cache.read_bytes()
    fake.issues["acme/ops"][0]["updated_at"] = stamp(5000)
    fake.fail("GET", r"/milestones$", 502, times=10)
    with pytest.raises(SourceError, match="502"):
        connector().sync(context())
    assert cache.read_bytes() == before
    assert not [p for p in cache.parent.iterdir() if p.name.endswith(".tmp")]
    fake.faults.clear()
    fake.reset_calls()
    again = connector().sync(context())
    assert len(again.items) == 120
    assert [c.status for c in issue_requests(fake)] == [200]  # the change is still picked up


def test_pull_requests_are_skipped_unless_asked(
    fake: FakeGitHub, connector: Make, context: Ctx
) -> None:
    fake.issues["acme/ops"] = [issue("acme/ops", 1), issue("acme/ops", 2, pr=True, closed=stamp(5))]
    assert [i.key for i in connector().sync(context()).items] == ["acme/ops#1"]
    with_prs = connector(include_pull_requests=True).sync(context())
    pr = next(i for i in with_prs.items if i.key == "acme/ops#2")
    assert pr.type == "pull_request" and pr.state is ItemState.DONE


def test_transferred_issue_is_known_once_under_its_new_key(
    fake: FakeGitHub, connector: Make, context: Ctx
) -> None:
    moved = issue("acme/ops", 5, node_id="I_moved", labels=["wig:on-time"], updated=stamp(1))
    fake.issues["acme/ops"] = [issue("acme/ops", 1), moved]
    fake.issues["acme/ramp"] = [issue("acme/ramp", 1)]
    repos = ("acme/ops", "acme/ramp")
    assert "acme/ops#5" in {i.key for i in connector(repos=repos).sync(context()).items}
    fake.issues["acme/ops"] = [issue("acme/ops", 1)]
    fake.issues["acme/ramp"].append(
        issue("acme/ramp", 12, node_id="I_moved", labels=["wig:on-time"], updated=stamp(60))
    )
    keys = {i.key for i in connector(repos=repos).sync(context()).items}
    assert keys == {"acme/ops#1", "acme/ramp#1", "acme/ramp#12"}


def test_milestone_counts_done_and_open_items(
    fake: FakeGitHub, connector: Make, context: Ctx
) -> None:
    ms = milestone("acme/ops", 1, "Ramp training", "2026-09-30T07:00:00Z")
    fake.milestones["acme/ops"] = [ms, milestone("acme/ops", 2, "Empty", None, state="closed")]
    fake.issues["acme/ops"] = [
        issue("acme/ops", 1, milestone=ms, closed=stamp(3)),
        issue("acme/ops", 2, milestone=ms, closed=stamp(4), state_reason="not_planned"),
        issue("acme/ops", 3, milestone=ms),
        issue("acme/ops", 4, milestone=ms, pr=True, closed=stamp(5)),
    ]
    snapshot = connector().sync(context())
    ramp, empty = sorted(snapshot.milestones, key=lambda m: m.title, reverse=True)
    assert (ramp.done_items, ramp.open_items, ramp.due, ramp.state) == (
        1,
        1,
        datetime(2026, 9, 30).date(),
        "open",
    )
    assert empty.progress is None and empty.state == "closed"


# -- Projects v2 ---------------------------------------------------------------------------
PROJECT = GitHubProject(owner="acme", number=7, iteration_field="Sprint")


@pytest.mark.parametrize("n", [1, 100, 230])
def test_projects_cost_one_query_per_hundred_items(
    fake: FakeGitHub, connector: Make, context: Ctx, n: int
) -> None:
    fake.issues["acme/ops"] = []
    nodes = [draft_node(f"PVTI_d{k}", f"Draft {k}", values(status="Todo")) for k in range(n)]
    fake.projects[("acme", 7)] = (board(), nodes)
    snapshot = connector(projects=(PROJECT,)).sync(context())
    graphql = [c for c in fake.calls if c.path == "/graphql"]
    assert len(graphql) == math.ceil(n / 100)
    assert all(c.body["variables"]["first"] == 100 for c in graphql)
    assert len(snapshot.items) == n


def test_project_fields_merge_into_the_rest_issue(
    fake: FakeGitHub, connector: Make, context: Ctx
) -> None:
    fake.issues["acme/ops"] = [
        issue("acme/ops", 12, labels=["lead:gate-checks"], assignees=["ana-l"])
    ]
    nodes = [
        issue_node(
            "acme/ops",
            12,
            values(
                status="In progress",
                estimate=3.0,
                sprint=("Week 10", "2026-03-02"),
                target="2026-03-06",
            ),
        ),
        issue_node(
            "acme/other",
            4,
            values(status="Done"),
            state="CLOSED",
            reason="NOT_PLANNED",
            closed_at=stamp(9),
        ),
        draft_node(
            "PVTI_draft",
            "Walk the ramp",
            values(status="Done", status_at="2026-03-04T15:00:00Z"),
            ("bo-k",),
        ),
        pr_node("acme/ops", 40, values(status="Done"), merged_at=stamp(7)),
    ]
    fake.projects[("acme", 7)] = (board(), nodes)
    items = {i.key: i for i in connector(projects=(PROJECT,)).sync(context()).items}
    assert set(items) == {"acme/ops#12", "acme/other#4", "PVTI_draft"}
    merged = items["acme/ops#12"]
    assert merged.labels == ("lead:gate-checks",) and merged.assignees == ("ana-l",)
    assert dict(merged.fields) == {
        "Status": "In progress",
        "Estimate": 3.0,
        "Sprint": "Week 10",
        "Target": "2026-03-06",
    }
    assert merged.iteration == Iteration(
        "Week 10", datetime(2026, 3, 2).date(), datetime(2026, 3, 8).date()
    )
    assert items["acme/other#4"].state is ItemState.CLOSED
    draft = items["PVTI_draft"]
    assert draft.type == "draft_issue" and draft.state is ItemState.DONE
    assert (
        draft.done == datetime(2026, 3, 4, 15, tzinfo=UTC) and draft.container == "Ground ops board"
    )


def test_done_options_are_configurable(fake: FakeGitHub, connector: Make, context: Ctx) -> None:
    fake.issues["acme/ops"] = []
    fake.projects[("acme", 7)] = (board(), [draft_node("PVTI_1", "x", values(status="Shipped"))])
    plain = connector(projects=(PROJECT,)).sync(context())
    assert plain.items[0].state is ItemState.OPEN
    shipped = GitHubProject(owner="acme", number=7, done_options=["Shipped"])
    assert connector(projects=(shipped,)).sync(context()).items[0].state is ItemState.DONE


def test_wants_pull_requests_reads_the_selectors() -> None:
    from wigboard.config import Config, Lag, LeadMeasure, Selector, Wig
    from wigboard.connectors.github import wants_pull_requests

    def config(selector: Selector | None) -> Config:
        measure = LeadMeasure(id="reviews", name="Reviews", target=5, selector=selector)
        return Config(
            wigs=[Wig(id="w", title="W", team="t", lag=Lag(name="x"), lead_measures=[measure])]
        )

    assert not wants_pull_requests(config(None), "gh")
    assert not wants_pull_requests(config(Selector(types=["issue"])), "gh")
    assert wants_pull_requests(config(Selector(types=["pull_request"])), "gh")
    assert wants_pull_requests(config(Selector(types=["pull_request"], sources=["gh"])), "gh")
    assert not wants_pull_requests(
        config(Selector(types=["pull_request"], sources=["other"])), "gh"
    )


def test_long_syncs_log_each_page_at_info(
    fake: FakeGitHub, connector: Make, context: Ctx, caplog: pytest.LogCaptureFixture
) -> None:
    populate(fake, 250)
    with caplog.at_level("INFO", logger="mkdocs.plugins.wigboard.connectors.github"):
        connector().sync(context())
    pages = [r.getMessage() for r in caplog.records if "acme/ops issues" in r.getMessage()]
    assert len(pages) == 3 and pages[-1].endswith("(150 so far)")
    assert "250 items" in caplog.records[-1].getMessage()
