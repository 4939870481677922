"""The field table of the ``ca-cad`` format and the JSON Schema generated from it.

``data/cad_fields.csv`` is the one description of the format: for every field its JSON
pointer in a CAD document, its type and pattern, whether it is required, its B3-3 field number
(Memorandum D17-1-10), its box on the CBSA exception CAD form BSF945, its English and French
labels (``label_fr_source`` says whether the French label is printed on the bilingual B3-3
form or is ours), the core-model pointers it maps to, and notes. The schema, the reader's
issue locations and the documentation table are all built from it.

The committed schema is ``schemas/ca-cad.schema.json``; a test fails when it differs from
what :func:`cad_schema` builds. Regenerate it with::

    python -m harmonized_customs.countries.ca.cad_schema \
        > src/harmonized_customs/schemas/ca-cad.schema.json
"""

from __future__ import annotations

import csv
import functools
import io
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from harmonized_customs.model._base import DECIMAL_PATTERN, NON_NEGATIVE_DECIMAL_PATTERN

__all__ = [
    "FORMAT_VERSION",
    "SCHEMA_ID",
    "CadField",
    "cad_fields",
    "cad_schema",
    "cad_schema_text",
    "field_for",
    "published_schema",
]

FORMAT_VERSION = "1.0"
SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = f"urn:harmonized-customs:schema:ca-cad:{FORMAT_VERSION}"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
LINE_DEPENDENCIES = {"quantity": ["unit_of_measure"], "unit_of_measure": ["quantity"]}
"""A quantity is only meaningful with its unit, and the other way round."""


@dataclass(frozen=True)
class CadField:
    """One row of ``data/cad_fields.csv``."""

    pointer: str
    type: str
    pattern: str
    required: bool
    b3_field: int | None
    cad_box: int | None
    label_en: str
    label_fr: str
    label_fr_source: str
    core: tuple[str, ...]
    notes: str

    @property
    def parent(self) -> str:
        """The pointer of the object holding this field (``*`` marks array items)."""
        parent = self.pointer.rsplit("/", 1)[0]
        return parent.removesuffix("/*")

    @property
    def key(self) -> str:
        """The field's name in its object."""
        return self.pointer.rsplit("/", 1)[1]


def _number(text: str) -> int | None:
    return int(text) if text else None


@functools.cache
def cad_fields() -> tuple[CadField, ...]:
    """Every field of the format, in document order."""
    path = resources.files("harmonized_customs.countries.ca").joinpath("data", "cad_fields.csv")
    rows = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))
    return tuple(
        CadField(
            pointer=row["pointer"],
            type=row["type"],
            pattern=row["pattern"],
            required=row["required"] == "yes",
            b3_field=_number(row["b3_field"]),
            cad_box=_number(row["cad_box"]),
            label_en=row["label_en"],
            label_fr=row["label_fr"],
            label_fr_source=row["label_fr_source"],
            core=tuple(row["core"].split()),
            notes=row["notes"],
        )
        for row in rows
    )


@functools.cache
def _by_pointer() -> dict[str, CadField]:
    return {f.pointer: f for f in cad_fields()}


def field_for(pointer: str) -> CadField | None:
    """The field of a CAD pointer (array indices written as numbers), or its nearest parent."""
    parts = ["*" if part.isdigit() else part for part in pointer.split("/")[1:]]
    by_pointer = _by_pointer()
    while parts:
        candidate = "/" + "/".join(parts)
        if candidate in by_pointer:
            return by_pointer[candidate]
        parts.pop()
    return None


_ADDRESS: dict[str, Any] = {
    "type": "object",
    "title": "Address",
    "x-label-fr": "Adresse",
    "additionalProperties": False,
    "required": ["country"],
    "properties": {
        "lines": {
            "type": "array",
            "maxItems": 4,
            "items": {"type": "string"},
        },
        "city": {"type": "string", "maxLength": 70},
        "subdivision": {"type": "string", "pattern": "^[A-Z]{2}-[A-Z0-9]{1,3}$"},
        "postal_code": {"type": "string", "maxLength": 17},
        "country": {"type": "string", "pattern": "^[A-Z]{2}$"},
    },
}


def _object() -> dict[str, Any]:
    return {"type": "object", "additionalProperties": False, "properties": {}}


_SIMPLE: dict[str, dict[str, Any]] = {
    "integer": {"type": "integer", "minimum": 1},
    "date": {"type": "string", "pattern": DATE_PATTERN},
    "amount": {"type": "string", "pattern": DECIMAL_PATTERN},
    "quantity": {"type": "string", "pattern": NON_NEGATIVE_DECIMAL_PATTERN},
    "address": {"$ref": "#/$defs/address"},
}
"""Value schemas of the types that take no argument (objects and arrays are built)."""


def _value_schema(field: CadField) -> dict[str, Any]:
    kind, _, argument = field.type.partition(":")
    string: dict[str, Any] = {"type": "string"}
    if field.pattern:
        string["pattern"] = field.pattern
    if kind == "const":
        return {"const": argument}
    if kind == "text":
        return {"type": "string", "maxLength": int(argument)}
    if kind == "enum":
        return {"type": "string", "enum": argument.split("|")}
    if kind == "object":
        return _object()
    if kind == "array":
        items = _object() if argument == "object" else string
        return {"type": "array", "minItems": 1, "items": items}
    return dict(_SIMPLE.get(kind, string))


def _annotations(field: CadField) -> dict[str, Any]:
    notes: dict[str, Any] = {"title": field.label_en, "x-label-fr": field.label_fr}
    if field.b3_field is not None:
        notes["x-b3-field"] = field.b3_field
    if field.cad_box is not None:
        notes["x-cad-box"] = field.cad_box
    if field.core:
        notes["x-core"] = list(field.core)
    if field.notes:
        notes["description"] = field.notes
    return notes


def _object_at(root: dict[str, Any], objects: dict[str, dict[str, Any]], pointer: str) -> Any:
    return root if pointer == "" else objects[pointer]


def cad_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a ``ca-cad`` document."""
    root = _object()
    objects: dict[str, dict[str, Any]] = {}
    for field in cad_fields():
        holder = _object_at(root, objects, field.parent)
        schema = {**_annotations(field), **_value_schema(field)}
        holder["properties"][field.key] = schema
        if field.required:
            holder.setdefault("required", []).append(field.key)
        if schema.get("type") == "object":
            objects[field.pointer] = schema
        elif schema.get("type") == "array" and schema["items"].get("type") == "object":
            objects[field.pointer] = schema["items"]
    objects["/sub_headers/*/lines"]["dependentRequired"] = LINE_DEPENDENCIES
    return {
        "$schema": SCHEMA_URI,
        "$id": SCHEMA_ID,
        "title": "CBSA commercial accounting declaration (ca-cad rendering)",
        "description": (
            "harmonized_customs' documented JSON rendering of the public data elements of "
            "the CBSA commercial accounting declaration (CAD) and of the B3-3 coding form. "
            "It is not CBSA's EDI/API message (ECCRD chapters 24 and 26, given on request)."
        ),
        **root,
        "$defs": {"address": _ADDRESS},
    }


def cad_schema_text() -> str:
    """The generated schema as the canonical text of the committed file."""
    return json.dumps(cad_schema(), indent=2, ensure_ascii=False) + "\n"


@functools.cache
def published_schema() -> dict[str, Any]:
    """The committed schema file shipped with the package."""
    path = resources.files("harmonized_customs").joinpath("schemas", "ca-cad.schema.json")
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


if __name__ == "__main__":
    print(cad_schema_text(), end="")
