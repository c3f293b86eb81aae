"""Score one WIG as of a date: lag, lead measures, commitments, cadence, XPS."""

from __future__ import annotations

from datetime import date, timedelta

from wigboard.config import Wig
from wigboard.scoring.cadence import cadence, commitments_for, session_weeks
from wigboard.scoring.context import (
    Context,
    lag_source,
    lead_selector,
    wig_deadline,
    wig_selector,
)
from wigboard.scoring.lag import LagFacts, evaluate_lag, progress
from wigboard.scoring.lead import LeadContext, lead_result
from wigboard.scoring.results import (
    LagPoint,
    LagResult,
    LeadResult,
    Predictiveness,
    WigChange,
    WigResult,
)
from wigboard.scoring.signals import predictiveness
from wigboard.scoring.values import (
    find_milestone,
    latest_at,
    milestone_points,
    source_kind,
    ticket_points,
)
from wigboard.scoring.weeks import WeekWindow, first_full_week, week_window
from wigboard.scoring.xps import xps

__all__ = ["first_week", "lag_values", "score_wig", "wig_change"]

LagData = tuple[LagFacts, LagPoint | None, list[LagPoint]]


def _tracker(ctx: Context, source: str | None) -> str | None:
    """Return ``source`` when it names a tracker (not a series file), for item filtering."""
    src = ctx.config.sources.get(source) if source else None
    return source if src is not None and getattr(src, "kind", "") != "series" else None


def lag_values(ctx: Context, wig: Wig, as_of: date) -> LagData:
    """Return the lag's X/Y/start/deadline, its actual value and its points as of a date.

    A missing ``start`` is taken from the first data point. A milestone lag
    measures percent done: ``from`` defaults to 0, ``to`` to 100, unit ``%``.
    """
    lag = wig.lag
    spec = lag_source(wig)
    default = wig_selector(wig, ctx.config.scoreboard.labels.wig)
    kind = source_kind(spec, ctx.config, default)
    by = wig_deadline(wig, ctx.inp)
    x, y, unit, start = lag.from_, lag.to, lag.unit, lag.start
    points: list[LagPoint] = []
    actual: LagPoint | None = None
    if kind == "series":
        assert spec.measure is not None
        every = ctx.series.points(spec.source, spec.measure)
        start = start or (every[0].date if every else None)
        actual = latest_at(every, as_of)
        points = [p for p in every if p.date <= as_of and (start is None or p.date >= start)]
    elif kind == "tickets":
        selector = spec.selector or default
        source = _tracker(ctx, spec.source)
        if start is None:
            matched = ctx.index.done_matching(selector, source)
            start = matched[0].day if matched else None
        if start is not None:
            points = ticket_points(ctx.index, spec, selector, x or 0.0, (start, as_of))
            actual = points[-1] if points else LagPoint(as_of, x or 0.0)
    elif kind == "milestone":
        assert lag.milestone is not None
        x = 0.0 if x is None else x
        y = 100.0 if y is None else y
        unit = unit or "%"
        found = find_milestone(lag.milestone, ctx.inp.milestones)
        points = milestone_points(ctx.index, lag.milestone, found, (start, as_of))
        start = start or (points[0].date if points else None)
        actual = points[-1] if points else None
    return LagFacts(lag.name, unit, x, y, start, by), actual, points


def _window(start: date | None, by: date | None, as_of: date) -> WeekWindow:
    """The WIG's weeks; with no known start nothing is scored yet."""
    return week_window(start if start is not None else as_of + timedelta(days=1), by, as_of)


def _attainment_by_week(leads: list[LeadResult], window: WeekWindow) -> dict[int, float]:
    by_week: dict[int, list[float]] = {}
    for lead in leads:
        for offset, row in enumerate(lead.weeks):
            if row.scored and row.target is not None:
                share = 1.0 if row.target <= 0 else min(max(row.value / row.target, 0.0), 1.0)
                by_week.setdefault(window.first + offset, []).append(share)
    return {w: sum(v) / len(v) for w, v in by_week.items()}


def _predictiveness(lag: LagResult, leads: list[LeadResult], window: WeekWindow) -> Predictiveness:
    x, y = lag.from_, lag.to

    def progress_of(value: float) -> float | None:
        return progress(x, y, value) if x is not None and y is not None else None

    return predictiveness(_attainment_by_week(leads, window), lag.points, progress_of, window)


def score_wig(ctx: Context, wig: Wig, as_of: date) -> WigResult:
    """Score one WIG as of the end of a day (``change`` is left empty; see :func:`wig_change`).

    Args:
        ctx: The run's indexes and records.
        wig: The WIG.
        as_of: The scoring date.

    Returns:
        The WIG's result.
    """
    facts, actual, points = lag_values(ctx, wig, as_of)
    lag = evaluate_lag(facts, actual, points, as_of, ctx.config.scoreboard.thresholds)
    window = _window(facts.start, facts.by, as_of)
    members = ctx.members(wig.team)
    lead_ctx = LeadContext(window, as_of, members, ctx.people_of)
    prefix = ctx.config.scoreboard.labels.lead
    leads = [
        lead_result(m, ctx.index.done_matching(lead_selector(m.id, m.selector, prefix)), lead_ctx)
        for m in wig.lead_measures
    ]
    commits, sessions = ctx.feeding(wig)
    commitments = commitments_for(commits, window, as_of, members)
    wig_cadence = cadence(session_weeks(sessions, commits, as_of), window)
    attained = [m.attainment for m in leads if m.attainment is not None]
    score = xps(
        lag.pace_ratio,
        sum(attained) / len(attained) if attained else None,
        commitments.kept_rate,
        wig_cadence,
        ctx.config.scoreboard.xps_weights,
    )
    return WigResult(
        id=wig.id,
        title=wig.title,
        team=wig.team,
        parent=wig.parent,
        status=lag.status,
        xps=score,
        lag=lag,
        lead_measures=leads,
        commitments=commitments,
        cadence=wig_cadence,
        predictiveness=_predictiveness(lag, leads, window),
        change=WigChange(None, None, None, None),
    )


def _diff(now: float | None, before: float | None) -> float | None:
    return now - before if now is not None and before is not None else None


def wig_change(now: WigResult, before: WigResult | None) -> WigChange:
    """Return the change between a WIG's result and its result a week earlier."""
    if before is None:
        return WigChange(None, None, None, None)
    return WigChange(
        xps=_diff(now.xps.score, before.xps.score),
        actual=_diff(now.lag.actual, before.lag.actual),
        pace_ratio=_diff(now.lag.pace_ratio, before.lag.pace_ratio),
        previous_status=before.status,
    )


def first_week(wigs: list[WigResult]) -> int | None:
    """Return the first scored week of the earliest-starting WIG result."""
    starts = [w.lag.start for w in wigs if w.lag.start is not None]
    return first_full_week(min(starts)) if starts else None
