"""What one scoring run computes once and every part reads.

Nothing here depends on ``as_of``: the same context serves the score as of T
and as of T - 7 days ("change since last week").
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Generic, TypeVar

from wigboard.config import Selector, Wig
from wigboard.model import WorkItem
from wigboard.scoring.cadence import (
    CommitmentRecord,
    SessionRecord,
    commitment_records,
    session_records,
)
from wigboard.scoring.inputs import ScoringInput
from wigboard.scoring.select import ItemIndex
from wigboard.scoring.values import SeriesIndex, ValueSource, find_milestone
from wigboard.scoring.weeks import LocalCalendar

__all__ = ["ORG", "Context", "lag_source", "lead_selector", "wig_deadline", "wig_selector"]

R = TypeVar("R", CommitmentRecord, SessionRecord)


class _Groups(Generic[R]):
    """Records grouped by team, and those naming WIGs by WIG, keeping their order."""

    def __init__(self, records: list[R]) -> None:
        self.by_team: dict[str, list[R]] = {}
        self.unnamed: dict[str, list[tuple[int, R]]] = {}
        self.named: dict[str, list[tuple[int, R]]] = {}
        for n, r in enumerate(records):
            self.by_team.setdefault(r.team, []).append(r)
            if r.wigs:
                for wig_id in r.wigs:
                    self.named.setdefault(wig_id, []).append((n, r))
            else:
                self.unnamed.setdefault(r.team, []).append((n, r))

    def feeding(self, wig: Wig) -> list[R]:
        """Records of the WIG's team naming no WIG, plus those naming this one."""
        teams = list(self.unnamed) if wig.team == ORG else [wig.team]
        chosen = [x for t in teams for x in self.unnamed.get(t, [])]
        chosen += self.named.get(wig.id, [])
        return [r for _, r in sorted(chosen, key=lambda x: x[0])]


ORG = "org"
"""Team id of organisation WIGs; its members are everyone."""


def lead_selector(measure_id: str, selector: Selector | None, prefix: str) -> Selector:
    """Return a lead measure's selector, by default the label ``<prefix><id>``."""
    return selector if selector is not None else Selector(labels=[prefix + measure_id])


def wig_selector(wig: Wig, prefix: str) -> Selector:
    """Return the selector of a ticket lag named without one: the label ``<prefix><wig-id>``."""
    return Selector(labels=[prefix + wig.id])


def lag_source(wig: Wig) -> ValueSource:
    """Return the value-source keys of a WIG's lag."""
    lag = wig.lag
    return ValueSource(
        lag.source, lag.measure, lag.selector, lag.aggregate, lag.field, lag.milestone
    )


def wig_deadline(wig: Wig, inp: ScoringInput) -> date | None:
    """Return the lag's ``by``, else the due date of its milestone."""
    if wig.lag.by is not None or wig.lag.milestone is None:
        return wig.lag.by
    found = find_milestone(wig.lag.milestone, inp.milestones)
    return found.due if found is not None else None


class Context:
    """Indexes and records built once per :func:`~wigboard.scoring.score` call."""

    def __init__(self, inp: ScoringInput) -> None:
        """Build the item and series indexes, people map and commitment/session records."""
        self.inp = inp
        self.config = inp.config
        self.calendar = LocalCalendar(inp.config.scoreboard.timezone)
        self.index = ItemIndex(inp.items, self.calendar)
        self.series = SeriesIndex(inp.series)
        self._people_cache: dict[tuple[str, tuple[str, ...]], tuple[tuple[str, str], ...]] = {}
        self.source_team = self._source_teams()
        self._teams_cache: dict[tuple[str, tuple[str, ...]], frozenset[str]] = {}
        self.commitments: list[CommitmentRecord] = commitment_records(
            self.index, self.config, self.people_of
        )
        self.sessions: list[SessionRecord] = session_records(
            self.index, self.config, self.people_of
        )
        self._commit_groups = _Groups(self.commitments)
        self._session_groups = _Groups(self.sessions)

    def feeding(self, wig: Wig) -> tuple[list[CommitmentRecord], list[SessionRecord]]:
        """Return the commitments and sessions that count for a WIG (see ``cadence.feeds``)."""
        return self._commit_groups.feeding(wig), self._session_groups.feeding(wig)

    def of_team(self, team: str) -> tuple[list[CommitmentRecord], list[SessionRecord]]:
        """Return a team's own commitments and sessions (whatever WIG they name)."""
        return self._commit_groups.by_team.get(team, []), self._session_groups.by_team.get(team, [])

    def people_of(self, item: WorkItem) -> tuple[tuple[str, str], ...]:
        """Return ``(team, person)`` of each mapped assignee of an item (no duplicates)."""
        key = (item.source, item.assignees)
        hit = self._people_cache.get(key)
        if hit is None:
            found = (self.config.person_of(i) for i in item.identities())
            hit = tuple(dict.fromkeys(p for p in found if p is not None))
            self._people_cache[key] = hit
        return hit

    def members(self, team: str) -> list[tuple[str, str]]:
        """Return ``(team, person)`` of a team's members; everyone for ``org``."""
        teams = self.config.teams
        ids = list(teams) if team == ORG else [team] if team in teams else []
        return [(t, person) for t in ids for person in teams[t].members]

    def _source_teams(self) -> dict[str, str]:
        """Map each source whose mapped identities all belong to one team to that team."""
        owners: dict[str, set[str]] = {}
        for team_id, team in self.config.teams.items():
            for idents in team.members.values():
                for ident in idents:
                    source, _, _ = ident.partition(":")
                    owners.setdefault(source, set()).add(team_id)
        return {s: next(iter(t)) for s, t in owners.items() if len(t) == 1}

    def teams_of(self, item: WorkItem, wig_team: dict[str, str]) -> frozenset[str]:
        """Return the teams a done item counts for (whirlwind).

        Its assignees' teams; else the team that owns its source; else the
        teams of the WIGs its ``wig:`` labels name.
        """
        key = (item.source, item.assignees)
        teams = self._teams_cache.get(key)
        if teams is None:
            teams = frozenset(t for t, _ in self.people_of(item))
            owner = self.source_team.get(item.source)
            if not teams and owner is not None:
                teams = frozenset((owner,))
            self._teams_cache[key] = teams
        if teams:
            return teams
        prefix = self.config.scoreboard.labels.wig
        n = len(prefix)
        return frozenset(
            wig_team[lb[n:]] for lb in item.labels if lb.startswith(prefix) and lb[n:] in wig_team
        )

    def all_people(self) -> Sequence[tuple[str, str]]:
        """Every ``(team, person)`` in the config."""
        return self.members(ORG)
