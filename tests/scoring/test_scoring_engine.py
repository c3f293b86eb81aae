"""score(): WIG attribution of commitments, inactive WIGs, result shape."""

from __future__ import annotations

import dataclasses
from datetime import date

from scoring_helpers import config, item, local, scoring_input, series_wig

from wigboard.config import LeadMeasure, Team
from wigboard.model import Iteration
from wigboard.scoring import score
from wigboard.scoring.cadence import feeds
from wigboard.scoring.context import Context

LEAD = [LeadMeasure(id="x", name="x", target=1)]


def test_commitment_naming_a_wig_feeds_only_that_wig() -> None:
    a, b = series_wig("a", leads=LEAD), series_wig("b", leads=LEAD)
    org = series_wig("o", team="org", leads=LEAD)
    items = [
        item("commitment", created=local(2026, 3, 2), done=local(2026, 3, 3), assignees=["ana"]),
        item("commitment", "wig:a", created=local(2026, 3, 3), assignees=["bo"]),
    ]
    result = score(scoring_input(config(a, b, org), date(2026, 3, 10), items=items))
    made = {w.id: (w.commitments.made, w.commitments.kept) for w in result.wigs}
    assert made == {"a": (2, 1), "b": (1, 1), "o": (1, 1)}
    team = result.teams[0]
    assert (team.commitments.made, team.commitments.kept) == (2, 1)
    assert team.wigs == ["a", "b"]  # the org WIG belongs to no team
    assert sorted(team.members) == ["ana", "bo"]


def test_inactive_wigs_are_not_scored() -> None:
    done = dataclasses.replace(series_wig("old", leads=LEAD), active=False)
    result = score(scoring_input(config(done, series_wig("new", leads=LEAD)), date(2026, 3, 10)))
    assert [w.id for w in result.wigs] == ["new"]


def test_wig_with_no_data_scores_nothing() -> None:
    result = score(scoring_input(config(series_wig(leads=LEAD)), date(2026, 3, 10)))
    wig = result.wigs[0]
    assert wig.status == "no_data" and wig.lag.actual is None
    # lead weeks exist (value 0): attainment 0; weeks without a session: cadence 0;
    # no commitments made: that part is left out (no data, not zero)
    assert wig.lead_measures[0].attainment == 0
    assert wig.cadence == 0
    assert [p.name for p in wig.xps.parts if p.value is not None] == ["lead", "cadence"]
    assert wig.xps.score == 0
    assert wig.predictiveness.enough_data is False


def test_lead_weeks_across_both_dst_changes_in_oslo() -> None:
    # Oslo 2026-03-29 (clocks forward) and 2026-10-25 (clocks back) are Sundays.
    # Sunday 23:30 local counts in that Sunday's week; Monday 00:30 local (still
    # Sunday in UTC) counts in the next one. 2 items in W13, 1 in W14, 2 in W43, 1 in W44.
    wig = series_wig("w", start=date(2026, 3, 23), by=date(2026, 12, 31), leads=LEAD)
    items = [
        item("lead:x", done=local(2026, 3, 29, 2, 30)),  # a time skipped that night: 01:30 UTC
        item("lead:x", done=local(2026, 3, 29, 23, 30)),  # 21:30 UTC
        item("lead:x", done=local(2026, 3, 30, 0, 30)),  # 22:30 UTC on the 29th
        item("lead:x", done=local(2026, 10, 25, 2, 30)),  # the repeated hour, first pass
        item("lead:x", done=local(2026, 10, 25, 23, 30)),  # 22:30 UTC
        item("lead:x", done=local(2026, 10, 26, 0, 30)),  # 23:30 UTC on the 25th
    ]
    lead = (
        score(scoring_input(config(wig), date(2026, 11, 2), items=items)).wigs[0].lead_measures[0]
    )
    values = {w.week: w.value for w in lead.weeks}
    assert (values["2026-W13"], values["2026-W14"]) == (2, 1)
    assert (values["2026-W43"], values["2026-W44"]) == (2, 1)
    assert sum(values.values()) == len(items)


