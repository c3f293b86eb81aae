"""Generate the demo organisation's data (Acme Air), deterministically.

Writes, under config/demo/data/:
- ground-ops.items.jsonl        (GitHub-shaped keys/logins; replayed through the GitHub connector)
- guest-experience.items.jsonl  (Jira-shaped keys/accountIds; replayed through the Jira connector)
- procurement.items.jsonl       (read as a `kind: items` source)
- finance.csv                   (lag measures, key results and KPIs)

Run: .venv/bin/python scripts/make_demo.py  (same output every time; commit it).
"""

from __future__ import annotations

import csv
import json
import math
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

OUT = Path(__file__).resolve().parent.parent / "config" / "demo" / "data"
TZ = ZoneInfo("Europe/Oslo")
FIRST_MONDAY = date(2025, 12, 29)  # Monday of ISO week 2026-W01
AS_OF = date(2026, 12, 4)  # the demo's "today": a Friday in ISO week 2026-W49
SEED = 4_2026


@dataclass(frozen=True)
class Lead:
    id: str
    target: int
    per_person: bool
    titles: tuple[str, ...]


@dataclass(frozen=True)
class TeamSpec:
    id: str
    wig: str
    people: dict[str, str]  # person -> tracker login / accountId
    leads: tuple[Lead, ...]
    skill: float  # how reliably the team hits its lead targets, 0..1.2
    keeps: float  # probability a commitment is kept
    skipped_sessions: tuple[int, ...]  # week numbers (0-based) without a WIG session
    chores: tuple[str, ...]


TEAMS = (
    TeamSpec(
        id="ground-ops",
        wig="on-time",
        people={"ana": "ana-l", "bo": "bo-k", "chidi": "chidi-o"},
        leads=(
            Lead("drills", 3, True, ("Turnaround drill at gate {g}", "Pushback drill, stand {g}")),
            Lead("gate-checks", 6, False, ("Pre-departure gate check {g}", "Gate {g} readiness")),
        ),
        skill=1.0,
        keeps=0.86,
        skipped_sessions=(14, 28),
        chores=("Replace tug battery", "Update ramp roster", "Fix baggage belt {g} sensor"),
    ),
    TeamSpec(
        id="guest-experience",
        wig="five-star",
        people={
            "dana": "5b10ac8d82e05b22cc7d4ef5",
            "emil": "5c2f9a1e77b3c14de0a8b912",
            "farah": "60a7d3c2e4b1f90071c5e338",
        },
        leads=(
            Lead("guest-callbacks", 4, True, ("Call back guest {g}", "Follow up complaint {g}")),
            Lead("cabin-audits", 4, False, ("Cabin audit, aircraft LN-{g}", "Galley audit {g}")),
        ),
        skill=0.82,
        keeps=0.74,
        skipped_sessions=(9, 20, 36),
        chores=("Translate menu card {g}", "Reply to survey batch {g}", "Update FAQ page"),
    ),
    TeamSpec(
        id="procurement",
        wig="waste",
        people={"gus": "gus", "hana": "hana"},
        leads=(
            Lead("supplier-reviews", 2, True, ("Review supplier contract {g}", "Renegotiate {g}")),
            Lead("waste-audits", 3, False, ("Catering waste audit {g}", "Fuel uplift audit {g}")),
        ),
        skill=0.68,
        keeps=0.62,
        skipped_sessions=(17, 46, 47),  # 2026-W47 and W48: `wigboard check` flags it
        chores=("Invoice query {g}", "Vendor onboarding {g}", "Purchase order {g}"),
    ),
)


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), TZ)


def iso(ts: datetime) -> str:
    return ts.astimezone(UTC).isoformat().replace("+00:00", "Z")


def poisson(rng: random.Random, mean: float) -> int:
    limit, k, p = math.exp(-mean), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


