"""Shared test setup: no test may reach the network; one tiny project for CLI tests."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail any test that opens a socket to a non-loopback address."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else str(address)
        if isinstance(host, str) and (
            host.startswith("127.") or host in {"localhost", "::1"} or "/" in host
        ):
            return real_connect(self, address)  # type: ignore[arg-type]
        raise RuntimeError(f"test tried to reach the network: {address!r}")

    monkeypatch.setattr(socket.socket, "connect", guarded)
    yield


SMALL_CONFIG = """\
scoreboard: {title: Test board, timezone: Europe/Oslo}
sources:
  export: {kind: items, path: items.jsonl}
  finance: {kind: series, path: finance.csv}
teams:
  ops: {members: {ana: [export:ana]}}
wigs:
  - id: on-time
    title: Raise on-time departures
    team: ops
    lag: {name: On-time, unit: "%", from: 72, to: 85,
          start: 2026-01-01, by: 2026-12-31, source: finance, measure: on_time}
    lead_measures:
      - {id: drills, name: Drills, target: 2, per: person}
"""
SMALL_ITEM = {"key": "OPS-1", "title": "Drill", "url": "", "type": "task",
        "created": "2026-06-01T09:00:00Z", "done": "2026-06-02T09:00:00Z",
        "labels": ["wig:on-time", "lead:drills"], "assignees": ["ana"], "milestone": None,
        "iteration": None, "fields": {}}  # fmt: skip


@pytest.fixture
def small_config() -> str:
    """The text of the tiny project's wigboard.yml (one team, one WIG, two file sources)."""
    return SMALL_CONFIG


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A tiny project folder: wigboard.yml, items.jsonl (one done drill), finance.csv."""
    (tmp_path / "wigboard.yml").write_text(SMALL_CONFIG, encoding="utf-8")
    (tmp_path / "items.jsonl").write_text(json.dumps(SMALL_ITEM) + "\n", encoding="utf-8")
    (tmp_path / "finance.csv").write_text("date,measure,value\n2026-06-01,on_time,78\n")
    return tmp_path