def test_sunday_as_of_scores_that_week() -> None:
    wig = series_wig("w", start=date(2026, 3, 2), leads=LEAD)
    items = [item("lead:x", done=local(2026, 3, 8, 23, 30))]
    result = score(scoring_input(config(wig), date(2026, 3, 8), items=items))
    weeks = result.wigs[0].lead_measures[0].weeks
    assert [(w.week, w.value, w.scored) for w in weeks] == [
        ("2026-W10", 1, True),
        ("2026-W11", 0, False),
    ]
    assert result.current_week == "2026-W11"


def test_context_grouping_agrees_with_feeds() -> None:
    teams = {
        "ops": Team(members={"ana": ["gh:ana"]}),
        "web": Team(members={"bo": ["gh:bo"]}),
    }
    wigs = [series_wig("a"), series_wig("b", team="web"), series_wig("o", team="org")]
    labels = [(), ("wig:a",), ("wig:b",), ("wig:a", "wig:b"), ("wig:zzz",)]
    items = [
        item("commitment", *extra, created=local(2026, 3, d + 2), assignees=[who])
        for d, extra in enumerate(labels)
        for who in ("ana", "bo")
    ] + [item("wig-session", *extra, created=local(2026, 3, 2)) for extra in labels]
    ctx = Context(scoring_input(config(*wigs, teams=teams), date(2026, 3, 20), items=items))
    assert len(ctx.commitments) == 10
    for wig in wigs:
        commits, sessions = ctx.feeding(wig)
        assert commits == [r for r in ctx.commitments if feeds(r.team, r.wigs, wig)]
        assert sessions == [s for s in ctx.sessions if feeds(s.team, s.wigs, wig)]


def test_commitment_planned_in_an_iteration_counts_in_its_week() -> None:
    # created Thu 26 Feb (W09) for the sprint starting Mon 2 Mar (W10), done Fri 6 Mar: kept in W10
    sprint = Iteration("Sprint 10", date(2026, 3, 2), date(2026, 3, 15))
    planned = dataclasses.replace(
        item("commitment", created=local(2026, 2, 26), done=local(2026, 3, 6), assignees=["ana"]),
        iteration=sprint,
    )
    wig = series_wig("w", start=date(2026, 2, 23), leads=LEAD)
    result = score(scoring_input(config(wig), date(2026, 3, 9), items=[planned])).wigs[0]
    assert [(c.week, c.kept) for c in result.commitments.last_week] == [("2026-W10", True)]
    assert (result.commitments.made, result.commitments.kept) == (1, 1)


def test_commitment_made_in_the_second_week_of_a_sprint_counts_in_that_week() -> None:
    # two-week sprint from Mon 2 Mar (W10); created Mon 9 Mar (W11), done Thu 12 Mar: kept in W11
    sprint = Iteration("Sprint 10", date(2026, 3, 2), date(2026, 3, 15))
    made = dataclasses.replace(
        item("commitment", created=local(2026, 3, 9), done=local(2026, 3, 12), assignees=["ana"]),
        iteration=sprint,
    )
    wig = series_wig("w", start=date(2026, 2, 23), leads=LEAD)
    result = score(scoring_input(config(wig), date(2026, 3, 16), items=[made])).wigs[0]
    assert [(c.week, c.kept) for c in result.commitments.last_week] == [("2026-W11", True)]


def test_per_person_measure_of_a_team_without_members_has_no_attainment() -> None:
    lead = LeadMeasure(id="x", name="x", target=2, per="person")
    cfg = config(series_wig("w", leads=[lead]), teams={"ops": Team(members={})})
    items = [item("lead:x", done=local(2026, 3, 3))]
    measure = score(scoring_input(cfg, date(2026, 3, 10), items=items)).wigs[0].lead_measures[0]
    assert measure.attainment is None and measure.hit_rate is None
    assert measure.people == []
    assert any(w.value == 1 for w in measure.weeks)
