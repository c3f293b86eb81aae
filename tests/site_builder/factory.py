"""Hand-made scoring results and configs for the site builder tests.

Scoring is written separately, so these objects are built by hand in the
shape of ``wigboard.scoring.results``: a small Acme Air with three WIGs
(increasing, decreasing, and one without data), two teams, OKRs, KPIs and
candidates. ``hostile`` puts an XSS corpus into every tracker-text field.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta

from wigboard.config import (
    Candidate,
    Config,
    FileSource,
    Kpi,
    Lag,
    LeadMeasure,
    Okr,
    Scoreboard,
    Team,
    Wig,
)
from wigboard.model import SourceStatus
from wigboard.scoring.results import (
    CommitmentItem,
    Commitments,
    Forecast,
    KeyResultResult,
    KpiComparison,
    KpiResult,
    LagPoint,
    LagResult,
    LeadResult,
    OkrResult,
    PersonCommitments,
    PersonLead,
    Predictiveness,
    ScoreboardResult,
    TeamResult,
    WeekValue,
    WhirlwindWeek,
    WigChange,
    WigResult,
    XpsPart,
    XpsResult,
)

AS_OF = date(2026, 7, 1)
START = date(2026, 2, 2)

XSS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    '"><svg onload=alert(3)>',
    "[click](javascript:alert(4))",
    "[x](JaVaScRiPt:alert(5))",
    "[y](&#106;avascript:alert(6))",
    "<a href='java\tscript:alert(7)'>t</a>",
    "```\n</div><script>alert(8)</script>\n```",
    "{{7*7}}",
]
"""Strings an attacker can put in a ticket title, label or display name."""

PEOPLE = {"ground-ops": ["Ana Lima", "Bo Kim", "Chidi Obi"], "guest": ["Dana Frost", "Emil Berg"]}
TITLES = ["Run turnaround drill at gate 12", "Audit de-icing checklist", "Call back 5 guests"]


def _weeks(first: date, count: int) -> list[date]:
    return [first + timedelta(weeks=i) for i in range(count)]


def week_id(day: date) -> str:
    """Return the ISO week of a date as ``YYYY-Www``."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _week_values(target: float, values: list[float]) -> list[WeekValue]:
    mondays = _weeks(START, len(values))
    out = []
    for i, (monday, value) in enumerate(zip(mondays, values, strict=True)):
        scored = i < len(values) - 1
        out.append(
            WeekValue(
                week=week_id(monday),
                start=monday,
                value=value,
                target=target,
                hit=value >= target,
                scored=scored,
            )
        )
    return out


def _lead(
    measure_id: str, name: str, target: float, values: list[float], people: list[str]
) -> LeadResult:
    weeks = _week_values(target * max(len(people), 1), values)
    scored = [w for w in weeks if w.scored]
    attainment = sum(min(w.value / (w.target or 1), 1) for w in scored) / len(scored)
    person_leads = [
        PersonLead(
            person=person,
            team="ground-ops",
            weeks=_week_values(target, [max(v / len(people) - j, 0) for v in values]),
            attainment=max(attainment - 0.1 * j, 0),
        )
        for j, person in enumerate(people)
    ]
    return LeadResult(
        id=measure_id,
        name=name,
        unit="",
        target=target,
        per="person" if people else "team",
        attainment=attainment,
        hit_rate=sum(1 for w in scored if w.hit) / len(scored),
        weeks=weeks,
        people=person_leads,
    )


def _commitments(people: list[str], titles: list[str]) -> Commitments:
    last = [
        CommitmentItem(
            key=f"OPS-{10 + i}",
            title=titles[i % len(titles)],
            url=f"https://github.com/acme-air/ground-ops/issues/{10 + i}",
            person=people[i % len(people)],
            week=week_id(AS_OF - timedelta(weeks=1)),
            kept=i % 2 == 0,
        )
        for i in range(max(len(people), len(titles)))
    ]
    this = [
        dataclasses.replace(c, key=f"OPS-{40 + i}", week=week_id(AS_OF), kept=None)
        for i, c in enumerate(last)
    ]
    return Commitments(
        made=40,
        kept=31,
        kept_rate=31 / 40,
        people=[
            PersonCommitments(p, "ground-ops", 14, 11 - i, (11 - i) / 14)
            for i, p in enumerate(people)
        ],
        last_week=last,
        this_week=this,
    )


