"""The one orchestration: config -> sync -> score -> render.

The CLI and the MkDocs plugin both call this module; nothing here prints.

Sync keeps the last good snapshot of every source in ``.wigboard/<id>/``. When
a source fails, its last good snapshot is used and shown stale; under
``--strict`` the failure stops the run. A source that fails and has never
synced stops the run too: wigboard never shows a failed tracker as zeros.

The build's clock (``generated_at``, and the sync time stamped on data) is
``SOURCE_DATE_EPOCH`` when set, else the end of the ``--as-of`` day in the
scoreboard's timezone when given, else now: so two builds with the same inputs
and ``--as-of`` are byte-identical.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from wigboard.config import Config
from wigboard.config_loader import find_config, load_config
from wigboard.connectors import make_connector
from wigboard.connectors.base import SyncContext, write_json_atomic
from wigboard.errors import ConfigError, SourceError
from wigboard.model import SourceSnapshot, SourceStatus, snapshot_from_json, snapshot_to_json
from wigboard.scoring import score
from wigboard.scoring.inputs import ScoringInput
from wigboard.scoring.results import Finding, ScoreboardResult

__all__ = [
    "BuildReport",
    "Computed",
    "PipelineOptions",
    "Project",
    "build",
    "check",
    "compute",
    "demo_dir",
    "resolve_project",
    "sync",
    "watched_paths",
]

logger = logging.getLogger("mkdocs.plugins.wigboard.pipeline")

CACHE_DIR_NAME = ".wigboard"


@dataclass(frozen=True)
class PipelineOptions:
    """What the user asked for (CLI flags or plugin options)."""

    config_path: Path | None = None
    """Explicit config file; ``None`` searches upward from ``cwd``, then falls back to the demo."""
    as_of: date | None = None
    """Score as of the end of this day; default today (the demo: its recorded day)."""
    offline: bool = False
    """Use cached tracker data only (data files and recorded replays are still read)."""
    strict: bool = False
    """A failing source fails the run instead of showing stale data."""
    full: bool = False
    """Ignore incremental sync state and pull everything."""
    cwd: Path = field(default_factory=Path.cwd)
    """Where to look for ``wigboard.yml``."""
    cache_dir: Path | None = None
    """Sync cache folder; default ``.wigboard/`` beside the config (the demo: in ``cwd``)."""


@dataclass(frozen=True)
class Project:
    """A resolved config and where its files live."""

    config: Config
    config_path: Path
    cache_dir: Path
    is_demo: bool
    default_as_of: date | None = None
    """The demo's recorded day; ``None`` for a real project (today)."""

    @property
    def config_dir(self) -> Path:
        """The folder relative paths in the config are resolved against."""
        return self.config_path.parent


@dataclass(frozen=True)
class Computed:
    """A scored scoreboard and what it was computed from."""

    project: Project
    result: ScoreboardResult

    @property
    def config(self) -> Config:
        """The validated config."""
        return self.project.config


@dataclass(frozen=True)
class BuildReport:
    """What ``build`` did."""

    computed: Computed
    out_dir: Path
    seconds: float


def demo_dir() -> Path:
    """Return the folder of the bundled demo organisation.

    Looks in a source checkout (``config/demo``) and in an installed wheel's
    data files (``<prefix>/share/wigboard/demo``).

    Raises:
        ConfigError: The demo is not installed.
    """
    candidates = [
        Path(__file__).resolve().parents[2] / "config" / "demo",
        Path(sys.prefix) / "share" / "wigboard" / "demo",
    ]
    for candidate in candidates:
        if (candidate / "wigboard.yml").is_file():
            return candidate
    raise ConfigError(None, "the bundled demo is not installed", "pass --config wigboard.yml")


