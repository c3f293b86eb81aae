"""The one entry point: score a whole scoreboard as of a date."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from wigboard.config import KeyResult, Kpi, Okr
from wigboard.scoring.cadence import cadence, commitments_for, session_weeks
from wigboard.scoring.context import Context, lead_selector
from wigboard.scoring.inputs import ScoringInput
from wigboard.scoring.kpi import compare, kpi_status
from wigboard.scoring.okr import grade_status, kr_progress, objective_score, okr_id
from wigboard.scoring.results import (
    KeyResultResult,
    KpiResult,
    LagPoint,
    OkrResult,
    ScoreboardResult,
    TeamResult,
    WigResult,
)
from wigboard.scoring.rules import rule_findings
from wigboard.scoring.select import item_value
from wigboard.scoring.signals import whirlwind_weeks
from wigboard.scoring.values import (
    ValueSource,
    find_milestone,
    latest_at,
    milestone_points,
    source_kind,
)
from wigboard.scoring.weeks import (
    current_week,
    last_completed_week,
    week_index,
    week_label,
    week_monday,
    week_sunday,
    week_window,
)
from wigboard.scoring.wig import first_week, score_wig, wig_change

__all__ = ["score"]

WhirlCounts = dict[str, dict[int, tuple[int, int]]]


def _tied_items(ctx: Context) -> set[int]:
    """Indexes of items with a ``wig:``/``lead:`` label or matched by a lead measure."""
    labels = ctx.config.scoreboard.labels
    prefixes = (labels.wig, labels.lead)
    tied: set[int] = set()
    for label, indexes in ctx.index.by_label.items():
        if label.startswith(prefixes):
            tied.update(indexes)
    matched: set[int] = set()
    for wig in ctx.config.wigs:
        for m in wig.lead_measures:
            sel = lead_selector(m.id, m.selector, labels.lead)
            matched.update(id(x.item) for x in ctx.index.done_matching(sel))
    if matched:
        tied.update(n for n, item in enumerate(ctx.index.items) if id(item) in matched)
    return tied


def _whirlwind_counts(ctx: Context) -> WhirlCounts:
    """Per team and week: done items, and those tied to no WIG or lead measure."""
    tied = _tied_items(ctx)
    wig_team = {w.id: w.team for w in ctx.config.wigs}
    counts: dict[str, dict[int, list[int]]] = {}
    items = ctx.index.items
    for n, day in enumerate(ctx.index.done):
        if day is None:
            continue
        item = items[n]
        if item.type == "pull_request":  # PRs count only when a selector asks for them
            continue
        week = (day.toordinal() - 1) // 7  # week_index, inlined: this loop sees every item
        for team in ctx.teams_of(item, wig_team):
            row = counts.setdefault(team, {}).setdefault(week, [0, 0])
            row[0] += 1
            row[1] += n not in tied
    return {t: {w: (r[0], r[1]) for w, r in weeks.items()} for t, weeks in counts.items()}


def _score_team(
    ctx: Context, team_id: str, wigs: list[WigResult], whirl: WhirlCounts, as_of: date
) -> TeamResult:
    own = [w for w in wigs if w.team == team_id]
    scores = [w.xps.score for w in own if w.xps.score is not None]
    commits, sessions = ctx.of_team(team_id)
    first = first_week(own)
    if first is None:
        first = min((c.week for c in commits), default=current_week(as_of))
    window = week_window(week_monday(first), None, as_of)
    members = ctx.members(team_id)
    held = session_weeks(sessions, commits, as_of)
    team = ctx.config.teams[team_id]
    return TeamResult(
        id=team_id,
        name=team.name or team_id,
        xps=sum(scores) / len(scores) if scores else None,
        wigs=[w.id for w in own],
        members=[person for _, person in members],
        commitments=commitments_for(commits, window, as_of, members),
        cadence=cadence(held, window),
        session_weeks=[week_label(w) for w in window.scored if w in held],
        whirlwind=whirlwind_weeks(whirl.get(team_id, {}), window),
    )


def _score_wigs(ctx: Context, as_of: date) -> list[WigResult]:
    return [score_wig(ctx, w, as_of) for w in ctx.config.wigs if w.active]


def _ticket_total(ctx: Context, spec: ValueSource, as_of: date) -> float | None:
    if spec.selector is None:
        return None
    matched = ctx.index.done_matching(spec.selector, None)
    return sum(item_value(m.item, spec.aggregate, spec.field) for m in matched if m.day <= as_of)


def _score_kr(ctx: Context, kr: KeyResult, as_of: date) -> KeyResultResult:
    spec = ValueSource(kr.source, kr.measure, kr.selector, kr.aggregate, kr.field, kr.milestone)
    kind = source_kind(spec, ctx.config, None)
    start, target, by = kr.start, kr.target, kr.by
    current: float | None = None
    if kind == "series" and spec.measure is not None:
        point = latest_at(ctx.series.points(spec.source, spec.measure), as_of)
        current = point.value if point else None
    elif kind == "tickets":
        total = _ticket_total(ctx, spec, as_of)
        current = None if total is None else (start or 0.0) + total
    elif kind == "milestone" and kr.milestone is not None:
        start = 0.0 if start is None else start
        target = 100.0 if target is None else target
        found = find_milestone(kr.milestone, ctx.inp.milestones)
        by = by or (found.due if found else None)
        points = milestone_points(ctx.index, kr.milestone, found, (None, as_of))
        current = points[-1].value if points else None
    return KeyResultResult(
        name=kr.name,
        start=start,
        target=target,
        current=current,
        progress=kr_progress(start, target, current),
        weight=kr.weight,
        by=by,
    )


def _score_okr(ctx: Context, okr: Okr, as_of: date) -> OkrResult:
    krs = [_score_kr(ctx, kr, as_of) for kr in okr.key_results]
    grade = objective_score(krs)
    return OkrResult(
        id=okr_id(okr.id, okr.objective),
        objective=okr.objective,
        team=okr.team,
        score=grade,
        status=grade_status(grade, okr.aspirational),
        key_results=krs,
    )


def _kpi_points(ctx: Context, kpi: Kpi, as_of: date) -> list[LagPoint]:
    """Series points up to T, or the ticket aggregate of each completed week (dated Sunday)."""
    spec = ValueSource(kpi.source, kpi.measure, kpi.selector, kpi.aggregate, kpi.field)
    kind = source_kind(spec, ctx.config, None)
    if kind == "series" and kpi.measure is not None:
        return [p for p in ctx.series.points(kpi.source, kpi.measure) if p.date <= as_of]
    if kind != "tickets" or kpi.selector is None:
        return []
    matched = ctx.index.done_matching(kpi.selector, None)
    last = last_completed_week(as_of)
    totals: dict[int, float] = {}
    for m in matched:
        w = week_index(m.day)
        if w <= last:
            totals[w] = totals.get(w, 0.0) + item_value(m.item, kpi.aggregate, kpi.field)
    if not totals:
        return []
    return [LagPoint(week_sunday(w), totals.get(w, 0.0)) for w in range(min(totals), last + 1)]


def _score_kpi(ctx: Context, kpi: Kpi, as_of: date) -> KpiResult:
    points = _kpi_points(ctx, kpi, as_of)
    latest = latest_at(points, as_of)
    value = latest.value if latest else None
    return KpiResult(
        id=kpi.id,
        name=kpi.name,
        unit=kpi.unit,
        direction=kpi.direction,
        latest=value,
        latest_date=latest.date if latest else None,
        target=kpi.target,
        warning=kpi.warning,
        status=kpi_status(value, kpi.target, kpi.warning, kpi.direction == "up"),
        comparisons=[compare(points, as_of, p) for p in kpi.compare],
        points=points,
    )


def score(inp: ScoringInput) -> ScoreboardResult:
    """Score the whole scoreboard as of ``inp.as_of`` (the end of that local day).

    Computes every active WIG (lag, lead measures, commitments, cadence, XPS,
    predictiveness), the change since last week (the same computation as of
    seven days earlier), teams, the organisation XPS, OKRs, KPIs and the
    ``wigboard check`` findings. Pure: no I/O and no clock.

    Args:
        inp: Config, items, series, milestones, source statuses and the date.

    Returns:
        The scoreboard result the site and ``api/scoreboard.json`` read.
    """
    ctx = Context(inp)
    whirl = _whirlwind_counts(ctx)
    earlier = {w.id: w for w in _score_wigs(ctx, inp.as_of - timedelta(days=7))}
    wigs = [_with_change(w, earlier.get(w.id)) for w in _score_wigs(ctx, inp.as_of)]
    teams = [_score_team(ctx, t, wigs, whirl, inp.as_of) for t in inp.config.teams]
    team_scores = [t.xps for t in teams if t.xps is not None]
    sb = inp.config.scoreboard
    return ScoreboardResult(
        title=sb.title,
        timezone=sb.timezone,
        public=sb.public,
        as_of=inp.as_of,
        generated_at=inp.generated_at,
        current_week=week_label(current_week(inp.as_of)),
        sources=list(inp.sources),
        wigs=wigs,
        teams=teams,
        org_xps=sum(team_scores) / len(team_scores) if team_scores else None,
        okrs=[_score_okr(ctx, o, inp.as_of) for o in inp.config.okrs],
        kpis=[_score_kpi(ctx, k, inp.as_of) for k in inp.config.kpis],
        findings=rule_findings(ctx, inp.as_of),
    )


def _with_change(now: WigResult, before: WigResult | None) -> WigResult:
    return replace(now, change=wig_change(now, before))
