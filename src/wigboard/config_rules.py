"""Checks across the config that types alone cannot express.

References to unknown sources, teams and WIGs, duplicate ids, ``from == to``,
``start >= by``, impossible bands and weights. Each problem is a
:class:`~wigboard.errors.ConfigError` at the ``file:line:col`` of the offending
key, with a one-line fix. (The softer 4DX advice — too many WIGs, no lead
measures — is ``wigboard check``'s job, in :mod:`wigboard.scoring`.)
"""

from __future__ import annotations

import difflib
import re
import zoneinfo
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from wigboard.config import (
    Config,
    FileSource,
    GitHubSource,
    JiraSource,
    Lag,
    MilestoneRef,
    Selector,
)
from wigboard.errors import ConfigError

__all__ = ["validate_references"]

_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_REPO = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")


@dataclass
class _Collector:
    config: Config
    errors: list[ConfigError] = field(default_factory=list)

    def add(self, path: str, message: str, fix: str) -> None:
        self.errors.append(ConfigError(self.config.where(path), message, fix))


def validate_references(config: Config) -> list[ConfigError]:
    """Return every cross-reference and value-range problem in a config.

    Args:
        config: A config whose types are already valid.

    Returns:
        The problems in file order (empty when the config is sound).
    """
    out = _Collector(config)
    _check_scoreboard(out)
    _check_sources(out)
    _check_teams(out)
    _check_wigs(out)
    _check_okrs_kpis(out)
    for i, cand in enumerate(config.candidates):
        for name, value in (("impact", cand.impact), ("risk", cand.risk)):
            if not 1 <= value <= 5:
                out.add(f"candidates[{i}].{name}", f"{name} {value} is outside 1..5", "score 1-5")
    loc_key = {
        id(e): (e.location.line, e.location.column) if e.location else (0, 0) for e in out.errors
    }
    return sorted(out.errors, key=lambda e: loc_key[id(e)])


