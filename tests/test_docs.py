"""Docs kept honest: every command, option and config key is documented."""

from __future__ import annotations

import re
from pathlib import Path

import click
import yaml

from wigboard.cli import cli
from wigboard.config_docs import reference_markdown

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def _commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    out: list[tuple[str, click.Command]] = []
    for name, command in group.commands.items():
        full = f"{prefix}{name}"
        if isinstance(command, click.Group):
            out.extend(_commands(command, f"{full} "))
        else:
            out.append((full, command))
    return out


def test_every_cli_command_and_option_is_documented() -> None:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    for name, command in _commands(cli):
        assert f"`wigboard {name}" in text, f"wigboard {name} is missing from docs/cli.md"
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--") and opt not in ("--help",):
                    assert opt in text, f"{opt} of `wigboard {name}` is missing from docs/cli.md"


def test_config_reference_is_generated_from_the_code() -> None:
    committed = (DOCS / "configuration.md").read_text(encoding="utf-8")
    assert committed == reference_markdown(), (
        "run: .venv/bin/python -m wigboard.config_docs > docs/configuration.md"
    )


def test_readme_quick_start_is_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quick start", 1)[1].split("##", 1)[0]
    commands = re.findall(r"^make \w+", quick, flags=re.MULTILINE)
    assert commands == ["make demo", "make test"]


def test_every_nav_page_exists_and_every_page_is_in_the_nav() -> None:
    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]

    def pages(entries: list[object]) -> list[str]:
        found: list[str] = []
        for entry in entries:
            value = next(iter(entry.values())) if isinstance(entry, dict) else entry
            found.extend(pages(value) if isinstance(value, list) else [str(value)])
        return found

    in_nav = set(pages(nav))
    on_disk = {str(p.relative_to(DOCS)) for p in DOCS.rglob("*.md")}
    assert in_nav == on_disk


def test_the_docs_site_builds_strictly(tmp_path: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=True)
    build(config)
    assert (tmp_path / "site" / "configuration" / "index.html").is_file()
