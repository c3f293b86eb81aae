"""Load ``wigboard.yml`` into :class:`wigboard.config.Config`, or say exactly what is wrong.

The file is parsed with PyYAML's *safe* composer only (no object construction),
and each scalar is read according to the type the schema declares, not YAML
1.1's guesses: ``no`` in a string field stays ``"no"``, ``1.10`` stays
``"1.10"``, ``010`` in a number field is ten. Booleans must be written
``true``/``false``. Duplicate keys, unknown keys (with "did you mean"), wrong
types, bad dates and broken references are all reported together, each with
``file:line:col`` and a one-line fix.
"""

from __future__ import annotations

import dataclasses
import difflib
import types
import typing
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from wigboard.config import Config, FileSource, GitHubSource, JiraSource
from wigboard.config_rules import validate_references
from wigboard.errors import ConfigError, ConfigErrors, Location

__all__ = ["find_config", "load_config", "parse_config"]

CONFIG_NAMES = ("wigboard.yml", "wigboard.yaml")
_SOURCE_KINDS: dict[str, type] = {
    "github": GitHubSource,
    "jira": JiraSource,
    "series": FileSource,
    "items": FileSource,
}
_NULLS = {"", "~", "null", "Null", "NULL"}


def find_config(start: Path) -> Path | None:
    """Find ``wigboard.yml`` in ``start`` or its parents, as git finds ``.git``.

    Args:
        start: The folder to search from.

    Returns:
        The config path, or ``None`` when there is none in reach.
    """
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
    return None


def load_config(path: Path) -> Config:
    """Read and validate a config file.

    Args:
        path: Path of ``wigboard.yml``.

    Returns:
        The validated config.

    Raises:
        ConfigError: The file is missing, is not YAML, or breaks the schema
            (a :class:`ConfigErrors` listing every problem).
    """
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(
            None, f"cannot read {path}: {exc.strerror}", "check the path given to --config"
        ) from exc
    return parse_config(text, str(path))


def parse_config(text: str, filename: str = "wigboard.yml") -> Config:
    """Validate config text (see :func:`load_config`).

    Args:
        text: The YAML text.
        filename: Name used in error locations.

    Returns:
        The validated config.
    """
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        loc = Location(filename, mark.line + 1, mark.column + 1) if mark else None
        raise ConfigError(
            loc, f"not valid YAML: {exc.problem}", "fix the YAML syntax at this spot"
        ) from exc
    reader = _Reader(filename)
    if root is None:
        root = MappingNode("tag:yaml.org,2002:map", [])
    config = reader.read(root, Config, "")
    if reader.errors:
        raise ConfigErrors(reader.errors)
    assert isinstance(config, Config)
    config = dataclasses.replace(config, path=filename, locations=reader.locations)
    problems = validate_references(config)
    if problems:
        raise ConfigErrors(problems)
    return config


class _Skip(Exception):
    """A value was wrong; the error is recorded, keep reading the rest."""


def _loc(filename: str, node: Node) -> Location:
    return Location(filename, node.start_mark.line + 1, node.start_mark.column + 1)