def resolve_project(options: PipelineOptions) -> Project:
    """Find and load the config (or the demo) and decide where the cache lives.

    Args:
        options: The run's options.

    Returns:
        The project.

    Raises:
        ConfigError: The config is invalid or the given path does not exist.
    """
    path = options.config_path or find_config(options.cwd)
    is_demo = path is None
    default_as_of = None
    if path is None:
        folder = demo_dir()
        path = folder / "wigboard.yml"
        as_of_file = folder / "AS_OF"
        if as_of_file.is_file():
            default_as_of = date.fromisoformat(as_of_file.read_text().strip())
        logger.info("no wigboard.yml in reach: using the bundled demo (%s)", folder)
    config = load_config(path)
    base = options.cwd if is_demo else path.parent
    cache_dir = options.cache_dir or base / CACHE_DIR_NAME / ("demo" if is_demo else "")
    return Project(config, path, cache_dir, is_demo, default_as_of)


def watched_paths(project: Project) -> list[Path]:
    """Return the files a preview should rebuild on: the config, data files, recordings.

    The cache (``.wigboard/``) is never among them, so a build's own writes do not
    trigger another build.

    Args:
        project: The resolved project.

    Returns:
        Existing paths, config first.
    """
    paths = [project.config_path]
    for source in project.config.sources.values():
        local = getattr(source, "path", None) or getattr(source, "replay", None)
        if local:
            path = Path(local)
            paths.append(path if path.is_absolute() else project.config_dir / path)
    return [p for p in dict.fromkeys(paths) if p.exists()]


