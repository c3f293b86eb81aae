"""wigboard's exception tree, translated to exit codes only at the edges.

::

    WigboardError                 base of everything wigboard raises on purpose
    ├── ConfigError               wigboard.yml is wrong (exit 1); carries file:line:col
    │   └── ConfigErrors          several ConfigError found in one load
    ├── SourceError               a tracker or data file could not be read (exit 3)
    │   ├── AuthError             missing or rejected credentials; names the env var
    │   ├── RateLimitError        the wait for a rate limit exceeded the cap
    │   └── DataFileError         a row of a series/items file is malformed (row:col)
    └── BuildError                rendering or ``mkdocs build`` failed

The CLI maps ``ConfigError`` to exit 1, ``SourceError`` to exit 3; the MkDocs
plugin wraps everything in ``mkdocs.exceptions.PluginError``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "AuthError",
    "BuildError",
    "ConfigError",
    "ConfigErrors",
    "DataFileError",
    "Location",
    "RateLimitError",
    "SourceError",
    "WigboardError",
]


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a file; line and column are 1-based."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


class WigboardError(Exception):
    """Base class of every error wigboard raises on purpose."""


class ConfigError(WigboardError):
    """A problem in ``wigboard.yml``, with where it is and how to fix it."""

    def __init__(self, location: Location | None, message: str, fix: str = "") -> None:
        self.location = location
        self.message = message
        self.fix = fix
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        fix = f"\n  fix: {self.fix}" if self.fix else ""
        return f"{where}error: {self.message}{fix}"


class ConfigErrors(ConfigError):
    """Every problem found in one load of the config, in file order."""

    def __init__(self, errors: Sequence[ConfigError]) -> None:
        self.errors = list(errors)
        first = self.errors[0]
        super().__init__(first.location, first.message, first.fix)

    def __str__(self) -> str:
        return "\n".join(ConfigError.__str__(e) for e in self.errors)


class SourceError(WigboardError):
    """A source (tracker or data file) could not be read."""

    def __init__(self, source: str, message: str) -> None:
        self.source = source
        self.message = message
        super().__init__(f"source {source!r}: {message}")


class AuthError(SourceError):
    """Credentials are missing or were rejected."""


class RateLimitError(SourceError):
    """A rate limit would have made us wait longer than the configured cap."""


class DataFileError(SourceError):
    """A row in a ``series`` or ``items`` file is malformed."""

    def __init__(self, source: str, location: Location, message: str) -> None:
        self.location = location
        super().__init__(source, f"{location}: {message}")


class BuildError(WigboardError):
    """Rendering the site or running ``mkdocs build`` failed."""
