"""OKR roll-up, KPI comparisons and status, XPS renormalisation."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from scoring_helpers import config, item, local, scoring_input, series

from wigboard.config import KeyResult, Kpi, MilestoneRef, Okr, Selector, XpsWeights
from wigboard.model import Milestone
from wigboard.scoring import score
from wigboard.scoring.kpi import compare, kpi_status, period_before
from wigboard.scoring.okr import grade_status, kr_progress, okr_id
from wigboard.scoring.results import LagPoint
from wigboard.scoring.xps import xps


def test_xps_renormalises_missing_parts() -> None:
    # commitments and cadence have no data: lag and lead share 25/(25+25) each
    result = xps(0.8, 0.6, None, None, XpsWeights())
    assert result.score == pytest.approx(70)
    assert [p.share for p in result.parts] == [0.5, 0.5, 0, 0]
    assert xps(None, None, None, None, XpsWeights()).score is None


def test_xps_weights_and_clamping() -> None:
    # weights 50/25/25/0 -> shares 0.5/0.25/0.25/0: pace 1.4 counts 1, a negative pace 0
    result = xps(1.4, 0.4, 0.0, 1.0, XpsWeights(lag=50, lead=25, commitments=25, cadence=0))
    assert result.score == pytest.approx(100 * (0.5 * 1 + 0.25 * 0.4 + 0.25 * 0))
    assert xps(-0.5, None, None, None, XpsWeights()).score == 0


def test_kr_progress_and_grades() -> None:
    assert kr_progress(31, 45, 38) == pytest.approx(0.5)
    assert kr_progress(31, 45, 50) == 1
    assert kr_progress(44, 31, 46) == 0  # decreasing KR moving the wrong way
    assert grade_status(0.7, aspirational=True) == "green"
    assert grade_status(0.7, aspirational=False) == "yellow"
    assert grade_status(0.39, aspirational=True) == "red"
    assert grade_status(1.0, aspirational=False) == "achieved"
    assert okr_id("", "Be the most punctual airline!") == "be-the-most-punctual-airline"


def test_okr_roll_up_from_series_tickets_and_milestone() -> None:
    okr = Okr(
        objective="Punctual",
        key_results=[
            # NPS 31 -> 45, latest 38: 0.5, weight 2
            KeyResult(name="NPS", start=31, target=45, source="finance", measure="nps", weight=2),
            # 0 -> 4 trainings done: 2 done -> 0.5
            KeyResult(name="Trainings", start=0, target=4, selector=Selector(labels=["training"])),
            # milestone: 1 of 4 items done -> 25 % -> 0.25; due date is the deadline
            KeyResult(name="Ramp", milestone=MilestoneRef(source="gh", title="Ramp")),
        ],
    )
    cfg = dataclasses.replace(config(), okrs=[okr])
    items = [
        item("training", done=local(2026, 3, 3)),
        item("training", done=local(2026, 3, 4)),
        item("training", done=local(2026, 9, 4)),  # after as_of
    ]
    ramp = Milestone(
        "gh", "acme/ops", "Ramp", date(2026, 9, 30), "open", open_items=3, done_items=1
    )
    inp = scoring_input(
        cfg, date(2026, 6, 1), items=items, points=series("nps", (date(2026, 5, 1), 38))
    )
    inp = dataclasses.replace(inp, milestones=[ramp])
    result = score(inp).okrs[0]
    assert [kr.progress for kr in result.key_results] == pytest.approx([0.5, 0.5, 0.25])
    assert result.key_results[2].by == date(2026, 9, 30)
    # (2*0.5 + 1*0.5 + 1*0.25) / 4 = 0.4375
    assert result.score == pytest.approx(0.4375)
    assert result.status == "yellow"


def test_kpi_periods_and_status() -> None:
    assert period_before(date(2026, 5, 31), "month") == date(2026, 4, 30)
    assert period_before(date(2026, 2, 15), "quarter") == date(2025, 11, 15)
    assert period_before(date(2026, 2, 15), "year") == date(2025, 2, 15)
    pts = [
        LagPoint(date(2025, 6, 1), 44),
        LagPoint(date(2026, 3, 1), 40),
        LagPoint(date(2026, 6, 1), 38),
    ]
    year = compare(pts, date(2026, 6, 1), "year")
    assert (year.previous, year.change) == (44, -6)
    assert year.change_pct == pytest.approx(-6 / 44)
    quarter = compare(pts, date(2026, 6, 1), "quarter")
    assert (quarter.previous, quarter.change) == (40, -2)
    assert kpi_status(30, 31, 38, up=False) == "green"
    assert kpi_status(35, 31, 38, up=False) == "yellow"
    assert kpi_status(39, 31, 38, up=False) == "red"
    assert kpi_status(39, 31, 38, up=True) == "green"
    assert kpi_status(None, 31, 38, up=True) == "no_data"


def test_ticket_kpi_is_weekly() -> None:
    kpi = Kpi(
        id="bugs", name="Bugs fixed", selector=Selector(labels=["bug"]), target=2, compare=["week"]
    )
    cfg = dataclasses.replace(config(), kpis=[kpi])
    # W22 (25-31 May): 1 bug; W23 (1-7 Jun): 3 bugs; as of Mon 8 Jun -> latest = W23 = 3
    items = [item("bug", done=local(2026, 5, 27))] + [
        item("bug", done=local(2026, 6, d)) for d in (1, 3, 7)
    ]
    result = score(scoring_input(cfg, date(2026, 6, 8), items=items)).kpis[0]
    assert (result.latest, result.latest_date) == (3, date(2026, 6, 7))
    assert result.comparisons[0].previous == 1 and result.comparisons[0].change == 2
    assert result.status == "green"
