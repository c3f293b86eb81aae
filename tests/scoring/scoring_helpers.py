"""Small builders for scoring tests (config objects are built directly, no YAML)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from wigboard.config import (
    Config,
    FileSource,
    GitHubSource,
    Lag,
    LeadMeasure,
    Scoreboard,
    Team,
    Wig,
)
from wigboard.model import ItemState, SeriesPoint, WorkItem
from wigboard.scoring.inputs import ScoringInput

OSLO = ZoneInfo("Europe/Oslo")
GENERATED = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)


def local(y: int, m: int, d: int, hh: int = 12, mm: int = 0, tz: ZoneInfo = OSLO) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=tz)


_counter = iter(range(1, 10**9))


def item(
    *labels: str,
    done: datetime | None = None,
    created: datetime | None = None,
    assignees: Sequence[str] = (),
    source: str = "gh",
    type_: str = "issue",
    fields: dict[str, float | str] | None = None,
    key: str | None = None,
) -> WorkItem:
    created = created or (done if done is not None else local(2026, 1, 5))
    return WorkItem(
        source=source,
        key=key or f"acme/ops#{next(_counter)}",
        title="t",
        url="https://example.test/1",
        type=type_,
        state=ItemState.DONE if done is not None else ItemState.OPEN,
        created=created,
        done=done,
        labels=tuple(labels),
        assignees=tuple(assignees),
        fields=fields or {},
        container="acme/ops",
    )


def series(measure: str, *points: tuple[date, float], source: str = "finance") -> list[SeriesPoint]:
    return [SeriesPoint(source, measure, d, v) for d, v in points]


def config(
    *wigs: Wig,
    teams: dict[str, Team] | None = None,
    timezone: str = "Europe/Oslo",
) -> Config:
    return Config(
        scoreboard=Scoreboard(timezone=timezone),
        sources={
            "gh": GitHubSource(kind="github", repos=["acme/ops"]),
            "finance": FileSource(kind="series", path="finance.csv"),
        },
        teams=teams
        if teams is not None
        else {"ops": Team(members={"ana": ["gh:ana"], "bo": ["gh:bo"]})},
        wigs=list(wigs),
    )


def series_wig(
    wig_id: str = "w",
    from_: float | None = 44,
    to: float | None = 31,
    start: date | None = date(2026, 1, 1),
    by: date | None = date(2026, 12, 31),
    leads: Sequence[LeadMeasure] = (),
    team: str = "ops",
) -> Wig:
    return Wig(
        id=wig_id,
        title=wig_id,
        team=team,
        lag=Lag(
            name="m",
            from_=from_,
            to=to,
            start=start,
            by=by,
            source="finance",
            measure=wig_id,
        ),
        lead_measures=list(leads),
    )


def scoring_input(
    cfg: Config,
    as_of: date,
    items: Sequence[WorkItem] = (),
    points: Sequence[SeriesPoint] = (),
) -> ScoringInput:
    return ScoringInput(
        config=cfg,
        items=list(items),
        series=list(points),
        milestones=[],
        sources=[],
        as_of=as_of,
        generated_at=GENERATED,
    )
