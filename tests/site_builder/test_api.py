"""api/scoreboard.json, badges and the Atom feed."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import date, datetime

from site_builder.factory import make_result
from wigboard.site_builder import atom_feed, badge_svg, scoreboard_json
from wigboard.site_builder.api import dump_json

ATOM = "{http://www.w3.org/2005/Atom}"
WEEK = re.compile(r"^\d{4}-W\d{2}$")


def test_json_has_every_key_of_design_section_6() -> None:
    data = scoreboard_json(make_result())
    assert {"generated_at", "as_of", "sources", "wigs", "okrs", "kpis"} <= data.keys()
    assert set(data["sources"][0]) >= {"id", "ok", "last_sync", "stale"}
    wig = data["wigs"][0]
    assert {
        "id",
        "title",
        "team",
        "status",
        "xps",
        "lag",
        "lead_measures",
        "commitments",
        "cadence",
    } <= wig.keys()
    assert {
        "from",
        "to",
        "start",
        "by",
        "actual",
        "expected",
        "progress",
        "pace_ratio",
        "required_per_week",
        "forecast",
    } <= wig["lag"].keys()
    assert set(wig["lag"]["forecast"]) == {"value_at_deadline", "reach_date"}
    lead = wig["lead_measures"][0]
    assert {"id", "target", "attainment", "hit_rate", "weeks"} <= lead.keys()
    assert {"week", "value", "target", "hit"} <= lead["weeks"][0].keys()
    assert set(wig["commitments"]) == {"made", "kept", "kept_rate"}


def test_json_dates_are_iso_and_weeks_are_iso_weeks() -> None:
    data = scoreboard_json(make_result())
    assert data["as_of"] == "2026-07-01"
    assert datetime.fromisoformat(data["generated_at"]).tzinfo is not None
    wig = data["wigs"][0]
    assert date.fromisoformat(wig["lag"]["by"]) == date(2026, 12, 31)
    assert wig["lag"]["forecast"]["reach_date"] == "2026-12-02"
    weeks = [w["week"] for m in wig["lead_measures"] for w in m["weeks"]]
    assert weeks and all(WEEK.match(w) for w in weeks)
    assert data["wigs"][2]["xps"] is None  # no data is null, never zero


def test_json_has_no_names_even_when_private() -> None:
    text = dump_json(scoreboard_json(make_result()))
    assert "Ana Lima" not in text and "turnaround drill at gate" not in text
    assert json.loads(text)["teams"][0]["members"] == 3


def test_badge_is_an_svg_with_label_status_and_xps() -> None:
    for wig in make_result().wigs:
        root = ET.fromstring(badge_svg(wig))
        texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
        assert texts[0] == wig.id
        score = "–" if wig.xps.score is None else f"{wig.xps.score:.0f}"
        assert texts[1] is not None and texts[1].endswith(f"XPS {score}")
    on_time = badge_svg(make_result().wigs[0])
    assert "on pace · XPS 88" in on_time and "#1a7f37" in on_time


def test_feed_has_one_entry_per_completed_week_newest_first() -> None:
    result = make_result()
    root = ET.fromstring(atom_feed(result, "https://acme.example/board"))
    entries = root.findall(f"{ATOM}entry")
    completed = [w.week for w in result.wigs[0].lead_measures[0].weeks if w.scored]
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        f"Week {w}" for w in reversed(completed)
    ]
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert (
        len(set(ids)) == len(ids)
        and ids[0] == f"https://acme.example/board/feed.xml#{completed[-1]}"
    )
    first = entries[0].findtext(f"{ATOM}content") or ""
    assert "Turnaround drills" in first
    assert root.findtext(f"{ATOM}updated") == "2026-07-01T06:00:00+00:00"


def test_feed_without_site_url_uses_urn_ids_and_ignores_unsafe_urls() -> None:
    text = atom_feed(make_result(), "javascript:alert(1)")
    assert "javascript" not in text and "<id>urn:wigboard:" in text
    ET.fromstring(text)
