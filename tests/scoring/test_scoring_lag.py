"""Lag maths with hand-computed values (design §5)."""

from __future__ import annotations

from datetime import date

import pytest
from scoring_helpers import config, scoring_input, series, series_wig

from wigboard.config import Thresholds
from wigboard.scoring import score
from wigboard.scoring.lag import (
    LagFacts,
    elapsed_share,
    evaluate_lag,
    fit_line,
    forecast,
    lag_status,
    pace_ratio,
    progress,
    required_per_week,
)
from wigboard.scoring.results import LagPoint

S, D = date(2026, 1, 1), date(2026, 12, 31)  # 364 days apart
MID = date(2026, 7, 2)  # 182 days after S: f = 0.5
BANDS = Thresholds()


def test_decreasing_goal_pinned() -> None:
    # Waste from 44 to 31 by D; at MID the actual is 38.
    # f = 182/364 = 0.5; E = 44 + (31-44)*0.5 = 37.5
    # p = (38-44)/(31-44) = 6/13 = 0.461538...; r = p/f = 12/13 = 0.923077 -> green (>= 0.9)
    # required = (31-38) / (182/7 = 26 weeks) = -7/26 = -0.269231 per week
    facts = LagFacts("Waste", "$M", 44, 31, S, D)
    lag = evaluate_lag(facts, LagPoint(date(2026, 6, 30), 38), [], MID, BANDS)
    assert lag.elapsed == pytest.approx(0.5)
    assert lag.expected == pytest.approx(37.5)
    assert lag.progress == pytest.approx(6 / 13)
    assert lag.pace_ratio == pytest.approx(12 / 13)
    assert lag.status == "green"
    assert lag.required_per_week == pytest.approx(-7 / 26)


def test_decreasing_goal_behind_pace_is_red() -> None:
    # A = 42 at MID: p = 2/13, r = 4/13 = 0.3077 -> red
    lag = evaluate_lag(LagFacts("w", "", 44, 31, S, D), LagPoint(MID, 42), [], MID, BANDS)
    assert lag.pace_ratio == pytest.approx(4 / 13)
    assert lag.status == "red"


def test_goal_already_achieved() -> None:
    # On-time 72 -> 85; at MID the actual is 86: p = 14/13 >= 1 -> achieved;
    # nothing more is required (0 rather than the negative (85-86)/26).
    lag = evaluate_lag(LagFacts("w", "%", 72, 85, S, D), LagPoint(MID, 86), [], MID, BANDS)
    assert lag.progress == pytest.approx(14 / 13)
    assert lag.pace_ratio == pytest.approx(28 / 13)
    assert lag.status == "achieved"
    assert lag.required_per_week == 0.0


def test_as_of_before_start() -> None:
    # T = 2025-12-15 < S: f = 0 so E = X and r = 1 by definition; the latest
    # value (44 on 2025-12-01) gives p = 0 -> green; 381 days = 54.43 weeks left:
    # required = (31-44) / (381/7) = -13*7/381 = -0.238845
    t = date(2025, 12, 15)
    lag = evaluate_lag(
        LagFacts("w", "", 44, 31, S, D), LagPoint(date(2025, 12, 1), 44), [], t, BANDS
    )
    assert lag.elapsed == 0 and lag.expected == 44
    assert lag.pace_ratio == 1
    assert lag.status == "green"
    assert lag.required_per_week == pytest.approx(-13 * 7 / 381)


def test_as_of_after_deadline() -> None:
    # T = 2027-02-01 > D: f = 1, E = Y = 31; A = 33 -> p = 11/13 = 0.846 = r -> yellow;
    # no weeks left -> required is null.
    t = date(2027, 2, 1)
    lag = evaluate_lag(
        LagFacts("w", "", 44, 31, S, D), LagPoint(date(2027, 1, 31), 33), [], t, BANDS
    )
    assert lag.elapsed == 1 and lag.expected == 31
    assert lag.pace_ratio == pytest.approx(11 / 13)
    assert lag.status == "yellow"
    assert lag.required_per_week is None


def test_deadline_day_itself_has_no_weeks_left() -> None:
    assert required_per_week(31, 35, D, D) is None
    assert elapsed_share(S, D, D) == 1


def test_forecast_on_a_straight_line() -> None:
    # -0.1 per day from 44 on 1 Jan: at D (364 days) 44 - 36.4 = 7.6;
    # 31 is reached after 130 days = 2026-05-11.
    points = [
        LagPoint(date(2026, 1, 1), 44),
        LagPoint(date(2026, 1, 11), 43),
        LagPoint(date(2026, 1, 21), 42),
    ]
    fc = forecast(points, 44, 31, D)
    assert fc.value_at_deadline == pytest.approx(7.6)
    assert fc.reach_date == date(2026, 5, 11)


def test_forecast_heading_away_never_reaches() -> None:
    points = [LagPoint(date(2026, 1, 1), 44), LagPoint(date(2026, 2, 1), 45)]
    assert forecast(points, 44, 31, D).reach_date is None
    assert forecast(points[:1], 44, 31, D).value_at_deadline is None
    assert fit_line([LagPoint(S, 1), LagPoint(S, 2)]) is None


def test_status_bands_and_zero_elapsed() -> None:
    assert pace_ratio(0.3, 0) == 1
    assert lag_status(1.0, 0.1, BANDS) == "achieved"
    assert lag_status(0.5, 0.9, BANDS) == "green"
    assert lag_status(0.5, 0.7, BANDS) == "yellow"
    assert lag_status(0.5, 0.69, BANDS) == "red"
    assert progress(5, 5, 7) is None


def test_unclear_and_no_data() -> None:
    unclear = evaluate_lag(LagFacts("w", "", 44, None, S, D), LagPoint(MID, 40), [], MID, BANDS)
    assert unclear.status == "unclear" and unclear.pace_ratio is None
    unclear_empty = evaluate_lag(LagFacts("w", "", None, 31, S, D), None, [], MID, BANDS)
    assert unclear_empty.status == "unclear"
    empty = evaluate_lag(LagFacts("w", "", 44, 31, S, D), None, [], MID, BANDS)
    assert empty.status == "no_data" and empty.expected == pytest.approx(37.5)


def test_series_lag_through_score() -> None:
    # Series points 44 (1 Jan), 40 (1 Jun), 38 (30 Jun), 30 (3 Jul, after T):
    # actual at T = 2 Jul is 38 (latest at or before T), the same pinned values
    # as the decreasing goal above; the 3 Jul point is not shown.
    pts = series(
        "w", (S, 44), (date(2026, 6, 1), 40), (date(2026, 6, 30), 38), (date(2026, 7, 3), 30)
    )
    result = score(scoring_input(config(series_wig()), MID, points=pts))
    lag = result.wigs[0].lag
    assert (lag.actual, lag.actual_date) == (38, date(2026, 6, 30))
    assert lag.pace_ratio == pytest.approx(12 / 13)
    assert [p.value for p in lag.points] == [44, 40, 38]
    assert result.wigs[0].status == "green"
    # a week earlier (25 Jun) the actual was 40: change = -2
    assert result.wigs[0].change.actual == pytest.approx(-2)
    assert result.wigs[0].change.previous_status is not None
