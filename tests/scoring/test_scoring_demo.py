"""The bundled demo organisation (config/demo/), scored as of 2026-11-30.

The lag values below are computed by hand from config/demo/wigboard.yml and
the points of config/demo/data/finance.csv, not by the code under test.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from wigboard.config import Config, FileSource, Source
from wigboard.config_loader import load_config
from wigboard.connectors.files import read_items, read_series
from wigboard.scoring import check_rules, score
from wigboard.scoring.inputs import ScoringInput
from wigboard.scoring.results import ScoreboardResult

DEMO = Path(__file__).resolve().parents[2] / "config" / "demo" / "wigboard.yml"
AS_OF = date(2026, 11, 30)


def _items_file(config: Config, source_id: str, source: Source) -> Path:
    """The normalized items of a source.

    File sources name their file. Tracker sources (replayed GitHub/Jira
    recordings) are read here from ``data/<team>.items.jsonl``, the items
    scripts/make_demo.py generates and the recordings were made from, so this
    test needs no connector.
    """
    if isinstance(source, FileSource):
        return DEMO.parent / source.path
    teams = [
        team_id
        for team_id, team in config.teams.items()
        if any(i.startswith(f"{source_id}:") for ids in team.members.values() for i in ids)
    ]
    assert len(teams) == 1, f"no single team uses source {source_id}"
    return DEMO.parent / "data" / f"{teams[0]}.items.jsonl"


def _demo_input() -> ScoringInput:
    config = load_config(DEMO)
    items, series = [], []
    for source_id, source in config.sources.items():
        if isinstance(source, FileSource) and source.kind == "series":
            series += read_series(source_id, DEMO.parent / source.path)
        else:
            items += read_items(source_id, _items_file(config, source_id, source))
    return ScoringInput(
        config=config,
        items=items,
        series=series,
        milestones=[],
        sources=[],
        as_of=AS_OF,
        generated_at=datetime(2026, 11, 30, 12, tzinfo=UTC),
    )


@pytest.fixture(scope="module")
def demo() -> ScoreboardResult:
    return score(_demo_input())


def test_demo_on_time(demo: ScoreboardResult) -> None:
    # 72 -> 85 %, 2026-01-01 -> 2026-12-31 (364 days); T - S = 333 days.
    # finance.csv: on_time 81.26 on 2026-11-30 (the latest at or before T).
    # f = 333/364 = 0.914835; E = 72 + 13*333/364 = 83.892857
    # p = (81.26-72)/13 = 0.712308; r = p/f = 9.26*28/333 = 0.778619 -> yellow (0.7 <= r < 0.9)
    # required = (85-81.26) / (31/7) = 0.844516 per week
    lag = {w.id: w for w in demo.wigs}["on-time"].lag
    assert (lag.actual, lag.actual_date) == (81.26, date(2026, 11, 30))
    assert lag.elapsed == pytest.approx(0.914835, abs=1e-6)
    assert lag.expected == pytest.approx(83.892857, abs=1e-6)
    assert lag.progress == pytest.approx(0.712308, abs=1e-6)
    assert lag.pace_ratio == pytest.approx(0.778619, abs=1e-6)
    assert lag.status == "yellow"
    assert lag.required_per_week == pytest.approx(0.844516, abs=1e-6)


def test_demo_five_star(demo: ScoreboardResult) -> None:
    # 42 -> 55 %, 2026-02-01 -> 2027-01-31 (364 days); T - S = 302 days.
    # finance.csv: five_star 47.65 on 2026-11-30.
    # f = 302/364 = 0.829670; E = 42 + 13*302/364 = 52.785714
    # p = 5.65/13 = 0.434615; r = 5.65*28/302 = 0.523841 -> red; required = 7.35 / (62/7) = 0.829839
    lag = {w.id: w for w in demo.wigs}["five-star"].lag
    assert lag.actual == 47.65
    assert lag.expected == pytest.approx(52.785714, abs=1e-6)
    assert lag.progress == pytest.approx(0.434615, abs=1e-6)
    assert lag.pace_ratio == pytest.approx(0.523841, abs=1e-6)
    assert lag.status == "red"
    assert lag.required_per_week == pytest.approx(0.829839, abs=1e-6)


def test_demo_waste_decreasing(demo: ScoreboardResult) -> None:
    # $44M -> $31M (decreasing), 2026-01-01 -> 2026-12-31; T - S = 333 days.
    # finance.csv: waste 36.41 on 2026-11-27 (no point between then and T).
    # E = 44 - 13*333/364 = 32.107143; p = (36.41-44)/(31-44) = 0.583846
    # r = 7.59*28/333 = 0.638198 -> red; required = (31-36.41)/(31/7) = -1.221613
    lag = {w.id: w for w in demo.wigs}["waste"].lag
    assert (lag.actual, lag.actual_date) == (36.41, date(2026, 11, 27))
    assert lag.expected == pytest.approx(32.107143, abs=1e-6)
    assert lag.progress == pytest.approx(0.583846, abs=1e-6)
    assert lag.pace_ratio == pytest.approx(0.638198, abs=1e-6)
    assert lag.status == "red"
    assert lag.required_per_week == pytest.approx(-1.221613, abs=1e-6)


def test_demo_is_complete_and_plausible(demo: ScoreboardResult) -> None:
    assert demo.current_week == "2026-W49"
    assert [t.id for t in demo.teams] == ["ground-ops", "guest-experience", "procurement"]
    for wig in demo.wigs:
        assert wig.xps.score is not None and 0 <= wig.xps.score <= 100
        assert all(p.value is not None for p in wig.xps.parts)
        assert wig.commitments.made > 0
        assert wig.cadence is not None
        for lead in wig.lead_measures:
            scored = [w for w in lead.weeks if w.scored]
            assert scored and scored[-1].week == "2026-W48"
            assert lead.attainment is not None and lead.attainment > 0
        assert wig.change.previous_status is not None
    assert demo.org_xps is not None
    assert len(demo.okrs) == 2 and len(demo.kpis) == 4


def test_demo_check_has_no_errors_and_finds_the_planted_problems() -> None:
    findings = check_rules(_demo_input())
    assert [f for f in findings if f.severity == "error"] == []
    messages = {f.code: f.message for f in findings}
    # the demo plants a mistyped label and an unmapped contractor (scripts/make_demo.py)
    assert "`lead:drils`" in messages["unknown-label"]
    assert "did you mean `drills`" in messages["unknown-label"]
    assert "`gh:temp-contractor-7`" in messages["unmapped-person"]
