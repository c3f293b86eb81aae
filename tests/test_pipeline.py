"""End to end: the CLI builds real sites (sync -> score -> render -> mkdocs build)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from wigboard.cli import cli


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


def test_a_broken_source_shows_last_good_data_stale_or_fails_strict(project: Path) -> None:
    config = str(project / "wigboard.yml")
    site = project / "site"
    assert run("build", "--config", config, "--out", str(site), "--as-of", "2026-06-10")[0] == 0

    (project / "items.jsonl").write_text('{"key": "OPS-1", "title": \n')  # a broken export
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
