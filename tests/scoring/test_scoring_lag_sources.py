"""Lag values from tickets and from a milestone, computed by hand."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from scoring_helpers import config, item, local, scoring_input

from wigboard.config import Lag, LeadMeasure, MilestoneRef, Wig
from wigboard.model import ItemState, Milestone
from wigboard.scoring import score
from wigboard.scoring.results import LagPoint

START = date(2026, 2, 2)
LEAD = [LeadMeasure(id="x", name="x", target=1)]


def test_ticket_aggregate_lag() -> None:
    # from 10 to 50, 2 Feb -> 31 May (118 days), default selector label wig:drills,
    # only source gh. As of Tue 17 Feb (15 days in): 10 + 3 (W06) + 5 (W07) + 2 = 20.
    # f = 15/118, E = 10 + 40*15/118 = 15.0847; p = 10/40 = 0.25; r = 0.25*118/15 = 1.9667
    # required = (50-20) / (103 days / 7) = 210/103 = 2.0388 per week
    lag = Lag(name="Drills", from_=10, to=50, start=START, by=date(2026, 5, 31), source="gh")
    wig = Wig(id="drills", title="Drills", team="ops", lag=lag, lead_measures=LEAD)
    days = [2, 4, 8, 9, 10, 11, 12, 15, 16, 17]
    items = [item("wig:drills", done=local(2026, 2, d)) for d in days]
    items += [
        item("wig:drills", done=local(2026, 1, 30)),  # before start
        item("wig:drills", done=local(2026, 2, 18)),  # after as_of
        item("wig:drills", done=local(2026, 2, 10), type_="pull_request"),
        item("wig:drills", done=local(2026, 2, 10), source="jira"),  # other source
    ]
    result = score(scoring_input(config(wig), date(2026, 2, 17), items=items)).wigs[0].lag
    assert result.actual == 20
    assert result.points == [
        LagPoint(START, 10),
        LagPoint(date(2026, 2, 8), 13),
        LagPoint(date(2026, 2, 15), 18),
        LagPoint(date(2026, 2, 17), 20),
    ]
    assert result.expected == pytest.approx(10 + 40 * 15 / 118)
    assert result.pace_ratio == pytest.approx(0.25 * 118 / 15)
    assert result.status == "green"
    assert result.required_per_week == pytest.approx(210 / 103)


def test_ticket_lag_before_start_is_from_value() -> None:
    lag = Lag(name="Drills", from_=10, to=50, start=START, by=date(2026, 5, 31), source="gh")
    wig = Wig(id="drills", title="Drills", team="ops", lag=lag, lead_measures=LEAD)
    items = [item("wig:drills", done=local(2026, 1, 20))]
    result = score(scoring_input(config(wig), date(2026, 1, 25), items=items)).wigs[0]
    assert (result.lag.actual, result.lag.elapsed, result.lag.pace_ratio) == (10, 0, 1)
    assert result.lead_measures[0].weeks == []  # nothing shown before the start week


def test_milestone_lag_with_due_date_as_deadline() -> None:
    # 4 live items in milestone Ramp (one more closed as not planned, one created
    # after T). Done: 5 Feb (W06), 12 Feb (W07), 17 Feb (after T = Mon 16 Feb).
    # Points: 8 Feb 1/4 = 25 %, 15 Feb 2/4 = 50 %, 16 Feb 50 %. Deadline = due 29 Mar
    # (55 days after start), f = 14/55, p = 0.5, r = 0.5*55/14 = 1.964 -> green.
    lag = Lag(name="Ramp", start=START, milestone=MilestoneRef(source="gh", title="Ramp"))
    wig = Wig(id="ramp", title="Ramp", team="ops", lag=lag, lead_measures=LEAD)
    created = local(2026, 2, 2)

    def ms(done: int | None = None) -> object:
        at = local(2026, 2, done) if done else None
        return dataclasses.replace(item(created=created, done=at), milestone="Ramp")  # type: ignore[type-var]

    closed = dataclasses.replace(ms(), state=ItemState.CLOSED)  # type: ignore[type-var]
    late = dataclasses.replace(ms(), created=local(2026, 2, 20))  # type: ignore[type-var]
    items = [ms(5), ms(12), ms(17), ms(), closed, late]
    due = Milestone("gh", "acme/ops", "Ramp", date(2026, 3, 29), "open", open_items=9, done_items=9)
    inp = dataclasses.replace(
        scoring_input(config(wig), date(2026, 2, 16), items=items), milestones=[due]
    )  # type: ignore[arg-type]
    result = score(inp).wigs[0].lag
    assert (result.from_, result.to, result.unit, result.by) == (0, 100, "%", date(2026, 3, 29))
    assert [(p.date.day, p.value) for p in result.points] == [(8, 25), (15, 50), (16, 50)]
    assert result.pace_ratio == pytest.approx(0.5 * 55 / 14)
    assert result.status == "green"


def test_milestone_without_synced_items_uses_its_counts() -> None:
    lag = Lag(name="Ramp", start=START, milestone=MilestoneRef(source="gh", title="Ramp"))
    wig = Wig(id="ramp", title="Ramp", team="ops", lag=lag, lead_measures=LEAD)
    due = Milestone("gh", "acme/ops", "Ramp", date(2026, 3, 29), "open", open_items=3, done_items=1)
    inp = dataclasses.replace(scoring_input(config(wig), date(2026, 2, 16)), milestones=[due])
    assert score(inp).wigs[0].lag.actual == 25
