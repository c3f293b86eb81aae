"""End to end: the CLI builds real sites (sync -> score -> render -> mkdocs build)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from wigboard.cli import cli

CONFIG = """\
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


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def tree_digest(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_demo_build_is_complete_and_byte_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    code, output = run("build", "--out", "a", "--as-of", "2026-11-30")
    assert code == 0, output
    assert "building the bundled Acme Air demo" in output
    code, output = run("build", "--out", "b", "--as-of", "2026-11-30")
    assert code == 0, output
    api_a = (tmp_path / "a" / "api" / "scoreboard.json").read_bytes()
    assert api_a == (tmp_path / "b" / "api" / "scoreboard.json").read_bytes()
    assert tree_digest(tmp_path / "a") == tree_digest(tmp_path / "b")

    api = json.loads(api_a)
    assert api["as_of"] == "2026-11-30"
    assert [w["id"] for w in api["wigs"]] == ["on-time", "five-star", "waste"]
    for wig in api["wigs"]:
        lag = wig["lag"]
        assert all(isinstance(lag[k], float) for k in ("actual", "expected", "pace_ratio"))
    assert {s["id"]: s["ok"] for s in api["sources"]} == {
        "gh": True, "jira": True, "export": True, "finance": True
    }  # fmt: skip
    index = (tmp_path / "a" / "index.html").read_text(encoding="utf-8")
    for title in ("Raise on-time departures", "Raise 5-star guest ratings", "Decrease waste"):
        assert title in index


def test_a_broken_source_shows_last_good_data_stale_or_fails_strict(tmp_path: Path) -> None:
    (tmp_path / "wigboard.yml").write_text(CONFIG)
    (tmp_path / "finance.csv").write_text("date,measure,value\n2026-06-01,on_time,78\n")
    item = {"key": "OPS-1", "title": "Drill", "url": "", "type": "task",
            "created": "2026-06-01T09:00:00Z", "done": "2026-06-02T09:00:00Z",
            "labels": ["wig:on-time", "lead:drills"], "assignees": ["ana"]}  # fmt: skip
    (tmp_path / "items.jsonl").write_text(json.dumps(item) + "\n")
    config = str(tmp_path / "wigboard.yml")
    site = tmp_path / "site"
    assert run("build", "--config", config, "--out", str(site), "--as-of", "2026-06-10")[0] == 0

    (tmp_path / "items.jsonl").write_text('{"key": "OPS-1", "title": \n')  # a broken export
    code, output = run("build", "--config", config, "--out", str(site), "--as-of", "2026-06-10")
    assert code == 0, output
    assert "stale: export" in output
    api = json.loads((site / "api" / "scoreboard.json").read_text())
    export = next(s for s in api["sources"] if s["id"] == "export")
    assert (export["ok"], export["stale"], export["items"]) == (False, True, 1)
    drills = api["wigs"][0]["lead_measures"][0]
    assert sum(w["value"] for w in drills["weeks"]) == 1  # the last good data, not zeros
    assert "stale" in (site / "index.html").read_text(encoding="utf-8").lower()

    code, output = run("build", "--config", config, "--out", str(site), "--strict")
    assert code == 3
    assert "items.jsonl:1:" in output
