"""Inline SVG charts: no JavaScript, no external requests, deterministic output.

Every chart is a ``<svg role="img">`` with a ``<title>`` and a ``<desc>`` that
say in words what the chart shows; the page puts the numbers in a table next
to it. Colours are presentation attributes (the site's Content-Security-Policy
forbids inline ``style``), classes let the stylesheet adapt fonts for phones
and print. All text is escaped here: a chart never trusts its labels.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from wigboard.scoring.results import LagResult, LeadResult, Status, WeekValue
from wigboard.site_builder.env import escape_text as escape

__all__ = [
    "STATUS_COLOURS",
    "MatrixPoint",
    "lag_chart",
    "lead_bars",
    "meter",
    "selection_matrix",
    "sparkline",
    "xps_ring",
]

STATUS_COLOURS: dict[str, str] = {
    "achieved": "#6639ba",
    "green": "#1a7f37",
    "yellow": "#b35900",
    "red": "#cf222e",
    "unclear": "#6e7781",
    "no_data": "#6e7781",
}
INK = "#24292f"
MUTED = "#6e7781"
GRID = "#d0d7de"
PACE = "#57606a"


def _n(value: float) -> str:
    """Format a coordinate compactly and deterministically."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _fmt(value: float, unit: str = "") -> str:
    text = f"{value:,.1f}".removesuffix(".0")
    return text + unit if unit in {"", "%"} else f"{text} {unit}"


def _open(chart_id: str, width: int, height: int, title: str, desc: str, css: str) -> list[str]:
    cid = escape(chart_id)
    return [
        f'<svg class="wb-chart {css}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{cid}-t {cid}-d" xmlns="http://www.w3.org/2000/svg" '
        f'font-family="system-ui, sans-serif" font-size="13">',
        f'<title id="{cid}-t">{escape(title)}</title>',
        f'<desc id="{cid}-d">{escape(desc)}</desc>',
    ]


def _text(
    x: float,
    y: float,
    label: str,
    *,
    anchor: str = "start",
    fill: str = INK,
    css: str = "wb-lbl",
    halo: bool = True,
) -> str:
    return (
        f'<text class="{css}" x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}" '
        f'fill="{fill}"{_HALO if halo else ""}>{escape(label)}</text>'
    )


_HALO = ' stroke="#fff" stroke-width="3" paint-order="stroke"'
"""A white outline that keeps labels readable where they cross lines."""


@dataclass(frozen=True)
class _Scale:
    lo: float
    hi: float
    out_lo: float
    out_hi: float

    def __call__(self, value: float) -> float:
        span = self.hi - self.lo or 1.0
        return self.out_lo + (value - self.lo) / span * (self.out_hi - self.out_lo)


