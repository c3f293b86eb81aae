"""Selector matching, item values and the label index."""

from __future__ import annotations

import dataclasses
from datetime import date

from scoring_helpers import item, local

from wigboard.config import Lag, Selector, Wig
from wigboard.scoring.cadence import feeds
from wigboard.scoring.select import ItemIndex, item_value, selector_matches
from wigboard.scoring.weeks import LocalCalendar


def test_selector_conditions_are_anded() -> None:
    it = dataclasses.replace(
        item("lead:drills", "ramp", done=local(2026, 3, 2)),
        milestone="Ramp",
        fields={"Status": "Done", "Points": 3.0, "jql:priority = High": 1.0},
    )
    assert selector_matches(it, Selector(labels=["lead:drills", "ramp"]))
    assert not selector_matches(it, Selector(labels=["lead:drills", "other"]))
    assert selector_matches(it, Selector(milestone="Ramp", repos=["acme/ops"], sources=["gh"]))
    assert not selector_matches(it, Selector(milestone="Ramp", repos=["acme/web"]))
    assert selector_matches(it, Selector(project_field="Status: Done"))
    assert not selector_matches(it, Selector(project_field="Status: Todo"))
    assert selector_matches(it, Selector(project_field="Points: 3"))
    assert selector_matches(it, Selector(jql="priority = High"))
    assert not selector_matches(it, Selector(jql="priority = Low"))
    assert not selector_matches(it, Selector(types=["bug"]))


def test_pull_requests_only_when_asked_for() -> None:
    pr = item("lead:reviews", type_="pull_request", done=local(2026, 3, 2))
    assert not selector_matches(pr, Selector(labels=["lead:reviews"]))
    assert selector_matches(pr, Selector(labels=["lead:reviews"], types=["pull_request"]))


def test_item_value() -> None:
    it = item(fields={"points": 5.0, "size": "3", "note": "big"})
    assert item_value(it, "count", None) == 1
    assert item_value(it, "sum", None) == 5
    assert item_value(it, "sum", "size") == 3
    assert item_value(it, "sum", "note") == 0
    assert item_value(it, "sum", "missing") == 0


def test_index_matches_only_done_items_sorted_by_local_day() -> None:
    items = [
        item("a", done=local(2026, 3, 9)),
        item("a"),  # open
        item("a", done=local(2026, 3, 2)),
        item("b", done=local(2026, 3, 3)),
        item("a", done=local(2026, 3, 5), source="jira"),
    ]
    index = ItemIndex(items, LocalCalendar("Europe/Oslo"))
    days = [m.day for m in index.done_matching(Selector(labels=["a"]))]
    assert days == [date(2026, 3, 2), date(2026, 3, 5), date(2026, 3, 9)]
    assert len(index.done_matching(Selector(labels=["a"]), "gh")) == 2
    assert len(index.all_matching(Selector(labels=["a"]))) == 4


def test_records_feed_their_team_or_the_named_wig() -> None:
    lag = Lag(name="x")
    ops = Wig(id="w1", title="", team="ops", lag=lag)
    org = Wig(id="w0", title="", team="org", lag=lag)
    assert feeds("ops", frozenset(), ops)
    assert not feeds("web", frozenset(), ops)
    assert feeds("web", frozenset({"w1"}), ops)
    assert not feeds("ops", frozenset({"w2"}), ops)
    assert feeds("web", frozenset(), org)
