"""The JSON Schema of ``wigboard.yml``, generated from :mod:`wigboard.config`.

The dataclasses are the single source of truth: each field becomes a
property, and the string written under the field becomes its description.
``wigboard schema`` prints this; ``config/schema.json`` is a committed copy
that a test keeps in sync (editors use it for completion and inline errors).
"""

from __future__ import annotations

import ast
import dataclasses
import inspect
import itertools
import json
import types
import typing
from datetime import date
from functools import cache
from typing import Any, Literal, get_args, get_origin

from wigboard import config as config_module
from wigboard.config import Config, FileSource, GitHubSource, JiraSource

__all__ = ["field_default", "field_docs", "json_schema", "schema_text"]

_SOURCES = (GitHubSource, JiraSource, FileSource)


@cache
def field_docs() -> dict[tuple[str, str], str]:
    """Return the attribute docstrings of every config class.

    Returns:
        ``{(class name, field name): docstring}``.
    """
    tree = ast.parse(inspect.getsource(config_module))
    docs: dict[tuple[str, str], str] = {}
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        body = node.body
        for stmt, nxt in itertools.pairwise(body):
            if (
                isinstance(stmt, ast.AnnAssign)
                and isinstance(stmt.target, ast.Name)
                and isinstance(nxt, ast.Expr)
                and isinstance(nxt.value, ast.Constant)
                and isinstance(nxt.value.value, str)
            ):
                docs[(node.name, stmt.target.id)] = inspect.cleandoc(nxt.value.value)
    return docs


def _schema_for(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in get_args(tp) if a is not type(None)]
        options = [_schema_for(a, defs) for a in args]
        if len(args) < len(get_args(tp)):
            options.append({"type": "null"})
        return options[0] if len(options) == 1 else {"anyOf": options}
    if origin is Literal:
        return {"enum": list(get_args(tp))}
    if origin is list:
        return {"type": "array", "items": _schema_for(get_args(tp)[0], defs)}
    if origin is dict:
        return {"type": "object", "additionalProperties": _schema_for(get_args(tp)[1], defs)}
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}  # placeholder against recursion
            defs[name] = _object_schema(tp, defs)
        return {"$ref": f"#/$defs/{name}"}
    simple = {str: "string", int: "integer", float: "number", bool: "boolean"}
    if tp in simple:
        return {"type": simple[tp]}
    if tp is date:
        return {"type": "string", "format": "date"}
    raise TypeError(f"no JSON Schema for {tp!r}")  # pragma: no cover - schema bug


def _object_schema(cls: Any, defs: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    docs = field_docs()
    props: dict[str, Any] = {}
    required: list[str] = []
    for fld in dataclasses.fields(cls):
        if fld.metadata.get("internal"):
            continue
        key = fld.metadata.get("key", fld.name)
        tp = hints[fld.name]
        if cls is Config and fld.name == "sources":
            prop: dict[str, Any] = {
                "type": "object",
                "additionalProperties": {"oneOf": [_schema_for(s, defs) for s in _SOURCES]},
            }
        else:
            prop = _schema_for(tp, defs)
        doc = docs.get((cls.__name__, fld.name))
        if doc:
            prop = {**prop, "description": doc}
        default = field_default(fld)
        if default is not dataclasses.MISSING:
            prop["default"] = default
        else:
            required.append(key)
        props[key] = prop
    schema: dict[str, Any] = {
        "type": "object",
        "properties": props,
        "additionalProperties": False,
    }
    if cls.__doc__:
        schema["description"] = inspect.cleandoc(cls.__doc__).splitlines()[0]
    if required:
        schema["required"] = required
    return schema


def field_default(fld: dataclasses.Field[Any]) -> Any:
    """Return a config field's default as plain JSON types, or ``dataclasses.MISSING``."""
    if fld.default is not dataclasses.MISSING:
        value = fld.default
    elif fld.default_factory is not dataclasses.MISSING:
        value = fld.default_factory()
    else:
        return dataclasses.MISSING
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return json.loads(json.dumps(dataclasses.asdict(value)))
    return value


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of ``wigboard.yml``.

    Returns:
        The schema as plain JSON types.
    """
    defs: dict[str, Any] = {}
    root = _object_schema(Config, defs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://wigboard.dev/schema/wigboard.schema.json",
        "title": "wigboard.yml",
        **root,
        "$defs": dict(sorted(defs.items())),
    }


def schema_text() -> str:
    """Return the JSON Schema as stable, pretty-printed text (ends with a newline)."""
    return json.dumps(json_schema(), indent=2, sort_keys=False, ensure_ascii=False) + "\n"
