"""Benchmark of wigboard.scoring.score on a synthetic organisation (not a test).

15 teams x 4 people, 30 WIGs (a third each with a series, ticket-aggregate
and milestone lag), 2 lead measures per WIG (one per person, one summed
points), weekly sessions and commitments, 52 scored weeks, N work items.
Scores as of 2026-11-30 (which also scores 2026-11-23 for "change since
last week") and prints the best of a few runs per size:

    .venv/bin/python bench/bench_scoring.py [--sizes 25000 50000 100000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import itertools
import random
import time
from datetime import UTC, date, datetime, timedelta

from wigboard.config import (
    Config,
    FileSource,
    GitHubSource,
    Lag,
    LeadMeasure,
    MilestoneRef,
    Scoreboard,
    Selector,
    Team,
    Wig,
)
from wigboard.model import ItemState, Milestone, SeriesPoint, WorkItem
from wigboard.scoring import ScoringInput, score

TEAMS, PEOPLE, WEEKS = 15, 4, 52
START = date(2025, 12, 1)  # a Monday; 52 completed weeks before AS_OF
AS_OF = date(2026, 11, 30)
BY = date(2026, 12, 31)


def _lag(n: int) -> Lag:
    kind = n % 3
    if kind == 0:
        return Lag(
            name="rate", from_=70, to=85, start=START, by=BY, source="finance", measure=f"m{n}"
        )
    if kind == 1:
        return Lag(name="done", from_=0, to=400, start=START, by=BY, source="gh")
    return Lag(name="ms", start=START, by=BY, milestone=MilestoneRef(source="gh", title=f"ms{n}"))


def make_config() -> Config:
    teams = {
        f"t{t}": Team(members={f"p{t}-{i}": [f"gh:p{t}-{i}"] for i in range(PEOPLE)})
        for t in range(TEAMS)
    }
    wigs = [
        Wig(
            id=f"w{n}",
            title=f"WIG {n}",
            team=f"t{n // 2}",
            lag=_lag(n),
            lead_measures=[
                LeadMeasure(id=f"l{n}a", name="per person", target=3, per="person"),
                LeadMeasure(
                    id=f"l{n}b",
                    name="points",
                    target=20,
                    aggregate="sum",
                    field="points",
                    selector=Selector(labels=[f"lead:l{n}b"], types=["issue"]),
                ),
            ],
        )
        for n in range(2 * TEAMS)
    ]
    return Config(
        scoreboard=Scoreboard(timezone="Europe/Oslo"),
        sources={
            "gh": GitHubSource(kind="github", repos=["acme/ops"]),
            "finance": FileSource(kind="series", path="finance.csv"),
        },
        teams=teams,
        wigs=wigs,
    )


def _labels(rng: random.Random, wig: int) -> tuple[str, ...]:
    roll = rng.random()
    if roll < 0.25:
        return (f"wig:w{wig}", f"lead:l{wig}a")
    if roll < 0.45:
        return (f"wig:w{wig}", f"lead:l{wig}b")
    if roll < 0.55:
        return ("commitment",)
    if roll < 0.6:
        return (f"wig:w{wig}",)
    return ("bug",)


def make_items(n: int, seed: int = 7) -> list[WorkItem]:
    rng = random.Random(seed)
    t0 = datetime(START.year, START.month, START.day, tzinfo=UTC)
    span = WEEKS * 7 * 86400
    items = []
    for k in range(n):
        team = rng.randrange(TEAMS)
        wig = 2 * team + rng.randrange(2)
        created = t0 + timedelta(seconds=rng.randrange(span))
        done = created + timedelta(hours=rng.randrange(1, 200)) if rng.random() < 0.85 else None
        session = k % (n // (TEAMS * WEEKS) or 1) == 0
        items.append(
            WorkItem(
                source="gh",
                key=f"acme/ops#{k}",
                title="synthetic",
                url="",
                type="issue",
                state=ItemState.DONE if done else ItemState.OPEN,
                created=created,
                done=done,
                labels=("wig-session",) if session else _labels(rng, wig),
                assignees=(f"p{team}-{rng.randrange(PEOPLE)}",),
                milestone=f"ms{wig}" if wig % 3 == 2 and rng.random() < 0.3 else None,
                fields={"points": float(rng.randrange(1, 8))},
                container="acme/ops",
            )
        )
    return items


def make_series() -> list[SeriesPoint]:
    return [
        SeriesPoint("finance", f"m{n}", START + timedelta(weeks=w), 70 + 0.25 * w)
        for n in range(0, 2 * TEAMS, 3)
        for w in range(WEEKS + 1)
    ]


def run(n: int, repeat: int) -> float:
    inp = ScoringInput(
        config=make_config(),
        items=make_items(n),
        series=make_series(),
        milestones=[
            Milestone("gh", "acme/ops", f"ms{w}", BY, "open", 10, 5) for w in range(2, 30, 3)
        ],
        sources=[],
        as_of=AS_OF,
        generated_at=datetime(2026, 12, 1, tzinfo=UTC),
    )
    best = float("inf")
    for _ in range(repeat):
        began = time.perf_counter()
        result = score(inp)
        best = min(best, time.perf_counter() - began)
    weeks = sum(w.scored for w in result.wigs[0].lead_measures[0].weeks)
    print(
        f"{n:>7} items x {len(result.wigs)} WIGs x {weeks} scored weeks: {best:6.3f} s"
        f"  ({best / n * 1e6:5.2f} us/item)"
    )
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[25_000, 50_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    times = {n: run(n, args.repeat) for n in args.sizes}
    sizes = sorted(times)
    for a, b in itertools.pairwise(sizes):
        print(f"{a} -> {b} items (x{b / a:.1f}): time x{times[b] / times[a]:.2f}")


if __name__ == "__main__":
    main()
