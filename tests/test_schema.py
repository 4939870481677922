"""The published JSON Schema of core-json: up to date, valid draft 2020-12, WCO-annotated."""

from __future__ import annotations

import re
from collections.abc import Iterator
from importlib import resources
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from harmonized_customs.model.schema import (
    SCHEMA_ID,
    SCHEMA_URI,
    declaration_schema,
    declaration_schema_text,
    published_schema,
)
from harmonized_customs.model.wco import wco_id_for_pointer

REGENERATE = (
    "the committed schema is out of date; regenerate it with "
    "`python -m harmonized_customs.model.schema > "
    "src/harmonized_customs/schemas/declaration.schema.json`"
)


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return published_schema()


def _wco_ids(node: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every (schema path, x-wco-id) in the schema, x-wco-party IDs included."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "x-wco-id":
                yield path, value
            elif key == "x-wco-party":
                for role, wco_id in value.items():
                    yield f"{path}/x-wco-party/{role}", wco_id
            else:
                yield from _wco_ids(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _wco_ids(value, f"{path}/{index}")


def test_committed_schema_is_up_to_date(schema: dict[str, Any]) -> None:
    assert schema == declaration_schema(), REGENERATE


def test_committed_schema_text_is_the_generated_text() -> None:
    path = resources.files("harmonized_customs").joinpath("schemas", "declaration.schema.json")
    assert path.read_text(encoding="utf-8") == declaration_schema_text(), REGENERATE


def test_schema_is_valid_draft_2020_12(schema: dict[str, Any]) -> None:
    Draft202012Validator.check_schema(schema)


def test_schema_has_id_and_dialect(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == SCHEMA_URI == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == SCHEMA_ID
    assert schema["$id"].startswith("urn:harmonized-customs:schema:declaration:")
    assert schema["properties"]["schema_version"]["const"] == "1.0"


def test_schema_forbids_unknown_fields_everywhere(schema: dict[str, Any]) -> None:
    objects = [schema, *schema["$defs"].values()]
    assert all(node.get("additionalProperties") is False for node in objects)


def test_wco_annotations_of_key_elements(schema: dict[str, Any]) -> None:
    defs = schema["$defs"]
    importer = schema["properties"]["importer"]
    assert importer["x-wco-id"] == "74A"
    assert importer["x-wco-party"] == {"name": "R037", "identifiers": "R038"}
    assert defs["Classification"]["properties"]["hs6"]["x-wco-id"] == "145"
    assert defs["GoodsItem"]["properties"]["origin_country"]["x-wco-id"] == "063"
    assert defs["Transport"]["properties"]["mode"]["x-wco-id"] == "T022"
    assert defs["Valuation"]["properties"]["incoterm"]["x-wco-id"] == "090"
    assert defs["Valuation"]["properties"]["currency"]["x-wco-id"] == "135"
    assert defs["Money"]["properties"]["currency"]["x-wco-id"] == "135"


def test_every_wco_id_is_well_formed(schema: dict[str, Any]) -> None:
    ids = list(_wco_ids(schema))
    assert len(ids) > 50
    malformed = [(p, wco_id) for p, wco_id in ids if not re.fullmatch(r"[0-9A-Z]{3,4}", wco_id)]
    assert malformed == []


@pytest.mark.parametrize(
    ("pointer", "expected"),
    [
        ("/importer/name", "R037"),
        ("/importer/identifiers/0/value", "R038"),
        ("/exporter/name", "R031"),
        ("/declarant/identifiers/1/value", "R004"),
        ("/exporter/identifiers/0/scheme", "R032"),
        ("/importer/identifiers/0/scheme", "R038"),
        ("/goods_items/3/classification/hs6", "145"),
        ("/goods_items/0/origin_country", "063"),
        ("/transport/mode", "T022"),
        ("/valuation/incoterm", "090"),
        ("/valuation/currency", "135"),
        ("/goods_items/0/value/currency", "135"),
        ("/certifications/0/goods/1/hs6", "145"),
        ("/no_such_field", None),
        ("", None),
    ],
)
def test_wco_id_for_pointer(pointer: str, expected: str | None) -> None:
    assert wco_id_for_pointer(pointer) == expected
