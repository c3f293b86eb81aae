"""One small team scored end to end, every figure computed by hand in comments.

WIG `on-time`: 72 -> 85 from Mon 2026-02-02 to 2026-12-31 (332 days), team
`ops` = ana (gh:ana), bo (gh:bo). As of Wed 2026-02-18: W06 (2-8 Feb) and W07
(9-15 Feb) are scored, W08 is shown unscored.
"""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from scoring_helpers import config, item, local, scoring_input, series, series_wig

from wigboard.config import LeadMeasure, Selector
from wigboard.model import ItemState
from wigboard.scoring import score
from wigboard.scoring.results import ScoreboardResult

AS_OF = date(2026, 2, 18)
START = date(2026, 2, 2)


def drill(day: int, *who: str, hh: int = 12, mm: int = 0) -> object:
    return item("lead:drills", done=local(2026, 2, day, hh, mm), assignees=who)


def build(extra: list[object] | None = None) -> ScoreboardResult:
    leads = [
        LeadMeasure(id="drills", name="Drills", target=3, per="person"),
        LeadMeasure(
            id="gates",
            name="Gate checks",
            target=10,
            aggregate="sum",
            field="points",
            selector=Selector(labels=["gate"]),
        ),
    ]
    wig = series_wig("on-time", 72, 85, START, date(2026, 12, 31), leads)
    items = [
        # W06: ana 3 (one on Sunday 23:30 local), bo 1  -> team 4 of 6
        drill(2, "ana"),
        drill(4, "ana"),
        drill(8, "ana", hh=23, mm=30),
        drill(5, "bo"),
        # W07: ana 2, bo 3, one shared -> team 6 of 6; ana 3, bo 4
        drill(9, "ana"),
        drill(10, "ana"),
        drill(11, "bo"),
        drill(12, "bo"),
        drill(13, "bo"),
        drill(14, "ana", "bo"),
        # W08 (current): 1 done by T, 1 done after T
        drill(16, "ana"),
        drill(19, "ana"),
        # not counted: a pull request, and an item closed as not planned
        item("lead:drills", done=local(2026, 2, 3), assignees=["ana"], type_="pull_request"),
        dataclasses.replace(drill(3, "bo"), state=ItemState.CLOSED),  # type: ignore[type-var]
        # gate checks, summed points: W06 4 + 7 = 11 (hit), W07 5 (half)
        item("gate", done=local(2026, 2, 3), fields={"points": 4.0}),
        item("gate", done=local(2026, 2, 6), fields={"points": 7.0}),
        item("gate", done=local(2026, 2, 10), fields={"points": 5.0}),
        # commitments: W06 ana kept, bo done next week (missed); W07 ana kept Sunday 23:30,
        # bo open (missed); W08 ana (this week)
        item("commitment", created=local(2026, 2, 2), done=local(2026, 2, 6), assignees=["ana"]),
        item("commitment", created=local(2026, 2, 3), done=local(2026, 2, 10), assignees=["bo"]),
        item(
            "commitment",
            created=local(2026, 2, 9),
            done=local(2026, 2, 15, 23, 30),
            assignees=["ana"],
        ),
        item("commitment", created=local(2026, 2, 10), assignees=["bo"]),
        item("commitment", created=local(2026, 2, 16), assignees=["ana"]),
        *(extra or []),
    ]
    pts = series("on-time", (START, 72), (date(2026, 2, 18), 73))
    return score(scoring_input(config(wig), AS_OF, items=items, points=pts))  # type: ignore[arg-type]


def test_lead_per_person_week_by_week() -> None:
    drills = build().wigs[0].lead_measures[0]
    assert [(w.week, w.value, w.target, w.hit, w.scored) for w in drills.weeks] == [
        ("2026-W06", 4, 6, False, True),
        ("2026-W07", 6, 6, True, True),
        ("2026-W08", 1, 6, False, False),
    ]
    assert drills.attainment == pytest.approx((4 / 6 + 1) / 2)  # 0.8333
    assert drills.hit_rate == 0.5
    people = {p.person: p for p in drills.people}
    assert [w.value for w in people["ana"].weeks] == [3, 3, 1]
    assert [w.value for w in people["bo"].weeks] == [1, 4, 0]
    assert people["ana"].attainment == 1
    assert people["bo"].attainment == pytest.approx((1 / 3 + 1) / 2)


def test_lead_team_sum_of_points() -> None:
    gates = build().wigs[0].lead_measures[1]
    assert [w.value for w in gates.weeks] == [11, 5, 0]
    assert gates.attainment == pytest.approx((1 + 0.5) / 2)
    assert gates.hit_rate == 0.5


def test_commitments_and_inferred_cadence() -> None:
    wig = build().wigs[0]
    c = wig.commitments
    assert (c.made, c.kept, c.kept_rate) == (4, 2, 0.5)
    people = {p.person: (p.made, p.kept) for p in c.people}
    assert people == {"ana": (2, 2), "bo": (2, 0)}
    assert [(x.person, x.kept) for x in c.last_week] == [("ana", True), ("bo", False)]
    assert [(x.person, x.kept) for x in c.this_week] == [("ana", None)]
    # no wig-session items at all: weeks with commitments made count (W06, W07)
    assert wig.cadence == 1


def test_explicit_session_and_xps() -> None:
    session = item("wig-session", created=local(2026, 2, 2, 9), assignees=["bo"])
    result = build([session])
    wig = result.wigs[0]
    assert wig.cadence == 0.5  # session only in W06
    # lag: p = 1/13, f = 16/332 -> r = 332/208 = 1.596, capped at 1
    # XPS = 100 * (1 + (0.8333 + 0.75)/2 + 0.5 + 0.5) / 4 = 69.79
    expected = 100 * (1 + (5 / 6 + 0.75) / 2 + 0.5 + 0.5) / 4
    assert wig.xps.score == pytest.approx(expected)
    assert [p.share for p in wig.xps.parts] == [0.25] * 4
    team = result.teams[0]
    assert team.xps == pytest.approx(expected)
    assert result.org_xps == pytest.approx(expected)
    assert team.session_weeks == ["2026-W06"]
    # whirlwind: done items (pull requests ignored) with no wig:/lead: label that no
    # lead selector matches; the unassigned gate items belong to ops through source gh
    ww = {w.week: (w.done, w.whirlwind) for w in team.whirlwind}
    # W06 done: 4 drills + 2 gates + 1 commitment = 7, whirlwind 1 (commitment)
    # W07 done: 6 drill items + 1 gate + 2 commitments (bo's W06 one, ana's) = 9, whirlwind 2
    assert ww == {"2026-W06": (7, 1), "2026-W07": (9, 2)}
    assert result.current_week == "2026-W08"
