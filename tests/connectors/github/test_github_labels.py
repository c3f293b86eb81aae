"""`wigboard labels sync`: plan, apply, idempotence, prune, dry-run."""

from __future__ import annotations

from pathlib import Path

import pytest
from github_fake import FakeGitHub, label

from wigboard.config import Config, GitHubSource, Lag, LeadMeasure, Wig
from wigboard.connectors.github_http import RetryPolicy
from wigboard.connectors.github_labels import desired_labels, sync_labels
from wigboard.errors import SourceError

ENV = {"GITHUB_TOKEN": "t0ken"}


def config(*wigs: Wig) -> Config:
    return Config(
        sources={"gh": GitHubSource(kind="github", repos=["acme/ops", "acme/ramp"])},
        wigs=list(wigs)
        or [
            Wig(
                id="on-time",
                title="Increase on-time departures",
                team="ground-ops",
                lag=Lag(name="On-time departures"),
                lead_measures=[
                    LeadMeasure(id="drills", name="Turnaround drills", target=3, per="person"),
                    LeadMeasure(id="gate-checks", name="Gate checks", target=10),
                ],
            ),
            Wig(id="old", title="Retired", team="ground-ops", lag=Lag(name="x"), active=False),
        ],
    )


def run(tmp_path: Path, **kw: bool) -> object:
    return sync_labels(
        config(),
        "gh",
        config_dir=tmp_path,
        environ=ENV,
        policy=RetryPolicy(sleep=lambda s: None),
        **kw,
    )


@pytest.fixture
def repos(fake: FakeGitHub) -> FakeGitHub:
    fake.labels["acme/ops"] = [label("bug", "d73a4a", "Something isn't working")]
    fake.labels["acme/ramp"] = [
        label("WIG:On-Time", "ffffff", None),
        label("lead:retired", "ffffff", "old"),
    ]
    return fake


def test_wanted_labels_say_what_tagging_means() -> None:
    specs = {s.name: s for s in desired_labels(config())}
    assert list(specs) == [
        "wig:on-time",
        "lead:drills",
        "lead:gate-checks",
        "commitment",
        "wig-session",
    ]
    assert "Increase on-time departures" in specs["wig:on-time"].description
    assert "3/week per person" in specs["lead:drills"].description
    assert all(len(s.description) <= 100 and len(s.color) == 6 for s in specs.values())


def test_long_titles_are_clipped_to_githubs_limit() -> None:
    wig = Wig(id="w", title="x" * 300, team="t", lag=Lag(name="x"))
    assert len(desired_labels(config(wig))[0].description) == 100


def test_dry_run_plans_and_writes_nothing(repos: FakeGitHub, tmp_path: Path) -> None:
    plan = sync_labels(config(), "gh", config_dir=tmp_path, environ=ENV, dry_run=True)
    assert not plan.applied
    assert {(c.repo, c.action, c.name) for c in plan.changes} == {
        *{
            ("acme/ops", "create", n)
            for n in ("wig:on-time", "lead:drills", "lead:gate-checks", "commitment", "wig-session")
        },
        ("acme/ramp", "update", "WIG:On-Time"),
        *{
            ("acme/ramp", "create", n)
            for n in ("lead:drills", "lead:gate-checks", "commitment", "wig-session")
        },
    }
    assert [c.method for c in repos.calls] == ["GET", "GET"]


def test_sync_is_idempotent_and_never_deletes_without_prune(
    repos: FakeGitHub, tmp_path: Path
) -> None:
    first = sync_labels(config(), "gh", config_dir=tmp_path, environ=ENV)
    assert first.applied and len(first.changes) == 10
    names = {r: sorted(lb["name"] for lb in rows) for r, rows in repos.labels.items()}
    assert names["acme/ramp"] == sorted(
        [
            "wig:on-time",
            "lead:retired",
            "lead:drills",
            "lead:gate-checks",
            "commitment",
            "wig-session",
        ]
    )
    ramp_wig = next(lb for lb in repos.labels["acme/ramp"] if lb["name"] == "wig:on-time")
    assert ramp_wig["color"] == "d93f0b"
    repos.reset_calls()
    second = sync_labels(config(), "gh", config_dir=tmp_path, environ=ENV)
    assert second.changes == [] and second.unchanged == 10
    assert {c.method for c in repos.calls} == {"GET"}
    assert "0 created, 0 updated, 0 deleted, 10 unchanged" in second.summary()


def test_prune_deletes_only_unknown_wig_and_lead_labels(repos: FakeGitHub, tmp_path: Path) -> None:
    plan = sync_labels(config(), "gh", config_dir=tmp_path, environ=ENV, prune=True)
    assert [(c.repo, c.name) for c in plan.changes if c.action == "delete"] == [
        ("acme/ramp", "lead:retired")
    ]
    assert "bug" in {lb["name"] for lb in repos.labels["acme/ops"]}
    assert "lead:retired" not in {lb["name"] for lb in repos.labels["acme/ramp"]}


def test_labels_sync_needs_a_github_source(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="not a GitHub source"):
        sync_labels(config(), "jira", config_dir=tmp_path, environ=ENV)
