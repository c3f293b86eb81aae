"""The ``wigboard`` command: thin wrappers that call the library and map its errors.

Exit codes: 0 ok, 1 check or validation failure, 2 usage, 3 a source failed.
"""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from wigboard import __version__, pipeline
from wigboard.errors import BuildError, ConfigError, SourceError, WigboardError

__all__ = ["main"]

F = TypeVar("F", bound=Callable[..., Any])

EXIT_INVALID = 1
EXIT_SOURCE = 3


def _fail(message: str, code: int) -> NoReturn:
    click.echo(message, err=True)
    sys.exit(code)


def _errors_to_exit_codes(func: F) -> F:
    """Turn wigboard's exceptions into a message on stderr and the documented exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ConfigError as exc:
            _fail(str(exc), EXIT_INVALID)
        except SourceError as exc:
            _fail(f"error: {exc}", EXIT_SOURCE)
        except (BuildError, WigboardError) as exc:
            _fail(f"error: {exc}", EXIT_INVALID)

    return wrapper  # type: ignore[return-value]


def _parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; write YYYY-MM-DD") from None


def _config_option(func: F) -> F:
    return click.option(
        "--config",
        "config_path",
        type=click.Path(path_type=Path, dir_okay=False),
        help="Path of wigboard.yml (default: search upward from here; none: the demo).",
    )(func)


def _as_of_option(func: F) -> F:
    return click.option(
        "--as-of", callback=_parse_date, help="Score as of this day (YYYY-MM-DD); default today."
    )(func)


def _progress(message: str) -> None:
    click.echo(f"  {message}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="wigboard")
@click.option("-v", "--verbose", is_flag=True, help="Log what happens (INFO level) to stderr.")
def cli(verbose: bool) -> None:
    """wigboard: a 4 Disciplines of Execution scoreboard from your Jira and GitHub tickets."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


@cli.command()
@_config_option
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("site"),
    show_default=True,
    help="Folder to write the static site into.",
)
@_as_of_option
@click.option("--offline", is_flag=True, help="Use cached tracker data only.")
@click.option("--strict", is_flag=True, help="Fail if any source fails (instead of stale data).")
@click.option("--full", is_flag=True, help="Ignore incremental sync state; pull everything.")
@_errors_to_exit_codes
def build(
    config_path: Path | None, out: Path, as_of: date | None, offline: bool, strict: bool, full: bool
) -> None:
    """Sync, score and render the scoreboard site."""
    options = pipeline.PipelineOptions(config_path, as_of, offline, strict, full)
    report = pipeline.build(options, out, _progress)
    result = report.computed.result
    stale = [s.source for s in result.sources if s.stale]
    click.echo(
        f"Built {len(result.wigs)} WIGs as of {result.as_of} into {out}/ "
        f"in {report.seconds:.1f} s" + (f" (stale: {', '.join(stale)})" if stale else "")
    )


@cli.command()
@_config_option
@click.option("--strict", is_flag=True, help="Exit 3 if any source fails.")
@click.option("--full", is_flag=True, help="Ignore incremental sync state; pull everything.")
@_errors_to_exit_codes
def sync(config_path: Path | None, strict: bool, full: bool) -> None:
    """Pull every source into the cache (.wigboard/), incrementally."""
    options = pipeline.PipelineOptions(config_path, strict=strict, full=full)
    project = pipeline.resolve_project(options)
    now = pipeline.build_clock(project.config, None)
    _snapshots, statuses = pipeline.sync(project, options, now, _progress)
    failed = [s.source for s in statuses if not s.ok]
    if failed:
        _fail(f"failed: {', '.join(failed)} (their last good data is kept)", EXIT_SOURCE)
    click.echo(f"Synced {len(statuses)} sources into {project.cache_dir}")


