"""The MkDocs plugin under the built-in ``mkdocs`` theme and under Material."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

import wigboard.pipeline
from site_builder.factory import make_config, make_result
from wigboard.config import Config
from wigboard.errors import ConfigError
from wigboard.scoring.results import ScoreboardResult


@dataclass
class _Computed:
    config: Config
    result: ScoreboardResult


def _project(tmp_path: Path, theme: str, extra: str = "", options: str = "") -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Team handbook\n\nSee the scoreboard.\n")
    (tmp_path / "wigboard.yml").write_text("# the pipeline is faked in these tests\n")
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: Handbook\ntheme:\n  name: {theme}\n{extra}"
        "plugins:\n  - wigboard:\n      config: wigboard.yml\n" + options
    )
    return tmp_path / "mkdocs.yml"


def _build(config_file: Path) -> Path:
    cfg = load_config(str(config_file), strict=True)
    cfg.plugins.on_startup(command="build", dirty=False)
    try:
        build(cfg)
    finally:
        cfg.plugins.on_shutdown()
    return Path(cfg.site_dir)


@pytest.fixture
def fake_pipeline(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    calls: list[Any] = []

    def compute(options: object) -> _Computed:
        calls.append(options)
        return _Computed(make_config(hostile=True), make_result(hostile=True))

    monkeypatch.setattr(wigboard.pipeline, "compute", compute)
    return calls


@pytest.mark.parametrize("theme", ["mkdocs", "material"])
def test_plugin_adds_scoreboard_pages_under_the_prefix(
    tmp_path: Path, theme: str, fake_pipeline: list[Any]
) -> None:
    extra = "  font: false\n" if theme == "material" else ""  # Material: no Google Fonts
    site = _build(_project(tmp_path, theme, extra))
    assert fake_pipeline[0].config_path == tmp_path / "wigboard.yml"
    board = site / "scoreboard"
    for page in ["index.html", "wigs/on-time/index.html", "session/index.html", "tv/index.html"]:
        assert (board / page).is_file(), page
    assert (board / "wigboard.css").is_file()
    assert (board / "api" / "scoreboard.json").is_file() and (board / "feed.xml").is_file()
    overview = (board / "index.html").read_text()
    assert "scoreboard/wigboard.css" in overview or "wigboard.css" in overview
    assert '<div class="wigboard wb-embedded">' in overview
    assert 'href="wigs/on-time/"' in overview  # relative links work under the prefix
    session = (board / "session" / "index.html").read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in session
    assert not re.search(
        r"<script>alert|<img[^>]*onerror|<svg onload|href=['\"]?javascript", session, re.I
    )
    tv = (board / "tv" / "index.html").read_text()
    assert '<meta http-equiv="refresh" content="20;url=on-time/">' in tv
    assert (site / "index.html").is_file()  # the host site is untouched


def test_plugin_turns_wigboard_errors_into_plugin_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(options: object) -> _Computed:
        raise ConfigError(None, "wigs[0].lag.to: expected a number")

    monkeypatch.setattr(wigboard.pipeline, "compute", broken)
    with pytest.raises(Abort):  # MkDocs logs a PluginError's message, then aborts
        _build(_project(tmp_path, "mkdocs"))
    assert "wigboard: error: wigs[0].lag.to: expected a number" in caplog.text


def test_plugin_on_config_raises_plugin_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wigboard.mkdocs_plugin import WigboardPlugin

    def broken(options: object) -> _Computed:
        raise ConfigError(None, "bad")

    monkeypatch.setattr(wigboard.pipeline, "compute", broken)
    cfg = load_config(str(_project(tmp_path, "mkdocs")))
    plugin = cfg.plugins["wigboard"]
    assert isinstance(plugin, WigboardPlugin)
    with pytest.raises(PluginError, match="wigboard: error: bad"):
        plugin.on_config(cfg)


def test_plugin_warnings_fail_a_strict_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def stale(options: object) -> _Computed:
        return _Computed(make_config(), make_result(stale=True))

    monkeypatch.setattr(wigboard.pipeline, "compute", stale)
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        _build(_project(tmp_path, "mkdocs"))
    assert any(
        "stale" in r.getMessage() and r.name.startswith("mkdocs.plugins.wigboard")
        for r in caplog.records
    )


def test_plugin_passes_as_of_and_offline_to_the_pipeline(
    tmp_path: Path, fake_pipeline: list[Any]
) -> None:
    options = "      as_of: 2026-07-01\n      offline: true\n      prefix: ''\n"
    project = _project(tmp_path, "mkdocs", options=options)
    (tmp_path / "docs" / "index.md").unlink()  # the overview becomes the home page
    site = _build(project)
    assert fake_pipeline[0].as_of == date(2026, 7, 1) and fake_pipeline[0].offline is True
    assert (site / "index.html").is_file() and (site / "api" / "scoreboard.json").is_file()
