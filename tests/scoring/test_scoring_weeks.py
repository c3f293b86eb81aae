"""Weeks in the scoreboard's timezone, including both 2026 DST changes in Oslo."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from wigboard.scoring.lead import weekly_totals
from wigboard.scoring.weeks import (
    LocalCalendar,
    current_week,
    first_full_week,
    last_completed_week,
    week_index,
    week_label,
    week_monday,
    week_sunday,
    week_window,
)

OSLO = LocalCalendar("Europe/Oslo")


def utc(y: int, m: int, d: int, hh: int, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=UTC)


def test_week_index_is_monday_aligned() -> None:
    w = week_index(date(2026, 3, 25))  # a Wednesday
    assert week_monday(w) == date(2026, 3, 23)
    assert week_sunday(w) == date(2026, 3, 29)
    assert week_label(w) == "2026-W13"
    assert week_label(week_index(date(2021, 1, 3))) == "2020-W53"  # ISO year != calendar year


def test_sunday_2330_local_counts_in_that_week_on_spring_dst_day() -> None:
    # 2026-03-29 is the Sunday clocks jump 02:00 -> 03:00 in Oslo (UTC+2 afterwards).
    sunday_2330 = utc(2026, 3, 29, 21, 30)  # 23:30 CEST
    monday_0030 = utc(2026, 3, 29, 22, 30)  # 00:30 CEST on Monday 30th, still Sunday in UTC
    assert week_label(OSLO.week_of(sunday_2330)) == "2026-W13"
    assert week_label(OSLO.week_of(monday_0030)) == "2026-W14"


def test_autumn_dst_repeated_hour_stays_in_sunday() -> None:
    # 2026-10-25: 03:00 CEST -> 02:00 CET, so 02:30 local happens twice.
    first_0230 = utc(2026, 10, 25, 0, 30)  # 02:30 CEST
    second_0230 = utc(2026, 10, 25, 1, 30)  # 02:30 CET
    sunday_2330 = utc(2026, 10, 25, 22, 30)  # 23:30 CET
    monday_0030 = utc(2026, 10, 25, 23, 30)  # 00:30 CET Monday
    for moment in (first_0230, second_0230, sunday_2330):
        assert OSLO.local_date(moment) == date(2026, 10, 25)
        assert week_label(OSLO.week_of(moment)) == "2026-W43"
    assert week_label(OSLO.week_of(monday_0030)) == "2026-W44"


def _hourly(start: datetime, hours: int) -> list[tuple[date, float]]:
    return [(OSLO.local_date(start + timedelta(hours=h)), 1.0) for h in range(hours)]


def test_dst_weeks_lose_or_double_nothing() -> None:
    # One item per real hour for three weeks around each change. Local week
    # W13 (23-29 March) has 7*24 - 1 = 167 hours, W43 (19-25 Oct) has 169.
    spring = _hourly(utc(2026, 3, 15, 23), 21 * 24)  # from Mon 16 Mar 00:00 CET
    totals = weekly_totals(spring, date(2027, 1, 1))
    assert totals[week_index(date(2026, 3, 18))] == 168
    assert totals[week_index(date(2026, 3, 25))] == 167
    assert totals[week_index(date(2026, 4, 1))] == 168
    assert totals[week_index(date(2026, 4, 6))] == 1  # 504 real hours reach Mon 6 Apr 00:xx
    assert sum(totals.values()) == 21 * 24

    autumn = _hourly(utc(2026, 10, 11, 22), 21 * 24)  # from Mon 12 Oct 00:00 CEST
    totals = weekly_totals(autumn, date(2027, 1, 1))
    assert totals[week_index(date(2026, 10, 14))] == 168
    assert totals[week_index(date(2026, 10, 21))] == 169
    assert totals[week_index(date(2026, 10, 28))] == 504 - 168 - 169
    assert sum(totals.values()) == 21 * 24


def test_current_week_and_sunday_as_of() -> None:
    monday = date(2026, 11, 30)
    assert week_label(current_week(monday)) == "2026-W49"
    assert week_label(last_completed_week(monday)) == "2026-W48"
    sunday = date(2026, 11, 29)  # at the end of Sunday, W48 is complete
    assert week_label(last_completed_week(sunday)) == "2026-W48"
    assert week_label(current_week(sunday)) == "2026-W49"


def test_week_window_bounds() -> None:
    window = week_window(date(2026, 2, 2), date(2026, 12, 31), date(2026, 2, 18))
    assert [week_label(w) for w in window.scored] == ["2026-W06", "2026-W07"]
    assert window.current is not None and week_label(window.current) == "2026-W08"
    assert list(window.shown) == [*window.scored, window.current]

    before = week_window(date(2026, 2, 2), date(2026, 12, 31), date(2026, 1, 10))
    assert list(before.scored) == [] and before.current is None

    after = week_window(date(2026, 2, 2), date(2026, 3, 4), date(2026, 6, 1))
    assert week_label(after.last) == "2026-W10" and after.current is None


def test_scoring_starts_with_the_first_full_week() -> None:
    assert week_label(first_full_week(date(2026, 2, 2))) == "2026-W06"  # a Monday: its own week
    assert week_label(first_full_week(date(2026, 1, 1))) == "2026-W02"  # Thursday -> Mon 5 Jan
    assert week_label(first_full_week(date(2026, 2, 1))) == "2026-W06"  # Sunday -> Mon 2 Feb
    window = week_window(date(2026, 2, 1), None, date(2026, 2, 10))
    assert [week_label(w) for w in window.scored] == ["2026-W06"]
