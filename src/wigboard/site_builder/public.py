"""Public mode: strip people's names and ticket titles from a result before rendering.

Redaction happens on the data, not in the templates, so no template (ours or
a future one) can leak what it never receives. Counts stay; names become
``""`` and the lists that exist only to name people or tickets are emptied.
"""

from __future__ import annotations

import dataclasses

from wigboard.scoring.results import (
    Commitments,
    LeadResult,
    ScoreboardResult,
    TeamResult,
    WigResult,
)

__all__ = ["redact"]


def _commitments(commitments: Commitments) -> Commitments:
    return dataclasses.replace(commitments, people=[], last_week=[], this_week=[])


def _lead(lead: LeadResult) -> LeadResult:
    return dataclasses.replace(lead, people=[])


def _wig(wig: WigResult) -> WigResult:
    return dataclasses.replace(
        wig,
        lead_measures=[_lead(m) for m in wig.lead_measures],
        commitments=_commitments(wig.commitments),
    )


def _team(team: TeamResult) -> TeamResult:
    return dataclasses.replace(
        team,
        members=[""] * len(team.members),
        commitments=_commitments(team.commitments),
    )


def redact(result: ScoreboardResult) -> ScoreboardResult:
    """Return the result without names or ticket titles when it is public.

    Args:
        result: The scored scoreboard.

    Returns:
        ``result`` itself when ``result.public`` is false, else a copy with
        per-person data and commitment items removed (counts are kept), and
        findings reduced to their code (their messages may name people).
    """
    if not result.public:
        return result
    return dataclasses.replace(
        result,
        wigs=[_wig(w) for w in result.wigs],
        teams=[_team(t) for t in result.teams],
        findings=[
            dataclasses.replace(f, message=f.code, location=None, fix="") for f in result.findings
        ],
    )
