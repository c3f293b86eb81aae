"""Predictiveness (does the lead predict the lag?) and the whirlwind ratio."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence

from wigboard.scoring.results import LagPoint, Predictiveness, WhirlwindWeek
from wigboard.scoring.values import latest_at
from wigboard.scoring.weeks import WeekWindow, week_label, week_sunday

__all__ = ["MIN_PAIRS", "pearson", "predictiveness", "whirlwind_weeks"]

MIN_PAIRS = 6
"""Below this many week pairs the correlation is "not enough data"."""


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Return Pearson's r; ``None`` with fewer than 2 pairs or a constant side."""
    n = len(xs)
    if n < 2 or n != len(ys):
        return None
    mx = sum(xs) / n
    my = sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    return max(-1.0, min(1.0, sxy / math.sqrt(sxx * syy)))


def predictiveness(
    attainment_by_week: Mapping[int, float],
    lag_points: Sequence[LagPoint],
    progress_of: Callable[[float], float | None],
    window: WeekWindow,
) -> Predictiveness:
    """Correlate week w's lead attainment with the lag's progress change in week w+1.

    Progress (not the raw value) is used so that a helpful lead correlates
    positively for decreasing goals too.

    Args:
        attainment_by_week: Mean lead attainment per scored week.
        lag_points: Lag values, oldest first.
        progress_of: Maps a lag value to progress (``None`` when unknown).
        window: Scored weeks; both w and w+1 must be scored.

    Returns:
        r (``None`` when ``n < 6`` or undefined) and n.
    """
    xs: list[float] = []
    ys: list[float] = []
    for w in window.scored:
        if w + 1 > window.last or w not in attainment_by_week:
            continue
        a, b = latest_at(lag_points, week_sunday(w)), latest_at(lag_points, week_sunday(w + 1))
        pa = progress_of(a.value) if a else None
        pb = progress_of(b.value) if b else None
        if pa is None or pb is None:
            continue
        xs.append(attainment_by_week[w])
        ys.append(pb - pa)
    n = len(xs)
    enough = n >= MIN_PAIRS
    return Predictiveness(r=pearson(xs, ys) if enough else None, n=n, enough_data=enough)


def whirlwind_weeks(
    counts: Mapping[int, tuple[int, int]], window: WeekWindow
) -> list[WhirlwindWeek]:
    """Return the whirlwind share of each scored week.

    Args:
        counts: Week index -> ``(done items, done items with no WIG or lead tie)``.
        window: The scored weeks.

    Returns:
        One row per scored week; ``ratio`` is ``None`` in a week with nothing done.
    """
    rows = []
    for w in window.scored:
        done, whirl = counts.get(w, (0, 0))
        rows.append(WhirlwindWeek(week_label(w), done, whirl, whirl / done if done else None))
    return rows
