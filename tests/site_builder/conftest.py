"""Fixtures: real sites built into tmp_path from hand-made scoring results."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from site_builder.factory import make_config, make_result
from wigboard.site_builder import build_site

Builder = Callable[..., Path]


@pytest.fixture
def build(tmp_path: Path) -> Builder:
    """Return ``build(name, public=..., hostile=..., stale=...) -> site dir``."""

    def _build(name: str = "site", **flags: bool) -> Path:
        out = tmp_path / name
        config = make_config(public=flags.get("public", False), hostile=flags.get("hostile", False))
        build_site(config, make_result(**flags), out, strict=True)
        return out

    return _build


def html_files(site: Path) -> list[Path]:
    """Every HTML page of a built site."""
    return sorted(site.rglob("*.html"))
