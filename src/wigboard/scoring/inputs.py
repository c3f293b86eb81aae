"""The one argument every top-level scoring function takes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from wigboard.config import Config
from wigboard.model import Milestone, SeriesPoint, SourceStatus, WorkItem

__all__ = ["ScoringInput"]


@dataclass(frozen=True)
class ScoringInput:
    """Config, synced data and the date to score as of. Scoring reads no clock."""

    config: Config
    """The validated config."""
    items: Sequence[WorkItem]
    """Work items from every source."""
    series: Sequence[SeriesPoint]
    """Measured values from every source."""
    milestones: Sequence[Milestone]
    """Milestones, fixVersions and epics from every source."""
    sources: Sequence[SourceStatus]
    """How each source's sync went (copied into the result)."""
    as_of: date
    """Score as of the end of this day, in the scoreboard's timezone."""
    generated_at: datetime
    """The build's clock, copied into the result (never used in maths)."""
