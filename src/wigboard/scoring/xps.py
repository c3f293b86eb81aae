"""Execution performance score (XPS): a weighted mean of four parts, 0..100."""

from __future__ import annotations

from wigboard.config import XpsWeights
from wigboard.scoring.results import XpsPart, XpsResult

__all__ = ["PART_NAMES", "xps"]

PART_NAMES = ("lag", "lead", "commitments", "cadence")


def _clamp(value: float) -> float:
    return min(max(value, 0.0), 1.0)


def xps(
    lag: float | None,
    lead: float | None,
    commitments: float | None,
    cadence: float | None,
    weights: XpsWeights,
) -> XpsResult:
    """Combine the four parts into one score, leaving out parts with no data.

    Each part is clamped to 0..1 (the lag part is the pace ratio, so a goal
    ahead of pace counts 1 and one going backwards counts 0). The weights of
    the parts that have data are renormalised to sum to 1.

    Args:
        lag: Pace ratio, or ``None``.
        lead: Mean lead attainment, or ``None``.
        commitments: Kept rate, or ``None``.
        cadence: Share of weeks with a session, or ``None``.
        weights: Configured weights (negative ones count as 0).

    Returns:
        The score (``None`` when no part has data or weight) and the breakdown.
    """
    values = dict(zip(PART_NAMES, (lag, lead, commitments, cadence), strict=True))
    raw = {name: max(float(getattr(weights, name)), 0.0) for name in PART_NAMES}
    used = sum(raw[n] for n in PART_NAMES if values[n] is not None)
    parts = []
    total = 0.0
    for name in PART_NAMES:
        value = values[name]
        share = raw[name] / used if value is not None and used > 0 else 0.0
        clamped = None if value is None else _clamp(value)
        if clamped is not None:
            total += share * clamped
        parts.append(XpsPart(name=name, value=clamped, weight=raw[name], share=share))  # type: ignore[arg-type]
    score = None if used <= 0 else min(max(100 * total, 0.0), 100.0)
    return XpsResult(score=score, parts=parts)
