"""Machine-readable outputs: ``api/scoreboard.json``, status badges and the Atom feed.

All three are pure functions of the scoring result (no clock reads), so two
builds of the same result are byte-identical. None of them carries people's
names or ticket titles, so they are the same in public mode.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any

from wigboard.scoring.results import (
    KpiResult,
    LeadResult,
    OkrResult,
    ScoreboardResult,
    TeamResult,
    WigResult,
)
from wigboard.site_builder.charts import STATUS_COLOURS
from wigboard.site_builder.env import STATUS_WORDS, get_env

__all__ = ["API_VERSION", "atom_feed", "badge_svg", "dump_json", "scoreboard_json"]

API_VERSION = 1
"""Bumped when a key of ``api/scoreboard.json`` changes meaning or disappears."""


def _d(value: date | datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _lead(lead: LeadResult) -> dict[str, Any]:
    return {
        "id": lead.id,
        "name": lead.name,
        "unit": lead.unit,
        "per": lead.per,
        "target": lead.target,
        "attainment": lead.attainment,
        "hit_rate": lead.hit_rate,
        "weeks": [
            {"week": w.week, "value": w.value, "target": w.target, "hit": w.hit, "scored": w.scored}
            for w in lead.weeks
        ],
    }


def _wig(wig: WigResult) -> dict[str, Any]:
    lag = wig.lag
    return {
        "id": wig.id,
        "title": wig.title,
        "team": wig.team,
        "parent": wig.parent,
        "status": wig.status,
        "xps": wig.xps.score,
        "xps_parts": [
            {"name": p.name, "value": p.value, "weight": p.weight, "share": p.share}
            for p in wig.xps.parts
        ],
        "lag": {
            "name": lag.name,
            "unit": lag.unit,
            "from": lag.from_,
            "to": lag.to,
            "start": _d(lag.start),
            "by": _d(lag.by),
            "actual": lag.actual,
            "actual_date": _d(lag.actual_date),
            "expected": lag.expected,
            "elapsed": lag.elapsed,
            "progress": lag.progress,
            "pace_ratio": lag.pace_ratio,
            "status": lag.status,
            "required_per_week": lag.required_per_week,
            "forecast": {
                "value_at_deadline": lag.forecast.value_at_deadline,
                "reach_date": _d(lag.forecast.reach_date),
            },
        },
        "lead_measures": [_lead(m) for m in wig.lead_measures],
        "commitments": {
            "made": wig.commitments.made,
            "kept": wig.commitments.kept,
            "kept_rate": wig.commitments.kept_rate,
        },
        "cadence": wig.cadence,
        "predictiveness": {
            "r": wig.predictiveness.r,
            "n": wig.predictiveness.n,
            "enough_data": wig.predictiveness.enough_data,
        },
        "change": {
            "xps": wig.change.xps,
            "actual": wig.change.actual,
            "pace_ratio": wig.change.pace_ratio,
            "previous_status": wig.change.previous_status,
        },
    }


def _team(team: TeamResult) -> dict[str, Any]:
    return {
        "id": team.id,
        "name": team.name,
        "xps": team.xps,
        "wigs": list(team.wigs),
        "members": len(team.members),
        "commitments": {
            "made": team.commitments.made,
            "kept": team.commitments.kept,
            "kept_rate": team.commitments.kept_rate,
        },
        "cadence": team.cadence,
        "session_weeks": list(team.session_weeks),
        "whirlwind": [
            {"week": w.week, "done": w.done, "whirlwind": w.whirlwind, "ratio": w.ratio}
            for w in team.whirlwind
        ],
    }


def _okr(okr: OkrResult) -> dict[str, Any]:
    return {
        "id": okr.id,
        "objective": okr.objective,
        "team": okr.team,
        "score": okr.score,
        "status": okr.status,
        "key_results": [
            {
                "name": kr.name,
                "start": kr.start,
                "target": kr.target,
                "current": kr.current,
                "progress": kr.progress,
                "weight": kr.weight,
                "by": _d(kr.by),
            }
            for kr in okr.key_results
        ],
    }


def _kpi(kpi: KpiResult) -> dict[str, Any]:
    return {
        "id": kpi.id,
        "name": kpi.name,
        "unit": kpi.unit,
        "direction": kpi.direction,
        "latest": kpi.latest,
        "latest_date": _d(kpi.latest_date),
        "target": kpi.target,
        "warning": kpi.warning,
        "status": kpi.status,
        "comparisons": [
            {
                "period": c.period,
                "previous": c.previous,
                "change": c.change,
                "change_pct": c.change_pct,
            }
            for c in kpi.comparisons
        ],
    }


def scoreboard_json(result: ScoreboardResult) -> dict[str, Any]:
    """Return the ``api/scoreboard.json`` document (design §6, plus documented extras).

    The §6 keys are all present; extras are ``api_version``, ``title``,
    ``timezone``, ``current_week``, ``org_xps``, ``teams`` (member counts, not
    names), per WIG ``parent``, ``xps_parts``, ``predictiveness``, ``change``,
    lag ``name``/``unit``/``status``/``elapsed``/``actual_date``, per lead
    measure ``name``/``unit``/``per`` and per week ``scored``. Dates are
    ISO-8601, weeks ``YYYY-Www``; ``null`` means no data.

    Args:
        result: The scored scoreboard.

    Returns:
        A JSON-serialisable dict.
    """
    return {
        "api_version": API_VERSION,
        "title": result.title,
        "generated_at": _d(result.generated_at),
        "as_of": _d(result.as_of),
        "timezone": result.timezone,
        "current_week": result.current_week,
        "public": result.public,
        "org_xps": result.org_xps,
        "sources": [
            {
                "id": s.source,
                "ok": s.ok,
                "last_sync": _d(s.last_sync),
                "stale": s.stale,
                "items": s.items,
            }
            for s in result.sources
        ],
        "wigs": [_wig(w) for w in result.wigs],
        "teams": [_team(t) for t in result.teams],
        "okrs": [_okr(o) for o in result.okrs],
        "kpis": [_kpi(k) for k in result.kpis],
    }


def dump_json(document: dict[str, Any]) -> str:
    """Serialise deterministically (sorted keys, fixed separators, trailing newline)."""
    return (
        json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    )


def _text_width(text: str) -> int:
    """Approximate the width of text in 11px Verdana, as shields.io badges do."""
    wide = sum(1 for ch in text if ch.isupper() or ch in "mwMW%@")
    return int(len(text) * 6.5 + wide * 1.5) + 10


def badge_svg(wig: WigResult) -> str:
    """Return a shields-style status badge: ``<wig-id> | <icon> <status> · XPS <n>``.

    Args:
        wig: The WIG.

    Returns:
        A standalone SVG document.
    """
    label = wig.id
    xps = "–" if wig.xps.score is None else f"{wig.xps.score:.0f}"
    message = f"{STATUS_WORDS.get(wig.status, 'No data yet').lower()} · XPS {xps}"
    left, right = _text_width(label), _text_width(message)
    return (
        get_env()
        .get_template("badge.svg.j2")
        .render(
            label=label,
            message=message,
            colour=STATUS_COLOURS.get(wig.status, "#6e7781"),
            left=left,
            right=right,
            width=left + right,
        )
    )


def _weeks_done(result: ScoreboardResult) -> list[tuple[str, date]]:
    weeks: dict[str, date] = {}
    for wig in result.wigs:
        for lead in wig.lead_measures:
            for w in lead.weeks:
                if w.scored:
                    weeks[w.week] = w.start
    return sorted(weeks.items())


def atom_feed(result: ScoreboardResult, site_url: str = "") -> str:
    """Return an Atom feed with one entry per completed week and each WIG's lead results.

    Args:
        result: The scored scoreboard.
        site_url: Public URL of the site (``scoreboard.site_url``), used for links and ids.

    Returns:
        The feed XML.
    """
    base = site_url.rstrip("/") + "/" if site_url.startswith(("http://", "https://")) else ""
    entries = []
    for week, monday in reversed(_weeks_done(result)):
        lines = []
        for wig in result.wigs:
            for lead in wig.lead_measures:
                found = next((w for w in lead.weeks if w.week == week), None)
                if found is not None:
                    lines.append((wig.title, lead.name, found))
        updated = datetime.combine(monday + timedelta(days=7), datetime.min.time())
        entries.append({"week": week, "updated": updated.isoformat() + "Z", "lines": lines})
    return (
        get_env()
        .get_template("feed.xml.j2")
        .render(
            result=result,
            base=base,
            feed_id=(base or "urn:wigboard:") + ("feed.xml" if base else _urn(result.title)),
            updated=result.generated_at.isoformat(),
            entries=entries[:52],
        )
    )


def _urn(title: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in title.lower()).strip("-") or "scoreboard"
