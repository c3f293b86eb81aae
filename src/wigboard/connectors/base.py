"""What every connector is: a thing that syncs one source into a snapshot.

A connector owns its source's cache folder (``.wigboard/<source-id>/``) for
whatever it needs between runs (ETags, cursors, the items it already has).
It returns the *complete* current data of its source (cached items merged
with what changed), never a delta. It raises :class:`~wigboard.errors.SourceError`
(or a subclass) when the source cannot be read; it never returns an empty or
partial snapshot to hide a failure. The pipeline keeps the last good snapshot
and shows it stale when a sync fails.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from wigboard.model import SourceSnapshot

__all__ = ["Connector", "SyncContext", "write_json_atomic"]

logger = logging.getLogger("mkdocs.plugins.wigboard.connectors")


@dataclass(frozen=True)
class SyncContext:
    """What a connector gets for one sync."""

    source_id: str
    """The source's id (key under ``sources:``)."""
    cache_dir: Path
    """This source's own cache folder (created by the pipeline)."""
    config_dir: Path
    """Folder of ``wigboard.yml``; relative paths in the config are resolved against it."""
    now: datetime
    """The sync's clock (timezone-aware)."""
    full: bool = False
    """Ignore incremental state and pull everything again."""


class Connector(Protocol):
    """A source of work items, series or milestones."""

    def sync(self, context: SyncContext) -> SourceSnapshot:
        """Pull the source's current data.

        Args:
            context: Where to cache, the clock, and whether to do a full pull.

        Returns:
            The complete current data of the source.

        Raises:
            SourceError: The source could not be read (auth, network, limits, bad data).
        """
        ...


def write_json_atomic(path: Path, data: Any) -> None:
    """Write JSON so that a crash mid-write leaves the previous file intact.

    Args:
        path: Destination file; its folder is created if needed.
        data: Anything ``json.dump`` accepts.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
