from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import requests
from hypothesis import given
from hypothesis import strategies as st

from wigboard.connectors.replay import mount_replay, normalize_url
from wigboard.model import (
    ItemState,
    Iteration,
    Milestone,
    SeriesPoint,
    SourceSnapshot,
    WorkItem,
    merge_items,
    parse_timestamp,
    snapshot_from_json,
    snapshot_to_json,
)

T0 = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


def item(key: str, **kw: object) -> WorkItem:
    base: dict[str, object] = {
        "source": "gh",
        "key": key,
        "title": "t",
        "url": "https://x/1",
        "type": "issue",
        "state": ItemState.OPEN,
        "created": T0,
    }
    base.update(kw)
    return WorkItem(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-06-25T15:00:00Z", datetime(2026, 6, 25, 15, tzinfo=UTC)),
        ("2026-06-25T17:00:00.000+0200", datetime(2026, 6, 25, 15, tzinfo=UTC)),
        ("2026-06-25T07:00:00-08:00", datetime(2026, 6, 25, 15, tzinfo=UTC)),
    ],
)
def test_parse_timestamp(text: str, expected: datetime) -> None:
    assert parse_timestamp(text) == expected


def test_parse_timestamp_needs_an_offset() -> None:
    with pytest.raises(ValueError, match="no UTC offset"):
        parse_timestamp("2026-06-25T15:00:00")


def test_snapshot_round_trip() -> None:
    snap = SourceSnapshot(
        "gh",
        T0,
        items=[
            item(
                "a#1",
                state=ItemState.DONE,
                done=T0 + timedelta(days=1),
                labels=("wig:x",),
                assignees=("ana",),
                milestone="M1",
                iteration=Iteration("W1", date(2026, 6, 1)),
                fields={"points": 2.0, "Status": "Done"},
                title="ünïcode <b>",
            )
        ],
        series=[SeriesPoint("gh", "m", date(2026, 6, 1), 1.5)],
        milestones=[Milestone("gh", "a/b", "M1", date(2026, 7, 1), "open", 3, 1)],
    )
    text = json.dumps(snapshot_to_json(snap))
    assert snapshot_from_json(json.loads(text)) == snap


def test_milestone_progress() -> None:
    assert Milestone("gh", "a/b", "M", None, "open", 3, 1).progress == 0.25
    assert Milestone("gh", "a/b", "M", None, "open", 0, 0).progress is None


def test_series_point_must_be_finite() -> None:
    with pytest.raises(ValueError, match="finite"):
        SeriesPoint("f", "m", date(2026, 1, 1), float("nan"))


@given(st.lists(st.integers(0, 20), max_size=30), st.lists(st.integers(0, 20), max_size=30))
def test_merge_items_new_wins_and_keys_are_unique(old: list[int], new: list[int]) -> None:
    merged = merge_items(
        [item(f"k{i}", title="old") for i in old], [item(f"k{i}", title="new") for i in new]
    )
    keys = [m.key for m in merged]
    assert keys == sorted(set(keys)) and set(keys) == {f"k{i}" for i in old + new}
    assert all(m.title == "new" for m in merged if int(m.key[1:]) in new)


def test_replay_answers_from_recording_and_fails_loudly(tmp_path: Path) -> None:
    folder = tmp_path
    (folder / "page1.json").write_text('[{"number": 1}]')
    (folder / "index.json").write_text(
        json.dumps(
            [
                {
                    "method": "GET",
                    "url": "/repos/a/b/issues?state=all&per_page=100",
                    "status": 200,
                    "headers": {"ETag": '"e1"'},
                    "body": "page1.json",
                },
            ]
        )
    )
    session = requests.Session()
    adapter = mount_replay(session, folder)
    response = session.get(
        "https://ghe.example/repos/a/b/issues", params={"per_page": 100, "state": "all"}
    )
    assert response.status_code == 200 and response.json() == [{"number": 1}]
    assert response.headers["etag"] == '"e1"'
    with pytest.raises(requests.ConnectionError, match="no recorded response"):
        session.get("https://ghe.example/repos/a/b/issues?page=2")
    assert len(adapter.requests_seen) == 2
    assert normalize_url("https://h/p?b=2&a=1") == "/p?a=1&b=2"
