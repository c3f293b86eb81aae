"""The inline SVG chart module."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from datetime import date

from site_builder.factory import AS_OF, make_result
from wigboard.site_builder import charts

SVG = "{http://www.w3.org/2000/svg}"


def _parse(markup: str) -> ET.Element:
    return ET.fromstring(str(markup))


def test_lag_chart_draws_actual_pace_target_deadline_and_forecast() -> None:
    wig = make_result().wigs[0]
    root = _parse(charts.lag_chart(wig.lag, AS_OF, "c"))
    assert root.get("role") == "img" and root.get("aria-labelledby") == "c-t c-d"
    desc = root.find(f"{SVG}desc")
    assert desc is not None and "from 72% to 85%" in (desc.text or "")
    assert len(root.findall(f"{SVG}polyline")) == 1  # the actual line
    dashes = [line.get("stroke-dasharray") for line in root.findall(f"{SVG}line")]
    assert "8 6" in dashes and "2 4" in dashes and "1 5" in dashes  # pace, target, forecast
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "target 85%" in texts and "deadline" in texts and "forecast 86.1" in texts


def test_lag_chart_without_points_or_dates_is_empty() -> None:
    lag = make_result().wigs[2].lag
    assert str(charts.lag_chart(lag, AS_OF, "c")) == ""


def test_chart_labels_are_escaped() -> None:
    lag = dataclasses.replace(make_result().wigs[0].lag, name="<script>x</script>", unit="&")
    svg = str(charts.lag_chart(lag, AS_OF, 'c"><x'))
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert 'c"><x' not in svg
    _parse(svg)  # still well-formed


def test_lead_bars_colour_hits_and_misses_and_outline_the_current_week() -> None:
    lead = make_result().wigs[0].lead_measures[0]
    root = _parse(charts.lead_bars(lead, "b", max_weeks=4))
    rects = root.findall(f"{SVG}rect")
    assert len(rects) == 4
    weeks = lead.weeks[-4:]
    for rect, week in zip(rects, weeks, strict=True):
        if not week.scored:
            assert rect.get("fill") == "none" and rect.get("stroke-dasharray")
        else:
            assert rect.get("fill") == charts.STATUS_COLOURS["green" if week.hit else "red"]


def test_sparkline_and_meter_and_ring() -> None:
    assert str(charts.sparkline([1.0], "s", "x")) == ""
    spark = _parse(charts.sparkline([1.0, 3.0, 2.0], "s", "Waste"))
    assert spark.find(f"{SVG}title") is not None
    meter = _parse(charts.meter(0.5, "green", "m", "NPS"))
    assert [r.get("width") for r in meter.findall(f"{SVG}rect")] == ["200", "100"]
    empty = _parse(charts.meter(None, "no_data", "m", "NPS"))
    assert len(empty.findall(f"{SVG}rect")) == 1
    ring = _parse(charts.xps_ring(None, "no_data", "r"))
    assert [t.text for t in ring.iter(f"{SVG}text")] == ["–"]


def test_selection_matrix_places_high_high_in_the_wig_zone() -> None:
    points = [charts.MatrixPoint(1, "A", 5, 5), charts.MatrixPoint(2, "B", 1, 2)]
    root = _parse(charts.selection_matrix(points, "m"))
    circles = root.findall(f"{SVG}circle")
    assert circles[0].get("fill") == charts.STATUS_COLOURS["green"]
    assert circles[1].get("fill") != charts.STATUS_COLOURS["green"]
    assert float(circles[0].get("cx") or 0) > float(circles[1].get("cx") or 0)  # more risk: right
    assert float(circles[0].get("cy") or 0) < float(circles[1].get("cy") or 0)  # more impact: up


def test_charts_are_deterministic() -> None:
    wig = make_result().wigs[0]
    assert charts.lag_chart(wig.lag, date(2026, 7, 1), "x") == charts.lag_chart(
        wig.lag, date(2026, 7, 1), "x"
    )
