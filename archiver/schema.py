"""Validate documents against the JSON Schemas in ``schemas/`` before anything is written.

Errors carry JSON pointers to the offending values, so a failed validation says exactly where
the record is wrong. A record that fails is a bug in archiver (exit 70), never written.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from archiver.errors import SchemaError

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"


def inline_local_refs(schema: Any, root: Any = None) -> Any:
    """Replace ``{"$ref": "#/$defs/x"}`` by the definition itself.

    The schemas are not recursive, so this is exact; it spares the validator a reference
    lookup per array item, which is most of its cost on a long post.
    """
    root = schema if root is None else root
    if isinstance(schema, dict):
        ref = schema.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/") and len(schema) == 1:
            return inline_local_refs(root["$defs"][ref.removeprefix("#/$defs/")], root)
        return {k: inline_local_refs(v, root) for k, v in schema.items()}
    if isinstance(schema, list):
        return [inline_local_refs(v, root) for v in schema]
    return schema


@cache
def validator(name: str) -> Draft202012Validator:
    path = SCHEMA_DIR / f"{name}.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    # the schemas themselves are checked against the 2020-12 meta-schema by the tests
    # (tests/test_schemas.py), not on every run: that check alone costs 0.1 s
    return Draft202012Validator(inline_local_refs(schema),
                                format_checker=Draft202012Validator.FORMAT_CHECKER)


def errors(name: str, document: Any) -> list[str]:
    """Every violation as ``/json/pointer: message``, in a stable order."""
    found = []
    for error in validator(name).iter_errors(document):
        pointer = "/" + "/".join(str(p) for p in error.absolute_path)
        found.append(f"{pointer}: {error.message}")
    return sorted(found)


def validate(name: str, document: Any, path: str | None = None) -> None:
    problems = errors(name, document)
    if problems:
        raise SchemaError(f"{name} does not match schemas/{name}.schema.json: "
                          + "; ".join(problems[:5]), path=path)
