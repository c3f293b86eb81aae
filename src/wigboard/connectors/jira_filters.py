"""Which config selectors concern a Jira source, and the JQL filters a Jira admin can save.

:func:`jira_selectors` lists the selectors with ``jql:`` the connector runs
for a source; :func:`jql_filters` writes one JQL filter per WIG and lead
measure (``wigboard labels sync`` prints them for a Jira admin to save as
shared filters or board quick filters). Every config value that lands in a
filter is quoted with :func:`~wigboard.connectors.jira_jql.quote`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from wigboard.config import Config, JiraSource, LeadMeasure, Selector, Wig
from wigboard.connectors.jira_jql import ORDER, bounded, quote

__all__ = ["SelectorRef", "jira_selectors", "jql_filters", "selector_jql"]

_ISSUE_KEY = re.compile(r"^[A-Z][A-Z0-9_]*-\d+$")


@dataclass(frozen=True)
class SelectorRef:
    """A selector found in the config, with where it was written."""

    path: str
    """Config path, e.g. ``wigs[1].lead_measures[0].selector``."""
    selector: Selector
    """The selector."""
    source: str | None
    """The ``source:`` of the measure that owns it, if any."""


def _all_selectors(config: Config) -> Iterator[SelectorRef]:
    for i, wig in enumerate(config.wigs):
        if wig.lag.selector:
            yield SelectorRef(f"wigs[{i}].lag.selector", wig.lag.selector, wig.lag.source)
        for j, lead in enumerate(wig.lead_measures):
            if lead.selector:
                yield SelectorRef(f"wigs[{i}].lead_measures[{j}].selector", lead.selector, None)
    for i, okr in enumerate(config.okrs):
        for j, kr in enumerate(okr.key_results):
            if kr.selector:
                yield SelectorRef(f"okrs[{i}].key_results[{j}].selector", kr.selector, kr.source)
    for i, kpi in enumerate(config.kpis):
        if kpi.selector:
            yield SelectorRef(f"kpis[{i}].selector", kpi.selector, kpi.source)


def _applies(ref: SelectorRef, source_id: str) -> bool:
    if ref.selector.sources:
        return source_id in ref.selector.sources
    return ref.source in (None, source_id)


def jira_selectors(config: Config, source_id: str) -> list[SelectorRef]:
    """The selectors with ``jql`` that the Jira source ``source_id`` must run.

    A selector applies when its ``sources`` name this source, or when it names
    none and its measure's ``source`` is unset or this source.

    Args:
        config: The whole config.
        source_id: Id of a Jira source.

    Returns:
        One entry per distinct JQL, first occurrence first.
    """
    seen: set[str] = set()
    out: list[SelectorRef] = []
    for ref in _all_selectors(config):
        jql = ref.selector.jql
        if jql and jql not in seen and _applies(ref, source_id):
            seen.add(jql)
            out.append(ref)
    return out


def selector_jql(selector: Selector, source: JiraSource, source_id: str) -> str | None:
    """Translate a selector into JQL for this source (``None``: it cannot match here).

    Args:
        selector: The selector.
        source: The Jira source.
        source_id: Its id.

    Returns:
        ``(<source jql>) AND (...)`` with every value quoted, or ``None`` when the
        selector's ``sources`` exclude this source.
    """
    if selector.sources and source_id not in selector.sources:
        return None
    parts = [f"labels = {quote(label)}" for label in selector.labels]
    if selector.milestone:
        if _ISSUE_KEY.match(selector.milestone):
            epic = '"Epic Link"' if source.deployment == "datacenter" else "parent"
            parts.append(f"{epic} = {quote(selector.milestone)}")
        else:
            parts.append(f"fixVersion = {quote(selector.milestone)}")
    if selector.repos:
        parts.append(f"project in ({', '.join(quote(r) for r in selector.repos)})")
    if selector.types:
        parts.append(f"issuetype in ({', '.join(quote(t) for t in selector.types)})")
    if selector.project_field:
        name, _, value = selector.project_field.partition(":")
        field = "status" if name.strip().casefold() == "status" else quote(name.strip())
        parts.append(f"{field} = {quote(value.strip())}")
    if selector.jql:
        parts.append(f"({selector.jql.strip()})")
    return bounded(source.jql, " AND ".join(parts) or "updated IS NOT EMPTY") + f" {ORDER}"


def _default(config: Config, lead: LeadMeasure) -> Selector:
    return lead.selector or Selector(labels=[f"{config.scoreboard.labels.lead}{lead.id}"])


def _concerns(config: Config, wig: Wig, source_id: str) -> bool:
    if wig.team == "org" or not config.teams:
        return True
    team = config.teams.get(wig.team)
    members = team.members.values() if team else []
    return any(ident.startswith(f"{source_id}:") for idents in members for ident in idents)


def jql_filters(config: Config, source_id: str) -> list[tuple[str, str]]:
    """JQL filters to save in Jira: one per active WIG and one per lead measure.

    A WIG is included when it is an organisation WIG or its team has people
    with identities in this source.

    Args:
        config: The whole config.
        source_id: Id of a ``kind: jira`` source.

    Returns:
        ``(filter name, JQL)`` pairs, e.g.
        ``("WIG five-star: Raise 5-star...", '(project = GX) AND (labels = "wig:five-star") ...')``.

    Raises:
        KeyError: ``source_id`` is not a Jira source of the config.
    """
    source = config.sources[source_id]
    if not isinstance(source, JiraSource):
        raise KeyError(f"source {source_id!r} is not a jira source")
    out: list[tuple[str, str]] = []
    for wig in config.wigs:
        if not wig.active or not _concerns(config, wig, source_id):
            continue
        label = Selector(labels=[f"{config.scoreboard.labels.wig}{wig.id}"])
        jql = selector_jql(label, source, source_id)
        if jql:
            out.append((f"WIG {wig.id}: {wig.title}", jql))
        for lead in wig.lead_measures:
            jql = selector_jql(_default(config, lead), source, source_id)
            if jql:
                out.append((f"Lead measure {wig.id}/{lead.id}: {lead.name}", jql))
    return out
