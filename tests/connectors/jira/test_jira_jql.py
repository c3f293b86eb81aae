"""JQL built from config values cannot change the query; selectors with jql mark items."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jira_fake import FakeJira, Runner, calls_to, cloud_issue, cloud_source, make_config

from wigboard.config import Config, LeadMeasure, Selector, Team
from wigboard.connectors.jira_filters import jql_filters
from wigboard.connectors.jira_jql import check_fragment, quote, updated_since
from wigboard.errors import ConfigError


def _unquote(literal: str) -> str:
    """Read a JQL string literal back the way Jira's lexer does."""
    assert literal[0] == literal[-1] == '"'
    out, chars = [], iter(literal[1:-1])
    for char in chars:
        if char == '"':
            raise AssertionError("unescaped quote inside the literal")
        if char == "\\":
            nxt = next(chars)
            if nxt == "u":
                out.append(chr(int("".join(next(chars) for _ in range(4)), 16)))
            else:
                out.append({"n": "\n", "r": "\r", "t": "\t"}.get(nxt, nxt))
        else:
            out.append(char)
    return "".join(out)


@given(st.text())
def test_quote_round_trips_any_value_as_one_literal(value: str) -> None:
    literal = quote(value)
    assert _unquote(literal) == value
    assert check_fragment(f"labels = {literal}") is None


@pytest.mark.parametrize(
    "value",
    ['wig:x" OR project = HR OR labels = "y', "a\\", 'x") OR (1=1', "line\nbreak"],
)
def test_injection_attempts_stay_inside_the_literal(value: str) -> None:
    jql = f"labels = {quote(value)}"
    assert _unquote(jql.removeprefix("labels = ")) == value
    assert check_fragment(jql) is None


@pytest.mark.parametrize(
    ("fragment", "problem"),
    [
        ("project = GX) OR (project = HR", "never opened"),
        ("(project = GX", "never closed"),
        ('labels = "open', "never closed"),
        ("project = GX ORDER BY rank", "ORDER BY"),
        ("  ", "empty"),
    ],
)
def test_fragments_that_could_escape_their_parentheses_are_refused(
    fragment: str, problem: str
) -> None:
    assert problem in (check_fragment(fragment) or "")


@pytest.mark.parametrize(
    "fragment",
    ['labels = "a) OR (b"', "summary ~ 'order by'", "(a = 1 OR b = 2) AND c in (1, 2)"],
)
def test_parentheses_and_keywords_inside_strings_are_fine(fragment: str) -> None:
    assert check_fragment(fragment) is None


def test_updated_since_is_written_in_the_user_zone() -> None:
    moment = datetime(2026, 1, 10, 23, 59, 59, tzinfo=UTC)
    assert updated_since(moment, "Europe/Moscow") == 'updated >= "2026-01-11 02:59"'
    assert updated_since(moment, "Pacific/Pitcairn") == 'updated >= "2026-01-10 15:59"'


def test_selector_jql_breaking_out_is_a_config_error_before_any_request(
    cloud: FakeJira, runner: Runner
) -> None:
    config = make_config(cloud_source(), [Selector(jql="labels = x) OR (project = HR")])

    with pytest.raises(ConfigError, match=r"wigs\[0\]\.lead_measures\[0\]\.selector\.jql"):
        runner.sync(cloud_source(), config)

    assert len(cloud.rsps.calls) == 0


def test_source_jql_with_order_by_is_a_config_error(cloud: FakeJira, runner: Runner) -> None:
    source = cloud_source(jql="project = GX ORDER BY Rank")
    with pytest.raises(ConfigError, match="ORDER BY"):
        runner.sync(source, make_config(source))


