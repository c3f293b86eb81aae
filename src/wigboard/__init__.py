"""wigboard: a 4 Disciplines of Execution scoreboard from the tickets you already keep.

The pipeline runs one way: ``connectors`` (tracker payloads -> :mod:`wigboard.model`)
-> ``scoring`` (pure 4DX maths) -> ``site_builder`` (Jinja2 + MkDocs), driven by
:mod:`wigboard.pipeline`, which the CLI and the MkDocs plugin call.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
