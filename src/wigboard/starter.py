"""``wigboard init``: the starter files a repository needs."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["STARTER_FILES", "write_starter"]

STARTER_FILES = {
    "wigboard.yml": "wigboard.yml",
    ".github/workflows/scoreboard.yml": "scoreboard.yml",
}
"""Destination (relative to the repo) -> template name in ``wigboard/templates/init``."""


def write_starter(directory: Path, *, force: bool = False) -> list[tuple[Path, bool]]:
    """Write the starter config and scheduled workflow, keeping existing files.

    Args:
        directory: The repository root.
        force: Overwrite files that already exist.

    Returns:
        Each destination path and whether it was written.
    """
    templates = resources.files("wigboard") / "templates" / "init"
    done: list[tuple[Path, bool]] = []
    for dest_name, template in STARTER_FILES.items():
        dest = directory / dest_name
        if dest.exists() and not force:
            done.append((dest, False))
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text((templates / template).read_text(encoding="utf-8"), encoding="utf-8")
        done.append((dest, True))
    return done
