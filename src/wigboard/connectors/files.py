"""File sources: ``series`` (CSV) and ``items`` (JSON Lines).

They are real sources, not test doubles: a team keeps its finance numbers in a
CSV in the repo, and any tracker wigboard has no connector for can be
exported to the items format. Formats (design §3):

- ``series``: CSV with header ``date,measure,value`` — ISO dates, ``.`` decimals.
- ``items``: one JSON object per line with ``key``, ``title``, ``url``,
  ``type``, ``created``, ``done`` (timestamp or null), ``labels``,
  ``assignees``, ``milestone``, ``iteration``, ``fields``; optional
  ``updated``, ``container`` and ``state: "closed"`` (closed without being
  done). An item is done iff ``done`` is set. Timestamps carry an offset or ``Z``.

A malformed row raises :class:`~wigboard.errors.DataFileError` naming
``file:row:col``; nothing is silently skipped.
"""

from __future__ import annotations

import csv
import json
import logging
import math
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from wigboard.config import FileSource
from wigboard.connectors.base import SyncContext
from wigboard.errors import DataFileError, Location, SourceError
from wigboard.model import ItemState, Iteration, SeriesPoint, SourceSnapshot, WorkItem
from wigboard.model import parse_timestamp as _parse_ts

__all__ = ["ItemsFileConnector", "SeriesFileConnector", "read_items", "read_series"]

logger = logging.getLogger("mkdocs.plugins.wigboard.connectors.files")

_SERIES_HEADER = ["date", "measure", "value"]
_ITEM_KEYS = {
    "key", "title", "url", "type", "created", "done", "labels", "assignees",
    "milestone", "iteration", "fields", "updated", "container", "state",
}  # fmt: skip


def _resolve(context: SyncContext, source: FileSource) -> Path:
    path = Path(source.path)
    return path if path.is_absolute() else context.config_dir / path


