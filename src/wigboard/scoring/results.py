"""What scoring produces: the one structure the site and the JSON API read.

Everything here is plain data (frozen dataclasses of numbers, strings,
dates). Ratios are in 0..1 (``attainment``, ``kept_rate``, ``cadence``,
``progress`` may exceed 1 when a goal is passed), XPS in 0..100. ``None``
means "no data", never zero. Weeks are ISO weeks written ``YYYY-Www`` in the
scoreboard's timezone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

from wigboard.model import SourceStatus

__all__ = [
    "CommitmentItem",
    "Commitments",
    "Finding",
    "Forecast",
    "KeyResultResult",
    "KpiComparison",
    "KpiResult",
    "LagPoint",
    "LagResult",
    "LeadResult",
    "OkrResult",
    "PersonCommitments",
    "PersonLead",
    "Predictiveness",
    "ScoreboardResult",
    "Status",
    "TeamResult",
    "WeekValue",
    "WhirlwindWeek",
    "WigChange",
    "WigResult",
    "XpsPart",
    "XpsResult",
]

Status = Literal["achieved", "green", "yellow", "red", "unclear", "no_data"]
"""``unclear``: the WIG lacks X, Y or When; ``no_data``: no actual value yet."""


@dataclass(frozen=True)
class LagPoint:
    """One measured lag value."""

    date: date
    value: float


@dataclass(frozen=True)
class Forecast:
    """Least-squares projection of the lag points."""

    value_at_deadline: float | None
    reach_date: date | None
    """Date the target is reached on the fitted line; ``None`` if never."""


@dataclass(frozen=True)
class LagResult:
    """A WIG's lag measure as of the scoring date (design §5, first block)."""

    name: str
    unit: str
    from_: float | None
    to: float | None
    start: date | None
    by: date | None
    actual: float | None
    """Latest value at or before ``as_of``."""
    actual_date: date | None
    expected: float | None
    """Value on the pace line at ``as_of``."""
    elapsed: float | None
    """Share of the time from start to deadline gone, clamped to 0..1."""
    progress: float | None
    pace_ratio: float | None
    status: Status
    required_per_week: float | None
    forecast: Forecast
    points: list[LagPoint] = field(default_factory=list)
    """All points up to ``as_of``, oldest first (for the chart)."""


@dataclass(frozen=True)
class WeekValue:
    """A lead measure's (or person's) value in one ISO week."""

    week: str
    """``2026-W27``."""
    start: date
    """Monday of the week."""
    value: float
    target: float | None
    hit: bool | None
    """``value >= target``; ``None`` without a target."""
    scored: bool = True
    """False for the current, unfinished week (shown, not scored)."""


@dataclass(frozen=True)
class PersonLead:
    """One person's weekly values for a ``per: person`` lead measure."""

    person: str
    team: str
    weeks: list[WeekValue]
    attainment: float | None


@dataclass(frozen=True)
class LeadResult:
    """A lead measure, week by week."""

    id: str
    name: str
    unit: str
    target: float | None
    """The weekly target as configured (per person when ``per == "person"``)."""
    per: Literal["team", "person"]
    attainment: float | None
    hit_rate: float | None
    weeks: list[WeekValue]
    people: list[PersonLead] = field(default_factory=list)


@dataclass(frozen=True)
class CommitmentItem:
    """One weekly commitment (for the WIG session page)."""

    key: str
    title: str
    url: str
    person: str
    week: str
    kept: bool | None
    """``None`` while the week is not over."""


@dataclass(frozen=True)
class PersonCommitments:
    """A person's commitments over the scored weeks."""

    person: str
    team: str
    made: int
    kept: int
    kept_rate: float | None


@dataclass(frozen=True)
class Commitments:
    """Commitments made and kept, over completed weeks since the WIG's start."""

    made: int
    kept: int
    kept_rate: float | None
    people: list[PersonCommitments] = field(default_factory=list)
    last_week: list[CommitmentItem] = field(default_factory=list)
    """Commitments of the last completed week (account)."""
    this_week: list[CommitmentItem] = field(default_factory=list)
    """Commitments of the current week (plan)."""


