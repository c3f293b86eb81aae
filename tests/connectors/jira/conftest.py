"""Fixtures of the Jira connector tests: a fake Jira on `responses`, credentials, a runner."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import responses
from jira_fake import FakeJira, Runner


@pytest.fixture(autouse=True)
def _credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JIRA_EMAIL", "bot@acme-air.example")
    monkeypatch.setenv("JIRA_API_TOKEN", "cloud-token")
    monkeypatch.setenv("JIRA_PAT", "dc-pat")


@pytest.fixture(autouse=True)
def _no_real_sleep(monkeypatch: pytest.MonkeyPatch) -> None:
    """The jira library's own retry sleeps (time.sleep in resilientsession) must never run."""

    def refuse(seconds: float) -> None:
        raise AssertionError(f"a real sleep of {seconds} s was attempted")

    monkeypatch.setattr("jira.resilientsession.time.sleep", refuse)


@pytest.fixture
def rsps() -> Iterator[responses.RequestsMock]:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


@pytest.fixture
def cloud(rsps: responses.RequestsMock) -> FakeJira:
    return FakeJira(rsps, deployment="cloud").install()


@pytest.fixture
def dc(rsps: responses.RequestsMock) -> FakeJira:
    return FakeJira(rsps, deployment="datacenter", timezone="Pacific/Pitcairn").install()


@pytest.fixture
def runner(tmp_path: Path) -> Runner:
    return Runner(tmp_path)