def test_selector_jql_marks_matching_items(cloud: FakeJira, runner: Runner) -> None:
    selector_jql = 'labels = "vip"'
    config = make_config(cloud_source(), [Selector(jql=selector_jql)])
    cloud.issues = [cloud_issue(1, labels=["vip"]), cloud_issue(2, labels=[])]
    cloud.selectors = {selector_jql: lambda issue: "vip" in issue["fields"]["labels"]}

    items = {i.key: i for i in runner.sync(cloud_source(), config).items}

    assert items["GX-1"].fields["jql:" + selector_jql] == 1.0
    assert "jql:" + selector_jql not in items["GX-2"].fields
    selector_search = cloud.searches[-1]
    assert selector_search["jql"] == [f"(project = GX) AND ({selector_jql}) ORDER BY created ASC"]
    assert selector_search["fields"] == ["id"]
    assert calls_to(cloud.rsps, "/search/jql") == 2


def test_selector_marks_follow_membership_on_incremental_syncs(
    cloud: FakeJira, runner: Runner
) -> None:
    selector_jql = "sprint in openSprints()"
    config = make_config(cloud_source(), [Selector(jql=selector_jql)])
    cloud.issues = [cloud_issue(1)]
    cloud.selectors = {selector_jql: lambda issue: True}
    assert runner.sync(cloud_source(), config).items[0].fields["jql:" + selector_jql] == 1.0

    cloud.selectors = {selector_jql: lambda issue: False}  # sprint closed, issue not updated
    assert "jql:" + selector_jql not in runner.sync(cloud_source(), config).items[0].fields


def test_selectors_for_other_sources_are_not_run(cloud: FakeJira, runner: Runner) -> None:
    config = make_config(cloud_source(), [Selector(jql="labels = x", sources=["other"])])
    cloud.issues = [cloud_issue(1)]

    runner.sync(cloud_source(), config)

    assert calls_to(cloud.rsps, "/search/jql") == 1


def test_jql_filters_quote_every_config_value() -> None:
    evil = 'x" OR project = HR OR labels = "y'
    lead = LeadMeasure(
        id="callbacks",
        name="Call-backs",
        selector=Selector(labels=[evil], milestone="GX-1", repos=["GX"], types=["Task"]),
    )
    base = make_config(cloud_source())
    wig = base.wigs[0]
    config = Config(
        scoreboard=base.scoreboard,
        sources=base.sources,
        teams={"guest": Team(members={"dana": ["jira:5b10"]})},
        wigs=[type(wig)(**{**wig.__dict__, "team": "guest", "lead_measures": [lead]})],
    )

    filters = dict(jql_filters(config, "jira"))

    assert filters["WIG five-star: Raise 5-star ratings"] == (
        '(project = GX) AND (labels = "wig:five-star") ORDER BY created ASC'
    )
    lead_jql = filters["Lead measure five-star/callbacks: Call-backs"]
    assert lead_jql == (
        '(project = GX) AND (labels = "x\\" OR project = HR OR labels = \\"y" AND '
        'parent = "GX-1" AND project in ("GX") AND issuetype in ("Task")) ORDER BY created ASC'
    )


def test_jql_filters_default_to_the_lead_label_and_skip_other_teams() -> None:
    base = make_config(cloud_source())
    wig = base.wigs[0]
    ours = type(wig)(
        **{**wig.__dict__, "team": "guest", "lead_measures": [LeadMeasure(id="audits", name="A")]}
    )
    theirs = type(wig)(**{**wig.__dict__, "id": "on-time", "team": "ground"})
    config = Config(
        scoreboard=base.scoreboard,
        sources=base.sources,
        teams={
            "guest": Team(members={"dana": ["jira:5b10"]}),
            "ground": Team(members={"ana": ["gh:ana-l"]}),
        },
        wigs=[ours, theirs],
    )

    assert jql_filters(config, "jira") == [
        (
            "WIG five-star: Raise 5-star ratings",
            '(project = GX) AND (labels = "wig:five-star") ORDER BY created ASC',
        ),
        (
            "Lead measure five-star/audits: A",
            '(project = GX) AND (labels = "lead:audits") ORDER BY created ASC',
        ),
    ]
