"""ISO weeks in the scoreboard's timezone, and the weeks a goal scores.

A week is an integer index (Monday-aligned, counted from 0001-01-01) so that
bucketing 100k items is one integer division each. Times become *local
dates* first (``zoneinfo``), so an item done Sunday 23:30 local belongs to
that Sunday's week and a DST change can neither lose nor double an hour's
work: every instant maps to exactly one local date.

"As of T" means as of the end of day T, local time: everything done on a
local date ``<= T`` counts, and a week is completed once its Sunday is ``<= T``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

__all__ = [
    "LocalCalendar",
    "WeekWindow",
    "current_week",
    "first_full_week",
    "last_completed_week",
    "week_index",
    "week_label",
    "week_monday",
    "week_sunday",
    "week_window",
]

_ONE_DAY = timedelta(days=1)


def week_index(day: date) -> int:
    """Return the Monday-aligned week number of a date (0 = the week of 0001-01-01)."""
    return (day.toordinal() - 1) // 7


def week_monday(index: int) -> date:
    """Return the Monday of a week index."""
    return date.fromordinal(index * 7 + 1)


def week_sunday(index: int) -> date:
    """Return the Sunday (last day) of a week index."""
    return date.fromordinal(index * 7 + 7)


@lru_cache(maxsize=4096)
def week_label(index: int) -> str:
    """Return the ISO label of a week index, e.g. ``2026-W27``."""
    year, week, _ = week_monday(index).isocalendar()
    return f"{year}-W{week:02d}"


def first_full_week(start: date) -> int:
    """Return the first week that starts on or after ``start`` (its own week when a Monday).

    A goal's weeks are scored from here, so a goal starting on a Thursday or a
    Sunday is not judged on a partial week against a full week's target.
    """
    return week_index(start + timedelta(days=6))


def current_week(as_of: date) -> int:
    """Return the first week not yet completed as of the end of ``as_of``.

    This is the week containing ``as_of``, except on a Sunday: at the end of
    Sunday that week is complete, and the current week is the next one.
    """
    return week_index(as_of + _ONE_DAY)


def last_completed_week(as_of: date) -> int:
    """Return the last week completed as of the end of ``as_of``."""
    return current_week(as_of) - 1


class LocalCalendar:
    """Turns aware datetimes into local dates of one IANA timezone."""

    def __init__(self, timezone: str) -> None:
        """Create a calendar.

        Args:
            timezone: IANA name such as ``Europe/Oslo``.
        """
        self.timezone = timezone
        self._zone = ZoneInfo(timezone)

    def local_date(self, moment: datetime) -> date:
        """Return the local calendar date of an aware datetime."""
        return moment.astimezone(self._zone).date()

    def week_of(self, moment: datetime) -> int:
        """Return the local week index of an aware datetime."""
        return week_index(self.local_date(moment))


@dataclass(frozen=True)
class WeekWindow:
    """The weeks a goal scores as of a date."""

    first: int
    """The first scored week: the first one starting on or after the start date."""
    last: int
    """Last scored week: the last completed one, but not past the deadline's week."""
    current: int | None
    """The unfinished week shown but not scored (``None`` when outside start..deadline)."""

    @property
    def scored(self) -> range:
        """Week indexes that are scored (may be empty)."""
        return range(self.first, self.last + 1)

    @property
    def shown(self) -> range:
        """Scored weeks plus the current one when it is shown."""
        end = self.current if self.current is not None else self.last
        return range(self.first, max(end, self.last) + 1)


def week_window(start: date, deadline: date | None, as_of: date) -> WeekWindow:
    """Return the scored and shown weeks of a goal running from ``start`` to ``deadline``.

    Args:
        start: First day of the goal; scoring starts with the first week that
            starts on or after it (:func:`first_full_week`).
        deadline: Last day, or ``None`` for an open-ended goal.
        as_of: Score as of the end of this local day.

    Returns:
        The window; ``scored`` is empty before the first week is over.
    """
    first = first_full_week(start)
    now = current_week(as_of)
    last = now - 1
    end = week_index(deadline) if deadline is not None else None
    if end is not None:
        last = min(last, end)
    shown = first <= now and (end is None or now <= end)
    return WeekWindow(first=first, last=last, current=now if shown else None)
