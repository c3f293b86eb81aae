"""Scoring: the pure 4DX maths (no I/O, no clock, no vendor library).

The pipeline calls two functions:

- :func:`score` turns a :class:`ScoringInput` into the
  :class:`~wigboard.scoring.results.ScoreboardResult` the site and
  ``api/scoreboard.json`` read (findings included);
- :func:`check_rules` returns only the ``wigboard check`` findings.

The helpers below are small pure functions, each usable on its own.
"""

from __future__ import annotations

from wigboard.scoring.engine import score
from wigboard.scoring.inputs import ScoringInput
from wigboard.scoring.kpi import compare, kpi_status, period_before
from wigboard.scoring.lag import (
    elapsed_share,
    expected_value,
    forecast,
    lag_status,
    pace_ratio,
    progress,
    required_per_week,
)
from wigboard.scoring.lead import attainment, hit_rate
from wigboard.scoring.okr import grade_status, kr_progress, objective_score
from wigboard.scoring.rules import check_rules
from wigboard.scoring.select import item_value, selector_matches
from wigboard.scoring.signals import pearson
from wigboard.scoring.weeks import LocalCalendar, week_index, week_label, week_window
from wigboard.scoring.xps import xps

__all__ = [
    "LocalCalendar",
    "ScoringInput",
    "attainment",
    "check_rules",
    "compare",
    "elapsed_share",
    "expected_value",
    "forecast",
    "grade_status",
    "hit_rate",
    "item_value",
    "kpi_status",
    "kr_progress",
    "lag_status",
    "objective_score",
    "pace_ratio",
    "pearson",
    "period_before",
    "progress",
    "required_per_week",
    "score",
    "selector_matches",
    "week_index",
    "week_label",
    "week_window",
    "xps",
]
