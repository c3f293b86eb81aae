from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from wigboard.cli import cli

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "config" / "demo"

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
ITEM = {"key": "OPS-1", "title": "Drill", "url": "", "type": "task",
        "created": "2026-06-01T09:00:00Z", "done": "2026-06-02T09:00:00Z",
        "labels": ["wig:on-time", "lead:drills"], "assignees": ["ana"], "milestone": None,
        "iteration": None, "fields": {}}  # fmt: skip


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "wigboard.yml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "items.jsonl").write_text(json.dumps(ITEM) + "\n", encoding="utf-8")
    (tmp_path / "finance.csv").write_text("date,measure,value\n2026-06-01,on_time,78\n")
    return tmp_path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("change", "where", "message", "fix"),
    [
        (
            ("title: Raise", "title: A\n    title: Raise"),
            ":10:5: error: duplicate key 'title'",
            "",
            "remove one of the two",
        ),
        (
            ("lead_measures:", "lead_measurs:"),
            ":13:5: error: unknown key 'lead_measurs'",
            "did you mean 'lead_measures'?",
            "allowed keys:",
        ),
        (
            ("by: 2026-12-31", "by: 2026-11-31"),
            ":12:34: error: `wigs[0].lag.by`",
            "'2026-11-31' is not a date",
            "YYYY-MM-DD",
        ),
    ],
)
def test_bad_config_exits_1_with_location_and_fix(
    project: Path, change: tuple[str, str], where: str, message: str, fix: str
) -> None:
    path = project / "wigboard.yml"
    path.write_text(CONFIG.replace(*change), encoding="utf-8")
    for command in ("check", "build"):
        code, output = run(command, "--config", str(path))
        assert code == 1
        first, fix_line = output.strip().splitlines()[:2]
        assert first.startswith(f"{path}{where}") and message in first
        assert fix_line.startswith("  fix: ") and fix in fix_line


def test_check_passes_a_sound_config(project: Path) -> None:
    code, output = run("check", "--config", str(project / "wigboard.yml"), "--as-of", "2026-06-03")
    assert code == 0, output
    assert "0 errors" in output


def test_check_exits_1_on_rule_errors(project: Path) -> None:
    text = CONFIG.replace("from: 72, ", "")  # an unclear goal: no X
    (project / "wigboard.yml").write_text(text)
    code, output = run("check", "--config", str(project / "wigboard.yml"))
    assert code == 1
    assert "error:" in output


def test_a_failing_source_with_no_last_good_data_exits_3(project: Path) -> None:
    (project / "items.jsonl").write_text("{not json\n")
    code, output = run("check", "--config", str(project / "wigboard.yml"))
    assert code == 3
    assert "items.jsonl:1:2: not JSON" in output


def test_a_failing_source_falls_back_to_last_good_data_marked_stale(project: Path) -> None:
    config = str(project / "wigboard.yml")
    assert run("sync", "--config", config)[0] == 0
    (project / "items.jsonl").write_text("{not json\n")
    code, output = run("check", "--config", config, "--as-of", "2026-06-03")
    assert code == 0, output
    assert "[stale-source] source 'export' failed" in output
    code, output = run("sync", "--config", config)
    assert code == 3 and "failed: export" in output
    code, output = run("check", "--config", config)
    assert code == 0  # check itself still works on the last good data
    assert "stale-source" in output


def test_offline_uses_cache_only(project: Path) -> None:
    config = str(project / "wigboard.yml")
    code, output = run("check", "--config", config, "--offline")
    assert code == 0, output  # file sources are local: read even offline


def test_bad_as_of_is_a_usage_error(project: Path) -> None:
    code, output = run("check", "--config", str(project / "wigboard.yml"), "--as-of", "June")
    assert code == 2 and "write YYYY-MM-DD" in output


def test_schema_prints_the_committed_schema() -> None:
    code, output = run("schema")
    assert code == 0
    assert output == (ROOT / "config" / "schema.json").read_text(encoding="utf-8")


def test_init_writes_starter_files_and_keeps_existing(tmp_path: Path) -> None:
    code, output = run("init", str(tmp_path))
    assert code == 0
    assert (tmp_path / "wigboard.yml").is_file()
    assert (tmp_path / ".github" / "workflows" / "scoreboard.yml").is_file()
    (tmp_path / "wigboard.yml").write_text("# mine\n")
    code, output = run("init", str(tmp_path))
    assert "kept (exists" in output and (tmp_path / "wigboard.yml").read_text() == "# mine\n"


def test_starter_config_is_valid(tmp_path: Path) -> None:
    run("init", str(tmp_path))
    code, output = run("check", "--config", str(tmp_path / "wigboard.yml"), "--offline")
    # a fresh starter has never synced GitHub: --offline says so and exits 3, not a config error
    assert code == 3 and "nothing is cached yet" in output


def test_demo_check_runs_from_any_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, output = run("check")
    assert code == 0, output
    assert "lead:drils" in output and "gh:temp-contractor-7" in output
    assert str(DEMO / "wigboard.yml") in output
    shutil.rmtree(tmp_path / ".wigboard", ignore_errors=True)


def test_labels_sync_dry_run_on_the_demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, output = run("labels", "sync", "--dry-run")
    assert code == 0, output
    assert "(dry run) source gh:" in output
    assert 'AND (labels = "wig:five-star")' in output  # the Jira filter for the five-star WIG
