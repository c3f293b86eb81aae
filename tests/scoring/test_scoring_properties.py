"""Hypothesis properties of the scoring maths (issue 3, "Done when")."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scoring_helpers import config, item, local, scoring_input

from wigboard.config import Lag, LeadMeasure, Thresholds, Wig, XpsWeights
from wigboard.scoring import score
from wigboard.scoring.lag import LagFacts, evaluate_lag
from wigboard.scoring.lead import weekly_totals
from wigboard.scoring.results import LagPoint
from wigboard.scoring.weeks import LocalCalendar, week_monday
from wigboard.scoring.xps import xps

START = date(2026, 2, 2)
AS_OF = date(2026, 4, 1)
finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)
day_offsets = st.lists(st.integers(min_value=-10, max_value=70), max_size=25)
people = st.sampled_from([("ana",), ("bo",), ("ana", "bo"), ()])


def _wig(per: str) -> Wig:
    lag = Lag(name="drills done", from_=0, to=100, start=START, by=date(2026, 12, 31), source="gh")
    lead = LeadMeasure(id="drills", name="Drills", target=2, per=per)  # type: ignore[arg-type]
    return Wig(id="w", title="w", team="ops", lag=lag, lead_measures=[lead])


def _items(offsets: list[tuple[int, tuple[str, ...]]]) -> list[object]:
    return [
        item(
            "lead:drills",
            "wig:w",
            done=local(2026, 2, 2) + timedelta(days=d, hours=h),
            assignees=who,
        )
        for h, (d, who) in enumerate(offsets)
    ]


@settings(max_examples=60, deadline=None)
@given(
    base=st.lists(st.tuples(st.integers(-10, 70), people), max_size=20),
    more=st.lists(st.tuples(st.integers(-10, 70), people), min_size=1, max_size=10),
    per=st.sampled_from(["team", "person"]),
)
def test_more_done_items_never_lower_attainment_or_progress(
    base: list[tuple[int, tuple[str, ...]]], more: list[tuple[int, tuple[str, ...]]], per: str
) -> None:
    cfg = config(_wig(per))
    before = score(scoring_input(cfg, AS_OF, items=_items(base)))  # type: ignore[arg-type]
    after = score(scoring_input(cfg, AS_OF, items=_items(base + more)))  # type: ignore[arg-type]
    lead_b, lead_a = before.wigs[0].lead_measures[0], after.wigs[0].lead_measures[0]
    assert lead_a.attainment is not None and lead_b.attainment is not None
    assert lead_a.attainment >= lead_b.attainment - 1e-12
    for pb, pa in zip(lead_b.people, lead_a.people, strict=True):
        assert (pa.attainment or 0) >= (pb.attainment or 0) - 1e-12
    lag_b, lag_a = before.wigs[0].lag, after.wigs[0].lag
    assert lag_a.progress is not None and lag_b.progress is not None
    assert lag_a.progress >= lag_b.progress


@given(
    x=finite,
    y=finite,
    a=finite,
    start_days=st.integers(0, 400),
    span=st.integers(1, 800),
    as_of_days=st.integers(-100, 1200),
)
def test_swapping_from_and_to_with_mirrored_actual_mirrors_progress(
    x: float, y: float, a: float, start_days: int, span: int, as_of_days: int
) -> None:
    if abs(x - y) < 1e-3:
        return
    s = date(2026, 1, 1) + timedelta(days=start_days)
    d, t = s + timedelta(days=span), s + timedelta(days=as_of_days)
    bands = Thresholds()
    one = evaluate_lag(LagFacts("m", "", x, y, s, d), LagPoint(t, a), [], t, bands)
    # mirrored goal: from y to x, the actual reflected through the midpoint
    two = evaluate_lag(LagFacts("m", "", y, x, s, d), LagPoint(t, x + y - a), [], t, bands)
    assert two.progress == pytest.approx(one.progress, rel=1e-9, abs=1e-9)
    assert two.pace_ratio == pytest.approx(one.pace_ratio, rel=1e-9, abs=1e-9)
    assert two.elapsed == one.elapsed
    # swapping alone turns progress p into 1 - p
    swapped = evaluate_lag(LagFacts("m", "", y, x, s, d), LagPoint(t, a), [], t, bands)
    assert one.progress is not None and swapped.progress is not None
    assert swapped.progress == pytest.approx(1 - one.progress, rel=1e-9, abs=1e-9)


part = st.one_of(st.none(), st.floats(allow_nan=False, allow_infinity=False, width=32))
weight = st.floats(min_value=-10, max_value=1000, allow_nan=False)


@given(lag=part, lead=part, kept=part, cad=part, w=st.tuples(weight, weight, weight, weight))
def test_xps_within_0_and_100_and_shares_sum_to_1(
    lag: float | None,
    lead: float | None,
    kept: float | None,
    cad: float | None,
    w: tuple[float, float, float, float],
) -> None:
    weights = XpsWeights(*w)
    result = xps(lag, lead, kept, cad, weights)
    if result.score is not None:
        assert 0 <= result.score <= 100
        assert sum(p.share for p in result.parts) == pytest.approx(1)
    for p in result.parts:
        assert p.value is None or 0 <= p.value <= 1
        assert p.share == 0 or p.value is not None


@given(
    st.lists(
        st.datetimes(
            min_value=datetime(2025, 1, 1), max_value=datetime(2027, 12, 31), timezones=st.just(UTC)
        ),
        max_size=60,
    ),
    st.sampled_from(["Europe/Oslo", "America/New_York", "Australia/Lord_Howe", "UTC"]),
)
def test_weekly_buckets_lose_or_double_nothing(moments: list[datetime], tz: str) -> None:
    calendar = LocalCalendar(tz)
    totals = weekly_totals(((calendar.local_date(m), 1.0) for m in moments), date(2028, 1, 1))
    assert sum(totals.values()) == len(moments)
    for m in moments:
        local_day = m.astimezone(ZoneInfo(tz)).date()
        assert (
            week_monday(calendar.week_of(m))
            <= local_day
            <= week_monday(calendar.week_of(m)) + timedelta(days=6)
        )
