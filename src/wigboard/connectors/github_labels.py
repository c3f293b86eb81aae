"""``wigboard labels sync``: the scoreboard's labels in every configured repo.

One label per active WIG (``wig:<id>``) and per lead measure (``lead:<id>``),
plus ``commitment`` and ``wig-session``, each with a colour and a description
that says what tagging a ticket with it means. Idempotent: labels that
already match are left alone, so a second run writes nothing. Labels are
only ever deleted with ``prune``, and only ``wig:``/``lead:`` labels that
name no configured WIG or lead measure.

Also here: :func:`tags_of` (label -> WIG / lead measure ids). Unknown labels
and unmapped assignees are ``wigboard check``'s (:mod:`wigboard.scoring.rules`),
for every source alike.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote

from wigboard.config import Config, GitHubSource, LabelConventions
from wigboard.connectors.github_http import GitHubClient, RetryPolicy, connect
from wigboard.connectors.github_rest import fetch_pages
from wigboard.errors import SourceError

__all__ = [
    "LabelChange",
    "LabelPlan",
    "LabelSpec",
    "apply_labels",
    "desired_labels",
    "plan_labels",
    "sync_labels",
    "tags_of",
]

logger = logging.getLogger("mkdocs.plugins.wigboard.connectors.github")

WIG_COLOR = "d93f0b"
LEAD_COLOR = "0e8a16"
COMMITMENT_COLOR = "1d76db"
SESSION_COLOR = "5319e7"
_MAX_DESCRIPTION = 100  # GitHub rejects longer label descriptions


@dataclass(frozen=True)
class LabelSpec:
    """A label as it should be."""

    name: str
    """Label name, e.g. ``wig:on-time``."""
    color: str
    """Six hex digits, lower case, no ``#``."""
    description: str
    """What tagging a ticket with it means (at most 100 characters)."""


@dataclass(frozen=True)
class LabelChange:
    """One write to one repo."""

    repo: str
    """``owner/repo``."""
    action: Literal["create", "update", "delete"]
    """What to do."""
    name: str
    """The label's current name (its new name for ``create``)."""
    color: str = ""
    """Colour to set (create/update)."""
    description: str = ""
    """Description to set (create/update)."""
    new_name: str | None = None
    """For ``update``: the canonical spelling when only the case differs."""

    def __str__(self) -> str:
        rename = f" -> {self.new_name}" if self.new_name else ""
        detail = "" if self.action == "delete" else f" (#{self.color}: {self.description})"
        return f"{self.repo}: {self.action} {self.name}{rename}{detail}"


@dataclass
class LabelPlan:
    """What ``labels sync`` will do (or did) in each repo of one source."""

    source: str
    """The GitHub source id."""
    changes: list[LabelChange] = field(default_factory=list)
    """Writes, in order."""
    unchanged: int = 0
    """Labels that already matched."""
    applied: bool = False
    """True once the changes were written."""

    def summary(self) -> str:
        """One line for the CLI, e.g. ``2 to create, 1 to update, 0 to delete, 5 unchanged``."""
        count = {
            a: sum(1 for c in self.changes if c.action == a) for a in ("create", "update", "delete")
        }
        verb = {"create": "created", "update": "updated", "delete": "deleted"}
        parts = [f"{n} {verb[a]}" if self.applied else f"{n} to {a}" for a, n in count.items()]
        return f"source {self.source}: " + ", ".join(parts) + f", {self.unchanged} unchanged"


def _clip(text: str) -> str:
    return text if len(text) <= _MAX_DESCRIPTION else text[: _MAX_DESCRIPTION - 1] + "…"


def desired_labels(config: Config) -> list[LabelSpec]:
    """The labels the config's active WIGs and lead measures need.

    Args:
        config: The loaded config.

    Returns:
        WIG labels, lead-measure labels, then ``commitment`` and ``wig-session``.
    """
    conv = config.scoreboard.labels
    wigs = [w for w in config.wigs if w.active]
    specs = [
        LabelSpec(f"{conv.wig}{w.id}", WIG_COLOR, _clip(f"Work toward the WIG “{w.title}”"))
        for w in wigs
    ]
    for wig in wigs:
        for m in wig.lead_measures:
            pace = (
                ""
                if m.target is None
                else f", {m.target:g}/week" + (" per person" if m.per == "person" else "")
            )
            text = f"Counts toward the lead measure “{m.name}”{pace} once closed as completed"
            specs.append(LabelSpec(f"{conv.lead}{m.id}", LEAD_COLOR, _clip(text)))
    specs.append(
        LabelSpec(
            conv.commitment,
            COMMITMENT_COLOR,
            "A weekly commitment of its assignee(s); kept when closed as completed that week",
        )
    )
    specs.append(
        LabelSpec(
            conv.session,
            SESSION_COLOR,
            "Records a held weekly WIG session (one a week keeps the cadence)",
        )
    )
    unique: dict[str, LabelSpec] = {}
    for spec in specs:
        unique.setdefault(spec.name.casefold(), spec)
    return list(unique.values())


