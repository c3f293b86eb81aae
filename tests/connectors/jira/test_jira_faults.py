"""Faults: rate limits, the removed Cloud search, HTML answers, auth, and an intact cache."""

from __future__ import annotations

import json

import pytest
import requests
import responses
from jira_fake import DATA, FakeJira, Runner, calls_to, cloud_issue, cloud_source, dc_source

from wigboard.errors import AuthError, RateLimitError, SourceError

HTML = (DATA / "proxy_login.html").read_text()


def test_429_then_200_waits_as_told_and_succeeds(
    cloud: FakeJira, rsps: responses.RequestsMock, runner: Runner
) -> None:
    cloud.issues = [cloud_issue(1)]
    cloud.search_status = [
        (429, {"Retry-After": "7"}, '{"errorMessages":["Rate limit exceeded."]}')
    ]

    snapshot = runner.sync(cloud_source())

    assert [i.key for i in snapshot.items] == ["GX-1"]
    assert runner.sleeps == [7.0]
    assert calls_to(rsps, "/search/jql") == 2


def test_503_with_retry_after_is_retried(dc: FakeJira, runner: Runner) -> None:
    dc.issues = []
    dc.search_status = [(503, {"Retry-After": "3"}, ""), (503, {"Retry-After": "4"}, "")]

    runner.sync(dc_source())

    assert runner.sleeps == [3.0, 4.0]


def test_rate_limit_beyond_max_wait_fails_without_sleeping_and_keeps_the_cache(
    cloud: FakeJira, runner: Runner
) -> None:
    cloud.issues = [cloud_issue(i) for i in range(1, 4)]
    runner.sync(cloud_source(), page_size=2)
    before = runner.cache_file.read_bytes()

    cloud.issues.append(cloud_issue(4))
    cloud.search_status = [(429, {"Retry-After": "30"}, "")] * 3
    with pytest.raises(RateLimitError) as caught:
        runner.sync(cloud_source(max_wait=60), page_size=2, full=True)

    assert runner.sleeps == [30.0, 30.0]  # a third wait would pass max_wait = 60
    assert "max_wait = 60" in str(caught.value)
    assert runner.cache_file.read_bytes() == before


def test_interrupted_paging_leaves_the_cache_intact(cloud: FakeJira, runner: Runner) -> None:
    cloud.issues = [cloud_issue(i) for i in range(1, 6)]
    runner.sync(cloud_source(), page_size=2)
    before = runner.cache_file.read_bytes()
    cloud.issues = [cloud_issue(i, updated="2026-07-01T10:00:00.000+0000") for i in range(1, 6)]

    original = cloud._search_jql
    answers = iter([None, (500, {}, '{"errorMessages":["Internal server error"]}')])

    def second_page_fails(request: object) -> tuple[int, dict[str, str], str]:
        return next(answers) or original(request)

    cloud.rsps.remove(responses.GET, f"{cloud.base}/rest/api/3/search/jql")
    cloud.rsps.add_callback(
        responses.GET, f"{cloud.base}/rest/api/3/search/jql", callback=second_page_fails
    )
    with pytest.raises(SourceError, match="HTTP 500"):
        runner.sync(cloud_source(), page_size=2)

    assert runner.cache_file.read_bytes() == before


def test_410_on_the_old_search_explains_the_cloud_migration(
    cloud: FakeJira, runner: Runner
) -> None:
    with pytest.raises(SourceError) as caught:
        runner.sync(cloud_source(deployment="datacenter"))

    message = str(caught.value)
    assert "410" in message
    assert "/rest/api/3/search/jql" in message
    assert "deployment: cloud" in message


def test_html_200_is_an_error_never_zero_issues(cloud: FakeJira, runner: Runner) -> None:
    cloud.issues = [cloud_issue(1)]
    runner.sync(cloud_source())
    before = runner.cache_file.read_bytes()
    cloud.search_status = [(200, {"Content-Type": "text/html; charset=utf-8"}, HTML)]

    with pytest.raises(SourceError, match="HTML page") as caught:
        runner.sync(cloud_source(), full=True)

    assert "login page" in str(caught.value)
    assert runner.cache_file.read_bytes() == before


def test_html_200_on_server_info_is_an_error(rsps: responses.RequestsMock, runner: Runner) -> None:
    rsps.add(
        responses.GET,
        "https://acme-air.atlassian.net/rest/api/2/serverInfo",
        body=HTML,
        content_type="text/html",
    )

    with pytest.raises(SourceError, match="HTML page"):
        runner.sync(cloud_source())


def test_json_without_issues_is_an_error(cloud: FakeJira, runner: Runner) -> None:
    cloud.search_status = [(200, {"Content-Type": "application/json"}, "{}")]

    with pytest.raises(SourceError, match="without an 'issues' list"):
        runner.sync(cloud_source())


@pytest.mark.parametrize("status", [401, 403])
def test_rejected_credentials_name_the_variables(
    rsps: responses.RequestsMock, runner: Runner, status: int
) -> None:
    rsps.add(
        responses.GET,
        "https://acme-air.atlassian.net/rest/api/2/serverInfo",
        json={"errorMessages": ["Client must be authenticated to access this resource."]},
        status=status,
    )

    with pytest.raises(AuthError) as caught:
        runner.sync(cloud_source())

    assert "JIRA_EMAIL" in str(caught.value)
    assert "JIRA_API_TOKEN" in str(caught.value)
    assert "cloud-token" not in str(caught.value)


def test_rejected_pat_names_its_variable(rsps: responses.RequestsMock, runner: Runner) -> None:
    rsps.add(
        responses.GET, "https://jira.acme-air.example/rest/api/2/serverInfo", status=401, body=""
    )

    with pytest.raises(AuthError, match="JIRA_PAT"):
        runner.sync(dc_source())


def test_missing_variable_is_named_before_any_request(
    rsps: responses.RequestsMock, runner: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("JIRA_API_TOKEN")

    with pytest.raises(AuthError) as caught:
        runner.sync(cloud_source())

    assert "JIRA_API_TOKEN" in str(caught.value)
    assert "sources.jira.token_env" in str(caught.value)
    assert len(rsps.calls) == 0


def test_bad_jql_reports_jiras_message(cloud: FakeJira, runner: Runner) -> None:
    body = {"errorMessages": ["Field 'projcet' does not exist or you do not have permission."]}
    cloud.search_status = [(400, {"Content-Type": "application/json"}, json.dumps(body))]

    with pytest.raises(SourceError, match="Field 'projcet' does not exist"):
        runner.sync(cloud_source())


def test_unreachable_jira_is_a_source_error(runner: Runner) -> None:
    with responses.RequestsMock() as rsps:
        rsps.add(
            responses.GET,
            "https://acme-air.atlassian.net/rest/api/2/serverInfo",
            body=requests.ConnectionError("connection refused"),
        )
        with pytest.raises(SourceError, match="cannot reach Jira"):
            runner.sync(cloud_source())


def test_cloud_override_on_a_datacenter_site_explains_the_404(dc: FakeJira, runner: Runner) -> None:
    with pytest.raises(SourceError, match="deployment: datacenter"):
        runner.sync(dc_source(deployment="cloud"))