class ItemWriter:
    """Keys, URLs and shapes per tracker flavour."""

    def __init__(self, team: TeamSpec) -> None:
        self.team = team
        self.items: list[dict[str, object]] = []
        self.n = 0

    def key_url(self) -> tuple[str, str, str]:
        self.n += 1
        if self.team.id == "ground-ops":
            key = f"acme-air/ground-ops#{self.n}"
            return (
                key,
                f"https://github.com/acme-air/ground-ops/issues/{self.n}",
                "acme-air/ground-ops",
            )
        if self.team.id == "guest-experience":
            key = f"GX-{self.n}"
            return key, f"https://acme-air.atlassian.net/browse/{key}", "GX"
        key = f"PROC-{self.n}"
        return key, f"https://erp.acme-air.example/requests/{key}", "PROC"

    def add(self, title: str, created: datetime, done: datetime | None, **extra: object) -> None:
        key, url, container = self.key_url()
        item: dict[str, object] = {
            "key": key,
            "title": title,
            "url": url,
            "type": extra.pop("type", "issue" if self.team.id == "ground-ops" else "task"),
            "created": iso(created),
            "done": iso(done) if done else None,
            "labels": extra.pop("labels", []),
            "assignees": extra.pop("assignees", []),
            "milestone": extra.pop("milestone", None),
            "iteration": extra.pop("iteration", None),
            "fields": extra.pop("fields", {}),
            "container": container,
        }
        item.update(extra)
        self.items.append(item)


def sprint_of(team: TeamSpec, monday: date) -> dict[str, str] | None:
    if team.id != "guest-experience":
        return None
    n = (monday - FIRST_MONDAY).days // 14
    start = FIRST_MONDAY + timedelta(days=14 * n)
    return {
        "name": f"GX Sprint {n + 1}",
        "start": start.isoformat(),
        "end": (start + timedelta(days=13)).isoformat(),
    }


def week_of_team(rng: random.Random, out: ItemWriter, week: int, monday: date) -> None:
    team = out.team
    is_current = monday + timedelta(days=7) > AS_OF
    last_day = (AS_OF - monday).days if is_current else 6
    ramp = min(1.0, 0.5 + week / 36)  # teams get better at their lead measures
    for lead in team.leads:
        people = list(team.people.items()) if lead.per_person else [("", "")]
        for _person, login in people:
            mean = lead.target * team.skill * ramp * rng.uniform(0.8, 1.2)
            if not lead.per_person:
                login = rng.choice(list(team.people.values()))
            for _ in range(poisson(rng, mean)):
                created = local(monday, 8 + rng.randrange(3), rng.randrange(60))
                done_day = rng.randrange(7)
                done = local(
                    monday + timedelta(days=done_day), 9 + rng.randrange(14), rng.randrange(60)
                )
                if done_day > last_day or (is_current and rng.random() < 0.3):
                    done = None
                title = rng.choice(lead.titles).format(g=rng.randrange(1, 60))
                fields = {"points": float(rng.choice((1, 1, 2, 3)))}
                out.add(
                    title,
                    created,
                    done,
                    labels=[f"wig:{team.wig}", f"lead:{lead.id}"],
                    assignees=[login],
                    fields=fields,
                    iteration=sprint_of(team, monday),
                )
    session_day = monday  # WIG sessions are on Monday mornings
    if week not in team.skipped_sessions and session_day <= AS_OF:
        when = local(session_day, 9, 0)
        out.add(
            f"WIG session {monday.isocalendar().year}-W{monday.isocalendar().week:02d}",
            when,
            when + timedelta(minutes=25),
            labels=["wig-session", f"wig:{team.wig}"],
            assignees=[next(iter(team.people.values()))],
        )
        for person, login in team.people.items():
            for _ in range(1 + (rng.random() < 0.4)):
                kept = rng.random() < team.keeps * (0.9 + 0.1 * ramp)
                done = local(monday + timedelta(days=rng.randrange(5)), 15, rng.randrange(60))
                if not kept:
                    done = None if rng.random() < 0.5 else done + timedelta(days=7)
                if done is not None and done.date() > AS_OF:
                    done = None
                verb = rng.choice(("Coach", "Shadow", "Prepare", "Pilot", "Unblock"))
                out.add(
                    f"{verb} {rng.choice(team.chores).format(g=rng.randrange(1, 40))} ({person})",
                    when + timedelta(minutes=30),
                    done,
                    labels=["commitment", f"wig:{team.wig}"],
                    assignees=[login],
                    iteration=sprint_of(team, monday),
                )
    for _ in range(poisson(rng, 4)):
        created = local(monday + timedelta(days=rng.randrange(5)), 10)
        done = created + timedelta(days=rng.randrange(1, 4))
        if done.date() > AS_OF:
            done = None
        out.add(
            rng.choice(team.chores).format(g=rng.randrange(1, 40)),
            created,
            done,
            assignees=[rng.choice(list(team.people.values()))],
        )