def _xps(
    lag: float | None, lead: float | None, kept: float | None, cadence: float | None
) -> XpsResult:
    values = {"lag": lag, "lead": lead, "commitments": kept, "cadence": cadence}
    used = [v for v in values.values() if v is not None]
    share = 1 / len(used) if used else 0
    parts = [
        XpsPart(name=name, value=v, weight=25, share=share if v is not None else 0)  # type: ignore[arg-type]
        for name, v in values.items()
    ]
    score = sum(min(v, 1) for v in used) * share * 100 if used else None
    return XpsResult(score=score, parts=parts)


def _on_time(people: list[str], titles: list[str], wig_title: str) -> WigResult:
    points = [
        LagPoint(START + timedelta(weeks=i), 72 + 0.35 * i + (i % 3) * 0.4) for i in range(22)
    ]
    lag = LagResult(
        name="On-time departures",
        unit="%",
        from_=72,
        to=85,
        start=START,
        by=date(2026, 12, 31),
        actual=points[-1].value,
        actual_date=points[-1].date,
        expected=76.5,
        elapsed=0.45,
        progress=0.57,
        pace_ratio=1.02,
        status="green",
        required_per_week=0.2,
        forecast=Forecast(value_at_deadline=86.1, reach_date=date(2026, 12, 2)),
        points=points,
    )
    drills = [3, 5, 9, 6, 8, 9, 10, 7, 9, 8, 9, 11, 9, 10, 12, 9, 8, 10, 11, 9, 10, 4]
    return WigResult(
        id="on-time",
        title=wig_title,
        team="ground-ops",
        parent=None,
        status="green",
        xps=_xps(1.0, 0.86, 0.78, 0.9),
        lag=lag,
        lead_measures=[
            _lead("drills", "Turnaround drills", 3, [float(v) for v in drills], people),
            _lead("gate-checks", "Gate checks", 10, [float(8 + i % 5) for i in range(22)], []),
        ],
        commitments=_commitments(people, titles),
        cadence=0.9,
        predictiveness=Predictiveness(r=0.62, n=20, enough_data=True),
        change=WigChange(xps=3.4, actual=0.4, pace_ratio=0.02, previous_status="yellow"),
    )


def _waste() -> WigResult:
    points = [LagPoint(START + timedelta(weeks=2 * i), 44 - 0.4 * i) for i in range(11)]
    lag = LagResult(
        name="Waste",
        unit="$M",
        from_=44,
        to=31,
        start=START,
        by=date(2026, 12, 31),
        actual=points[-1].value,
        actual_date=points[-1].date,
        expected=38.2,
        elapsed=0.45,
        progress=0.31,
        pace_ratio=0.68,
        status="red",
        required_per_week=-0.35,
        forecast=Forecast(value_at_deadline=36.5, reach_date=None),
        points=points,
    )
    return WigResult(
        id="waste",
        title="Cut procurement waste",
        team="procurement",
        parent=None,
        status="red",
        xps=_xps(0.68, None, None, 0.5),
        lag=lag,
        lead_measures=[],
        commitments=Commitments(made=0, kept=0, kept_rate=None),
        cadence=0.5,
        predictiveness=Predictiveness(r=None, n=3, enough_data=False),
        change=WigChange(xps=-2.0, actual=-0.2, pace_ratio=-0.05, previous_status="red"),
    )


def _unclear() -> WigResult:
    lag = LagResult(
        name="Five-star ratings",
        unit="%",
        from_=42,
        to=None,
        start=START,
        by=None,
        actual=None,
        actual_date=None,
        expected=None,
        elapsed=None,
        progress=None,
        pace_ratio=None,
        status="unclear",
        required_per_week=None,
        forecast=Forecast(value_at_deadline=None, reach_date=None),
    )
    return WigResult(
        id="five-star",
        title="More five-star ratings",
        team="guest",
        parent=None,
        status="unclear",
        xps=_xps(None, None, None, None),
        lag=lag,
        lead_measures=[],
        commitments=Commitments(made=0, kept=0, kept_rate=None),
        cadence=None,
        predictiveness=Predictiveness(r=None, n=0, enough_data=False),
        change=WigChange(xps=None, actual=None, pace_ratio=None, previous_status=None),
    )


