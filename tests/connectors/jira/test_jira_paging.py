"""Both paging schemes: requests for N issues are ceil(N / page size) searches plus a constant."""

from __future__ import annotations

import json
import logging
import math

import pytest
import responses
from jira_fake import FakeJira, Runner, calls_to, cloud_issue, cloud_source, dc_issue, dc_source


@pytest.mark.parametrize(("n", "page"), [(0, 50), (1, 50), (50, 50), (51, 50), (250, 100)])
def test_cloud_token_paging_sends_one_search_per_page(
    cloud: FakeJira, rsps: responses.RequestsMock, runner: Runner, n: int, page: int
) -> None:
    cloud.issues = [cloud_issue(i) for i in range(1, n + 1)]

    snapshot = runner.sync(cloud_source(), page_size=page)

    assert sorted(i.key for i in snapshot.items) == sorted(f"GX-{i}" for i in range(1, n + 1))
    assert calls_to(rsps, "/rest/api/3/search/jql") == max(1, math.ceil(n / page))
    assert calls_to(rsps, "/serverInfo") == 1
    assert calls_to(rsps, "/field") == 1
    assert len(rsps.calls) == max(1, math.ceil(n / page)) + 2  # + serverInfo + field


def test_cloud_search_asks_only_for_the_fields_used_and_passes_the_token_back(
    cloud: FakeJira, runner: Runner
) -> None:
    cloud.issues = [cloud_issue(i) for i in range(1, 4)]

    runner.sync(cloud_source(), page_size=2)

    first, second = cloud.searches
    assert first["jql"] == ["(project = GX) ORDER BY created ASC"]
    assert "nextPageToken" not in first
    assert second["nextPageToken"] == ["tok-2"]
    assert set(first["fields"]) == {
        "summary", "issuetype", "status", "resolution", "created", "updated", "resolutiondate",
        "statuscategorychangedate", "labels", "components", "fixVersions", "assignee", "parent",
        "duedate", "customfield_10020", "customfield_10016",
    }  # fmt: skip
    assert first["maxResults"] == ["2"]


@pytest.mark.parametrize(("n", "page"), [(0, 50), (49, 50), (100, 50), (101, 50)])
def test_datacenter_offset_paging_sends_one_search_per_page(
    dc: FakeJira, rsps: responses.RequestsMock, runner: Runner, n: int, page: int
) -> None:
    dc.issues = [dc_issue(i) for i in range(1, n + 1)]

    snapshot = runner.sync(dc_source(), page_size=page)

    assert len(snapshot.items) == n
    assert calls_to(rsps, "/rest/api/2/search") == max(1, math.ceil(n / page))
    assert [q.get("startAt") for q in dc.searches] == [[str(s)] for s in range(0, max(n, 1), page)]
    assert len(rsps.calls) == max(1, math.ceil(n / page)) + 2


def test_datacenter_uses_bearer_pat_and_cloud_uses_basic_auth(
    rsps: responses.RequestsMock, runner: Runner
) -> None:
    FakeJira(rsps, deployment="datacenter").install()
    runner.sync(dc_source())
    assert rsps.calls[-1].request.headers["Authorization"] == "Bearer dc-pat"

    FakeJira(rsps, deployment="cloud").install()
    runner.sync(cloud_source(), full=True)
    assert rsps.calls[-1].request.headers["Authorization"].startswith("Basic ")


def test_deployment_override_skips_server_info(
    cloud: FakeJira, rsps: responses.RequestsMock, runner: Runner
) -> None:
    cloud.issues = [cloud_issue(1)]

    runner.sync(cloud_source(deployment="cloud"))

    assert calls_to(rsps, "/serverInfo") == 0
    assert calls_to(rsps, "/rest/api/3/search/jql") == 1


def test_short_pages_from_datacenter_still_reach_the_total(
    dc: FakeJira, rsps: responses.RequestsMock, runner: Runner
) -> None:
    """A server capping maxResults below what was asked: advance by what came back."""
    dc.issues = [dc_issue(i) for i in range(1, 8)]
    original = dc._search_dc

    def capped(request: object) -> tuple[int, dict[str, str], str]:
        status, headers, body = original(request)
        data = json.loads(body)
        data["issues"] = data["issues"][:3]
        data["maxResults"] = 3
        return status, headers, json.dumps(data)

    rsps.remove(responses.GET, f"{dc.base}/rest/api/2/search")
    rsps.add_callback(responses.GET, f"{dc.base}/rest/api/2/search", callback=capped)

    snapshot = runner.sync(dc_source(), page_size=50)

    assert len(snapshot.items) == 7
    assert calls_to(rsps, "/rest/api/2/search") == 3


def test_each_page_is_logged_at_info(
    cloud: FakeJira, runner: Runner, caplog: pytest.LogCaptureFixture
) -> None:
    cloud.issues = [cloud_issue(i) for i in range(1, 6)]

    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.wigboard.connectors.jira"):
        runner.sync(cloud_source(), page_size=2)

    pages = [r.getMessage() for r in caplog.records if "issues so far" in r.getMessage()]
    assert pages == [
        "jira jira: page 1, 2 issues so far",
        "jira jira: page 2, 4 issues so far",
        "jira jira: page 3, 5 issues so far",
    ]