@dataclass(frozen=True)
class XpsPart:
    """One part of the execution score."""

    name: Literal["lag", "lead", "commitments", "cadence"]
    value: float | None
    """0..1, or ``None`` when the part has no data (left out)."""
    weight: float
    """Configured weight."""
    share: float
    """Renormalised weight actually used (0 when left out); the used shares sum to 1."""


@dataclass(frozen=True)
class XpsResult:
    """Execution performance score 0..100 with its breakdown."""

    score: float | None
    parts: list[XpsPart]


@dataclass(frozen=True)
class Predictiveness:
    """Pearson correlation of weekly lead attainment with next week's lag change."""

    r: float | None
    n: int
    enough_data: bool
    """False when ``n < 6`` ("not enough data")."""


@dataclass(frozen=True)
class WigChange:
    """Change since last week: the same computation at ``as_of - 7 days``."""

    xps: float | None
    actual: float | None
    pace_ratio: float | None
    previous_status: Status | None


@dataclass(frozen=True)
class WigResult:
    """Everything the scoreboard shows about one WIG."""

    id: str
    title: str
    team: str
    parent: str | None
    status: Status
    xps: XpsResult
    lag: LagResult
    lead_measures: list[LeadResult]
    commitments: Commitments
    cadence: float | None
    predictiveness: Predictiveness
    change: WigChange


@dataclass(frozen=True)
class WhirlwindWeek:
    """Share of a team's done items in a week that carry no WIG or lead label."""

    week: str
    done: int
    whirlwind: int
    ratio: float | None


@dataclass(frozen=True)
class TeamResult:
    """A team: its WIGs, commitments, cadence and whirlwind."""

    id: str
    name: str
    xps: float | None
    wigs: list[str]
    members: list[str]
    commitments: Commitments
    cadence: float | None
    session_weeks: list[str]
    """Weeks (scored) in which a WIG session was held."""
    whirlwind: list[WhirlwindWeek]


@dataclass(frozen=True)
class KeyResultResult:
    """One key result's progress."""

    name: str
    start: float | None
    target: float | None
    current: float | None
    progress: float | None
    """Clamped to 0..1."""
    weight: float
    by: date | None


@dataclass(frozen=True)
class OkrResult:
    """An objective with its graded key results."""

    id: str
    objective: str
    team: str | None
    score: float | None
    """Weighted mean of KR progress, 0..1 (the grade)."""
    status: Status
    key_results: list[KeyResultResult]


@dataclass(frozen=True)
class KpiComparison:
    """Latest value against the value one period earlier."""

    period: Literal["week", "month", "quarter", "year"]
    previous: float | None
    change: float | None
    change_pct: float | None


@dataclass(frozen=True)
class KpiResult:
    """A KPI's latest value, comparisons and status."""

    id: str
    name: str
    unit: str
    direction: Literal["up", "down"]
    latest: float | None
    latest_date: date | None
    target: float | None
    warning: float | None
    status: Status
    comparisons: list[KpiComparison]
    points: list[LagPoint] = field(default_factory=list)


@dataclass(frozen=True)
class Finding:
    """A 4DX rule (design §1 pitfalls) or data problem found by ``wigboard check``."""

    severity: Literal["error", "warning"]
    code: str
    """Stable short code, e.g. ``too-many-wigs``."""
    message: str
    location: str | None
    """``file:line:col`` in wigboard.yml, when the finding is about the config."""
    fix: str


@dataclass(frozen=True)
class ScoreboardResult:
    """The whole scored scoreboard; input of every page and of ``api/scoreboard.json``."""

    title: str
    timezone: str
    public: bool
    as_of: date
    generated_at: datetime
    current_week: str
    """The ISO week containing ``as_of`` (unfinished, not scored)."""
    sources: list[SourceStatus]
    wigs: list[WigResult]
    teams: list[TeamResult]
    org_xps: float | None
    okrs: list[OkrResult]
    kpis: list[KpiResult]
    findings: list[Finding] = field(default_factory=list)
