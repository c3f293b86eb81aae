"""Where a lag, key result or KPI value comes from: a series, tickets or a milestone.

- ``series``: the latest point of ``source``/``measure`` at or before T.
- tickets: ``base`` plus the cumulative ``count``/``sum`` of done items matching
  the selector, done on or after ``start`` and on or before T.
- milestone: percent done (0..100) of the milestone's items as of T; when no
  items of it were synced, the milestone's own current counts.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from wigboard.config import Aggregate, Config, FileSource, MilestoneRef, Selector
from wigboard.model import ItemState, Milestone, SeriesPoint
from wigboard.scoring.results import LagPoint
from wigboard.scoring.select import ItemIndex, item_value
from wigboard.scoring.weeks import last_completed_week, week_index, week_sunday

__all__ = [
    "SeriesIndex",
    "ValueSource",
    "find_milestone",
    "latest_at",
    "milestone_points",
    "source_kind",
    "ticket_points",
]

Kind = Literal["series", "tickets", "milestone", "none"]


@dataclass(frozen=True)
class ValueSource:
    """The value-source keys shared by lags, key results and KPIs."""

    source: str | None
    measure: str | None
    selector: Selector | None
    aggregate: Aggregate
    field: str | None
    milestone: MilestoneRef | None = None


def source_kind(spec: ValueSource, config: Config, default: Selector | None) -> Kind:
    """Decide which kind of value source a measure uses.

    Args:
        spec: The measure's value-source keys.
        config: The config (to tell series sources from trackers).
        default: Selector used when a tracker source is named without one.

    Returns:
        ``milestone``, ``series``, ``tickets`` or ``none`` (no way to get a value).
    """
    if spec.milestone is not None:
        return "milestone"
    src = config.sources.get(spec.source) if spec.source else None
    is_series = isinstance(src, FileSource) and src.kind == "series"
    if spec.measure is not None and (src is None or is_series):
        return "series"
    if spec.selector is not None or (src is not None and not is_series and default is not None):
        return "tickets"
    return "none"


class SeriesIndex:
    """Series points by ``(source, measure)`` and by measure alone, oldest first."""

    def __init__(self, series: Sequence[SeriesPoint]) -> None:
        """Index series points."""
        self._by_key: dict[tuple[str | None, str], list[LagPoint]] = {}
        for p in sorted(series, key=lambda s: s.date):
            point = LagPoint(p.date, p.value)
            self._by_key.setdefault((p.source, p.measure), []).append(point)
            self._by_key.setdefault((None, p.measure), []).append(point)

    def measures(self, source: str | None) -> list[str]:
        """Return the measure names present for a source (any source when ``None``)."""
        return sorted({m for s, m in self._by_key if s == source})

    def points(self, source: str | None, measure: str) -> list[LagPoint]:
        """Return a measure's points, oldest first (any source when ``source`` is None)."""
        return self._by_key.get((source, measure), [])


def latest_at(points: Sequence[LagPoint], day: date) -> LagPoint | None:
    """Return the latest point dated on or before ``day`` (points sorted by date)."""
    n = bisect.bisect_right(points, day, key=lambda p: p.date)
    return points[n - 1] if n else None


def _week_ends(start: date, as_of: date) -> list[date]:
    """Sundays of the completed weeks from ``start``'s week, then ``as_of`` if later."""
    ends = [week_sunday(w) for w in range(week_index(start), last_completed_week(as_of) + 1)]
    if not ends or ends[-1] < as_of:
        ends.append(as_of)
    return ends


def ticket_points(
    index: ItemIndex, spec: ValueSource, selector: Selector, base: float, window: tuple[date, date]
) -> list[LagPoint]:
    """Cumulative ticket aggregate from a start date, one point per week end and at T.

    Args:
        index: The item index.
        spec: Aggregate, field and source restriction.
        selector: Which items count.
        base: Value before anything is done (the lag's ``from``).
        window: ``(start, as_of)``; items done on those days count.

    Returns:
        ``(start, base)`` then the running total at each week's Sunday and at
        ``as_of`` (empty when ``as_of`` is before ``start``).
    """
    start, as_of = window
    if as_of < start:
        return []
    matched = index.done_matching(selector, spec.source)
    days = [m.day for m in matched]
    lo = bisect.bisect_left(days, start)
    sums = [0.0]
    for m in matched[lo:]:
        sums.append(sums[-1] + item_value(m.item, spec.aggregate, spec.field))
    points = [LagPoint(start, base)]
    for end in _week_ends(start, as_of):
        if end > start:
            points.append(LagPoint(end, base + sums[bisect.bisect_right(days, end) - lo]))
    return points


def find_milestone(ref: MilestoneRef, milestones: Sequence[Milestone]) -> Milestone | None:
    """Return the synced milestone a reference names, if any."""
    for m in milestones:
        if m.source == ref.source and m.title == ref.title and ref.repo in (None, m.container):
            return m
    return None


def milestone_points(
    index: ItemIndex,
    ref: MilestoneRef,
    found: Milestone | None,
    window: tuple[date | None, date],
) -> list[LagPoint]:
    """Percent done (0..100) of a milestone's items at each week end and at T.

    Items closed as not planned are left out of both counts. With no start,
    points begin at the first item's creation. When no item of the milestone
    was synced, the milestone's own (current) counts give one point at T.
    """
    start, as_of = window
    created: list[date] = []
    done: list[date] = []
    for n in index.by_milestone.get(ref.title, []):
        item = index.items[n]
        if (
            item.source == ref.source
            and ref.repo in (None, item.container)
            and item.state is not ItemState.CLOSED
        ):
            created.append(index.created(n))
            day = index.done[n]
            if day is not None:
                done.append(day)
    if not created:
        share = found.progress if found is not None else None
        return [] if share is None else [LagPoint(as_of, 100 * share)]
    created.sort()
    done.sort()
    points = []
    for end in _week_ends(start or created[0], as_of):
        total = bisect.bisect_right(created, end)
        if total:
            points.append(LagPoint(end, 100 * bisect.bisect_right(done, end) / total))
    return points