def build_clock(config: Config, as_of: date | None) -> datetime:
    """Return the build's clock (see the module docstring).

    Args:
        config: For the scoreboard's timezone.
        as_of: The ``--as-of`` day, if given.

    Returns:
        A timezone-aware datetime.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    if as_of is not None:
        tz = ZoneInfo(config.scoreboard.timezone)
        end = datetime.combine(as_of + timedelta(days=1), datetime.min.time(), tz)
        return (end - timedelta(seconds=1)).astimezone(UTC)
    return datetime.now(UTC)


def _is_local(source: object) -> bool:
    """Whether a source is read from files in the repo: data files or recorded replays."""
    return getattr(source, "kind", "") in {"series", "items"} or bool(
        getattr(source, "replay", None)
    )


def _snapshot_path(cache_dir: Path, source_id: str) -> Path:
    return cache_dir / source_id / "snapshot.json"


def _load_snapshot(cache_dir: Path, source_id: str) -> SourceSnapshot | None:
    path = _snapshot_path(cache_dir, source_id)
    try:
        return snapshot_from_json(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError) as exc:
        logger.warning("cache %s is unreadable (%s); ignoring it", path, exc)
        return None


def sync(
    project: Project,
    options: PipelineOptions,
    now: datetime,
    progress: Callable[[str], None] | None = None,
) -> tuple[list[SourceSnapshot], list[SourceStatus]]:
    """Sync every source, falling back to the last good snapshot on failure.

    Args:
        project: The resolved project.
        options: ``offline``, ``strict`` and ``full`` are honoured.
        now: The build clock, stamped on what is pulled.
        progress: Called with a one-line message per source (the CLI shows it).

    Returns:
        The snapshots in use and each source's status, in config order.

    Raises:
        SourceError: A source failed under ``strict``, or failed with no cache.
    """
    snapshots: list[SourceSnapshot] = []
    statuses: list[SourceStatus] = []
    for source_id, source in project.config.sources.items():
        say = progress or (lambda _msg: None)
        context = SyncContext(
            source_id=source_id,
            cache_dir=project.cache_dir / source_id,
            config_dir=project.config_dir,
            now=now,
            full=options.full,
        )
        snapshot, status = _sync_one(project, options, context, source)
        say(f"{source_id}: {_describe(snapshot, status)}")
        snapshots.append(snapshot)
        statuses.append(status)
    return snapshots, statuses


def _sync_one(
    project: Project, options: PipelineOptions, context: SyncContext, source: object
) -> tuple[SourceSnapshot, SourceStatus]:
    source_id = context.source_id
    cached = _load_snapshot(project.cache_dir, source_id)
    if options.offline and not _is_local(source):
        if cached is None:
            raise SourceError(
                source_id, "--offline, but nothing is cached yet: run `wigboard sync`"
            )
        return cached, SourceStatus(
            source_id, True, cached.fetched_at, False, None, len(cached.items)
        )
    context.cache_dir.mkdir(parents=True, exist_ok=True)
    try:
        snapshot = make_connector(source_id, source, project.config).sync(context)
    except SourceError as exc:
        if options.strict or cached is None:
            raise
        logger.warning("%s; using the last good data from %s (stale)", exc, cached.fetched_at)
        status = SourceStatus(
            source_id, False, cached.fetched_at, True, exc.message, len(cached.items)
        )
        return cached, status
    write_json_atomic(_snapshot_path(project.cache_dir, source_id), snapshot_to_json(snapshot))
    status = SourceStatus(source_id, True, snapshot.fetched_at, False, None, len(snapshot.items))
    return snapshot, status


def _describe(snapshot: SourceSnapshot, status: SourceStatus) -> str:
    parts = [f"{len(snapshot.items)} items"]
    if snapshot.series:
        parts.append(f"{len(snapshot.series)} series points")
    if snapshot.milestones:
        parts.append(f"{len(snapshot.milestones)} milestones")
    state = "ok" if status.ok else f"FAILED ({status.error}); using data from {status.last_sync}"
    return f"{', '.join(parts)} — {state}"


def compute(options: PipelineOptions, progress: Callable[[str], None] | None = None) -> Computed:
    """Resolve the project, sync its sources and score it.

    Args:
        options: The run's options.
        progress: Optional per-source progress callback.

    Returns:
        The scored scoreboard.
    """
    project = resolve_project(options)
    if project.is_demo and progress is not None:
        progress("No wigboard.yml found: building the bundled Acme Air demo (offline).")
    as_of = options.as_of or project.default_as_of
    now = build_clock(project.config, as_of)
    if as_of is None:
        as_of = now.astimezone(ZoneInfo(project.config.scoreboard.timezone)).date()
    snapshots, statuses = sync(project, options, now, progress)
    result = score(_scoring_input(project.config, snapshots, statuses, as_of, now))
    return Computed(project, result)


def _scoring_input(
    config: Config,
    snapshots: list[SourceSnapshot],
    statuses: list[SourceStatus],
    as_of: date,
    now: datetime,
) -> ScoringInput:
    return ScoringInput(
        config=config,
        items=[item for s in snapshots for item in s.items],
        series=[point for s in snapshots for point in s.series],
        milestones=[m for s in snapshots for m in s.milestones],
        sources=statuses,
        as_of=as_of,
        generated_at=now,
    )


def build(
    options: PipelineOptions,
    out_dir: Path,
    progress: Callable[[str], None] | None = None,
    *,
    live_reload: bool = False,
) -> BuildReport:
    """Sync, score and render the scoreboard site into ``out_dir``.

    Args:
        options: The run's options.
        out_dir: Where the static site goes.
        progress: Optional per-source progress callback.
        live_reload: Relax the Content-Security-Policy for ``wigboard serve``'s reload script.

    Returns:
        What was built.
    """
    from wigboard.site_builder import build_site  # the face-independent renderer

    started = time.perf_counter()
    computed = compute(options, progress)
    build_site(
        computed.config, computed.result, out_dir, strict=options.strict, live_reload=live_reload
    )
    return BuildReport(computed, out_dir, time.perf_counter() - started)


def check(options: PipelineOptions) -> tuple[Computed, list[Finding]]:
    """Validate the config and apply the 4DX rules to the synced data.

    Args:
        options: The run's options.

    Returns:
        The computed scoreboard and its findings, errors first (scoring's rule
        findings plus one per source that failed and is shown stale).
    """
    computed = compute(options)
    findings = list(computed.result.findings)
    for status in computed.result.sources:
        if status.stale:
            findings.append(
                Finding(
                    "warning",
                    "stale-source",
                    f"source {status.source!r} failed ({status.error}); "
                    f"showing its data from {status.last_sync}",
                    None,
                    "fix the source's credentials or network and run again",
                )
            )
    order = {"error": 0, "warning": 1}
    return computed, sorted(findings, key=lambda f: order[f.severity])