def _nice_ticks(lo: float, hi: float, count: int = 4) -> list[float]:
    span = hi - lo or 1.0
    raw = span / count
    magnitude = 10 ** len(str(int(raw))) / 10 if raw >= 1 else 0.1
    step = min((m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw), default=raw)
    first = (lo // step) * step
    ticks = []
    value = first
    while value <= hi + 1e-9:
        if value >= lo - 1e-9:
            ticks.append(round(value, 6))
        value += step
    return ticks


def _lag_extent(lag: LagResult) -> tuple[list[date], list[float]]:
    days = [p.date for p in lag.points]
    values = [p.value for p in lag.points]
    days += [d for d in (lag.start, lag.by) if d]
    values += [v for v in (lag.from_, lag.to, lag.forecast.value_at_deadline) if v is not None]
    return days, values


def lag_chart(lag: LagResult, as_of: date, chart_id: str) -> Markup:
    """Draw the lag measure: actual line, pace line X→Y, target, deadline and forecast.

    Args:
        lag: The WIG's lag result.
        as_of: The scoring date (a "today" marker).
        chart_id: Unique, deterministic id prefix for the SVG's title and desc.

    Returns:
        The SVG markup, or an empty string when there is nothing to draw.
    """
    days, values = _lag_extent(lag)
    if len(days) < 2 or not values:
        return Markup("")
    width, height, left, right, top, bottom = 640, 300, 48, 24, 28, 30
    lo, hi = min(values), max(values)
    pad = (hi - lo) * 0.08 or 1.0
    ys = _Scale(lo - pad, hi + pad, height - bottom, top)
    d0, d1 = min(days), max(days)
    xs = _Scale(0, (d1 - d0).days, left, width - right)

    def x(day: date) -> float:
        return xs((day - d0).days)

    colour = STATUS_COLOURS.get(lag.status, MUTED)
    desc = _lag_desc(lag)
    out = _open(
        chart_id, width, height, f"{lag.name}: actual against the pace line", desc, "wb-lag"
    )
    for tick in _nice_ticks(lo - pad, hi + pad):
        out.append(
            f'<line x1="{left}" x2="{width - right}" y1="{_n(ys(tick))}" '
            f'y2="{_n(ys(tick))}" stroke="{GRID}" stroke-width="1"/>'
        )
        out.append(_text(left - 6, ys(tick) + 4, _fmt(tick), anchor="end", fill=MUTED))
    out.append(_text(left, height - 8, d0.strftime("%b %Y"), fill=MUTED))
    out.append(_text(width - right, height - 8, d1.strftime("%b %Y"), anchor="end", fill=MUTED))
    if d0 <= as_of <= d1:
        out.append(
            f'<line x1="{_n(x(as_of))}" x2="{_n(x(as_of))}" y1="{top}" '
            f'y2="{height - bottom}" stroke="{GRID}" stroke-width="2"/>'
        )
        if lag.by is None or x(lag.by) - x(as_of) > 80:
            out.append(_text(x(as_of) - 4, top - 8, "today", anchor="end", fill=MUTED))
    out.extend(_lag_reference_lines(lag, x, ys, width - right))
    out.extend(_lag_series(lag, x, ys, colour))
    out.append("</svg>")
    return Markup("\n".join(out))


def _lag_desc(lag: LagResult) -> str:
    goal = "Goal is incomplete"
    if lag.from_ is not None and lag.to is not None:
        goal = f"Goal: from {_fmt(lag.from_, lag.unit)} to {_fmt(lag.to, lag.unit)}"
    parts = [goal]
    if lag.by:
        parts.append(f"by {lag.by.isoformat()}")
    if lag.actual is not None:
        parts.append(f"Actual {_fmt(lag.actual, lag.unit)}")
    if lag.expected is not None:
        parts.append(f"expected on pace {_fmt(lag.expected, lag.unit)}")
    if lag.forecast.value_at_deadline is not None:
        parts.append(f"forecast at deadline {_fmt(lag.forecast.value_at_deadline, lag.unit)}")
    return ". ".join(parts) + "."


def _lag_reference_lines(
    lag: LagResult, x: Callable[[date], float], ys: _Scale, right_edge: float
) -> list[str]:
    out: list[str] = []
    if lag.to is not None:
        y = ys(lag.to)
        out.append(
            f'<line x1="48" x2="{_n(right_edge)}" y1="{_n(y)}" y2="{_n(y)}" '
            f'stroke="{INK}" stroke-width="2" stroke-dasharray="2 4"/>'
        )
        out.append(_text(52, y - 7, f"target {_fmt(lag.to, lag.unit)}", css="wb-lbl wb-strong"))
    if lag.by is not None:
        bx = x(lag.by)
        out.append(
            f'<line x1="{_n(bx)}" x2="{_n(bx)}" y1="28" y2="270" stroke="{INK}" '
            'stroke-width="1.5"/>'
        )
        out.append(_text(bx - 4, 264, "deadline", anchor="end", fill=INK))
    start, by, from_, to = lag.start, lag.by, lag.from_, lag.to
    if start is not None and by is not None and from_ is not None and to is not None:
        out.append(
            f'<line x1="{_n(x(start))}" y1="{_n(ys(from_))}" x2="{_n(x(by))}" '
            f'y2="{_n(ys(to))}" stroke="{PACE}" stroke-width="2" stroke-dasharray="8 6"/>'
        )
    return out


def _lag_series(lag: LagResult, x: Callable[[date], float], ys: _Scale, colour: str) -> list[str]:
    out: list[str] = []
    pts = lag.points
    forecast = lag.forecast.value_at_deadline
    rising = forecast is not None and bool(pts) and forecast >= pts[-1].value
    if pts:
        path = " ".join(f"{_n(x(p.date))},{_n(ys(p.value))}" for p in pts)
        out.append(
            f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="3.5" '
            'stroke-linejoin="round" stroke-linecap="round"/>'
        )
        last = pts[-1]
        out.append(
            f'<circle cx="{_n(x(last.date))}" cy="{_n(ys(last.value))}" r="6" '
            f'fill="{colour}" stroke="#fff" stroke-width="2"/>'
        )
        out.append(
            _text(
                x(last.date) - 8,
                ys(last.value) + (26 if rising else -12),
                f"{_fmt(last.value, lag.unit)}",
                anchor="end",
                fill=colour,
                css="wb-lbl wb-strong",
            )
        )
    if pts and lag.by and forecast is not None and lag.by > pts[-1].date:
        out.append(
            f'<line x1="{_n(x(pts[-1].date))}" y1="{_n(ys(pts[-1].value))}" '
            f'x2="{_n(x(lag.by))}" y2="{_n(ys(forecast))}" stroke="{colour}" '
            'stroke-width="2.5" stroke-dasharray="1 5" stroke-linecap="round"/>'
        )
        out.append(
            f'<circle cx="{_n(x(lag.by))}" cy="{_n(ys(forecast))}" r="4" fill="#fff" '
            f'stroke="{colour}" stroke-width="2"/>'
        )
        out.append(
            _text(
                x(lag.by) - 8,
                ys(forecast) + (-12 if rising else 26),
                f"forecast {_fmt(forecast)}",
                anchor="end",
                fill=colour,
            )
        )
    return out


def lead_bars(lead: LeadResult, chart_id: str, max_weeks: int = 16) -> Markup:
    """Draw a lead measure: one bar per week against the weekly target line.

    Hit weeks are green, missed weeks red, the current unfinished week is an
    outline (shown, not scored).

    Args:
        lead: The lead measure result.
        chart_id: Unique id prefix.
        max_weeks: Show at most this many of the most recent weeks.

    Returns:
        The SVG markup, or an empty string without weeks.
    """
    weeks = lead.weeks[-max_weeks:]
    if not weeks:
        return Markup("")
    width, height, left, top, bottom = 640, 220, 40, 14, 28
    targets = [w.target for w in weeks if w.target is not None]
    hi = max([w.value for w in weeks] + targets + [1.0]) * 1.1
    ys = _Scale(0, hi, height - bottom, top)
    slot = (width - left - 8) / len(weeks)
    hits = sum(1 for w in weeks if w.scored and w.hit)
    scored = sum(1 for w in weeks if w.scored)
    desc = f"{lead.name}: target hit in {hits} of the last {scored} completed weeks."
    out = _open(
        chart_id, width, height, f"{lead.name} per week against the target", desc, "wb-bars"
    )
    for tick in _nice_ticks(0, hi, 3):
        out.append(
            f'<line x1="{left}" x2="{width - 8}" y1="{_n(ys(tick))}" y2="{_n(ys(tick))}" '
            f'stroke="{GRID}"/>'
        )
        out.append(_text(left - 6, ys(tick) + 4, _fmt(tick), anchor="end", fill=MUTED))
    label_every = 1 if len(weeks) <= 8 else 2 if len(weeks) <= 16 else 4
    for i, week in enumerate(weeks):
        bx = left + i * slot + slot * 0.15
        bw = slot * 0.7
        y = ys(week.value)
        colour = (
            (STATUS_COLOURS["green"] if week.hit else STATUS_COLOURS["red"])
            if week.hit is not None
            else MUTED
        )
        if week.scored:
            out.append(
                f'<rect x="{_n(bx)}" y="{_n(y)}" width="{_n(bw)}" '
                f'height="{_n(ys(0) - y)}" fill="{colour}" rx="2"/>'
            )
        else:
            out.append(
                f'<rect x="{_n(bx)}" y="{_n(y)}" width="{_n(bw)}" height="{_n(ys(0) - y)}" '
                f'fill="none" stroke="{MUTED}" stroke-width="2" stroke-dasharray="4 3"/>'
            )
        if (len(weeks) - 1 - i) % label_every == 0:
            out.append(_text(bx + bw / 2, height - 8, week.week[-3:], anchor="middle", fill=MUTED))
    out.extend(_target_steps(weeks, left, slot, ys))
    out.append("</svg>")
    return Markup("\n".join(out))


def _target_steps(weeks: Sequence[WeekValue], left: float, slot: float, ys: _Scale) -> list[str]:
    out = []
    last_target = None
    for i, week in enumerate(weeks):
        target = week.target
        if target is None:
            continue
        y = _n(ys(target))
        out.append(
            f'<line x1="{_n(left + i * slot)}" x2="{_n(left + (i + 1) * slot)}" '
            f'y1="{y}" y2="{y}" stroke="{INK}" stroke-width="2.5"/>'
        )
        last_target = target
    if last_target is not None:
        out.append(
            _text(
                left + 4, ys(last_target) - 6, f"target {_fmt(last_target)}", css="wb-lbl wb-strong"
            )
        )
    return out


def sparkline(values: Sequence[float], chart_id: str, label: str, colour: str = INK) -> Markup:
    """Draw a small trend line (KPI tables, tiles).

    Args:
        values: Values oldest first.
        chart_id: Unique id prefix.
        label: What the line shows, for the SVG title.
        colour: Line colour.

    Returns:
        The SVG markup, or an empty string with fewer than two points.
    """
    if len(values) < 2:
        return Markup("")
    width, height = 160, 40
    ys = _Scale(min(values), max(values), height - 5, 5)
    xs = _Scale(0, len(values) - 1, 4, width - 6)
    path = " ".join(f"{_n(xs(i))},{_n(ys(v))}" for i, v in enumerate(values))
    desc = f"From {_fmt(values[0])} to {_fmt(values[-1])} over {len(values)} points."
    out = _open(chart_id, width, height, f"{label} trend", desc, "wb-spark")
    out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
    out.append(
        f'<circle cx="{_n(xs(len(values) - 1))}" cy="{_n(ys(values[-1]))}" r="3.5" '
        f'fill="{colour}"/>'
    )
    out.append("</svg>")
    return Markup("".join(out))


def meter(value: float | None, status: Status, chart_id: str, label: str) -> Markup:
    """Draw a horizontal progress bar 0..1 (OKR key results, XPS parts).

    Args:
        value: The share done, or ``None`` for no data.
        status: Colour band.
        chart_id: Unique id prefix.
        label: What is measured.

    Returns:
        The SVG markup.
    """
    share = 0.0 if value is None else max(0.0, min(value, 1.0))
    said = "no data" if value is None else f"{share * 100:.0f}%"
    out = _open(chart_id, 200, 14, f"{label}: {said}", f"{said} of the way.", "wb-meter")
    out.append(f'<rect x="0" y="0" width="200" height="14" rx="7" fill="{GRID}"/>')
    if share > 0:
        out.append(
            f'<rect x="0" y="0" width="{_n(200 * share)}" height="14" rx="7" '
            f'fill="{STATUS_COLOURS.get(status, MUTED)}"/>'
        )
    out.append("</svg>")
    return Markup("".join(out))


def xps_ring(score: float | None, status: Status, chart_id: str) -> Markup:
    """Draw the XPS 0..100 as a ring gauge with the number in the middle.

    Args:
        score: XPS, or ``None`` when no part has data.
        status: Colour band of the ring.
        chart_id: Unique id prefix.

    Returns:
        The SVG markup.
    """
    radius = 40
    circumference = 2 * 3.14159265 * radius
    share = 0.0 if score is None else max(0.0, min(score / 100, 1.0))
    text = "–" if score is None else f"{score:.0f}"
    said = "no data" if score is None else f"{score:.0f} of 100"
    out = _open(chart_id, 100, 100, f"XPS {said}", "Execution performance score.", "wb-ring")
    out.append(
        f'<circle cx="50" cy="50" r="{radius}" fill="none" stroke="{GRID}" stroke-width="10"/>'
    )
    if share > 0:
        out.append(
            f'<circle cx="50" cy="50" r="{radius}" fill="none" '
            f'stroke="{STATUS_COLOURS.get(status, MUTED)}" stroke-width="10" '
            f'stroke-dasharray="{_n(circumference * share)} {_n(circumference)}" '
            'transform="rotate(-90 50 50)" stroke-linecap="round"/>'
        )
    out.append(
        f'<text class="wb-ring-num" x="50" y="58" text-anchor="middle" font-size="26" '
        f'font-weight="700" fill="currentColor">{escape(text)}</text>'
    )
    out.append("</svg>")
    return Markup("".join(out))


@dataclass(frozen=True)
class MatrixPoint:
    """A candidate placed on the selection matrix."""

    number: int
    name: str
    impact: int
    risk: int


def selection_matrix(points: Sequence[MatrixPoint], chart_id: str) -> Markup:
    """Draw the WIG selection matrix: impact (up) × risk without focus (right).

    Args:
        points: Numbered candidates; the page lists names by number.
        chart_id: Unique id prefix.

    Returns:
        The SVG markup.
    """
    size, pad = 360, 44
    cell = (size - pad - 8) / 5
    desc = "; ".join(f"{p.number}: {p.name}, impact {p.impact}, risk {p.risk}" for p in points)
    out = _open(
        chart_id, size, size, "WIG selection matrix: impact against risk", desc, "wb-matrix"
    )
    out.append(
        f'<rect x="{_n(pad + cell * 3)}" y="8" width="{_n(cell * 2)}" '
        f'height="{_n(cell * 2)}" fill="#dafbe1"/>'
    )
    out.append(
        _text(
            pad + cell * 4,
            24,
            "WIG zone",
            anchor="middle",
            fill=STATUS_COLOURS["green"],
            css="wb-lbl wb-strong",
        )
    )
    for i in range(6):
        pos = pad + i * cell
        out.append(
            f'<line x1="{_n(pos)}" x2="{_n(pos)}" y1="8" y2="{_n(8 + 5 * cell)}" stroke="{GRID}"/>'
        )
        out.append(
            f'<line x1="{pad}" x2="{_n(pad + 5 * cell)}" y1="{_n(8 + i * cell)}" '
            f'y2="{_n(8 + i * cell)}" stroke="{GRID}"/>'
        )
    out.append(
        _text(pad + 2.5 * cell, size - 6, "risk without focus →", anchor="middle", fill=MUTED)
    )
    out.append(
        f'<text class="wb-lbl" x="14" y="{_n(8 + 2.5 * cell)}" text-anchor="middle" '
        f'fill="{MUTED}" transform="rotate(-90 14 {_n(8 + 2.5 * cell)})">impact →</text>'
    )
    stacked: dict[tuple[int, int], int] = {}
    for p in points:
        risk, impact = max(1, min(p.risk, 5)), max(1, min(p.impact, 5))
        k = stacked.get((risk, impact), 0)
        stacked[(risk, impact)] = k + 1
        cx = pad + (risk - 0.5) * cell + (k % 3 - 1) * 18 * (k > 0)
        cy = 8 + (5.5 - impact) * cell + (k // 3) * 18
        fill = STATUS_COLOURS["green"] if risk >= 4 and impact >= 4 else INK
        out.append(f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="13" fill="{fill}"/>')
        out.append(
            _text(cx, cy + 5, str(p.number), anchor="middle", fill="#fff", css="wb-num", halo=False)
        )
    out.append("</svg>")
    return Markup("\n".join(out))
