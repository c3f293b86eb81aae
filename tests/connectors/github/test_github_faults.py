# ruff: noqa: E501
"""Auth errors, rate limits, 5xx retries and GraphQL errors: bounded, deterministic, no sleeping."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from github_fake import FakeGitHub, Fault, board, draft_node, issue, values

from wigboard.config import GitHubApp, GitHubProject, GitHubSource
from wigboard.connectors.base import SyncContext
from wigboard.connectors.github import GitHubConnector
from wigboard.connectors.github_http import RetryPolicy, connect
from wigboard.errors import AuthError, RateLimitError, SourceError

Ctx = Callable[..., SyncContext]
Make = Callable[..., GitHubConnector]
SECONDARY = {
    "message": "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."
}
PRIMARY = {"message": "API rate limit exceeded for user ID 1."}


@pytest.fixture(autouse=True)
def one_issue(fake: FakeGitHub) -> None:
    fake.issues["acme/ops"] = [issue("acme/ops", 1)]


def test_missing_token_names_the_variable(fake: FakeGitHub, connector: Make, context: Ctx) -> None:
    with pytest.raises(AuthError, match="OPS_GITHUB_TOKEN"):
        connector(env={}, token_env="OPS_GITHUB_TOKEN").sync(context())
    assert fake.calls == []


def test_rejected_token_names_the_variable(fake: FakeGitHub, connector: Make, context: Ctx) -> None:
    with pytest.raises(AuthError, match=r"\$GITHUB_TOKEN.*401"):
        connector(env={"GITHUB_TOKEN": "expired"}).sync(context())
    assert len(fake.calls) == 1  # no retry of a 401


def test_missing_app_variables_are_all_named(tmp_path: Path) -> None:
    source = GitHubSource(kind="github", repos=["acme/ops"], app=GitHubApp())
    with pytest.raises(AuthError) as err:
        connect("gh", source, config_dir=tmp_path, environ={"GITHUB_APP_ID": "12"})
    assert "GITHUB_APP_PRIVATE_KEY" in str(err.value) and "GITHUB_APP_INSTALLATION_ID" in str(
        err.value
    )


def test_enterprise_server_api_url_is_used(tmp_path: Path) -> None:
    source = GitHubSource(kind="github", api_url="https://ghe.acme.test/api/v3")
    client = connect("gh", source, config_dir=tmp_path, environ={"GITHUB_TOKEN": "x"})
    assert client.requester.base_url == "https://ghe.acme.test/api/v3"
    assert client.requester.graphql_url == "https://ghe.acme.test/api/graphql"


def test_secondary_limit_waits_retry_after_then_succeeds(
    fake: FakeGitHub, connector: Make, context: Ctx, sleeps: list[float]
) -> None:
    fake.fail("GET", r"/issues$", 403, {"retry-after": "7"}, SECONDARY)
    assert len(connector().sync(context()).items) == 1
    assert sleeps == [7.0]
    assert [c.status for c in fake.calls] == [403, 200, 200]


def test_429_without_retry_after_waits_a_minute(
    fake: FakeGitHub, connector: Make, context: Ctx, sleeps: list[float]
) -> None:
    fake.fail("GET", r"/milestones$", 429, {}, SECONDARY)
    connector().sync(context())
    assert sleeps == [60.0]


def test_primary_limit_within_the_cap_waits_for_the_reset(
    fake: FakeGitHub, connector: Make, context: Ctx, sleeps: list[float]
) -> None:
    # conftest's clock is 1000 s before the fake's x-ratelimit-reset
    fake.fail(
        "GET",
        r"/issues$",
        403,
        {"x-ratelimit-remaining": "0", "x-ratelimit-reset": "1900000000"},
        PRIMARY,
    )
    connector(max_wait=2000).sync(context())
    assert sleeps == [1001.0]


def test_primary_limit_past_the_cap_raises_without_waiting(
    fake: FakeGitHub, connector: Make, context: Ctx, sleeps: list[float]
) -> None:
    fake.fail(
        "GET",
        r"/issues$",
        403,
        {"x-ratelimit-remaining": "0", "x-ratelimit-reset": "1900000000"},
        PRIMARY,
    )
    with pytest.raises(RateLimitError, match="max_wait"):
        connector(max_wait=300).sync(context())
    assert sleeps == []


def test_waits_add_up_against_the_cap(
    fake: FakeGitHub, connector: Make, context: Ctx, sleeps: list[float]
) -> None:
    fake.fail("GET", r"/issues$", 403, {"retry-after": "40"}, SECONDARY, times=3)
    with pytest.raises(RateLimitError):
        connector(max_wait=100).sync(context())
    assert sleeps == [40.0, 40.0]


def test_server_errors_are_retried_then_succeed(
    fake: FakeGitHub, connector: Make, context: Ctx, sleeps: list[float]
) -> None:
    fake.fail("GET", r"/issues$", 502, times=2)
    assert len(connector().sync(context()).items) == 1
    assert sleeps == [1.0, 2.0]


def test_server_errors_past_the_retries_fail_the_source(
    fake: FakeGitHub, connector: Make, context: Ctx, sleeps: list[float]
) -> None:
    fake.fail("GET", r"/issues$", 503, times=10)
    with pytest.raises(SourceError, match="503") as err:
        connector().sync(context())
    assert not isinstance(err.value, RateLimitError)
    assert sleeps == [1.0, 2.0, 4.0]
    assert len(fake.calls) == 4


def test_unknown_repo_is_a_clear_error(fake: FakeGitHub, connector: Make, context: Ctx) -> None:
    with pytest.raises(SourceError, match=r"acme/nope.*not found"):
        connector(repos=("acme/nope",)).sync(context())


PROJECT = GitHubProject(owner="acme", number=7)


def test_graphql_200_with_errors_is_an_error(
    fake: FakeGitHub, connector: Make, context: Ctx
) -> None:
    errors = {
        "data": None,
        "errors": [
            {
                "type": "INSUFFICIENT_SCOPES",
                "message": "Your token has not been granted the required scopes to execute this query. The 'id' field requires one of the following scopes: ['read:project'].",
            }
        ],
    }
    fake.fail("POST", r"/graphql$", 200, {}, errors)
    with pytest.raises(SourceError, match="INSUFFICIENT_SCOPES"):
        connector(projects=(PROJECT,)).sync(context())


def test_unknown_project_is_a_clear_error(fake: FakeGitHub, connector: Make, context: Ctx) -> None:
    with pytest.raises(SourceError, match="not found"):
        connector(projects=(PROJECT,)).sync(context())


def test_graphql_rate_limited_waits_for_the_reset(
    fake: FakeGitHub, connector: Make, context: Ctx, sleeps: list[float]
) -> None:
    fake.projects[("acme", 7)] = (board(), [draft_node("PVTI_1", "x", values(status="Done"))])
    limited = {
        "errors": [{"type": "RATE_LIMITED", "message": "API rate limit exceeded for user ID 1."}]
    }
    fake.fail(
        "POST",
        r"/graphql$",
        200,
        {"x-ratelimit-remaining": "0", "x-ratelimit-reset": "1900000030"},
        limited,
    )
    assert len(connector(projects=(PROJECT,), max_wait=5000).sync(context()).items) == 2
    assert sleeps == [1031.0]


def test_pygithub_pacing_and_urllib3_retry_are_off(tmp_path: Path) -> None:
    source = GitHubSource(kind="github")
    client = connect(
        "gh", source, config_dir=tmp_path, environ={"GITHUB_TOKEN": "x"}, policy=RetryPolicy()
    )
    kwargs = client.requester.kwargs
    assert kwargs["seconds_between_requests"] is None and kwargs["seconds_between_writes"] is None
    assert kwargs["retry"] is None and kwargs["lazy"] is True and kwargs["per_page"] == 100


def test_github_app_credentials_get_an_installation_token(
    fake: FakeGitHub, connector: Make, context: Ctx
) -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    env = {
        "GITHUB_APP_ID": "12345",
        "GITHUB_APP_PRIVATE_KEY": pem.replace("\n", "\\n"),  # as CI secrets often hold it
        "GITHUB_APP_INSTALLATION_ID": "678",
    }
    snapshot = connector(env=env, app=GitHubApp()).sync(context())
    assert len(snapshot.items) == 1 and len(fake.app_jwts) == 1
    assert fake.calls[0].path == "/app/installations/678/access_tokens"


def test_a_next_link_off_the_api_host_is_refused(
    fake: FakeGitHub, connector: Make, context: Ctx
) -> None:
    fake.faults.append(
        Fault(
            "GET",
            r"/issues$",
            200,
            {"link": '<https://elsewhere.example/x?page=2>; rel="next"'},
            [],
        )
    )
    with pytest.raises(SourceError, match=r"outside https://api\.github\.com"):
        connector().sync(context())
