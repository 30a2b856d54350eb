"""The JSON Schemas in schemas/ are valid 2020-12 schemas, they reject what they should, and the
compiled validator that answers first agrees with the reference implementation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from archiver import schema

SCHEMAS = sorted((Path(__file__).parents[1] / "schemas").glob("*.schema.json"))


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_every_schema_is_a_valid_2020_12_schema(path: Path) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(document)


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_no_schema_names_a_key_twice(path: Path) -> None:
    """JSON parsers keep the last of two equal keys, stricter tools refuse the file: a
    property pasted twice is a defect either way."""
    def unique(pairs: list[tuple[str, object]]) -> dict[str, object]:
        names = [name for name, _ in pairs]
        assert len(names) == len(set(names)), sorted({n for n in names if names.count(n) > 1})
        return dict(pairs)

    json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=unique)


def test_inlining_local_refs_keeps_the_meaning() -> None:
    inlined = schema.inline_local_refs({"$defs": {"a": {"type": "integer"}},
                                        "properties": {"x": {"$ref": "#/$defs/a"}}})
    assert inlined["properties"]["x"] == {"type": "integer"}


def test_a_record_with_a_bad_block_is_rejected_with_its_pointer() -> None:
    problems = schema.errors("record", {"blocks": [{"type": "heading", "text": "x"}]})
    assert any(p.startswith("/blocks/0") for p in problems)  # a heading needs a level
    assert any(p.startswith("/: 'id' is a required property") or "'id'" in p for p in problems)


def test_a_record_missing_its_kind_is_told_so_in_short_lines() -> None:
    """A record whose "kind" was renamed by hand: the missing key is named, no rule that
    depends on the kind fires as well, and no line quotes the whole body."""
    record = json.loads(next(p for p in ARCHIVED if p.name == "record.json"
                             and json.loads(p.read_text(encoding="utf-8"))["blocks"]
                             ).read_text(encoding="utf-8"))
    record["kinx"] = record.pop("kind")
    record["blocks"] = record["blocks"] * 20
    problems = schema.errors("record", record)
    assert any("'kind' is a required property" in p for p in problems), problems
    assert not any(p.startswith(("/blocks", "/text", "/images")) for p in problems), problems
    assert max(len(p) for p in problems) < 400, problems


def test_an_image_missing_its_status_is_told_so_alone() -> None:
    """No rule that depends on an image's status fires when the status itself is missing:
    one renamed key, two problems that name it (not three more about asset, sha256 …)."""
    record = json.loads(next(
        p for p in ARCHIVED if p.name == "record.json"
        and any(i["status"] == "missing" for i in json.loads(p.read_text(encoding="utf-8"))
                ["images"])).read_text(encoding="utf-8"))
    at, image = next((k, i) for k, i in enumerate(record["images"]) if i["status"] == "missing")
    image["stauts"] = image.pop("status")
    assert schema.errors("record", record) == [
        f"/images/{at}: 'status' is a required property",
        f"/images/{at}: Additional properties are not allowed ('stauts' was unexpected)"]


def test_a_value_quoted_in_a_problem_is_cut_short() -> None:
    problems = schema.errors("record", {"title": ["x" * 5_000] * 50})
    title = [p for p in problems if p.startswith("/title")]
    assert title and all(len(p) < 300 for p in title), title
    assert "'xxxx" in title[0] and "..." in title[0]


def test_the_verify_report_schema_accepts_an_empty_report() -> None:
    empty = {"citations": [], "summary": {"verified": 0, "mismatch": 0, "not_found": 0,
                                          "unresolved": 0, "ambiguous": 0, "total": 0}}
    assert schema.errors("verify-report", empty) == []


@pytest.mark.parametrize(("published", "valid"), [
    ("2020-08-04T18:00:00+08:00", True), ("2020-08-04", True), ("2020-08", True),
    ("2020", True), (None, True),
    ("2020-8", False), ("20", False), ("2020-08-04T18:00", False), ("2020-08-04 18:00:00", False)])
def test_a_publish_time_is_iso_8601_as_precise_as_it_is_known(published, valid) -> None:
    """A date-time carries its offset; a date, a month or a year alone is kept as precise as
    the source gave it (a day is never made up)."""
    record = {"published": published}
    problems = [p for p in schema.errors("record", record) if p.startswith("/published")]
    assert (problems == []) is valid
    assert (not [e for e in reference_errors("record", record)
                 if list(e.absolute_path) == ["published"]]) is valid


# --- the compiled validator and the reference implementation agree -----------------------------

ARCHIVED = sorted(p for p in (Path(__file__).parents[1] / "archive").rglob("*.json")
                  if p.name in ("record.json", "provenance.json") and "content" in p.parts)


def reference_errors(name: str, document: object) -> list:
    return list(schema.validator(name).iter_errors(document))


def test_every_archived_record_and_provenance_is_valid_to_both_validators() -> None:
    assert len(ARCHIVED) >= 12
    for path in ARCHIVED:
        name = path.stem
        document = json.loads(path.read_bytes())
        assert schema.errors(name, document) == [] and reference_errors(name, document) == []


ANY_JSON = st.recursive(st.none() | st.booleans() | st.integers(-3, 3) | st.text(max_size=4),
                        lambda inner: st.lists(inner, max_size=3)
                        | st.dictionaries(st.sampled_from(["id", "type", "text", "level", "x"]),
                                          inner, max_size=3), max_leaves=6)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(ARCHIVED), st.data())
def test_a_damaged_document_is_judged_alike_by_both_validators(path: Path, data) -> None:
    """Replace, remove or add one value anywhere in a real record: whatever the change, the
    fast answer (valid or not) is the reference implementation's."""
    document = json.loads(path.read_bytes())
    node = document
    while isinstance(node, (dict, list)) and node and data.draw(st.booleans()):
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        child = node[data.draw(st.sampled_from(keys))]
        if not isinstance(child, (dict, list)) or not child:
            break
        node = child
    if isinstance(node, dict) and node:
        key = data.draw(st.sampled_from(sorted(node)))
        action = data.draw(st.sampled_from(["replace", "remove", "add"]))
        if action == "replace":
            node[key] = data.draw(ANY_JSON)
        elif action == "remove":
            del node[key]
        else:
            node[data.draw(st.text(min_size=1, max_size=6))] = data.draw(ANY_JSON)
    elif isinstance(node, list) and node:
        node[data.draw(st.integers(0, len(node) - 1))] = data.draw(ANY_JSON)
    found = schema.errors(path.stem, document)
    assert bool(found) == bool(reference_errors(path.stem, document)), found
