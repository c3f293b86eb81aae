"""Lead measures (design §5): weekly values vs target, attainment and hit rate."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from wigboard.config import LeadMeasure
from wigboard.model import WorkItem
from wigboard.scoring.results import LeadResult, PersonLead, WeekValue
from wigboard.scoring.select import Matched, item_value
from wigboard.scoring.weeks import WeekWindow, week_index, week_label, week_monday

__all__ = [
    "LeadContext",
    "attainment",
    "hit_rate",
    "lead_result",
    "week_values",
    "weekly_totals",
]

PeopleOf = Callable[[WorkItem], Sequence[tuple[str, str]]]
"""Maps an item to the ``(team, person)`` of each mapped assignee."""


def weekly_totals(entries: Iterable[tuple[date, float]], as_of: date) -> dict[int, float]:
    """Sum values per week index, ignoring entries dated after ``as_of``."""
    totals: dict[int, float] = {}
    for day, value in entries:
        if day <= as_of:
            w = week_index(day)
            totals[w] = totals.get(w, 0.0) + value
    return totals


def _share(value: float, target: float) -> float:
    return 1.0 if target <= 0 else min(max(value / target, 0.0), 1.0)


def attainment(values: Sequence[float], target: float | None) -> float | None:
    """Return ``mean_w min(value_w / target, 1)``; ``None`` without target or weeks."""
    if target is None or not values:
        return None
    return sum(_share(v, target) for v in values) / len(values)


def hit_rate(values: Sequence[float], target: float | None) -> float | None:
    """Return the share of weeks with ``value_w >= target``; ``None`` without target or weeks."""
    if target is None or not values:
        return None
    return sum(1 for v in values if v >= target) / len(values)


def week_values(
    totals: dict[int, float], window: WeekWindow, target: float | None
) -> list[WeekValue]:
    """Return one row per shown week: scored weeks, then the current week unscored."""
    rows = []
    for w in window.shown:
        value = totals.get(w, 0.0)
        rows.append(
            WeekValue(
                week=week_label(w),
                start=week_monday(w),
                value=value,
                target=target,
                hit=None if target is None else value >= target,
                scored=w <= window.last,
            )
        )
    return rows


@dataclass(frozen=True)
class LeadContext:
    """Who and when a WIG's lead measures are scored for."""

    window: WeekWindow
    as_of: date
    members: Sequence[tuple[str, str]]
    """``(team, person)`` of every member the WIG's team has."""
    people_of: PeopleOf


def _scored(rows: list[WeekValue]) -> list[float]:
    return [r.value for r in rows if r.scored]


def _people(measure: LeadMeasure, matched: Sequence[Matched], ctx: LeadContext) -> list[PersonLead]:
    wanted = set(ctx.members)
    per_person: dict[tuple[str, str], list[tuple[date, float]]] = {m: [] for m in ctx.members}
    for m in matched:
        value = item_value(m.item, measure.aggregate, measure.field)
        for who in set(ctx.people_of(m.item)):
            if who in wanted:
                per_person[who].append((m.day, value))
    people = []
    for (team, person), entries in per_person.items():
        rows = week_values(weekly_totals(entries, ctx.as_of), ctx.window, measure.target)
        people.append(PersonLead(person, team, rows, attainment(_scored(rows), measure.target)))
    return people


def lead_result(measure: LeadMeasure, matched: Sequence[Matched], ctx: LeadContext) -> LeadResult:
    """Score one lead measure week by week.

    For ``per: person`` the team's weekly target is the target times the
    number of members (none without members), and each member gets their own
    rows (an item with two assignees counts for both of them, once for the team).

    Args:
        measure: The lead measure.
        matched: Done items its selector matches (local done dates).
        ctx: Window, date and people.

    Returns:
        The lead result.
    """
    per_person = measure.per == "person"
    target = measure.target
    team_target = target
    if per_person and target is not None:  # no members: no team target to score against
        team_target = target * len(ctx.members) if ctx.members else None
    entries = ((m.day, item_value(m.item, measure.aggregate, measure.field)) for m in matched)
    rows = week_values(weekly_totals(entries, ctx.as_of), ctx.window, team_target)
    scored = _scored(rows)
    return LeadResult(
        id=measure.id,
        name=measure.name,
        unit=measure.unit,
        target=target,
        per=measure.per,
        attainment=attainment(scored, team_target),
        hit_rate=hit_rate(scored, team_target),
        weeks=rows,
        people=_people(measure, matched, ctx) if per_person else [],
    )