def _open_text(source_id: str, path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SourceError(source_id, f"file {path} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(source_id, f"cannot read {path}: {exc}") from None


def read_series(source_id: str, path: Path) -> list[SeriesPoint]:
    """Read a ``date,measure,value`` CSV.

    Args:
        source_id: The source's id (stamped on every point).
        path: The CSV file.

    Returns:
        The points in file order.

    Raises:
        DataFileError: A row is malformed (names file:row:col).
        SourceError: The file cannot be read.
    """
    text = _open_text(source_id, path)
    rows = csv.reader(text.splitlines())
    header = next(rows, None)
    if [h.strip() for h in header or []] != _SERIES_HEADER:
        raise DataFileError(
            source_id, Location(str(path), 1, 1), "header must be exactly: date,measure,value"
        )
    points: list[SeriesPoint] = []
    for row_no, row in enumerate(rows, start=2):
        if not row or all(not cell.strip() for cell in row):
            continue
        points.append(_series_row(source_id, path, row_no, row))
    return points


def _series_row(source_id: str, path: Path, row_no: int, row: list[str]) -> SeriesPoint:
    def fail(col: int, message: str) -> DataFileError:
        return DataFileError(source_id, Location(str(path), row_no, col), message)

    if len(row) != 3:
        raise fail(1, f"expected 3 columns (date,measure,value), found {len(row)}")
    day_text, measure, value_text = (cell.strip() for cell in row)
    try:
        day = date.fromisoformat(day_text)
    except ValueError:
        raise fail(1, f"{day_text!r} is not a date (YYYY-MM-DD)") from None
    if not measure:
        raise fail(2, "empty measure name")
    try:
        value = float(value_text)
    except ValueError:
        raise fail(3, f"{value_text!r} is not a number (use '.' for decimals)") from None
    if not math.isfinite(value):
        raise fail(3, f"{value_text!r} is not a finite number")
    return SeriesPoint(source_id, measure, day, value)


def read_items(source_id: str, path: Path) -> list[WorkItem]:
    """Read a JSON Lines file of work items.

    Args:
        source_id: The source's id (stamped on every item).
        path: The ``.jsonl`` file.

    Returns:
        The items in file order.

    Raises:
        DataFileError: A line is malformed (names file:line:col and the key).
        SourceError: The file cannot be read.
    """
    text = _open_text(source_id, path)
    items: list[WorkItem] = []
    seen: dict[str, int] = {}
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataFileError(
                source_id, Location(str(path), line_no, exc.colno), f"not JSON: {exc.msg}"
            ) from None
        item = _item(source_id, Location(str(path), line_no, 1), data)
        if item.key in seen:
            raise DataFileError(
                source_id,
                Location(str(path), line_no, 1),
                f"duplicate key {item.key!r} (first on line {seen[item.key]})",
            )
        seen[item.key] = line_no
        items.append(item)
    return items


def _item(source_id: str, where: Location, data: Any) -> WorkItem:
    def fail(message: str) -> DataFileError:
        return DataFileError(source_id, where, message)

    if not isinstance(data, dict):
        raise fail("each line must be a JSON object")
    unknown = sorted(set(data) - _ITEM_KEYS)
    if unknown:
        raise fail(f"unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(_ITEM_KEYS))}")
    try:
        _text(data, "key")
        created = _parse_ts(_text(data, "created"))
        done = _parse_ts(data["done"]) if data.get("done") else None
        updated = _parse_ts(data["updated"]) if data.get("updated") else None
    except (ValueError, TypeError) as exc:
        raise fail(f"bad timestamp: {exc}") from None
    except KeyError as exc:
        raise fail(f"missing key {exc.args[0]!r}") from None
    state = ItemState.DONE if done else ItemState.OPEN
    if data.get("state") == "closed" and done is None:
        state = ItemState.CLOSED
    url = str(data.get("url") or "")
    if url and not url.startswith(("https://", "http://")):
        raise fail(f"url {url[:60]!r} is not http(s)")
    return WorkItem(
        source=source_id,
        key=str(data["key"]),
        title=str(data.get("title") or ""),
        url=url,
        type=str(data.get("type") or "task").lower(),
        state=state,
        created=created,
        done=done,
        updated=updated,
        labels=_strings(data, "labels", fail),
        assignees=_strings(data, "assignees", fail),
        milestone=str(data["milestone"]) if data.get("milestone") else None,
        iteration=_iteration(data.get("iteration"), fail),
        fields=_fields(data.get("fields") or {}, fail),
        container=str(data.get("container") or ""),
    )


def _text(data: Mapping[str, Any], key: str) -> str:
    value = data[key]
    if not isinstance(value, str) or not value:
        raise TypeError(f"{key!r} must be a non-empty string")
    return value


def _strings(data: Mapping[str, Any], key: str, fail: Any) -> tuple[str, ...]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise fail(f"{key!r} must be a list of strings")
    return tuple(value)


def _iteration(value: Any, fail: Any) -> Iteration | None:
    if value is None:
        return None
    if isinstance(value, str):
        return Iteration(value)
    if isinstance(value, dict) and isinstance(value.get("name"), str):
        try:
            start = date.fromisoformat(value["start"]) if value.get("start") else None
            end = date.fromisoformat(value["end"]) if value.get("end") else None
        except ValueError as exc:
            raise fail(f"bad iteration date: {exc}") from None
        return Iteration(value["name"], start, end)
    raise fail("'iteration' must be null, a name, or {name, start, end}")


def _fields(value: Any, fail: Any) -> dict[str, float | str]:
    if not isinstance(value, dict):
        raise fail("'fields' must be an object")
    out: dict[str, float | str] = {}
    for name, raw in value.items():
        if isinstance(raw, bool) or not isinstance(raw, int | float | str):
            raise fail(f"field {name!r} must be a number or a string")
        out[str(name)] = float(raw) if isinstance(raw, int | float) else raw
    return out


class SeriesFileConnector:
    """A ``kind: series`` source."""

    def __init__(self, source_id: str, source: FileSource) -> None:
        self.source_id = source_id
        self.source = source

    def sync(self, context: SyncContext) -> SourceSnapshot:
        """Read the CSV (see :func:`read_series`)."""
        path = _resolve(context, self.source)
        points = read_series(self.source_id, path)
        logger.info("%s: read %d series points from %s", self.source_id, len(points), path)
        return SourceSnapshot(self.source_id, context.now, series=points)


class ItemsFileConnector:
    """A ``kind: items`` source."""

    def __init__(self, source_id: str, source: FileSource) -> None:
        self.source_id = source_id
        self.source = source

    def sync(self, context: SyncContext) -> SourceSnapshot:
        """Read the JSON Lines file (see :func:`read_items`)."""
        path = _resolve(context, self.source)
        items = read_items(self.source_id, path)
        logger.info("%s: read %d items from %s", self.source_id, len(items), path)
        return SourceSnapshot(self.source_id, context.now, items=items)
