"""Lag maths (design §5): pace line, progress, pace ratio, status, forecast.

All functions take plain numbers and dates. Decreasing goals ("waste from
44 to 31") need no special case: progress is ``(A - X) / (Y - X)``, whose
sign flips with ``Y - X``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from wigboard.config import Thresholds
from wigboard.scoring.results import Forecast, LagPoint, LagResult, Status

__all__ = [
    "LagFacts",
    "elapsed_share",
    "evaluate_lag",
    "expected_value",
    "fit_line",
    "forecast",
    "lag_status",
    "pace_ratio",
    "progress",
    "required_per_week",
]


def elapsed_share(start: date, deadline: date, as_of: date) -> float:
    """Return ``f = clamp((T - S) / (D - S), 0, 1)`` in days."""
    span = (deadline - start).days
    if span <= 0:
        return 1.0 if as_of >= deadline else 0.0
    return min(max((as_of - start).days / span, 0.0), 1.0)


def expected_value(from_: float, to: float, elapsed: float) -> float:
    """Return the value on the pace line, ``E = X + (Y - X) * f``."""
    return from_ + (to - from_) * elapsed


def progress(from_: float, to: float, actual: float) -> float | None:
    """Return ``p = (A - X) / (Y - X)``; ``None`` when ``X == Y``."""
    if to == from_:
        return None
    return (actual - from_) / (to - from_)


def pace_ratio(progress_: float, elapsed: float) -> float:
    """Return ``r = p / f``, and 1 before any time has elapsed (``f == 0``)."""
    return 1.0 if elapsed <= 0 else progress_ / elapsed


def lag_status(progress_: float, ratio: float, thresholds: Thresholds) -> Status:
    """Return ``achieved`` when ``p >= 1``, else green/yellow/red by the pace ratio."""
    if progress_ >= 1:
        return "achieved"
    if ratio >= thresholds.green:
        return "green"
    if ratio >= thresholds.yellow:
        return "yellow"
    return "red"


def required_per_week(to: float, actual: float, deadline: date, as_of: date) -> float | None:
    """Return ``(Y - A) / weeks left``: signed change per week still needed.

    Returns ``None`` once the deadline's day is over (``as_of >= deadline``).
    The caller reports 0 for an achieved goal.
    """
    days_left = (deadline - as_of).days
    if days_left <= 0:
        return None
    return (to - actual) / (days_left / 7)


def fit_line(points: Sequence[LagPoint]) -> tuple[float, float] | None:
    """Least-squares line through points, x in days (ordinal).

    Returns:
        ``(intercept, slope per day)``, or ``None`` with fewer than two distinct dates.
    """
    n = len(points)
    if n < 2:
        return None
    xs = [p.date.toordinal() for p in points]
    mean_x = sum(xs) / n
    mean_y = sum(p.value for p in points) / n
    sxx = sum((x - mean_x) ** 2 for x in xs)
    if sxx == 0:
        return None
    sxy = sum((x - mean_x) * (p.value - mean_y) for x, p in zip(xs, points, strict=True))
    slope = sxy / sxx
    return mean_y - slope * mean_x, slope


def forecast(points: Sequence[LagPoint], from_: float, to: float, deadline: date) -> Forecast:
    """Project the fitted line to the deadline and to the target.

    Args:
        points: Measured lag values, any order.
        from_: X, the start value (gives the goal's direction).
        to: Y, the target.
        deadline: D.

    Returns:
        The value at D, and the date the line reaches Y (``None`` if it never
        does: flat, or heading away from the target).
    """
    line = fit_line(points)
    if line is None:
        return Forecast(value_at_deadline=None, reach_date=None)
    intercept, slope = line
    at_deadline = intercept + slope * deadline.toordinal()
    reach: date | None = None
    if slope != 0 and (slope > 0) == (to > from_):
        x = math.ceil((to - intercept) / slope - 1e-9)
        if 1 <= x <= date.max.toordinal():
            reach = date.fromordinal(x)
    return Forecast(value_at_deadline=at_deadline, reach_date=reach)


@dataclass(frozen=True)
class LagFacts:
    """What a lag measure says: name, unit and "from X to Y by When" (any may be missing)."""

    name: str
    unit: str
    from_: float | None
    to: float | None
    start: date | None
    by: date | None


def _no_pace(
    facts: LagFacts, actual: LagPoint | None, points: list[LagPoint], status: Status
) -> LagResult:
    p = None
    if actual is not None and facts.from_ is not None and facts.to is not None:
        p = progress(facts.from_, facts.to, actual.value)
    return LagResult(
        name=facts.name,
        unit=facts.unit,
        from_=facts.from_,
        to=facts.to,
        start=facts.start,
        by=facts.by,
        actual=actual.value if actual else None,
        actual_date=actual.date if actual else None,
        expected=None,
        elapsed=None,
        progress=p,
        pace_ratio=None,
        status=status,
        required_per_week=None,
        forecast=Forecast(None, None),
        points=points,
    )


def evaluate_lag(
    facts: LagFacts,
    actual: LagPoint | None,
    points: list[LagPoint],
    as_of: date,
    thresholds: Thresholds,
) -> LagResult:
    """Compute everything the scoreboard shows about a lag measure as of a date.

    Args:
        facts: X, Y, start and deadline (``unclear`` status when X, Y, start or When is missing).
        actual: Latest value at or before ``as_of`` (``None``: no data, ``no_data`` status).
        points: Values from the start to ``as_of``, for the chart and forecast.
        as_of: Score as of the end of this day.
        thresholds: Colour bands of the pace ratio.

    Returns:
        The lag result.
    """
    x, y, s, d = facts.from_, facts.to, facts.start, facts.by
    if x is None or y is None or s is None or d is None or x == y:
        return _no_pace(facts, actual, points, "unclear")
    f = elapsed_share(s, d, as_of)
    expected = expected_value(x, y, f)
    if actual is None:
        return replace(_no_pace(facts, None, points, "no_data"), expected=expected, elapsed=f)
    p = progress(x, y, actual.value)
    assert p is not None  # x != y
    r = pace_ratio(p, f)
    status = lag_status(p, r, thresholds)
    required = 0.0 if status == "achieved" else required_per_week(y, actual.value, d, as_of)
    return LagResult(
        name=facts.name,
        unit=facts.unit,
        from_=x,
        to=y,
        start=s,
        by=d,
        actual=actual.value,
        actual_date=actual.date,
        expected=expected,
        elapsed=f,
        progress=p,
        pace_ratio=r,
        status=status,
        required_per_week=required,
        forecast=forecast(points, x, y, d),
        points=points,
    )