def extras(rng: random.Random, writers: dict[str, ItemWriter]) -> None:
    gh = writers["ground-ops"]
    for i in range(8):  # the ramp-safety training milestone (an OKR key result)
        created = local(date(2026, 6, 1) + timedelta(days=3 * i), 10)
        done = created + timedelta(days=20 + 9 * i) if i < 6 else None
        gh.add(
            f"Ramp-safety training module {i + 1}",
            created,
            done,
            milestone="Ramp training",
            assignees=[rng.choice(["ana-l", "bo-k"])],
        )
    # things `wigboard check` should point out
    gh.add(
        "Drill: de-icing pad 3",
        local(date(2026, 11, 24), 9),
        local(date(2026, 11, 25), 11),
        labels=["wig:on-time", "lead:drils"],
        assignees=["ana-l"],
    )
    gh.add(
        "Closed as not planned: repaint stand 14",
        local(date(2026, 10, 5), 9),
        None,
        labels=["lead:gate-checks"],
        assignees=["bo-k"],
        state="closed",
    )
    gh.add(
        "Help with gate 12 signage",
        local(date(2026, 11, 30), 9),
        local(date(2026, 12, 1), 16),
        assignees=["temp-contractor-7"],
    )
    writers["guest-experience"].add(
        "Guest said: <script>alert('hi')</script> & \"great\" crew",
        local(date(2026, 11, 16), 9),
        local(date(2026, 11, 17), 12),
        labels=["wig:five-star", "lead:guest-callbacks"],
        assignees=["5b10ac8d82e05b22cc7d4ef5"],
        iteration=sprint_of(TEAMS[1], date(2026, 11, 16)),
    )


def series(rng: random.Random) -> list[tuple[str, str, str]]:
    rows: list[tuple[str, str, str]] = []

    def walk(measure: str, start: date, step: int, values: list[float]) -> None:
        for i, value in enumerate(values):
            day = start + timedelta(days=step * i)
            if day <= AS_OF:
                rows.append((day.isoformat(), measure, f"{value:.2f}"))

    n_weeks = (AS_OF - date(2026, 1, 5)).days // 7 + 1
    walk(
        "on_time",
        date(2026, 1, 5),
        7,
        [72 + 10.5 * (i / 48) ** 0.9 + rng.uniform(-1.2, 1.2) for i in range(n_weeks)],
    )
    walk(
        "five_star",
        date(2026, 2, 2),
        7,
        [42 + 7.5 * (i / 52) + rng.uniform(-1.0, 1.0) for i in range(n_weeks)],
    )
    walk(
        "waste",
        date(2026, 1, 31),
        30,
        [44 - 8.2 * (i / 11) + rng.uniform(-0.6, 0.6) for i in range(12)],
    )
    walk(
        "nps", date(2026, 1, 31), 30, [31 + 9.5 * (i / 11) + rng.uniform(-1, 1) for i in range(12)]
    )
    walk(
        "complaints",
        date(2026, 1, 5),
        7,
        [4.1 - 1.1 * (i / 48) + rng.uniform(-0.25, 0.25) for i in range(n_weeks)],
    )
    walk(
        "turnaround",
        date(2026, 1, 5),
        7,
        [44 - 6 * (i / 48) + rng.uniform(-1.5, 1.5) for i in range(n_weeks)],
    )
    walk(
        "revenue_per_seat",
        date(2026, 1, 31),
        30,
        [88 + 6 * (i / 11) + rng.uniform(-2, 2) for i in range(12)],
    )
    return sorted(rows, key=lambda r: (r[1], r[0]))


def main() -> None:
    rng = random.Random(SEED)
    OUT.mkdir(parents=True, exist_ok=True)
    writers = {team.id: ItemWriter(team) for team in TEAMS}
    week, monday = 0, FIRST_MONDAY
    while monday <= AS_OF:
        for team in TEAMS:
            week_of_team(rng, writers[team.id], week, monday)
        week, monday = week + 1, monday + timedelta(days=7)
    extras(rng, writers)
    for team_id, writer in writers.items():
        path = OUT / f"{team_id}.items.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for item in writer.items:
                handle.write(json.dumps(item, ensure_ascii=False, sort_keys=True) + "\n")
        print(f"{path.relative_to(OUT.parent.parent.parent)}: {len(writer.items)} items")
    with (OUT / "finance.csv").open("w", encoding="utf-8", newline="") as handle:
        writer_csv = csv.writer(handle, lineterminator="\n")
        writer_csv.writerow(["date", "measure", "value"])
        rows = series(random.Random(SEED + 1))  # its own stream: item changes leave it alone
        writer_csv.writerows(rows)
    print(f"config/demo/data/finance.csv: {len(rows)} rows")


if __name__ == "__main__":
    main()
