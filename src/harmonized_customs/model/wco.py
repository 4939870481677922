"""WCO Data Model IDs of the core models' elements, found through their JSON Schemas.

Every field of the models names its WCO element in the schema (``x-wco-id``); parties carry
the IDs of their role's name and identifier (``x-wco-party``). This module answers "which WCO
element is at this pointer" for any document model, so every finding can name its element.

The document models whose schema is published (``schemas/*.schema.json``, kept current by the
test suite) are answered from that file: generating a schema from the model takes hundreds of
milliseconds, which the first issue of a one-file ``check`` would otherwise pay.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from importlib import resources
from typing import Any

from pydantic import BaseModel

from harmonized_customs.model.cargo_report import CargoReport
from harmonized_customs.model.declaration import Declaration

__all__ = ["wco_id_for_pointer"]


_PUBLISHED: dict[type[BaseModel], str] = {
    Declaration: "declaration",
    CargoReport: "cargo-report",
}
"""The models whose JSON Schema ships in ``schemas/`` (generated from them by ``model.schema``)."""


@functools.cache
def _schema(model: type[BaseModel]) -> Mapping[str, Any]:
    name = _PUBLISHED.get(model)
    if name is not None:
        path = resources.files("harmonized_customs").joinpath("schemas", f"{name}.schema.json")
        published: Mapping[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return published
    schema: Mapping[str, Any] = model.model_json_schema()
    return schema


def _resolve(schema: Mapping[str, Any], node: Mapping[str, Any]) -> Mapping[str, Any]:
    """Follow ``$ref`` and single-branch ``anyOf`` (optional fields) to the object schema."""
    while True:
        if "$ref" in node:
            name = str(node["$ref"]).rsplit("/", 1)[-1]
            node = schema["$defs"][name]
            continue
        branches = [b for b in node.get("anyOf", []) if b.get("type") != "null"]
        if len(branches) == 1:
            node = branches[0]
            continue
        return node


_INDEX = re.compile(r"/[0-9]+(?=/|$)")
"""A list index in a JSON pointer: every index of a list leads to the same element."""


def wco_id_for_pointer(pointer: str, model: type[BaseModel] | None = None) -> str | None:
    """The WCO Data Model ID of the element at ``pointer`` in ``model``, if it has one.

    ``model`` is the document's model (the goods declaration by default). Party names and
    identifiers take the ID of their role: ``/importer/name`` is R037,
    ``/importer/identifiers/0/value`` is R038.
    """
    return _wco_id(_INDEX.sub("/0", pointer), model or Declaration)


@functools.lru_cache(maxsize=4096)
def _wco_id(pointer: str, model: type[BaseModel]) -> str | None:
    """:func:`wco_id_for_pointer` of a pointer whose list indexes are all ``0`` (cached)."""
    schema = _schema(model)
    node: Mapping[str, Any] = schema
    found: str | None = None
    party: Mapping[str, str] | None = None
    parts = [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]]
    for part in parts:
        node = _resolve(schema, node)
        if part.isdigit() and "items" in node:
            node = node["items"]
            continue
        props = node.get("properties", {})
        if part not in props:
            return found
        node = props[part]
        found = node.get("x-wco-id", found)
        if party is not None and part in party:
            found = party[part]
            party = None
        elif "x-wco-party" in node:
            party = node["x-wco-party"]
    return found
