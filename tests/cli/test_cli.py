from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from wigboard.cli import cli

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "config" / "demo"


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
    project: Path, small_config: str, change: tuple[str, str], where: str, message: str, fix: str
) -> None:
    path = project / "wigboard.yml"
    path.write_text(small_config.replace(*change), encoding="utf-8")
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


def test_check_exits_1_on_rule_errors(project: Path, small_config: str) -> None:
    text = small_config.replace("from: 72, ", "")  # an unclear goal: no X
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


def test_preview_watches_config_and_data_but_not_the_cache(project: Path) -> None:
    from wigboard.pipeline import PipelineOptions, resolve_project, watched_paths

    resolved = resolve_project(PipelineOptions(config_path=project / "wigboard.yml"))
    names = [p.name for p in watched_paths(resolved)]
    assert names == ["wigboard.yml", "items.jsonl", "finance.csv"]
