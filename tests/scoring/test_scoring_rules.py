"""``wigboard check`` findings: 4DX pitfalls and data problems."""

from __future__ import annotations

import dataclasses
from datetime import date

from scoring_helpers import config, item, local, scoring_input, series, series_wig

from wigboard.config import Config, Lag, LeadMeasure, Team, Wig
from wigboard.errors import Location
from wigboard.model import WorkItem
from wigboard.scoring import check_rules
from wigboard.scoring.inputs import ScoringInput
from wigboard.scoring.results import Finding

DRILLS = LeadMeasure(id="drills", name="Drills", target=3)
AS_OF = date(2026, 6, 3)


def _input(cfg: Config, as_of: date, items: list[WorkItem] | None = None) -> ScoringInput:
    """Score with one value for every WIG's series measure, so only the rule under test fires."""
    points = [p for w in cfg.wigs for p in series(w.id, (date(2026, 1, 1), 40))]
    return scoring_input(cfg, as_of, items=items or [], points=points)


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def test_clean_config_has_no_findings() -> None:
    session = item("wig-session", created=local(2026, 5, 26), assignees=["ana"])
    cfg = config(series_wig(leads=[DRILLS]))
    assert check_rules(_input(cfg, AS_OF, items=[session])) == []


def test_unclear_wig_names_location_and_fix() -> None:
    cfg = config(series_wig(from_=None, by=None, leads=[DRILLS]))
    cfg = dataclasses.replace(cfg, locations={"wigs[0].lag": Location("wigboard.yml", 7, 5)})
    found = [f for f in check_rules(_input(cfg, AS_OF)) if f.code == "wig-unclear"]
    assert len(found) == 1
    assert found[0].severity == "error"
    assert found[0].location == "wigboard.yml:7:5"
    assert "from (X)" in found[0].message and "by (When)" in found[0].message
    assert "from:" in found[0].fix and "by:" in found[0].fix


def test_too_many_wigs_counts_only_current_ones() -> None:
    wigs = [series_wig(f"w{i}", leads=[DRILLS]) for i in range(3)]
    found = check_rules(_input(config(*wigs), AS_OF))
    assert codes(found)[0] == "too-many-wigs"
    later = series_wig("w3", start=date(2026, 9, 1), leads=[DRILLS])  # not started yet
    found = check_rules(_input(config(*wigs[:2], later), AS_OF))
    assert "too-many-wigs" not in codes(found)


def test_lead_pitfalls_and_passed_deadline() -> None:
    no_leads = series_wig("a")
    no_target = series_wig("b", by=date(2026, 5, 31), leads=[LeadMeasure(id="x", name="X")])
    found = codes(check_rules(_input(config(no_leads, no_target), AS_OF)))
    assert {"no-lead-measures", "lead-without-target", "deadline-passed"} <= set(found)


def test_no_session_in_last_two_completed_weeks() -> None:
    # As of Wed 3 Jun the last two completed weeks are W22 (25-31 May) and W21.
    old = item("wig-session", created=local(2026, 5, 12), assignees=["ana"])  # W20
    cfg = config(series_wig(leads=[DRILLS]))
    found = check_rules(_input(cfg, AS_OF, items=[old]))
    assert codes(found) == ["no-session"]
    assert "2026-W21" in found[0].message and "2026-W22" in found[0].message
    recent = item("wig-session", created=local(2026, 5, 20), assignees=["ana"])  # W21
    assert check_rules(_input(cfg, AS_OF, items=[old, recent])) == []


def test_unknown_labels_and_unmapped_people() -> None:
    cfg = config(series_wig("on-time", leads=[DRILLS]))
    items = [
        item("wig:on-tme", key="acme/ops#1"),
        item("lead:drils", "wig:on-time", key="acme/ops#2", assignees=["ana-x"]),
        item("commitment", created=local(2026, 5, 26), assignees=["ana"]),
    ]
    found = check_rules(_input(cfg, AS_OF, items=items))
    by_code = {f.code: f for f in found}
    assert set(by_code) == {"unknown-label", "unmapped-person"}
    labels = [f.message for f in found if f.code == "unknown-label"]
    assert any("`lead:drils`" in m and "did you mean `drills`" in m for m in labels)
    assert any(
        "`wig:on-tme`" in m and "did you mean `on-time`" in m and "acme/ops#1" in m for m in labels
    )
    person = by_code["unmapped-person"]
    assert "`gh:ana-x`" in person.message and "did you mean `gh:ana`" in person.message
    assert person.severity == "warning"


def test_org_wigs_and_teams_without_members() -> None:
    cfg = config(
        series_wig("org-goal", team="org", leads=[DRILLS]), teams={"ops": Team(members={})}
    )
    assert check_rules(_input(cfg, AS_OF)) == []


def test_lag_without_source_or_data() -> None:
    bare = Wig(
        id="bare",
        title="",
        team="ops",
        lag=Lag(name="x", from_=1, to=2, by=date(2026, 12, 31)),
        lead_measures=[DRILLS],
    )
    typo = series_wig("on-time", leads=[DRILLS])
    typo = dataclasses.replace(typo, lag=dataclasses.replace(typo.lag, measure="on_tme"))
    points = series("on_time", (date(2026, 5, 1), 80))
    found = check_rules(scoring_input(config(bare, typo), AS_OF, points=points))
    by_code = {f.code: f for f in found}
    assert "lag-without-source" in by_code
    assert "did you mean `on_time`" in by_code["lag-without-data"].message
