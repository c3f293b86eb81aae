from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from wigboard.config import FileSource
from wigboard.connectors.base import SyncContext
from wigboard.connectors.files import (
    ItemsFileConnector,
    SeriesFileConnector,
    read_items,
    read_series,
)
from wigboard.errors import DataFileError, SourceError
from wigboard.model import ItemState, Iteration

ITEM = {
    "key": "OPS-12", "title": "Drill <b>", "url": "https://jira.example/browse/OPS-12",
    "type": "Task", "created": "2026-06-22T09:00:00Z", "done": "2026-06-25T17:00:00+02:00",
    "labels": ["wig:on-time", "lead:drills"], "assignees": ["ana"], "milestone": None,
    "iteration": {"name": "Sprint 3", "start": "2026-06-22", "end": "2026-07-05"},
    "fields": {"points": 3},
}  # fmt: skip


def write_lines(path: Path, rows: list[object]) -> Path:
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_items_are_normalized(tmp_path: Path) -> None:
    (item,) = read_items("export", write_lines(tmp_path / "i.jsonl", [ITEM]))
    assert item.source == "export" and item.key == "OPS-12" and item.type == "task"
    assert item.state is ItemState.DONE
    assert item.done == datetime(2026, 6, 25, 15, 0, tzinfo=UTC)
    assert item.iteration == Iteration("Sprint 3", date(2026, 6, 22), date(2026, 7, 5))
    assert item.fields == {"points": 3.0}
    assert item.identities() == ("export:ana",)


def test_open_and_closed_not_done(tmp_path: Path) -> None:
    rows = [dict(ITEM, key="A", done=None), dict(ITEM, key="B", done=None, state="closed")]
    a, b = read_items("x", write_lines(tmp_path / "i.jsonl", rows))
    assert a.state is ItemState.OPEN and b.state is ItemState.CLOSED and b.done is None


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (dict(ITEM, created="2026-06-22T09:00:00"), "has no UTC offset"),
        (dict(ITEM, created="yesterday"), "bad timestamp"),
        ({k: v for k, v in ITEM.items() if k != "key"}, "missing key 'key'"),
        (dict(ITEM, labels="wig:on-time"), "'labels' must be a list of strings"),
        (dict(ITEM, url="javascript:alert(1)"), "is not http(s)"),
        (dict(ITEM, colour="red"), "unknown key(s) colour"),
        (dict(ITEM, fields={"points": [1]}), "must be a number or a string"),
    ],
)
def test_bad_item_rows_name_file_and_line(
    tmp_path: Path, row: dict[str, object], message: str
) -> None:
    path = write_lines(tmp_path / "i.jsonl", [dict(ITEM, key="ok"), row])
    with pytest.raises(DataFileError) as info:
        read_items("x", path)
    assert info.value.location.line == 2
    assert message in str(info.value)


def test_not_json_and_duplicates(tmp_path: Path) -> None:
    path = tmp_path / "i.jsonl"
    path.write_text(json.dumps(ITEM) + "\n{oops\n")
    with pytest.raises(DataFileError, match=r"i.jsonl:2:2: not JSON"):
        read_items("x", path)
    write_lines(path, [ITEM, ITEM])
    with pytest.raises(DataFileError, match="duplicate key 'OPS-12' \\(first on line 1\\)"):
        read_items("x", path)


def test_series_reads_and_validates(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("date,measure,value\n2026-01-05,on_time,72.5\n\n2026-01-12,on_time,73\n")
    points = read_series("finance", path)
    assert [(p.date, p.value) for p in points] == [
        (date(2026, 1, 5), 72.5),
        (date(2026, 1, 12), 73.0),
    ]
    path.write_text("date,measure,value\n2026-01-05,on_time,72,5\n")
    with pytest.raises(DataFileError, match=r"s.csv:2:1: expected 3 columns"):
        read_series("finance", path)
    path.write_text("date,measure,value\n2026-13-05,on_time,72\n")
    with pytest.raises(DataFileError, match=r"s.csv:2:1: '2026-13-05' is not a date"):
        read_series("finance", path)
    path.write_text("date,measure,value\n2026-01-05,on_time,nan\n")
    with pytest.raises(DataFileError, match=r"s.csv:2:3: 'nan' is not a finite number"):
        read_series("finance", path)
    path.write_text("when,measure,value\n")
    with pytest.raises(DataFileError, match="header must be exactly"):
        read_series("finance", path)


def test_connectors_resolve_paths_against_the_config_dir(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    write_lines(tmp_path / "data" / "i.jsonl", [ITEM])
    (tmp_path / "data" / "s.csv").write_text("date,measure,value\n2026-01-05,m,1\n")
    now = datetime(2026, 7, 1, tzinfo=UTC)
    ctx = SyncContext("export", tmp_path / ".cache", tmp_path, now)
    snap = ItemsFileConnector("export", FileSource("items", "data/i.jsonl")).sync(ctx)
    assert len(snap.items) == 1 and snap.fetched_at == now
    snap = SeriesFileConnector("fin", FileSource("series", "data/s.csv")).sync(ctx)
    assert snap.series[0].measure == "m"
    with pytest.raises(SourceError, match="does not exist"):
        SeriesFileConnector("fin", FileSource("series", "data/missing.csv")).sync(ctx)
