"""Render the config reference (docs/configuration.md) from the schema dataclasses.

The reference is generated, so it cannot drift from the code: a test compares
the committed page with :func:`reference_markdown`.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any, Literal, get_args, get_origin

from wigboard.config import Config, FileSource, GitHubSource, JiraSource
from wigboard.config_schema import field_default, field_docs

__all__ = ["reference_markdown"]

_INTRO = """\
# Configuration reference

`wigboard.yml` is validated once, at load, against the schema below (`wigboard schema`
prints it as JSON Schema; `config/schema.json` is a committed copy for editors).
Unknown keys, wrong types, bad dates, `from == to`, `start >= by`, references to unknown
sources, teams or WIGs, duplicate ids and duplicate YAML keys are errors that name
`file:line:col` and a one-line fix. Values keep the type the schema declares: `no` in a
text field is the text "no", `010` in a number field is ten, and booleans are written
`true` / `false` only (YAML 1.1's `yes`/`no`/`on`/`off` are refused as ambiguous).

This page is generated from `src/wigboard/config.py` by
`python -m wigboard.config_docs > docs/configuration.md`.
"""


def _type_text(tp: Any) -> str:
    origin = get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        parts = [_type_text(a) for a in get_args(tp) if a is not type(None)]
        optional = type(None) in get_args(tp)
        return " or ".join(parts) + (" (optional)" if optional else "")
    if origin is Literal:
        return " \\| ".join(f"`{a}`" for a in get_args(tp))
    if origin is list:
        return f"list of {_type_text(get_args(tp)[0])}"
    if origin is dict:
        return f"mapping of id → {_type_text(get_args(tp)[1])}"
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        return f"[{tp.__name__}](#{tp.__name__.lower()})"
    return {str: "text", int: "whole number", float: "number", bool: "`true`/`false`"}.get(
        tp, "date `YYYY-MM-DD`" if getattr(tp, "__name__", "") == "date" else str(tp)
    )


def _default_text(fld: dataclasses.Field[Any]) -> str:
    value = field_default(fld)
    if value is dataclasses.MISSING:
        return "**required**"
    if isinstance(value, dict) and value:  # a nested settings block
        return "see below"
    if value is None:
        return "—"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    return f"`{value}`" if value not in ("", [], {}) else "empty"


def _classes() -> list[Any]:
    seen: list[Any] = []

    def visit(cls: Any) -> None:
        if cls in seen:
            return
        seen.append(cls)
        for tp in typing.get_type_hints(cls).values():
            for inner in _walk(tp):
                visit(inner)

    visit(Config)
    for source in (GitHubSource, JiraSource, FileSource):
        visit(source)
    return seen


def _walk(tp: Any) -> list[Any]:
    if dataclasses.is_dataclass(tp):
        return [tp]
    return [c for a in get_args(tp) for c in _walk(a)]


def reference_markdown() -> str:
    """Return the Markdown of the configuration reference."""
    docs = field_docs()
    out = [_INTRO]
    for cls in _classes():
        hints = typing.get_type_hints(cls)
        summary = (cls.__doc__ or "").strip().splitlines()[0]
        out.append(
            f"\n## {cls.__name__}\n\n{summary}\n\n| key | type | default | meaning |\n"
            "|---|---|---|---|"
        )
        for fld in dataclasses.fields(cls):
            if fld.metadata.get("internal"):
                continue
            key = fld.metadata.get("key", fld.name)
            doc = docs.get((cls.__name__, fld.name), "").replace("\n", " ").replace("|", "\\|")
            tp = hints[fld.name]
            type_text = _type_text(tp)
            if cls is Config and fld.name == "sources":
                type_text = (
                    "mapping of id → [GitHubSource](#githubsource), "
                    "[JiraSource](#jirasource) or [FileSource](#filesource)"
                )
            out.append(f"| `{key}` | {type_text} | {_default_text(fld)} | {doc} |")
    return "\n".join(out) + "\n"


if __name__ == "__main__":  # pragma: no cover
    print(reference_markdown(), end="")
