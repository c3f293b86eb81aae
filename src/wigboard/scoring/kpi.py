"""KPIs: latest value, period-over-period change, direction-aware status."""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date, timedelta

from wigboard.config import Period
from wigboard.scoring.results import KpiComparison, LagPoint, Status
from wigboard.scoring.values import latest_at

__all__ = ["compare", "kpi_status", "period_before"]

_MONTHS = {"month": 1, "quarter": 3, "year": 12}


def period_before(day: date, period: Period) -> date:
    """Return the same day one period earlier (month ends are clamped: 31 May -> 30 Apr)."""
    if period == "week":
        return day - timedelta(days=7)
    months = day.year * 12 + day.month - 1 - _MONTHS[period]
    year, month = divmod(months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def compare(points: Sequence[LagPoint], as_of: date, period: Period) -> KpiComparison:
    """Compare the value as of ``as_of`` with the value as of one period earlier.

    Args:
        points: The KPI's points, oldest first.
        as_of: The scoring date.
        period: ``week``, ``month``, ``quarter`` or ``year``.

    Returns:
        Previous value, absolute change and relative change (``None`` when unknown or from 0).
    """
    now = latest_at(points, as_of)
    before = latest_at(points, period_before(as_of, period))
    if now is None or before is None:
        return KpiComparison(period, before.value if before else None, None, None)
    change = now.value - before.value
    pct = change / abs(before.value) if before.value != 0 else None
    return KpiComparison(period, before.value, change, pct)


def kpi_status(
    latest: float | None, target: float | None, warning: float | None, up: bool
) -> Status:
    """Return green on the good side of ``target``, yellow of ``warning``, else red.

    "Good side" is ``>=`` for ``direction: up`` and ``<=`` for ``down``.
    ``no_data`` without a value, ``unclear`` with neither target nor warning.
    """
    if latest is None:
        return "no_data"
    if target is None and warning is None:
        return "unclear"

    def good(limit: float) -> bool:
        return latest >= limit if up else latest <= limit

    if target is not None and good(target):
        return "green"
    if warning is not None and good(warning):
        return "yellow"
    return "red"
