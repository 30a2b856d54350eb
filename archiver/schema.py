"""Validate documents against the JSON Schemas in ``schemas/`` before anything is written.

Errors carry JSON pointers to the offending values, so a failed validation says exactly where
the record is wrong. A record that fails is a bug in archiver (exit 70), never written.

Two implementations of JSON Schema 2020-12 share the work. ``jsonschema-rs`` (compiled)
answers whether a document is valid, in about 10 µs for a long post's record; ``jsonschema``,
the reference implementation, took 2.3 ms, a fifth of the whole extraction, and is asked only
about a document found invalid, to name every violation. Should the two ever disagree, the
document is invalid and the compiled validator's own messages are given. Formats are left
unchecked by both: ``jsonschema`` checks ``date-time`` only when an optional package is
installed, and the only format used is a timestamp archiver writes itself.
"""

from __future__ import annotations

import json
import reprlib
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema_rs

from archiver.errors import SchemaError

if TYPE_CHECKING:  # imported when a document fails: loading it costs 0.1 s a command
    from jsonschema import Draft202012Validator

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
def load(name: str) -> dict[str, Any]:
    """The schema ``name``, its local references inlined."""
    path = SCHEMA_DIR / f"{name}.schema.json"
    return inline_local_refs(json.loads(path.read_text(encoding="utf-8")))


@cache
def validator(name: str) -> Draft202012Validator:
    """The reference validator, which names every violation."""
    # the schemas themselves are checked against the 2020-12 meta-schema by the tests
    # (tests/test_schemas.py), not on every run: that check alone costs 0.1 s
    from jsonschema import Draft202012Validator

    return Draft202012Validator(load(name))


@cache
def _compiled(name: str) -> Any:
    return jsonschema_rs.Draft202012Validator(load(name), validate_formats=False)


def _pointer(path: Any) -> str:
    return "/" + "/".join(str(p) for p in path)


_SHORT = reprlib.Repr()
_SHORT.maxstring, _SHORT.maxother, _SHORT.maxlist, _SHORT.maxdict, _SHORT.maxlevel = (
    60, 60, 3, 3, 2)


def _cut(message: str, most: int = 300) -> str:
    """A message that quotes no value of ours to cut: cut as a whole."""
    return message if len(message) <= most else message[:most - 1] + "…"


def _message(error: Any) -> str:
    """The validator's message with the value it quotes cut short: a record's whole body
    quoted in one line of a report buries the report."""
    whole = repr(error.instance)
    if len(whole) <= 80 or whole not in error.message:
        return error.message
    return error.message.replace(whole, _SHORT.repr(error.instance), 1)


def errors(name: str, document: Any) -> list[str]:
    """Every violation as ``/json/pointer: message``, in a stable order."""
    if _compiled(name).is_valid(document):
        return []
    found = [f"{_pointer(e.absolute_path)}: {_message(e)}"
             for e in validator(name).iter_errors(document)]
    if not found:  # the two implementations disagree: the stricter one is right
        found = [f"{_pointer(e.instance_path)}: {_cut(e.message)}"
                 for e in _compiled(name).iter_errors(document)]
    return sorted(found)


def validate(name: str, document: Any, path: str | None = None) -> None:
    problems = errors(name, document)
    if problems:
        raise SchemaError(f"{name} does not match schemas/{name}.schema.json: "
                          + "; ".join(problems[:5]), path=path)
