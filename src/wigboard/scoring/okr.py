"""OKRs: clamped key-result progress rolled up into a graded objective."""

from __future__ import annotations

import re
from collections.abc import Sequence

from wigboard.scoring.results import KeyResultResult, Status

__all__ = ["grade_status", "kr_progress", "objective_score", "okr_id"]


def kr_progress(start: float | None, target: float | None, current: float | None) -> float | None:
    """Return ``clamp((current - start) / (target - start), 0, 1)``; ``None`` without data."""
    if start is None or target is None or current is None or target == start:
        return None
    return min(max((current - start) / (target - start), 0.0), 1.0)


def objective_score(key_results: Sequence[KeyResultResult]) -> float | None:
    """Return the weighted mean progress of the key results that have data."""
    scored = [(kr.progress, kr.weight) for kr in key_results if kr.progress is not None]
    weight = sum(max(w, 0.0) for _, w in scored)
    if weight <= 0:
        return None
    return sum(p * max(w, 0.0) for p, w in scored) / weight


def grade_status(score: float | None, aspirational: bool) -> Status:
    """Return the grade's colour band.

    1.0 is ``achieved``. Aspirational OKRs are green from 0.7 (the usual
    "0.7 is success") and yellow from 0.4; committed OKRs are green only at
    1.0, yellow from 0.7.
    """
    if score is None:
        return "no_data"
    if score >= 1:
        return "achieved"
    green, yellow = (0.7, 0.4) if aspirational else (1.0, 0.7)
    if score >= green:
        return "green"
    return "yellow" if score >= yellow else "red"


def okr_id(given: str, objective: str) -> str:
    """Return the configured id, or a slug of the objective."""
    if given:
        return given
    return re.sub(r"[^a-z0-9]+", "-", objective.lower()).strip("-") or "okr"