@cli.command()
@_config_option
@_as_of_option
@click.option("--offline", is_flag=True, help="Use cached tracker data only.")
@_errors_to_exit_codes
def check(config_path: Path | None, as_of: date | None, offline: bool) -> None:
    """Validate the config and apply the 4DX rules; exit 1 on errors."""
    options = pipeline.PipelineOptions(config_path, as_of, offline)
    computed, findings = pipeline.check(options)
    for finding in findings:
        where = f"{finding.location}: " if finding.location else ""
        click.echo(f"{where}{finding.severity}: [{finding.code}] {finding.message}")
        click.echo(f"  fix: {finding.fix}")
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    click.echo(f"{computed.project.config_path}: {errors} errors, {warnings} warnings")
    if errors:
        sys.exit(EXIT_INVALID)


@cli.group()
def labels() -> None:
    """Manage the labels that move the scoreboard."""


@labels.command("sync")
@_config_option
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
@click.option(
    "--prune", is_flag=True, help="Also delete wig:/lead: labels naming nothing configured."
)
@_errors_to_exit_codes
def labels_sync(config_path: Path | None, dry_run: bool, prune: bool) -> None:
    """Create/update the WIG and lead labels in the GitHub repos; print Jira filters."""
    from wigboard.config import GitHubSource, JiraSource

    project = pipeline.resolve_project(pipeline.PipelineOptions(config_path))
    config = project.config
    for source_id, source in config.sources.items():
        if isinstance(source, GitHubSource):
            from wigboard.connectors.github_labels import sync_labels

            plan = sync_labels(
                config, source_id, config_dir=project.config_dir, dry_run=dry_run, prune=prune
            )
            for change in plan.changes:
                click.echo(f"  {change}")
            click.echo(("(dry run) " if dry_run else "") + plan.summary())
        elif isinstance(source, JiraSource):
            from wigboard.connectors.jira_filters import jql_filters

            click.echo(f"source {source_id}: Jira has no label registry; save these filters:")
            for name, jql in jql_filters(config, source_id):
                click.echo(f"  {name}: {jql}")


@cli.command()
@_config_option
@_as_of_option
@click.option(
    "-a",
    "--dev-addr",
    default="127.0.0.1:8000",
    show_default=True,
    help="Address to serve on (IP:PORT).",
)
@_errors_to_exit_codes
def serve(config_path: Path | None, as_of: date | None, dev_addr: str) -> None:
    """Preview the scoreboard locally; rebuilds when wigboard.yml or its data change."""
    import tempfile

    from mkdocs.livereload import LiveReloadServer

    options = pipeline.PipelineOptions(config_path, as_of)
    project = pipeline.resolve_project(options)
    host, _, port = dev_addr.rpartition(":")
    with tempfile.TemporaryDirectory(prefix="wigboard-serve-") as out:
        synced = False

        def rebuild() -> None:
            # The first build syncs; rebuilds on file changes use the cache (no tracker calls).
            nonlocal synced
            try:
                pipeline.build(replace(options, offline=synced), Path(out), live_reload=True)
                synced = True
            except WigboardError as exc:  # keep serving the last good build
                click.echo(f"error: {exc}", err=True)

        rebuild()
        server = LiveReloadServer(rebuild, host or "127.0.0.1", int(port), out)
        for path in pipeline.watched_paths(project):
            server.watch(str(path))
        click.echo(f"Serving the scoreboard on {server.url} (Ctrl+C to stop)")
        try:
            server.serve()  # type: ignore[no-untyped-call]
        except KeyboardInterrupt:
            click.echo("Stopped.")
        finally:
            server.shutdown()


@cli.command()
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False), default=Path("."))
@click.option("--force", is_flag=True, help="Overwrite existing files.")
@_errors_to_exit_codes
def init(directory: Path, force: bool) -> None:
    """Write a starter wigboard.yml and the scheduled scoreboard workflow into a repo."""
    from wigboard.starter import write_starter

    for path, written in write_starter(directory, force=force):
        click.echo(f"{'wrote' if written else 'kept (exists; --force overwrites)'} {path}")
    click.echo("Next: edit wigboard.yml, run `wigboard check`, then `wigboard build`.")


@cli.command()
def schema() -> None:
    """Print the JSON Schema of wigboard.yml."""
    from wigboard.config_schema import schema_text

    click.echo(schema_text(), nl=False)


def main() -> None:
    """Run the CLI (the ``wigboard`` console script)."""
    cli(prog_name="wigboard")


if __name__ == "__main__":  # pragma: no cover
    main()
