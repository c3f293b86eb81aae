from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from wigboard.config_schema import json_schema, schema_text

ROOT = Path(__file__).resolve().parents[2]


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value.isoformat() if isinstance(value, date) else value


def test_committed_schema_is_in_sync() -> None:
    committed = (ROOT / "config" / "schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "run: .venv/bin/wigboard schema > config/schema.json"


def test_schema_is_valid_and_accepts_the_demo() -> None:
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    demo = yaml.safe_load((ROOT / "config" / "demo" / "wigboard.yml").read_text(encoding="utf-8"))
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(_jsonable(demo)))
    assert errors == []


def test_schema_rejects_unknown_keys_and_documents_fields() -> None:
    schema = json_schema()
    validator = jsonschema.Draft202012Validator(schema)
    assert list(
        validator.iter_errors(
            {"wigs": [{"id": "x", "title": "t", "team": "a", "lag": {"name": "n"}, "tittle": 1}]}
        )
    )
    lag = schema["$defs"]["Lag"]["properties"]
    assert "from" in lag and "from_" not in lag
    assert lag["from"]["description"].startswith("X:")
    assert json.dumps(schema)  # plain JSON types only
