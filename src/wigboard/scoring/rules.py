"""``wigboard check``: the 4DX pitfalls of design §1 and data problems in tickets.

Every finding has a stable ``code``, names the config location when it is
about the config, and says what to do.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from datetime import date

from wigboard.config import Wig
from wigboard.model import identity
from wigboard.scoring.cadence import session_weeks
from wigboard.scoring.context import ORG, Context, lag_source, wig_deadline, wig_selector
from wigboard.scoring.inputs import ScoringInput
from wigboard.scoring.results import Finding
from wigboard.scoring.values import source_kind
from wigboard.scoring.weeks import first_full_week, last_completed_week, week_label

__all__ = ["MAX_WIGS", "check_rules", "current_wigs", "did_you_mean", "rule_findings"]

MAX_WIGS = 2
"""A team has at most two WIGs at once."""
_EXAMPLES = 3


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return `` (did you mean `x`?)`` for the closest choice, or an empty string."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean `{close[0]}`?)" if close else ""


def _where(ctx: Context, path: str) -> str | None:
    loc = ctx.config.where(path)
    return str(loc) if loc is not None else None


def current_wigs(ctx: Context, as_of: date) -> list[tuple[int, Wig]]:
    """Active WIGs whose start..deadline contains ``as_of`` (missing ends count as open)."""
    out = []
    for i, wig in enumerate(ctx.config.wigs):
        by = wig_deadline(wig, ctx.inp)
        started = wig.lag.start is None or wig.lag.start <= as_of
        if wig.active and started and (by is None or as_of <= by):
            out.append((i, wig))
    return out


def _unclear(ctx: Context, i: int, wig: Wig) -> Finding | None:
    lag = wig.lag
    missing = []
    if lag.milestone is None:
        missing += [k for k, v in (("from (X)", lag.from_), ("to (Y)", lag.to)) if v is None]
    if wig_deadline(wig, ctx.inp) is None:
        missing.append("by (When)")
    if not missing:
        return None
    return Finding(
        "error",
        "wig-unclear",
        f"WIG `{wig.id}` is not written 'from X to Y by When': {', '.join(missing)} missing.",
        _where(ctx, f"wigs[{i}].lag"),
        f"Add {', '.join(m.split()[0] + ':' for m in missing)} under wigs[{i}].lag.",
    )


def _wig_findings(ctx: Context, as_of: date) -> list[Finding]:
    findings: list[Finding] = []
    for i, wig in enumerate(ctx.config.wigs):
        if not wig.active:
            continue
        unclear = _unclear(ctx, i, wig)
        if unclear is not None:
            findings.append(unclear)
        if not wig.lead_measures:
            findings.append(
                Finding(
                    "warning",
                    "no-lead-measures",
                    f"WIG `{wig.id}` has a lag measure but no lead measures to act on.",
                    _where(ctx, f"wigs[{i}]"),
                    f"Add one to three weekly behaviours under wigs[{i}].lead_measures.",
                )
            )
        for j, lead in enumerate(wig.lead_measures):
            if lead.target is None:
                findings.append(
                    Finding(
                        "warning",
                        "lead-without-target",
                        f"Lead measure `{lead.id}` of WIG `{wig.id}` has no weekly target.",
                        _where(ctx, f"wigs[{i}].lead_measures[{j}]"),
                        f"Add `target:` (per week) to wigs[{i}].lead_measures[{j}].",
                    )
                )
        by = wig_deadline(wig, ctx.inp)
        if by is not None and by < as_of:
            findings.append(
                Finding(
                    "warning",
                    "deadline-passed",
                    f"WIG `{wig.id}` passed its deadline {by.isoformat()} but is still active.",
                    _where(ctx, f"wigs[{i}].lag.by"),
                    f"Set `active: false` on wigs[{i}] (or move `by:` if the goal was extended).",
                )
            )
    return findings


def _lag_data_findings(ctx: Context) -> list[Finding]:
    """Active WIGs whose lag has no way to get a value, or a series measure with no points."""
    findings = []
    for i, wig in enumerate(ctx.config.wigs):
        if not wig.active:
            continue
        spec = lag_source(wig)
        default = wig_selector(wig, ctx.config.scoreboard.labels.wig)
        kind = source_kind(spec, ctx.config, default)
        if kind == "none":
            findings.append(
                Finding(
                    "warning",
                    "lag-without-source",
                    f"The lag of WIG `{wig.id}` has no value source.",
                    _where(ctx, f"wigs[{i}].lag"),
                    f"Give wigs[{i}].lag a `source:` and `measure:` (series), a `selector:` "
                    "(tickets) or a `milestone:`.",
                )
            )
        elif (
            kind == "series"
            and spec.measure is not None
            and not ctx.series.points(spec.source, spec.measure)
        ):
            hint = did_you_mean(spec.measure, ctx.series.measures(spec.source))
            findings.append(
                Finding(
                    "warning",
                    "lag-without-data",
                    f"Measure `{spec.measure}` of WIG `{wig.id}` has no values in "
                    f"source `{spec.source}`{hint}.",
                    _where(ctx, f"wigs[{i}].lag.measure"),
                    "Add rows for it to the series file, or fix the measure name.",
                )
            )
    return findings


def _team_findings(ctx: Context, as_of: date) -> list[Finding]:
    findings: list[Finding] = []
    current = current_wigs(ctx, as_of)
    last = last_completed_week(as_of)
    for team in sorted({w.team for _, w in current}):
        own = [(i, w) for i, w in current if w.team == team]
        if len(own) > MAX_WIGS:
            ids = ", ".join(f"`{w.id}`" for _, w in own)
            findings.append(
                Finding(
                    "error",
                    "too-many-wigs",
                    f"Team `{team}` has {len(own)} active WIGs ({ids}); focus means at most "
                    f"{MAX_WIGS}.",
                    _where(ctx, f"wigs[{own[MAX_WIGS][0]}].team"),
                    "Keep the two that matter most; set `active: false` on the others.",
                )
            )
        starts = [w.lag.start for _, w in own if w.lag.start is not None]
        if team == ORG or not starts or first_full_week(min(starts)) > last - 1:
            continue
        commits, sessions = ctx.of_team(team)
        held = session_weeks(sessions, commits, as_of)
        if last not in held and last - 1 not in held:
            findings.append(
                Finding(
                    "warning",
                    "no-session",
                    f"Team `{team}` held no WIG session in {week_label(last - 1)} or "
                    f"{week_label(last)}.",
                    _where(ctx, f"teams.{team}"),
                    "Hold the weekly WIG session and record it with a ticket labelled "
                    f"`{ctx.config.scoreboard.labels.session}` (or have people make commitments).",
                )
            )
    return findings


def _label_findings(ctx: Context) -> list[Finding]:
    labels = ctx.config.scoreboard.labels
    wig_ids = {w.id for w in ctx.config.wigs}
    lead_ids = {m.id for w in ctx.config.wigs for m in w.lead_measures}
    seen: dict[str, list[str]] = {}
    for label, indexes in ctx.index.by_label.items():
        for prefix, known in ((labels.wig, wig_ids), (labels.lead, lead_ids)):
            if label.startswith(prefix) and label[len(prefix) :] not in known:
                seen[label] = [ctx.index.items[n].key for n in indexes]
    findings = []
    for label in sorted(seen):
        prefix = labels.wig if label.startswith(labels.wig) else labels.lead
        known = wig_ids if prefix == labels.wig else lead_ids
        keys = seen[label]
        hint = did_you_mean(label[len(prefix) :], known)
        findings.append(
            Finding(
                "warning",
                "unknown-label",
                f"Label `{label}` names no configured id{hint}; on {len(keys)} ticket(s): "
                f"{', '.join(keys[:_EXAMPLES])}{' ...' if len(keys) > _EXAMPLES else ''}.",
                None,
                "Relabel the tickets, or add the id to wigboard.yml.",
            )
        )
    return findings


def _people_findings(ctx: Context) -> list[Finding]:
    unmapped: dict[str, list[str]] = {}
    mapped: set[str] = set()
    for item in ctx.index.items:
        for login in item.assignees:
            ident = identity(item.source, login)
            if ident in mapped:
                continue
            if ctx.config.person_of(ident) is None:
                unmapped.setdefault(ident, []).append(item.key)
            else:
                mapped.add(ident)
    known = [i for team in ctx.config.teams.values() for ids in team.members.values() for i in ids]
    return [
        Finding(
            "warning",
            "unmapped-person",
            f"Assignee `{ident}` is not mapped to a person{did_you_mean(ident, known)}; "
            f"on {len(keys)} ticket(s): {', '.join(keys[:_EXAMPLES])}"
            f"{' ...' if len(keys) > _EXAMPLES else ''}.",
            _where(ctx, "teams"),
            f"Add `{ident}` to a person under `teams: <team>: members:`.",
        )
        for ident, keys in sorted(unmapped.items())
    ]


def rule_findings(ctx: Context, as_of: date) -> list[Finding]:
    """Return every finding for a prepared context (errors first)."""
    found = (
        _wig_findings(ctx, as_of)
        + _lag_data_findings(ctx)
        + _team_findings(ctx, as_of)
        + _label_findings(ctx)
        + _people_findings(ctx)
    )
    return sorted(found, key=lambda f: f.severity != "error")


def check_rules(inp: ScoringInput) -> list[Finding]:
    """Apply the 4DX rules and data checks of ``wigboard check``.

    Args:
        inp: Config, items and the date to check as of.

    Returns:
        Findings, errors first; each with a stable code, location and fix.
    """
    return rule_findings(Context(inp), inp.as_of)