def _check_scoreboard(out: _Collector) -> None:
    board = out.config.scoreboard
    try:
        zoneinfo.ZoneInfo(board.timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        close = _close(board.timezone, sorted(zoneinfo.available_timezones()))
        out.add(
            "scoreboard.timezone",
            f"unknown timezone {board.timezone!r}{close}",
            "use an IANA name such as Europe/Oslo or America/New_York",
        )
    t = board.thresholds
    if not 0 < t.yellow <= t.green:
        out.add(
            "scoreboard.thresholds",
            f"thresholds need 0 < yellow <= green, got yellow={t.yellow}, green={t.green}",
            "e.g. {green: 0.9, yellow: 0.7}",
        )
    w = board.xps_weights
    weights = {"lag": w.lag, "lead": w.lead, "commitments": w.commitments, "cadence": w.cadence}
    for name, value in weights.items():
        if value < 0:
            out.add(f"scoreboard.xps_weights.{name}", f"weight {name} is negative", "use >= 0")
    if sum(weights.values()) <= 0:
        out.add("scoreboard.xps_weights", "all XPS weights are zero", "give a part a weight > 0")


def _check_sources(out: _Collector) -> None:
    for sid, source in out.config.sources.items():
        path = f"sources.{sid}"
        if not _ID.match(sid):
            out.add(path, f"source id {sid!r} is not a plain id", "use lower-case letters, 0-9, -")
        if isinstance(source, GitHubSource):
            for i, repo in enumerate(source.repos):
                if not _REPO.match(repo):
                    out.add(f"{path}.repos[{i}]", f"{repo!r} is not owner/name", "e.g. acme/ops")
            _check_url(out, f"{path}.api_url", source.api_url)
            if not source.repos and not source.projects:
                out.add(path, f"source {sid!r} reads nothing", "add `repos:` or `projects:`")
        elif isinstance(source, JiraSource):
            _check_url(out, f"{path}.url", source.url)
        elif isinstance(source, FileSource) and not source.path:
            out.add(f"{path}.path", "empty path", "give the file's path, relative to wigboard.yml")


def _check_url(out: _Collector, path: str, url: str) -> None:
    if not url.startswith(("https://", "http://")):
        out.add(path, f"{url!r} is not an http(s) URL", "write the full URL, e.g. https://...")


def _check_teams(out: _Collector) -> None:
    config = out.config
    owner: dict[str, str] = {}
    for tid, team in config.teams.items():
        for person, idents in team.members.items():
            for j, ident in enumerate(idents):
                path = f"teams.{tid}.members.{person}[{j}]"
                sid, sep, login = ident.partition(":")
                if not sep or not login:
                    out.add(path, f"identity {ident!r} is not <source-id>:<login>", "e.g. gh:ana-l")
                elif sid not in config.sources:
                    out.add(
                        path,
                        f"identity {ident!r} names unknown source {sid!r}"
                        f"{_close(sid, config.sources)}",
                        "use a key of `sources:`",
                    )
                if ident in owner and owner[ident] != f"{tid}/{person}":
                    out.add(
                        path,
                        f"identity {ident!r} is also {owner[ident]}",
                        "map each identity to one person",
                    )
                owner.setdefault(ident, f"{tid}/{person}")


def _check_wigs(out: _Collector) -> None:
    config = out.config
    wig_ids = [w.id for w in config.wigs]
    _duplicates(out, ((f"wigs[{i}].id", w.id) for i, w in enumerate(config.wigs)), "WIG")
    leads = (
        (f"wigs[{i}].lead_measures[{j}].id", m.id)
        for i, w in enumerate(config.wigs)
        for j, m in enumerate(w.lead_measures)
    )
    _duplicates(out, leads, "lead measure")
    for i, wig in enumerate(config.wigs):
        path = f"wigs[{i}]"
        if not _ID.match(wig.id):
            out.add(
                f"{path}.id",
                f"WIG id {wig.id!r} is not a plain id",
                "use lower-case letters, digits and '-' (it goes into labels and URLs)",
            )
        if wig.team != "org" and wig.team not in config.teams:
            out.add(
                f"{path}.team",
                f"unknown team {wig.team!r}{_close(wig.team, config.teams)}",
                "use a key of `teams:` or `org`",
            )
        if wig.parent is not None and (wig.parent not in wig_ids or wig.parent == wig.id):
            out.add(
                f"{path}.parent",
                f"parent {wig.parent!r} is not another WIG{_close(wig.parent, wig_ids)}",
                "use the id of an organisation WIG",
            )
        _check_lag(out, f"{path}.lag", wig.lag)
        for j, lead in enumerate(wig.lead_measures):
            lpath = f"{path}.lead_measures[{j}]"
            if lead.target is not None and lead.target <= 0:
                out.add(f"{lpath}.target", "weekly target must be > 0", "e.g. target: 3")
            _check_measure_refs(out, lpath, lead)


def _check_lag(out: _Collector, path: str, lag: Lag) -> None:
    if lag.from_ is not None and lag.to is not None and lag.from_ == lag.to:
        out.add(
            f"{path}.to",
            f"from and to are both {lag.to}: there is no goal",
            "set `to` to the value you want to reach",
        )
    if lag.start is not None and lag.by is not None and lag.start >= lag.by:
        out.add(
            f"{path}.by",
            f"deadline {lag.by} is not after start {lag.start}",
            "the deadline (`by`) must come after `start`",
        )
    _check_measure_refs(out, path, lag)


def _check_measure_refs(out: _Collector, path: str, spec: object) -> None:
    """Check a lag, lead measure, key result or KPI's value-source keys."""
    source: str | None = getattr(spec, "source", None)
    measure: str | None = getattr(spec, "measure", None)
    selector: Selector | None = getattr(spec, "selector", None)
    milestone: MilestoneRef | None = getattr(spec, "milestone", None)
    aggregate: str = getattr(spec, "aggregate", "count")
    field_name: str | None = getattr(spec, "field", None)
    sources = out.config.sources
    if source is not None and source not in sources:
        out.add(
            f"{path}.source",
            f"unknown source {source!r}{_close(source, sources)}",
            "use a key of `sources:`",
        )
    elif source is not None:
        kind = getattr(sources[source], "kind", "")
        if kind == "series" and not measure:
            out.add(
                f"{path}.source",
                f"source {source!r} is a series: say which measure",
                "add `measure: <name in the CSV>`",
            )
        if measure and kind != "series":
            out.add(
                f"{path}.measure",
                f"`measure` needs a series source, {source!r} is {kind}",
                "point `source` at a `kind: series` source",
            )
    if measure and source is None:
        out.add(f"{path}.measure", "`measure` without `source`", "add `source: <series id>`")
    if aggregate == "sum" and not field_name:
        out.add(
            f"{path}.aggregate",
            "`aggregate: sum` needs a field to sum",
            "add `field: points` (or another numeric field)",
        )
    if selector is not None:
        for k, sid in enumerate(selector.sources):
            if sid not in sources:
                out.add(
                    f"{path}.selector.sources[{k}]",
                    f"unknown source {sid!r}{_close(sid, sources)}",
                    "use a key of `sources:`",
                )
    if milestone is not None and milestone.source not in sources:
        out.add(
            f"{path}.milestone.source",
            f"unknown source {milestone.source!r}{_close(milestone.source, sources)}",
            "use a key of `sources:`",
        )


def _check_okrs_kpis(out: _Collector) -> None:
    config = out.config
    for i, okr in enumerate(config.okrs):
        if okr.team is not None and okr.team not in config.teams:
            out.add(
                f"okrs[{i}].team",
                f"unknown team {okr.team!r}{_close(okr.team, config.teams)}",
                "use a key of `teams:`",
            )
        if not okr.key_results:
            out.add(f"okrs[{i}].key_results", "an objective needs key results", "add one or more")
        for j, kr in enumerate(okr.key_results):
            path = f"okrs[{i}].key_results[{j}]"
            if kr.start is not None and kr.target is not None and kr.start == kr.target:
                out.add(f"{path}.target", "start and target are equal", "set a different target")
            if kr.weight <= 0:
                out.add(f"{path}.weight", "weight must be > 0", "e.g. weight: 1")
            _check_measure_refs(out, path, kr)
    _duplicates(out, ((f"kpis[{i}].id", k.id) for i, k in enumerate(config.kpis)), "KPI")
    for i, kpi in enumerate(config.kpis):
        _check_measure_refs(out, f"kpis[{i}]", kpi)


def _duplicates(out: _Collector, entries: Iterable[tuple[str, str]], what: str) -> None:
    seen: set[str] = set()
    for path, ident in entries:
        if ident in seen:
            out.add(path, f"duplicate {what} id {ident!r}", f"give each {what} its own id")
        seen.add(ident)


def _close(word: str, choices: Iterable[str] | Iterator[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""