def _kind_name(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return f"{node.value!r}"


def _type_name(tp: Any) -> str:
    origin = get_origin(tp)
    if origin is Literal:
        return " or ".join(repr(a) for a in get_args(tp))
    if origin in (list,):
        return f"a list of {_type_name(get_args(tp)[0])}"
    if origin in (dict,):
        return "a mapping"
    if dataclasses.is_dataclass(tp):
        return "a mapping"
    return {str: "a string", int: "a whole number", float: "a number", bool: "true or false"}.get(
        tp, "a date (YYYY-MM-DD)" if tp is date else str(tp)
    )


class _Reader:
    """Turns composed YAML nodes into config dataclasses, collecting errors."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.errors: list[ConfigError] = []
        self.locations: dict[str, Location] = {}

    def fail(self, node: Node, message: str, fix: str) -> _Skip:
        self.errors.append(ConfigError(_loc(self.filename, node), message, fix))
        return _Skip()

    def read(self, node: Node, tp: Any, path: str) -> Any:
        """Convert ``node`` to ``tp``; record the location of ``path``."""
        self.locations.setdefault(path, _loc(self.filename, node))
        try:
            return self._convert(node, tp, path)
        except _Skip:
            return None

    def _convert(self, node: Node, tp: Any, path: str) -> Any:
        origin = get_origin(tp)
        if origin in (typing.Union, types.UnionType):
            return self._union(node, tp, path)
        if origin is Literal:
            return self._literal(node, tp, path)
        if origin is list:
            return self._list(node, get_args(tp)[0], path)
        if origin is dict:
            return self._dict(node, get_args(tp)[1], path)
        if dataclasses.is_dataclass(tp):
            return self._dataclass(node, tp, path)
        return self._scalar(node, tp, path)

    def _union(self, node: Node, tp: Any, path: str) -> Any:
        args = [a for a in get_args(tp) if a is not type(None)]
        if len(args) < len(get_args(tp)) and _is_null(node):
            return None
        if len(args) == 1:
            return self._convert(node, args[0], path)
        return self._source(node, path)

    def _source(self, node: Node, path: str) -> Any:
        if not isinstance(node, MappingNode):
            raise self.fail(node, f"{_label(path)} must be a mapping", "write `kind: ...` and keys")
        kind_node = next((v for k, v in node.value if k.value == "kind"), None)
        if kind_node is None:
            raise self.fail(
                node, f"{_label(path)} has no `kind`", "add `kind: github|jira|series|items`"
            )
        kind = kind_node.value if isinstance(kind_node, ScalarNode) else ""
        cls = _SOURCE_KINDS.get(kind)
        if cls is None:
            raise self.fail(
                kind_node,
                f"unknown source kind {kind!r}{_did_you_mean(kind, _SOURCE_KINDS)}",
                "use one of: " + ", ".join(_SOURCE_KINDS),
            )
        return self._dataclass(node, cls, path)

    def _literal(self, node: Node, tp: Any, path: str) -> Any:
        allowed = get_args(tp)
        value = node.value if isinstance(node, ScalarNode) else None
        if value not in allowed:
            raise self.fail(
                node,
                f"{_label(path)} is {_kind_name(node)}{_did_you_mean(str(value), allowed)}",
                "use one of: " + ", ".join(str(a) for a in allowed),
            )
        return value

    def _list(self, node: Node, item_tp: Any, path: str) -> list[Any]:
        if not isinstance(node, SequenceNode):
            raise self.fail(
                node,
                f"{_label(path)} must be {_type_name(list[item_tp])}, not {_kind_name(node)}",
                "write it as a YAML list: `[a, b]` or one `- item` per line",
            )
        return [self.read(child, item_tp, f"{path}[{i}]") for i, child in enumerate(node.value)]

    def _dict(self, node: Node, value_tp: Any, path: str) -> dict[str, Any]:
        if not isinstance(node, MappingNode):
            raise self.fail(
                node, f"{_label(path)} must be a mapping, not {_kind_name(node)}", "write `id: ...`"
            )
        out: dict[str, Any] = {}
        for key_node, value_node in self._pairs(node):
            key = str(key_node.value)
            out[key] = self.read(value_node, value_tp, f"{path}.{key}" if path else key)
        return out

    def _pairs(self, node: MappingNode) -> list[tuple[Node, Node]]:
        seen: dict[str, Node] = {}
        pairs: list[tuple[Node, Node]] = []
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.fail(key_node, "keys must be plain words", "write the key as text")
                continue
            first = seen.get(key_node.value)
            if first is not None:
                line = first.start_mark.line + 1
                self.fail(
                    key_node,
                    f"duplicate key {key_node.value!r} (first written on line {line})",
                    "remove one of the two; YAML would silently keep only the last",
                )
                continue
            seen[key_node.value] = key_node
            pairs.append((key_node, value_node))
        return pairs

    def _dataclass(self, node: Node, cls: Any, path: str) -> Any:
        if not isinstance(node, MappingNode):
            raise self.fail(
                node,
                f"{_label(path)} must be a mapping, not {_kind_name(node)}",
                "write `key: value`",
            )
        fields = {
            f.metadata.get("key", f.name): f
            for f in dataclasses.fields(cls)
            if not f.metadata.get("internal")
        }
        hints = typing.get_type_hints(cls)
        values: dict[str, Any] = {}
        for key_node, value_node in self._pairs(node):
            key = str(key_node.value)
            fld = fields.get(key)
            if fld is None:
                self.fail(
                    key_node,
                    f"unknown key {key!r} in {_label(path)}{_did_you_mean(key, fields)}",
                    "allowed keys: " + ", ".join(fields),
                )
                continue
            child = f"{path}.{key}" if path else key
            self.locations.setdefault(child, _loc(self.filename, key_node))
            values[fld.name] = self.read(value_node, hints[fld.name], child)
        for key, fld in fields.items():
            if fld.name not in values and _required(fld):
                raise self.fail(
                    node, f"{_label(path)} is missing `{key}`", f"add `{key}:` to {_label(path)}"
                )
        if any(_required(f) and values.get(f.name) is None for f in fields.values()):
            raise _Skip()  # a required value was wrong (already reported)
        return cls(**values)

    def _scalar(self, node: Node, tp: Any, path: str) -> Any:
        if not isinstance(node, ScalarNode):
            raise self.fail(
                node,
                f"{_label(path)} must be {_type_name(tp)}, not {_kind_name(node)}",
                f"write {_type_name(tp)}",
            )
        parse = _SCALARS.get(tp)
        if parse is None:  # pragma: no cover - schema bug
            raise TypeError(f"unsupported config type {tp!r}")
        try:
            return parse(node)
        except ValueError as exc:
            raise self.fail(
                node, f"{_label(path)}: {node.value!r} is not {_type_name(tp)}", str(exc)
            ) from None


def _required(fld: dataclasses.Field[Any]) -> bool:
    return fld.default is dataclasses.MISSING and fld.default_factory is dataclasses.MISSING


def _is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.style is None and node.value in _NULLS


def _label(path: str) -> str:
    return f"`{path}`" if path else "the file"


def _did_you_mean(word: str, choices: typing.Iterable[Any]) -> str:
    close = difflib.get_close_matches(word, [str(c) for c in choices], n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _parse_str(node: ScalarNode) -> str:
    return str(node.value)


def _parse_int(node: ScalarNode) -> int:
    text = str(node.value).replace("_", "")
    if node.style is not None or not text.lstrip("+-").isdigit():
        raise ValueError("write a whole number such as 7")
    return int(text, 10)


def _parse_float(node: ScalarNode) -> float:
    text = str(node.value).replace("_", "")
    try:
        value = float(text)
    except ValueError:
        raise ValueError("write a number such as 85 or 31.5 (a `.` for decimals)") from None
    if node.style is not None or text.lower().lstrip("+-") in {"nan", "inf", "infinity"}:
        raise ValueError("write a finite, unquoted number such as 85 or 31.5")
    return value


def _parse_bool(node: ScalarNode) -> bool:
    text = str(node.value)
    if node.style is None and text in {"true", "True", "false", "False"}:
        return text.lower() == "true"
    raise ValueError("write true or false (yes/no/on/off are not accepted: they are ambiguous)")


def _parse_date(node: ScalarNode) -> date:
    try:
        return date.fromisoformat(str(node.value))
    except ValueError:
        raise ValueError("write a real calendar date as YYYY-MM-DD, e.g. 2026-12-31") from None


_SCALARS: dict[Any, Callable[[ScalarNode], Any]] = {
    str: _parse_str,
    int: _parse_int,
    float: _parse_float,
    bool: _parse_bool,
    date: _parse_date,
}
