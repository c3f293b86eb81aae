"""Commitments and the cadence of accountability (design §5).

A commitment is an item with the commitment label, one per mapped assignee,
made in the week it was created — or, when it was planned ahead into a later
iteration/sprint, the week that iteration starts (the later of the two days;
a commitment created in the second week of a two-week sprint is made in that
second week) — and kept when it is done by the end of that week. A week has a WIG session when a
session item is created or done in it; a team with no session items at all
gets its session weeks from the weeks in which commitments were made.

Records belong to the team of the person (a session item without a mapped
assignee to the team of the WIG its ``wig:`` label names). They feed every
WIG of that team, unless the item names WIGs: then only those.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from wigboard.config import Config, Wig
from wigboard.model import WorkItem
from wigboard.scoring.results import CommitmentItem, Commitments, PersonCommitments
from wigboard.scoring.select import ItemIndex
from wigboard.scoring.weeks import WeekWindow, week_index, week_label, week_sunday

__all__ = [
    "CommitmentRecord",
    "SessionRecord",
    "cadence",
    "commitment_records",
    "commitments_for",
    "feeds",
    "named_wigs",
    "session_records",
    "session_weeks",
]

PeopleOf = Callable[[WorkItem], Sequence[tuple[str, str]]]


@dataclass(frozen=True, slots=True)
class CommitmentRecord:
    """One person's commitment."""

    item: WorkItem
    person: str
    team: str
    week: int
    """Week the commitment was made for."""
    created: date
    done: date | None
    wigs: frozenset[str]
    """WIG ids the item names; empty means every WIG of the team."""


@dataclass(frozen=True, slots=True)
class SessionRecord:
    """A ``wig-session`` item, attributed to a team."""

    team: str
    created: date
    done: date | None
    wigs: frozenset[str]


def named_wigs(item: WorkItem, prefix: str, wig_ids: set[str]) -> frozenset[str]:
    """Return the configured WIG ids named by an item's ``wig:`` labels."""
    n = len(prefix)
    return frozenset(lb[n:] for lb in item.labels if lb.startswith(prefix) and lb[n:] in wig_ids)


def feeds(team: str, wigs: frozenset[str], wig: Wig) -> bool:
    """Return whether a record of ``team`` naming ``wigs`` counts for ``wig``."""
    if wigs:
        return wig.id in wigs
    return wig.team in ("org", team)


def commitment_records(
    index: ItemIndex, config: Config, people_of: PeopleOf
) -> list[CommitmentRecord]:
    """Return one record per commitment item and mapped assignee."""
    labels = config.scoreboard.labels
    wig_ids = {w.id for w in config.wigs}
    records = []
    for n in index.by_label.get(labels.commitment, []):
        item = index.items[n]
        made = index.created(n)
        if item.iteration is not None and item.iteration.start is not None:
            made = max(made, item.iteration.start)  # planned ahead: the iteration's first week
        week = week_index(made)
        wigs = named_wigs(item, labels.wig, wig_ids)
        for team, person in dict.fromkeys(people_of(item)):
            records.append(
                CommitmentRecord(item, person, team, week, index.created(n), index.done[n], wigs)
            )
    return records


def _kept(rec: CommitmentRecord) -> bool:
    return rec.done is not None and rec.done <= week_sunday(rec.week)


def _listed(recs: Iterable[CommitmentRecord], current: bool) -> list[CommitmentItem]:
    return [
        CommitmentItem(
            key=r.item.key,
            title=r.item.title,
            url=r.item.url,
            person=r.person,
            week=week_label(r.week),
            kept=None if current else _kept(r),
        )
        for r in recs
    ]


def commitments_for(
    records: Iterable[CommitmentRecord],
    window: WeekWindow,
    as_of: date,
    members: Sequence[tuple[str, str]],
) -> Commitments:
    """Count commitments made and kept in the window's scored weeks.

    Args:
        records: The commitments that feed this WIG or team.
        window: Scored weeks and the current one.
        as_of: Items created after this day do not exist yet.
        members: ``(team, person)`` listed even with nothing committed.

    Returns:
        Totals, per-person figures, last completed week's and this week's lists.
    """
    existing = [r for r in records if r.created <= as_of]
    scored = [r for r in existing if window.first <= r.week <= window.last]
    tally: dict[tuple[str, str], list[int]] = {m: [0, 0] for m in members}
    for r in scored:
        counts = tally.setdefault((r.team, r.person), [0, 0])
        counts[0] += 1
        counts[1] += _kept(r)
    made = sum(c[0] for c in tally.values())
    kept = sum(c[1] for c in tally.values())
    people = [
        PersonCommitments(person, team, m, k, k / m if m else None)
        for (team, person), (m, k) in tally.items()
    ]
    last = [r for r in scored if r.week == window.last]
    now = [r for r in existing if window.current is not None and r.week == window.current]
    return Commitments(
        made=made,
        kept=kept,
        kept_rate=kept / made if made else None,
        people=people,
        last_week=_listed(last, current=False),
        this_week=_listed(now, current=True),
    )


def session_records(index: ItemIndex, config: Config, people_of: PeopleOf) -> list[SessionRecord]:
    """Return the session items, each attributed to a team (unattributable ones are skipped)."""
    labels = config.scoreboard.labels
    wig_team = {w.id: w.team for w in config.wigs}
    records = []
    for n in index.by_label.get(labels.session, []):
        item = index.items[n]
        wigs = named_wigs(item, labels.wig, set(wig_team))
        teams = {team for team, _ in people_of(item)} or {wig_team[w] for w in wigs}
        for team in sorted(teams):
            records.append(SessionRecord(team, index.created(n), index.done[n], wigs))
    return records


def session_weeks(
    sessions: Iterable[SessionRecord], commitments: Iterable[CommitmentRecord], as_of: date
) -> set[int]:
    """Return the weeks with a session: session items created or done in them.

    When there are no session items at all, the weeks in which commitments
    were made count instead.
    """
    weeks: set[int] = set()
    any_session = False
    for s in sessions:
        any_session = True
        if s.created <= as_of:
            weeks.add(week_index(s.created))
        if s.done is not None and s.done <= as_of:
            weeks.add(week_index(s.done))
    if any_session:
        return weeks
    return {c.week for c in commitments if c.created <= as_of}


def cadence(weeks_with_session: set[int], window: WeekWindow) -> float | None:
    """Return the share of scored weeks with a session; ``None`` before any week is scored."""
    scored = window.scored
    if not scored:
        return None
    return sum(1 for w in scored if w in weeks_with_session) / len(scored)