def _plan_repo(
    repo: str,
    existing: Sequence[Mapping[str, Any]],
    wanted: list[LabelSpec],
    conv: LabelConventions,
    prune: bool,
) -> tuple[list[LabelChange], int]:
    have = {str(e["name"]).casefold(): e for e in existing}
    changes: list[LabelChange] = []
    unchanged = 0
    for spec in wanted:
        current = have.get(spec.name.casefold())
        if current is None:
            changes.append(LabelChange(repo, "create", spec.name, spec.color, spec.description))
        elif (
            current["name"] == spec.name
            and str(current.get("color") or "").lower() == spec.color
            and (current.get("description") or "") == spec.description
        ):
            unchanged += 1
        else:
            rename = spec.name if current["name"] != spec.name else None
            changes.append(
                LabelChange(
                    repo, "update", str(current["name"]), spec.color, spec.description, rename
                )
            )
    if prune:
        keep = {s.name.casefold() for s in wanted}
        prefixes = (conv.wig.casefold(), conv.lead.casefold())
        for key, label in have.items():
            if key.startswith(prefixes) and key not in keep:
                changes.append(LabelChange(repo, "delete", str(label["name"])))
    return changes, unchanged


def _trim_label(raw: dict[str, Any]) -> dict[str, Any]:
    return {k: raw.get(k) for k in ("name", "color", "description")}


def plan_labels(
    config: Config, source_id: str, client: GitHubClient, *, prune: bool = False
) -> LabelPlan:
    """Compare the wanted labels with each repo's labels (reads only).

    Args:
        config: The loaded config.
        source_id: A ``kind: github`` source.
        client: A client of that source (see :func:`sync_labels`).
        prune: Also plan deleting ``wig:``/``lead:`` labels no WIG or measure uses.

    Returns:
        The plan: what to create, update and delete.
    """
    source = _github_source(config, source_id)
    wanted = desired_labels(config)
    plan = LabelPlan(source_id)
    for repo in source.repos:
        existing, _ = fetch_pages(
            client, f"/repos/{repo}/labels", {"per_page": 100}, [], _trim_label
        )
        changes, unchanged = _plan_repo(repo, existing, wanted, config.scoreboard.labels, prune)
        plan.changes += changes
        plan.unchanged += unchanged
    return plan


def apply_labels(plan: LabelPlan, client: GitHubClient) -> LabelPlan:
    """Write a plan's changes through PyGithub.

    Args:
        plan: What :func:`plan_labels` returned.
        client: The same source's client.

    Returns:
        The plan, marked applied.

    Raises:
        SourceError: The source replays a recording (read-only), or a write failed.
    """
    if client.replay is not None and plan.changes:
        raise SourceError(plan.source, "labels sync cannot write to a replayed recording (replay:)")
    for change in plan.changes:
        what = f"{_VERBS[change.action]} /repos/{change.repo}/labels/{change.name}"
        client.call(functools.partial(_write, client, change), what)
        logger.info("label %s", change)
    plan.applied = True
    return plan


_VERBS = {"create": "POST", "update": "PATCH", "delete": "DELETE"}


def _write(client: GitHubClient, change: LabelChange) -> None:
    """One label write through PyGithub (``Repository.create_label`` or the requester)."""
    path = f"/repos/{change.repo}/labels/{quote(change.name, safe='')}"
    if change.action == "create":
        repo = client.github.get_repo(change.repo)  # lazy Github: no request
        repo.create_label(change.name, change.color, change.description)
    elif change.action == "update":
        body = {"color": change.color, "description": change.description}
        if change.new_name:
            body["new_name"] = change.new_name
        client.requester.requestJsonAndCheck("PATCH", path, input=body)
    else:
        client.requester.requestJsonAndCheck("DELETE", path)


def sync_labels(
    config: Config,
    source_id: str,
    *,
    config_dir: Path,
    dry_run: bool = False,
    prune: bool = False,
    environ: Mapping[str, str] | None = None,
    policy: RetryPolicy | None = None,
) -> LabelPlan:
    """``wigboard labels sync [--dry-run] [--prune]`` for one GitHub source.

    Args:
        config: The loaded config.
        source_id: A ``kind: github`` source id.
        config_dir: Folder of ``wigboard.yml``.
        dry_run: Only plan; write nothing.
        prune: Delete ``wig:``/``lead:`` labels that name nothing configured.
        environ: Where the token is read (default: ``os.environ``).
        policy: Retry and wait rules (default: the source's ``max_wait``).

    Returns:
        The plan (``applied`` unless ``dry_run``); print ``plan.changes`` and ``plan.summary()``.

    Raises:
        AuthError: Missing or rejected token.
        SourceError: Unknown source id, or GitHub refused.
    """
    client = connect(
        source_id,
        _github_source(config, source_id),
        config_dir=config_dir,
        policy=policy,
        environ=environ,
    )
    plan = plan_labels(config, source_id, client, prune=prune)
    return plan if dry_run else apply_labels(plan, client)


def _github_source(config: Config, source_id: str) -> GitHubSource:
    source = config.sources.get(source_id)
    if not isinstance(source, GitHubSource):
        raise SourceError(source_id, "not a GitHub source (kind: github)")
    return source


def tags_of(
    labels: Iterable[str], conventions: LabelConventions
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Split labels into the WIG ids and lead-measure ids they name.

    Args:
        labels: A ticket's labels.
        conventions: The configured prefixes.

    Returns:
        ``(wig_ids, lead_measure_ids)`` in label order.
    """
    wigs = tuple(lb[len(conventions.wig) :] for lb in labels if lb.startswith(conventions.wig))
    leads = tuple(lb[len(conventions.lead) :] for lb in labels if lb.startswith(conventions.lead))
    return wigs, leads
