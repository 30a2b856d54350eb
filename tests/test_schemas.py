"""The JSON Schemas in schemas/ are valid 2020-12 schemas, and they reject what they should."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from archiver import schema

SCHEMAS = sorted((Path(__file__).parents[1] / "schemas").glob("*.schema.json"))


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_every_schema_is_a_valid_2020_12_schema(path: Path) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(document)


def test_inlining_local_refs_keeps_the_meaning() -> None:
    inlined = schema.inline_local_refs({"$defs": {"a": {"type": "integer"}},
                                        "properties": {"x": {"$ref": "#/$defs/a"}}})
    assert inlined["properties"]["x"] == {"type": "integer"}


def test_a_record_with_a_bad_block_is_rejected_with_its_pointer() -> None:
    problems = schema.errors("record", {"blocks": [{"type": "heading", "text": "x"}]})
    assert any(p.startswith("/blocks/0") for p in problems)  # a heading needs a level
    assert any(p.startswith("/: 'id' is a required property") or "'id'" in p for p in problems)


def test_the_verify_report_schema_accepts_an_empty_report() -> None:
    empty = {"citations": [], "summary": {"verified": 0, "mismatch": 0, "not_found": 0,
                                          "unresolved": 0, "ambiguous": 0, "total": 0}}
    assert schema.errors("verify-report", empty) == []