def make_result(
    *, public: bool = False, hostile: bool = False, stale: bool = False
) -> ScoreboardResult:
    """Return a hand-made scoreboard of three WIGs, two teams, OKRs and KPIs.

    Args:
        public: Set ``public`` (the site must then hide names and titles).
        hostile: Put the XSS corpus in titles, names and WIG titles.
        stale: Mark the jira source as failed and stale.
    """
    people = list(PEOPLE["ground-ops"])
    titles = list(TITLES)
    wig_title = "Increase on-time departures"
    if hostile:
        people = [*people, *XSS[:3]]
        titles = [*XSS, *titles]
        wig_title = "On time " + XSS[0] + XSS[3]
    on_time = _on_time(people, titles, wig_title)
    teams = [
        TeamResult(
            id="ground-ops",
            name="Ground Ops",
            xps=on_time.xps.score,
            wigs=["on-time"],
            members=people,
            commitments=on_time.commitments,
            cadence=0.9,
            session_weeks=[week_id(d) for d in _weeks(START, 20)],
            whirlwind=[
                WhirlwindWeek(week_id(d), 20 + i % 4, 7 + i % 5, (7 + i % 5) / (20 + i % 4))
                for i, d in enumerate(_weeks(START, 21))
            ],
        ),
        TeamResult(
            id="guest",
            name="Guest Experience",
            xps=None,
            wigs=["five-star"],
            members=list(PEOPLE["guest"]),
            commitments=Commitments(made=0, kept=0, kept_rate=None),
            cadence=None,
            session_weeks=[],
            whirlwind=[],
        ),
    ]
    fetched = datetime(2026, 7, 1, 5, 0, tzinfo=UTC)
    sources = [
        SourceStatus("gh", True, fetched, False, None, 120),
        SourceStatus(
            "jira",
            not stale,
            fetched - timedelta(days=3 if stale else 0),
            stale,
            "HTTP 503 from Jira" if stale else None,
            40,
        ),
        SourceStatus("finance", True, fetched, False, None, 0),
    ]
    kpi_points = [
        LagPoint(START + timedelta(weeks=i), 40 - 0.3 * i + (i % 4) * 0.5) for i in range(22)
    ]
    return ScoreboardResult(
        title="Acme Air — execution scoreboard",
        timezone="Europe/Oslo",
        public=public,
        as_of=AS_OF,
        generated_at=datetime(2026, 7, 1, 6, 0, tzinfo=UTC),
        current_week=week_id(AS_OF),
        sources=sources,
        wigs=[on_time, _waste(), _unclear()],
        teams=teams,
        org_xps=80.3,
        okrs=[
            OkrResult(
                id="punctual",
                objective="Be the most punctual airline in the region",
                team=None,
                score=0.55,
                status="yellow",
                key_results=[
                    KeyResultResult("NPS", 31, 45, 38, 0.5, 2, date(2026, 12, 31)),
                    KeyResultResult("Ramp-safety training", 0, 1, 0.65, 0.65, 1, date(2026, 9, 30)),
                ],
            )
        ],
        kpis=[
            KpiResult(
                id="waste",
                name="Waste",
                unit="$M",
                direction="down",
                latest=kpi_points[-1].value,
                latest_date=kpi_points[-1].date,
                target=31,
                warning=38,
                status="yellow",
                comparisons=[
                    KpiComparison("week", 34.2, -0.9, -0.026),
                    KpiComparison("quarter", 37.0, -3.7, -0.1),
                    KpiComparison("year", None, None, None),
                ],
                points=kpi_points,
            )
        ],
    )


def make_config(*, public: bool = False, hostile: bool = False) -> Config:
    """Return a config matching :func:`make_result` (teams, WIGs, candidates)."""
    members = {name: [f"gh:{name.split()[0].lower()}"] for name in PEOPLE["ground-ops"]}
    candidates = [
        Candidate("On-time departures", 5, 5, "Our brand promise"),
        Candidate("Cut procurement waste", 4, 3),
        Candidate("New lounge", 2, 2),
        Candidate("Five-star ratings", 4, 4),
    ]
    if hostile:
        members.update({x: [f"gh:x{i}"] for i, x in enumerate(XSS[:3])})
        candidates.append(Candidate(XSS[1], 3, 5, XSS[3]))
    lag = Lag(name="On-time departures", from_=72, to=85, start=START, by=date(2026, 12, 31))
    return Config(
        scoreboard=Scoreboard(
            title="Acme Air — execution scoreboard", public=public, timezone="Europe/Oslo"
        ),
        sources={"finance": FileSource(kind="series", path="data/finance.csv")},
        teams={
            "ground-ops": Team(members=members, name="Ground Ops"),
            "guest": Team(
                members={n: [f"jira:{n[:2]}"] for n in PEOPLE["guest"]}, name="Guest Experience"
            ),
        },
        wigs=[
            Wig(
                "on-time",
                "Increase on-time departures",
                "ground-ops",
                lag,
                [LeadMeasure("drills", "Turnaround drills", 3, "person")],
            ),
        ],
        okrs=[Okr("Be the most punctual airline in the region", [])],
        kpis=[Kpi("waste", "Waste", "$M", direction="down", target=31, warning=38)],
        candidates=candidates,
    )
